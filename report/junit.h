// The verdicts of `cmksim run` as JUnit XML (`--junit FILE`), the report CI systems read: one
// <testsuite> per scenario file, one <testcase> per expectation and invariant, named by its
// description and classed by file:line:column; a failure carries the time, what was expected and
// what was seen.
//   <testsuites name="cmksim" tests="3" failures="1">
//     <testsuite name="s.yaml" tests="3" failures="1"> with the seed, events and end in <properties>
//       <testcase classname="s.yaml:31:7" name="cluster orders runState == RUNNING at 20m">
//         <failure message="at 0d 00:20:00 expected RUNNING, saw DISABLED_EAR" type="expectation">...</failure>
#pragma once

#include <string>
#include <vector>

#include "report/summary.h"

namespace report {

// The whole XML document (UTF-8, with the declaration and a final newline).
std::string junit_xml(const std::vector<RunSummary>& runs);

// `text` escaped for XML attribute values and character data; characters XML 1.0 cannot hold
// (control characters other than tab, newline, carriage return) become U+FFFD.
std::string xml_escape(const std::string& text);

}  // namespace report
