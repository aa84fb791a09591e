#include "app/allocator.h"

#include <limits.h>
#include <unistd.h>

#include <cstdlib>

namespace fastscim::app {

void tune_allocator(char** argv) {
  if (std::getenv("GLIBC_TUNABLES") != nullptr || std::getenv("GATEWAY_INTERFACE") != nullptr) return;
  // The binary's own path, not /proc/self/exe: the kernel names a process
  // after the file it executed, and tools find fastscimd by that name.
  char path[PATH_MAX];
  ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
  if (length <= 0) return;
  path[length] = '\0';
  if (setenv("GLIBC_TUNABLES", kAllocatorTunables, 1) != 0) return;
  execv(path, argv);
  unsetenv("GLIBC_TUNABLES");  // the binary was replaced or removed: run on as started
}

}  // namespace fastscim::app
