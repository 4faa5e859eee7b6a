// The HTML report is well-formed XML (XHTML-compatible), self-contained, and holds the summary,
// a chart per varying metric (the constant ones in one table) and the two timelines, with text
// escaped; with a grid it compares the combinations in one table and on shared axes.
#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <vector>

#include "sweep/html_report.h"
#include "sweep/runner.h"
#include "sweep/svg.h"

using namespace sweep;

namespace {

// A small XML well-formedness check: tags nest and match, attributes are quoted, '&' starts an
// entity, '<' only starts markup. Returns "" when well-formed, else what is wrong and where.
std::string xml_problem(const std::string& s) {
  std::vector<std::string> stack;
  std::size_t i = 0;
  auto name_at = [&](std::size_t& p) {
    const std::size_t b = p;
    while (p < s.size() && (std::isalnum(static_cast<unsigned char>(s[p])) || s[p] == '-' || s[p] == ':' || s[p] == '_')) ++p;
    return s.substr(b, p - b);
  };
  while (i < s.size()) {
    if (s[i] == '&') {
      const std::size_t semi = s.find(';', i);
      if (semi == std::string::npos || semi - i > 8) return "bare & at " + std::to_string(i);
      i = semi + 1;
    } else if (s[i] != '<') {
      ++i;
    } else if (s.compare(i, 9, "<!DOCTYPE") == 0) {
      i = s.find('>', i) + 1;
    } else if (s.compare(i, 2, "</") == 0) {
      std::size_t p = i + 2;
      const std::string n = name_at(p);
      if (stack.empty() || stack.back() != n) return "</" + n + "> does not close <" + (stack.empty() ? "" : stack.back()) + "> at " + std::to_string(i);
      stack.pop_back();
      i = s.find('>', p) + 1;
    } else {
      std::size_t p = i + 1;
      const std::string n = name_at(p);
      if (n.empty()) return "'<' not starting a tag at " + std::to_string(i);
      for (;;) {
        while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p]))) ++p;
        if (s.compare(p, 2, "/>") == 0) {
          p += 2;
          break;
        }
        if (p < s.size() && s[p] == '>') {
          stack.push_back(n);
          ++p;
          break;
        }
        const std::string attr = name_at(p);
        if (attr.empty() || p + 1 >= s.size() || s[p] != '=' || s[p + 1] != '"') return "bad attribute in <" + n + "> at " + std::to_string(p);
        const std::size_t close = s.find('"', p + 2);
        if (close == std::string::npos || s.substr(p + 2, close - p - 2).find('<') != std::string::npos) return "bad value at " + std::to_string(p);
        p = close + 1;
      }
      i = p;
      // style holds CSS: no markup inside by construction; skip to its end tag.
      if (n == "style") i = s.find("</style>", i);
    }
  }
  return stack.empty() ? "" : "<" + stack.back() + "> never closed";
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("escape") { CHECK(escape(R"(<a href="x">'&'</a>)") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"); }

TEST_CASE("the checker itself rejects what is not well-formed") {
  CHECK(xml_problem("<a><b></b></a>").empty());
  CHECK_FALSE(xml_problem("<a><b></a></b>").empty());
  CHECK_FALSE(xml_problem("<a>x & y</a>").empty());
  CHECK_FALSE(xml_problem("<a x=1></a>").empty());
  CHECK_FALSE(xml_problem("<a>").empty());
}

TEST_CASE("report: well-formed, self-contained, summary + charts + two timelines") {
  const std::string path = CMKSIM_SOURCE_DIR "/scenarios/what-if/detection-latency.yaml";
  SweepOptions o;
  o.runs = 30;
  o.threads = 2;
  const SweepFile f = load_sweep_file(path);
  const Plan plan = make_plan(f, o, path);
  SweepData d = execute(plan, o);
  d.scenario_name = "detection <latency> & \"quotes\"";  // text must come out escaped
  const std::string html = html_report(d, plan.scenarios);
  CHECK(xml_problem(html) == "");
  CHECK(count(html, "class=\"timeline\"") == 2);
  // Every metric is either charted or in the table of constant ones.
  const std::size_t charts = count(html, "class=\"ecdf\"");
  CHECK(charts >= 3);  // detection_latency, cluster_unavailable, cluster_downtime at least
  const std::size_t table = html.find("class=\"constants\"");
  REQUIRE(table != std::string::npos);
  CHECK(charts + count(html.substr(table, html.find("</table>", table) - table), "<tr><td>") == metric_order(d).size());
  CHECK(count(html, "class=\"span\"") > 10);
  CHECK(html.find("detection &lt;latency&gt; &amp; &quot;quotes&quot;") != std::string::npos);
  CHECK(html.find("http://") == html.find("http://www.w3.org/"));  // only XML namespaces, no fetches
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("DISABLED_EAR") != std::string::npos);  // the worst run's clusters were shut down
}

TEST_CASE("report with a grid: one summary table with a column per combination and differences, shared-axis charts") {
  const std::string path = CMKSIM_SOURCE_DIR "/scenarios/what-if/detection-latency.yaml";
  SweepOptions o;
  o.runs = 30;
  o.threads = 2;
  o.vary = {parse_vary_option("validation_interval=5m,30m")};
  const SweepFile f = load_sweep_file(path);
  const Plan plan = make_plan(f, o, path);
  const SweepData d = execute(plan, o);
  const std::string html = html_report(d, plan.scenarios);
  CHECK(xml_problem(html) == "");
  CHECK(count(html, "<table class=\"summary\"") == 1);
  CHECK(html.find("<th>validation_interval=5m (baseline)</th><th>validation_interval=30m</th>") != std::string::npos);
  CHECK(count(html, "class=\"diff\"") > 10);
  const std::size_t charts = count(html, "class=\"ecdf\"");
  CHECK(charts >= 3);
  // One chart per metric holds both combinations: two lines, two legend entries, titled axes.
  CHECK(count(html, "class=\"series\"") == 2 * charts);
  CHECK(count(html, "class=\"x-axis\"") == charts);
  CHECK(count(html, "class=\"y-axis\"") == charts);
  CHECK(count(html, "class=\"legend\"") >= charts);
  CHECK(html.find("detection_latency (duration)") != std::string::npos);
}
