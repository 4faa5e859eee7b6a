#include "report/junit.h"

#include <fmt/format.h>

#include "sim/duration_text.h"

namespace report {

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default:
        if (c < 0x20 || c == 0x7f) out += "\xEF\xBF\xBD";
        else out += ch;
    }
  }
  return out;
}

namespace {

// One <testcase>; a failed verdict gets a <failure> with the time, the expected and the seen value.
std::string testcase(const Verdict& v) {
  const std::string head = fmt::format("    <testcase classname=\"{}\" name=\"{}\"", xml_escape(location(v.file, v.line, v.column)),
                                       xml_escape(v.description));
  if (v.passed) return head + "/>\n";
  const std::string message = fmt::format("at {} expected {}, saw {}", sim::format_time(v.at), v.expected, v.seen);
  return fmt::format(
      "{}>\n      <failure type=\"expectation\" message=\"{}\">at: {}\nexpected: {}\nseen: {}</failure>\n    </testcase>\n", head,
      xml_escape(message), xml_escape(sim::format_time(v.at)), xml_escape(v.expected), xml_escape(v.seen));
}

}  // namespace

std::string junit_xml(const std::vector<RunSummary>& runs) {
  std::size_t tests = 0, failures = 0;
  std::string suites;
  for (const RunSummary& s : runs) {
    tests += s.verdicts.size();
    failures += s.failed();
    suites += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n", xml_escape(s.file),
                          s.verdicts.size(), s.failed());
    suites += fmt::format(
        "    <properties>\n      <property name=\"seed\" value=\"{}\"/>\n      <property name=\"events\" value=\"{}\"/>\n"
        "      <property name=\"ended\" value=\"{}\"/>\n    </properties>\n",
        s.seed, s.events_fired, xml_escape(sim::format_time(s.end)));
    for (const Verdict& v : s.verdicts) suites += testcase(v);
    suites += "  </testsuite>\n";
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"cmksim\" tests=\"{}\" failures=\"{}\">\n{}</testsuites>\n",
                     tests, failures, suites);
}

}  // namespace report
