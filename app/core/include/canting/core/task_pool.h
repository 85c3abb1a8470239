#pragma once
// Long work (decoding a 24 MP photo, counting colours, encoding an export)
// runs on worker threads. A job returns its completion, a closure that is
// queued and run later on the UI thread by drain(): the one place per frame
// where background results touch the model. Jobs must not throw; the
// imaging layer returns errors as values, and a stray exception is caught
// and turned into a completion that reports it.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace canting::core {

class TaskPool {
 public:
  using Completion = std::function<void()>;
  using Job = std::function<Completion()>;

  explicit TaskPool(int threads = 2);
  ~TaskPool();
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  // `onException` runs on the UI thread with the message if the job threw.
  void run(Job job, std::function<void(const std::string&)> onException = {});
  // The same, ahead of every job still waiting: a first preview the user is
  // looking at must not wait behind a folder's thumbnails.
  void runFirst(Job job, std::function<void(const std::string&)> onException = {});
  // Runs the completions that are ready; returns how many ran.
  int drain();
  // Jobs submitted whose completion has not run yet.
  int pending() const;
  // Blocks until every submitted job has finished (completions not yet run).
  void waitIdle();

 private:
  void worker();
  void enqueue(Job job, std::function<void(const std::string&)> onException, bool first);

  mutable std::mutex m_mutex;
  std::condition_variable m_cv;
  std::condition_variable m_idle;
  std::deque<Job> m_jobs;
  std::vector<Completion> m_done;
  int m_running = 0;
  int m_pending = 0;
  bool m_stop = false;
  std::vector<std::thread> m_threads;
};

}  // namespace canting::core
