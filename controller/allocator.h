#pragma once
// The malloc of the `driftless` binary (docs/performance.md, "Memory"), chosen
// by CMake's DRIFTLESS_ALLOCATOR. controller/allocator.cpp is compiled into the
// executable only, never into dl_controller: the test binaries and the
// sanitizer build keep their own malloc.

namespace driftless::controller {

// Sets the allocator's options and installs its release function for the daemon
// (controller/memory.h). First thing in main().
void configureAllocator();

}  // namespace driftless::controller
