// OutputSet: every output file of one command, checked, opened and committed together.
//
// Each output is resolved as report/output_target.h says: a regular file or new path is written
// atomically (AtomicFile), a character device, FIFO or socket is written in place, "-" is standard
// output. Before anything runs, an output that is the same file as an input, or as another output
// (except a shared character device such as /dev/null), or a second standard output, is refused.
// commit() is all or nothing for the files: every temporary is completed first, then the devices
// and standard output are written, then the temporaries are renamed; a failed rename undoes the
// renames before it (older files come back from hard-link backups). Nothing is left behind.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/atomic_file.h"
#include "report/output_target.h"

namespace report {

struct OutputRequest {
  std::string label;  // how the command line named it ("--trace"): messages say which option
  std::string path;
};

class OutputSet {
 public:
  // Resolves and checks every output against each other and against `inputs` (the files the
  // command reads), then creates the temporaries and opens the devices, so a bad path fails here,
  // before any work. `standard_output` receives the output named "-" at commit. Throws OutputError.
  OutputSet(const std::vector<OutputRequest>& outputs, const std::vector<std::string>& inputs, std::ostream& standard_output);
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;
  ~OutputSet();

  // True when an output is standard output: the command then prints its own report on standard
  // error, so standard output carries that one document alone.
  bool has_standard_output() const;
  std::size_t size() const { return outputs_.size(); }
  const std::string& path(std::size_t i) const { return outputs_[i].target.path; }

  void write(std::size_t i, std::string_view text);  // appends to output i; throws OutputError
  void commit();                                     // all or nothing; throws OutputError
  void discard() noexcept;                           // write nothing, remove every temporary

 private:
  struct Output {
    std::string label;
    OutputTarget target;
    std::unique_ptr<AtomicFile> file;  // Kind::file
    int fd = -1;                       // Kind::device
    std::string buffer;                // Kind::device and standard_output: written at commit
  };
  void write_in_place(Output& o);
  void publish_all();
  std::vector<Output> outputs_;
  std::ostream& standard_output_;
};

}  // namespace report
