// Where an output path leads, decided before anything runs: a regular file (or a new path) is
// written atomically, through any symlinks to their final target; a character device, FIFO or
// socket is written in place and never replaced; "-" (or the very file, pipe or socket that is
// standard output) is standard output. And which file a path names, so an output can be compared
// with the inputs and the other outputs of the same command.
#pragma once

#include <string>

#include <sys/types.h>

namespace report {

// The file a path names: device and inode when it exists, else its normalised absolute path
// (symlinks in it followed as far as they lead).
struct FileId {
  bool exists = false;
  dev_t dev = 0;
  ino_t ino = 0;
  mode_t type = 0;  // S_IFREG, S_IFCHR, ... when it exists
  std::string normalised;
  bool operator==(const FileId& o) const {
    return exists == o.exists && (exists ? dev == o.dev && ino == o.ino : normalised == o.normalised);
  }
};
FileId identify(const std::string& path);

struct OutputTarget {
  enum class Kind { file, device, standard_output };
  Kind kind = Kind::file;
  std::string path;      // as given, for messages
  std::string resolved;  // file: the path written atomically (symlinks followed); device: the path to open
  FileId id;
};

// Resolves an output path. Throws OutputError for an empty path, a directory, a block device, or
// the file that is this command's standard error.
OutputTarget resolve_output(const std::string& path);

}  // namespace report
