#include "report/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

namespace report {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  if (path_.empty()) throw OutputError("output path is empty");
  temp_ = fmt::format("{}.tmp.{}", path_, static_cast<long>(::getpid()));
  // O_EXCL: never write through a stale temporary or a symlink someone left there.
  const int fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw OutputError(fmt::format("{}: cannot create: {}", path_, std::strerror(errno)));
  file_ = ::fdopen(fd, "wb");
  if (!file_) {
    const int e = errno;
    ::close(fd);
    ::unlink(temp_.c_str());
    throw OutputError(fmt::format("{}: cannot create: {}", path_, std::strerror(e)));
  }
}

AtomicFile::AtomicFile(AtomicFile&& o) noexcept
    : path_(std::move(o.path_)), temp_(std::move(o.temp_)), file_(std::exchange(o.file_, nullptr)),
      committed_(std::exchange(o.committed_, true)) {}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::discard() noexcept {
  if (file_) {
    std::fclose(file_);
    file_ = nullptr;
    ::unlink(temp_.c_str());
  }
}

void AtomicFile::fail(const std::string& what) {
  const int e = errno;
  discard();
  throw OutputError(fmt::format("{}: {}: {}", path_, what, std::strerror(e)));
}

void AtomicFile::write(std::string_view text) {
  if (!file_) throw OutputError(fmt::format("{}: write after commit", path_));
  if (!text.empty() && std::fwrite(text.data(), 1, text.size(), file_) != text.size()) fail("cannot write");
}

void AtomicFile::commit() {
  if (!file_) throw OutputError(fmt::format("{}: commit twice", path_));
  if (std::fflush(file_) != 0) fail("cannot write");
  if (::fsync(::fileno(file_)) != 0) fail("cannot sync");
  std::FILE* f = std::exchange(file_, nullptr);
  if (std::fclose(f) != 0) {
    const int e = errno;
    ::unlink(temp_.c_str());
    throw OutputError(fmt::format("{}: cannot write: {}", path_, std::strerror(e)));
  }
  if (::rename(temp_.c_str(), path_.c_str()) != 0) {
    const int e = errno;
    ::unlink(temp_.c_str());
    throw OutputError(fmt::format("{}: cannot rename into place: {}", path_, std::strerror(e)));
  }
  committed_ = true;
}

void write_file_atomically(const std::string& path, std::string_view content) {
  AtomicFile f(path);
  f.write(content);
  f.commit();
}

}  // namespace report
