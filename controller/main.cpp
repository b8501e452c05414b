#include "controller/cli/app.h"

int main(int argc, char** argv) {
  return driftless::cli::run(argc, argv);
}
