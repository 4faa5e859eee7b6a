#include "report/output_target.h"

#include <cerrno>
#include <filesystem>
#include <system_error>

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "report/atomic_file.h"

namespace report {
namespace {

namespace fs = std::filesystem;

// Follows symlinks at the last component of `path` (as the kernel would, up to 40 hops) and returns
// where they end: an existing non-link, or the path a dangling link points to.
std::string follow_links(std::string path) {
  for (int hop = 0; hop < 40; ++hop) {
    struct stat st{};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
    std::error_code ec;
    const fs::path to = fs::read_symlink(path, ec);
    if (ec) return path;
    path = to.is_absolute() ? to.string() : (fs::path(path).parent_path() / to).string();
  }
  return path;
}

bool same_inode(const struct stat& a, int fd) {
  struct stat b{};
  return ::fstat(fd, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

}  // namespace

FileId identify(const std::string& path) {
  FileId id;
  struct stat st{};
  if (::stat(path.c_str(), &st) == 0) {
    id.exists = true;
    id.dev = st.st_dev;
    id.ino = st.st_ino;
    id.type = st.st_mode & S_IFMT;
    return id;
  }
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::absolute(follow_links(path), ec), ec);
  id.normalised = p.lexically_normal().string();
  return id;
}

OutputTarget resolve_output(const std::string& path) {
  if (path.empty()) throw OutputError("output path is empty");
  OutputTarget t;
  t.path = path;
  if (path == "-") {
    t.kind = OutputTarget::Kind::standard_output;
    return t;
  }
  t.id = identify(path);
  t.resolved = path;
  struct stat st{};
  if (!t.id.exists || ::stat(path.c_str(), &st) != 0) {  // a new file, or a dangling symlink: create its target
    t.resolved = follow_links(path);
    return t;
  }
  if (S_ISDIR(st.st_mode)) throw OutputError(fmt::format("{}: is a directory", path));
  if (S_ISBLK(st.st_mode)) throw OutputError(fmt::format("{}: is a block device; refusing to write to it", path));
  // /dev/stdout and friends: a pipe, socket or redirected file that is already standard output.
  // A terminal or /dev/null is a device like any other.
  if (!S_ISCHR(st.st_mode) && same_inode(st, STDOUT_FILENO)) {
    t.kind = OutputTarget::Kind::standard_output;
    return t;
  }
  if (S_ISREG(st.st_mode) && same_inode(st, STDERR_FILENO))
    throw OutputError(fmt::format("{}: is this command's standard error; refusing to replace it", path));
  if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) {
    t.kind = OutputTarget::Kind::device;
    return t;
  }
  t.resolved = follow_links(path);
  return t;
}

}  // namespace report
