#!/usr/bin/env bash
# Opens a sweep report in headless Chromium and checks the rendered DOM holds the SVG timelines
# (with state spans) and a histogram per metric. Exit 77 (CTest skip) only when chromium is absent.
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
"$cli" sweep "$src/scenarios/what-if/detection-latency.yaml" --runs 40 --threads 2 --report "$tmp/report.html" > /dev/null
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --dump-dom "file://$tmp/report.html" \
  > "$tmp/dom.html" 2> "$tmp/chromium.log" || { cat "$tmp/chromium.log" >&2; echo "FAIL: chromium did not render the report" >&2; exit 1; }
count() { grep -o "$1" "$tmp/dom.html" | wc -l; }
timelines=$(count '<svg[^>]*class="timeline"')
histograms=$(count '<svg[^>]*class="histogram"')
spans=$(count '<rect class="span"')
echo "rendered DOM: $timelines timelines, $histograms histograms, $spans state spans"
[ "$timelines" -eq 2 ] || { echo "FAIL: expected 2 SVG timelines in the DOM" >&2; exit 1; }
[ "$histograms" -ge 8 ] || { echo "FAIL: expected a histogram per metric (8 built-ins at least)" >&2; exit 1; }
[ "$spans" -ge 10 ] || { echo "FAIL: expected state spans in the timelines" >&2; exit 1; }
grep -q "DISABLED_EAR" "$tmp/dom.html" || { echo "FAIL: the timelines show no cluster state" >&2; exit 1; }
echo "browser check passed"
