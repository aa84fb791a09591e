#include "util/shared_file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace fastscim::util {

namespace {

class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Held while the file is checked or made, so two processes starting at
// once agree on one table.
class FileLock {
 public:
  explicit FileLock(int fd) : fd_(fd) { set(F_WRLCK, F_SETLKW); }
  ~FileLock() { set(F_UNLCK, F_SETLK); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  void set(short type, int command) {
    struct flock lock {};
    lock.l_type = type;
    lock.l_whence = SEEK_SET;
    while (::fcntl(fd_, command, &lock) != 0 && errno == EINTR) {
    }
  }
  int fd_;
};

}  // namespace

void* map_shared_file(const std::string& path, size_t size, uint64_t magic, uint32_t version,
                      const std::function<bool(void* table)>& initialise, std::string* why) {
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (fd.get() < 0) {
    *why = "cannot open " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  FileLock locked(fd.get());
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) {
    *why = path + " is not a regular file of this user";
    return nullptr;
  }
  const bool fresh = st.st_size == 0;
  if (fresh && ::ftruncate(fd.get(), static_cast<off_t>(size)) != 0) {
    *why = "cannot size " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  if (!fresh && static_cast<size_t>(st.st_size) != size) {
    *why = path + " has another layout (another version of fastscimd?)";
    return nullptr;
  }
  void* memory = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd.get(), 0);
  if (memory == MAP_FAILED) {
    *why = "cannot map " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  auto* header = static_cast<SharedFileHeader*>(memory);
  if (header->magic == 0) {
    // New (zeroed by ftruncate), or its maker died before finishing: we hold
    // the file lock, so we make it again.
    std::memset(memory, 0, size);
    if (initialise && !initialise(memory)) {
      ::munmap(memory, size);
      *why = "cannot initialise the table in " + path;
      return nullptr;
    }
    header->version = version;
    header->size = static_cast<uint32_t>(size);
    __atomic_store_n(&header->magic, magic, __ATOMIC_RELEASE);
  } else if (header->magic != magic || header->version != version || header->size != size) {
    ::munmap(memory, size);
    *why = path + " has another layout (another version of fastscimd?)";
    return nullptr;
  }
  return memory;
}

}  // namespace fastscim::util
