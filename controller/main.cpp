#include "controller/allocator.h"
#include "controller/cli/app.h"

int main(int argc, char** argv) {
  driftless::controller::configureAllocator();
  return driftless::cli::run(argc, argv);
}
