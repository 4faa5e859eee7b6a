// The public documents behind the source tags the model cites ("seed 003", "DOCS
// security-azure-kms", "RAWSPEC", "PR #2544", "TF ab237ab5d", "CIREP", "api-errors"), so that
// `cmksim settings` and `cmksim actions` can print a link a user can open. docs/SOURCES.md is the
// same table for people, with the spec's sections (tests/ship check that both know every tag).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace report {

struct SourceLink {
  std::string tag;    // as cited: "seed 003", "PR #2544"
  std::string title;  // the document's title
  std::string url;    // a public URL
};

// The documents cited in `text`, in order of first citation, each once. Tags with no public
// document (spec sections, [inferred]) are not links and are left out.
std::vector<SourceLink> source_links(std::string_view text);

}  // namespace report
