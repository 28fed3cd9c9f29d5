#include "util/files.hpp"

#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace patronage::util {

int create_private_file(const std::string& path, bool replace) {
  const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (replace ? O_TRUNC : O_EXCL);
  const int fd = ::open(path.c_str(), flags, k_private_file_mode);
  if (fd < 0) {
    return errno;
  }
  int error = 0;
  if (replace && ::fchmod(fd, k_private_file_mode) != 0) {
    error = errno;
  }
  ::close(fd);
  return error;
}

int ensure_private_file(const std::string& path) {
  const int error = create_private_file(path, false);
  return error == EEXIST ? 0 : error;
}

} // namespace patronage::util
