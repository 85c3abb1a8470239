#pragma once
// How the process keeps large image buffers. glibc maps every allocation
// over 32 MB afresh and returns it on free, so each new 2048 x 2048 K/S
// buffer of the dye lab (48 MB) is zero-filled page by page by the kernel:
// re-running a six-step plan spent three quarters of its time in page
// faults. Programs that re-render large images (the app, the CLI, the
// benchmarks) call this once at start so freed buffers are reused instead.

namespace canting::imaging {

// Keeps freed blocks up to 512 MB in the heap for reuse and trims the heap
// only past 1 GB. A no-op where the C library is not glibc.
void keepLargeBuffers();

}  // namespace canting::imaging
