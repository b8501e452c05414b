#pragma once
// Giving the memory a daemon cycle freed back to the system. The allocator is
// the binary's choice (controller/allocator.cpp, linked into `driftless` only:
// the test binaries and the sanitizer build keep their own malloc), so main()
// installs its release function; without one, glibc's malloc_trim.

namespace driftless::controller {

using ReleaseFreedMemory = void (*)();

// Called once by main() before anything else runs; nullptr restores the default.
void setReleaseFreedMemory(ReleaseFreedMemory release);

// Returns the pages the last cycle freed to the system (after each daemon cycle).
void releaseFreedMemory();

// For a process that runs one read-only cycle and exits (`driftless plan`): the
// allocator keeps freed pages for reuse a while instead of returning each at once
// (the daemon's and apply's choice, for their peak RSS). Installed by main() like
// the release function; without one, nothing.
using KeepFreedPages = void (*)();
void setKeepFreedPages(KeepFreedPages keep);
void keepFreedPages();

}  // namespace driftless::controller
