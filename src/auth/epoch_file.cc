#include "auth/epoch_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fastscim::auth {

namespace {

// A whole cache line: nothing else shares it.
constexpr size_t kFileSize = 64;
static_assert(std::atomic<uint64_t>::is_always_lock_free, "the counter is shared between processes");

}  // namespace

EpochFile::EpochFile(const std::string& path, std::string* why) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    if (why) *why = "cannot open " + path + ": " + std::strerror(errno);
    return;
  }
  struct stat st {};
  // Growing a file that is already this size writes nothing; a new file's
  // zero bytes are a counter at 0.
  bool sized = ::fstat(fd, &st) == 0 &&
               (st.st_size >= static_cast<off_t>(kFileSize) || ::ftruncate(fd, static_cast<off_t>(kFileSize)) == 0);
  void* memory = sized ? ::mmap(nullptr, kFileSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) : MAP_FAILED;
  int saved = errno;
  ::close(fd);  // the mapping stays
  if (memory == MAP_FAILED) {
    if (why) *why = "cannot map " + path + ": " + std::strerror(saved);
    return;
  }
  counter_ = static_cast<std::atomic<uint64_t>*>(memory);
}

EpochFile::~EpochFile() {
  if (counter_) ::munmap(static_cast<void*>(counter_), kFileSize);
}

uint64_t EpochFile::read() const { return counter_ ? counter_->load(std::memory_order_acquire) : 0; }

void EpochFile::bump() {
  if (counter_) counter_->fetch_add(1, std::memory_order_acq_rel);
}

}  // namespace fastscim::auth
