#!/usr/bin/env bash
# End to end through the sweep/merge commands: thread count and sharding change no byte; bad input
# exits 2 with one message; outputs are written whole or not at all.
set -euo pipefail
cli=$1
src=$2
file=$src/scenarios/what-if/detection-latency.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$cli" sweep "$file" --runs 30 --threads 1 --format json > "$tmp/j1.json"
"$cli" sweep "$file" --runs 30 --threads 2 --format json > "$tmp/j2.json"
cmp "$tmp/j1.json" "$tmp/j2.json" || fail "1 and 2 threads differ"

for k in 1 2 3; do
  "$cli" sweep "$file" --runs 30 --threads 2 --shard $k/3 --out "$tmp/part-$k.json" 2> /dev/null
done
"$cli" merge "$tmp"/part-*.json --format json > "$tmp/merged.json"
cmp "$tmp/j1.json" "$tmp/merged.json" || fail "merged shards differ from the unsharded sweep"
"$cli" merge "$tmp"/part-*.json --format csv > "$tmp/merged.csv"
"$cli" sweep "$file" --runs 30 --format csv > "$tmp/whole.csv"
cmp "$tmp/merged.csv" "$tmp/whole.csv" || fail "merged csv differs"

# A missing shard, a shard given twice, a bad file: exit 2 with one line.
set +e
"$cli" merge "$tmp/part-1.json" "$tmp/part-2.json" > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "missing shard not refused"
grep -q "runs are in no part" "$tmp/err" || fail "missing shard message: $(cat "$tmp/err")"
"$cli" merge "$tmp/part-1.json" "$tmp/part-1.json" "$tmp/part-2.json" "$tmp/part-3.json" > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "duplicate shard not refused"
echo '{"format": 1,' > "$tmp/broken.json"
"$cli" merge "$tmp/broken.json" > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "broken json not refused"
grep -q "broken.json:2:1" "$tmp/err" || fail "broken json message: $(cat "$tmp/err")"
"$cli" sweep "$src/tests/sweep/fixtures/bad-vary.yaml" --runs 2 > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "bad vary not refused"
grep -q "bad-vary.yaml:5:29:" "$tmp/err" || fail "bad vary message: $(cat "$tmp/err")"
[ "$(wc -l < "$tmp/err")" -eq 1 ] || fail "more than one line: $(cat "$tmp/err")"
"$cli" sweep "$file" --runs 2 --vary validation_interval=soon > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "bad --vary not refused"
"$cli" sweep "$file" --runs 2 --shard 4/3 --out "$tmp/x.json" > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "bad --shard not refused"
"$cli" sweep "$file" --runs 2 --report "$tmp/no/such/dir/r.html" > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "bad --report path not refused"
set -e
"$cli" sweep --help | grep -q "cmksim sweep FILE --runs 10000 --shard 1/3" || fail "--help has no sharding example"
"$cli" merge --help | grep -q "cmksim merge part-\*.json" || fail "merge --help has no example"
ls "$tmp" | grep -q '\.tmp\.' && fail "a temporary output file was left behind"
echo "sweep cli: all checks passed"
