#!/usr/bin/env bash
# Opens a sweep report with two combinations in headless Chromium and checks the rendered DOM:
# the SVG timelines (with state spans), one chart per varying metric with both combinations on a
# shared axis, titled x and y axes with tick marks, and a legend naming each combination; then
# takes a screenshot of the page. Exit 77 (CTest skip) only when chromium is absent.
set -euo pipefail
cli=$1
src=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIP: chromium is not installed (tools/install-deps installs Debian's chromium package)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cli" sweep "$src/scenarios/what-if/detection-latency.yaml" --runs 40 --threads 2 --vary validation_interval=5m,30m \
  --report "$tmp/report.html" > /dev/null
chrome() {
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$tmp/profile" "$@" "file://$tmp/report.html" 2> "$tmp/chromium.log"
}
chrome --dump-dom > "$tmp/dom.html" || { cat "$tmp/chromium.log" >&2; echo "FAIL: chromium did not render the report" >&2; exit 1; }
count() { grep -o "$1" "$tmp/dom.html" | wc -l; }
fail() { echo "FAIL: $*" >&2; exit 1; }
timelines=$(count '<svg[^>]*class="timeline"')
charts=$(count '<svg[^>]*class="ecdf"')
spans=$(count '<rect class="span"')
echo "rendered DOM: $timelines timelines, $charts charts, $spans state spans"
[ "$timelines" -eq 4 ] || fail "expected 2 SVG timelines per combination (4)"
[ "$charts" -ge 3 ] || fail "expected a chart per varying metric (3 at least)"
[ "$spans" -ge 10 ] || fail "expected state spans in the timelines"
grep -q "DISABLED_EAR" "$tmp/dom.html" || fail "the timelines show no cluster state"
# Every chart: both axes with a title, five ticks on each, two lines and a two-entry legend.
[ "$(count '<g class="x-axis">')" -eq "$charts" ] || fail "a chart has no x axis"
[ "$(count '<g class="y-axis">')" -eq "$charts" ] || fail "a chart has no y axis"
[ "$(count 'class="axis-title"')" -eq $((2 * charts)) ] || fail "an axis has no title"
[ "$(count 'class="axis tick-mark"')" -eq $((10 * charts)) ] || fail "an axis lacks its tick marks"
[ "$(count '<path class="series"')" -eq $((2 * charts)) ] || fail "a chart does not show both combinations"
[ "$(count '<g class="legend">')" -eq "$charts" ] || fail "a chart has no legend"
grep -q '>detection_latency (duration)<' "$tmp/dom.html" || fail "the x axis title lacks the unit"
grep -q '>validation_interval=30m<' "$tmp/dom.html" || fail "the legend does not name the combinations"
grep -q '<table class="summary">' "$tmp/dom.html" || fail "no summary table"
grep -q 'class="diff"' "$tmp/dom.html" || fail "the summary shows no difference from the baseline"
# The screenshot: a real picture of the page, not an empty one.
chrome --screenshot="$tmp/report.png" --window-size=1400,3000 > /dev/null || { cat "$tmp/chromium.log" >&2; fail "no screenshot"; }
size=$(wc -c < "$tmp/report.png")
[ "$size" -gt 50000 ] || fail "the screenshot is $size bytes: an empty page?"
[ -n "${CMKSIM_KEEP_SCREENSHOT:-}" ] && cp "$tmp/report.png" "$CMKSIM_KEEP_SCREENSHOT"
echo "browser check passed (screenshot $size bytes)"
