#include "canting/core/task_pool.h"

#include <exception>

namespace canting::core {

TaskPool::TaskPool(int threads) {
  for (int i = 0; i < std::max(1, threads); ++i) m_threads.emplace_back([this] { worker(); });
}

TaskPool::~TaskPool() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
    m_jobs.clear();
  }
  m_cv.notify_all();
  for (auto& t : m_threads) t.join();
}

void TaskPool::run(Job job, std::function<void(const std::string&)> onException) {
  enqueue(std::move(job), std::move(onException), false);
}

void TaskPool::runFirst(Job job, std::function<void(const std::string&)> onException) {
  enqueue(std::move(job), std::move(onException), true);
}

void TaskPool::enqueue(Job job, std::function<void(const std::string&)> onException, bool first) {
  Job guarded = [job = std::move(job), onException = std::move(onException)]() -> Completion {
    try {
      return job();
    } catch (const std::exception& e) {
      std::string what = e.what();
      return [onException, what] { if (onException) onException(what); };
    } catch (...) {
      return [onException] { if (onException) onException("unknown error"); };
    }
  };
  {
    std::lock_guard lock(m_mutex);
    if (first) m_jobs.push_front(std::move(guarded));
    else m_jobs.push_back(std::move(guarded));
    ++m_pending;
  }
  m_cv.notify_one();
}

void TaskPool::worker() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(m_mutex);
      m_cv.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
      if (m_stop) return;
      job = std::move(m_jobs.front());
      m_jobs.pop_front();
      ++m_running;
    }
    Completion done = job();
    {
      std::lock_guard lock(m_mutex);
      if (done) m_done.push_back(std::move(done));
      else --m_pending;
      --m_running;
    }
    m_idle.notify_all();
  }
}

int TaskPool::drain() {
  std::vector<Completion> ready;
  {
    std::lock_guard lock(m_mutex);
    ready.swap(m_done);
  }
  for (auto& c : ready) {
    c();
    std::lock_guard lock(m_mutex);
    --m_pending;
  }
  return int(ready.size());
}

int TaskPool::pending() const {
  std::lock_guard lock(m_mutex);
  return m_pending;
}

void TaskPool::waitIdle() {
  std::unique_lock lock(m_mutex);
  m_idle.wait(lock, [this] { return m_jobs.empty() && m_running == 0; });
}

}  // namespace canting::core
