#include "report/output_set.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <fmt/format.h>

#include "report/temporaries.h"

namespace report {
namespace {

using Kind = OutputTarget::Kind;

[[noreturn]] void fail(const std::string& path, const char* what, int e) {
  throw OutputError(fmt::format("{}: {}: {}", path, what, std::strerror(e)));
}

// A Unix socket is not opened but connected (stream first, then datagram).
int connect_socket(const std::string& path) {
  sockaddr_un a{};
  if (path.size() >= sizeof a.sun_path) throw OutputError(fmt::format("{}: socket path is too long", path));
  a.sun_family = AF_UNIX;
  std::memcpy(a.sun_path, path.c_str(), path.size() + 1);
  int e = 0;
  for (int type : {SOCK_STREAM, SOCK_DGRAM}) {
    const int fd = ::socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    if (fd < 0) fail(path, "cannot open", errno);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0) return fd;
    e = errno;
    ::close(fd);
    if (e != EPROTOTYPE) break;
  }
  fail(path, "cannot connect", e);
}

// Opens a device, FIFO or socket for writing where it is (a FIFO waits for its reader, as any
// writer would).
int open_in_place(const OutputTarget& t) {
  if (t.id.type == S_IFSOCK) return connect_socket(t.resolved);
  const int fd = ::open(t.resolved.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) fail(t.path, "cannot open", errno);
  return fd;
}

// The reason two outputs, or an output and an input, may not be the same file; empty when they may.
std::string conflict(const OutputTarget& a, const OutputTarget& b) {
  if (a.kind == Kind::standard_output && b.kind == Kind::standard_output) return "both are standard output";
  if (a.kind == Kind::standard_output || b.kind == Kind::standard_output) return "";
  if (!(a.id == b.id)) return "";
  if (a.kind == Kind::device && a.id.type == S_IFCHR) return "";  // /dev/null twice is fine
  return "they are the same file";
}

// A hard link to the file a rename is about to replace, so the rename can be undone.
struct Backup {
  bool existed = false;  // a regular file was there
  std::string path;      // the link; empty when none was made (no old file, or link() refused)
  int slot = -1;
};

Backup back_up(const std::string& target) {
  Backup b;
  struct stat st{};
  b.existed = ::lstat(target.c_str(), &st) == 0 && S_ISREG(st.st_mode);
  if (!b.existed) return b;
  b.path = fmt::format("{}.old.{}", target, static_cast<long>(::getpid()));
  b.slot = register_temporary(b.path);
  if (::link(target.c_str(), b.path.c_str()) != 0) {
    unregister_temporary(std::exchange(b.slot, -1));
    b.path.clear();
  }
  return b;
}

// Undoes the rename onto `target`: the old file back from its link, or a new file removed. An
// old file that could not be linked stays replaced (nothing better is left).
void restore(Backup& b, const std::string& target) {
  if (!b.path.empty()) {
    if (::rename(b.path.c_str(), target.c_str()) == 0) {
      unregister_temporary(std::exchange(b.slot, -1));
      b.path.clear();
    }
  } else if (!b.existed) {
    ::unlink(target.c_str());
  }
}

void drop(Backup& b) {
  if (b.path.empty()) return;
  ::unlink(b.path.c_str());
  unregister_temporary(std::exchange(b.slot, -1));
  b.path.clear();
}

}  // namespace

OutputSet::OutputSet(const std::vector<OutputRequest>& outputs, const std::vector<std::string>& inputs,
                     std::ostream& standard_output)
    : standard_output_(standard_output) {
  outputs_.reserve(outputs.size());
  for (const OutputRequest& rq : outputs) {
    Output o{rq.label, resolve_output(rq.path), nullptr, -1, {}};
    for (const Output& earlier : outputs_)
      if (const std::string why = conflict(earlier.target, o.target); !why.empty())
        throw OutputError(fmt::format("{} {} and {} {}: {}; give each output its own file", earlier.label, earlier.target.path,
                                      o.label, o.target.path, why));
    for (const std::string& in : inputs)
      if (o.target.kind != Kind::standard_output && in != "-" && identify(in) == o.target.id)
        throw OutputError(fmt::format("{} {}: is the input file {}; refusing to overwrite an input", o.label, o.target.path, in));
    outputs_.push_back(std::move(o));
  }
  for (Output& o : outputs_) {  // after every check: nothing is created for a refused command
    if (o.target.kind == Kind::file) o.file = std::make_unique<AtomicFile>(o.target.path, o.target.resolved);
    if (o.target.kind == Kind::device) o.fd = open_in_place(o.target);
  }
}

OutputSet::~OutputSet() { discard(); }

bool OutputSet::has_standard_output() const {
  for (const Output& o : outputs_)
    if (o.target.kind == Kind::standard_output) return true;
  return false;
}

void OutputSet::write(std::size_t i, std::string_view text) {
  Output& o = outputs_.at(i);
  if (o.file)
    o.file->write(text);
  else
    o.buffer.append(text);
}

void OutputSet::discard() noexcept {
  for (Output& o : outputs_) {
    if (o.file) o.file->discard();
    if (o.fd >= 0) ::close(std::exchange(o.fd, -1));
    o.buffer.clear();
  }
}

// Writes the buffer of a device or standard output. SIGPIPE is ignored meanwhile, so a reader that
// went away is an error message (EPIPE), not a silent death.
void OutputSet::write_in_place(Output& o) {
  if (o.target.kind == Kind::standard_output) {
    standard_output_.write(o.buffer.data(), static_cast<std::streamsize>(o.buffer.size()));
    standard_output_.flush();
    if (!standard_output_) throw OutputError(fmt::format("{}: cannot write to standard output", o.target.path));
    return;
  }
  const auto old = std::signal(SIGPIPE, SIG_IGN);
  std::size_t done = 0;
  while (done < o.buffer.size()) {
    const ssize_t n = ::write(o.fd, o.buffer.data() + done, o.buffer.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int e = n < 0 ? errno : EIO;
      std::signal(SIGPIPE, old);
      fail(o.target.path, "cannot write", e);
    }
    done += static_cast<std::size_t>(n);
  }
  std::signal(SIGPIPE, old);
  const int fd = std::exchange(o.fd, -1);
  if (::close(fd) != 0) fail(o.target.path, "cannot write", errno);
}

void OutputSet::commit() {
  try {
    for (Output& o : outputs_)
      if (o.file) o.file->finish();  // every file complete on disk before anything becomes visible
    for (Output& o : outputs_)
      if (!o.file) write_in_place(o);  // cannot be taken back: after the files are safe, before any rename
    publish_all();
  } catch (...) {
    discard();
    throw;
  }
}

// Renames every temporary into place. An existing file is first hard-linked to a backup name, so
// if a later rename fails the earlier ones are undone: old files come back, new ones go.
void OutputSet::publish_all() {
  std::vector<Backup> backups;
  for (const Output& o : outputs_) backups.push_back(o.file ? back_up(o.file->target()) : Backup{});
  for (std::size_t i = 0; i < outputs_.size(); ++i) {
    if (!outputs_[i].file) continue;
    try {
      outputs_[i].file->publish();
    } catch (...) {
      for (std::size_t j = 0; j < i; ++j)
        if (outputs_[j].file) restore(backups[j], outputs_[j].file->target());
      for (Backup& b : backups) drop(b);
      throw;
    }
  }
  for (Backup& b : backups) drop(b);
}

}  // namespace report
