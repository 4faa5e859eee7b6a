#include "report/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "report/temporaries.h"

namespace report {

AtomicFile::AtomicFile(std::string path, std::string target) : path_(std::move(path)), target_(std::move(target)) {
  if (path_.empty()) throw OutputError("output path is empty");
  if (target_.empty()) target_ = path_;
  // Renaming over anything but a regular file would replace it: a device node, a FIFO, a link.
  struct stat st{};
  if (::lstat(target_.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
    throw OutputError(fmt::format("{}: not a regular file; refusing to replace it", path_));
  temp_ = fmt::format("{}.tmp.{}", target_, static_cast<long>(::getpid()));
  slot_ = register_temporary(temp_);
  // O_EXCL: never write through a stale temporary or a symlink someone left there.
  const int fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int e = errno;
    unregister_temporary(std::exchange(slot_, -1));
    throw OutputError(fmt::format("{}: cannot create: {}", path_, std::strerror(e)));
  }
  file_ = ::fdopen(fd, "wb");
  if (!file_) {
    const int e = errno;
    ::close(fd);
    ::unlink(temp_.c_str());
    unregister_temporary(std::exchange(slot_, -1));
    throw OutputError(fmt::format("{}: cannot create: {}", path_, std::strerror(e)));
  }
}

AtomicFile::AtomicFile(AtomicFile&& o) noexcept
    : path_(std::move(o.path_)), target_(std::move(o.target_)), temp_(std::move(o.temp_)),
      file_(std::exchange(o.file_, nullptr)), finished_(std::exchange(o.finished_, false)),
      committed_(std::exchange(o.committed_, true)), slot_(std::exchange(o.slot_, -1)) {}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::discard() noexcept {
  if (file_) std::fclose(std::exchange(file_, nullptr));
  if (slot_ >= 0) {  // the temporary exists (open or finished) and was not renamed
    ::unlink(temp_.c_str());
    unregister_temporary(std::exchange(slot_, -1));
  }
  finished_ = false;
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

void AtomicFile::finish() {
  if (!file_) throw OutputError(fmt::format("{}: commit twice", path_));
  if (std::fflush(file_) != 0) fail("cannot write");
  if (::fsync(::fileno(file_)) != 0) fail("cannot sync");
  if (std::fclose(std::exchange(file_, nullptr)) != 0) fail("cannot write");
  finished_ = true;
}

void AtomicFile::publish() {
  if (!finished_) throw OutputError(fmt::format("{}: publish before finish", path_));
  if (::rename(temp_.c_str(), target_.c_str()) != 0) fail("cannot rename into place");
  unregister_temporary(std::exchange(slot_, -1));
  finished_ = false;
  committed_ = true;
}

void AtomicFile::commit() {
  finish();
  publish();
}

void write_file_atomically(const std::string& path, std::string_view content) {
  AtomicFile f(path);
  f.write(content);
  f.commit();
}

}  // namespace report
