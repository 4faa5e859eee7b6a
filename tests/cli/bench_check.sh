# cmksim-bench prints the figures the comparison scripts in ../shared/bench parse (issue 14). No
# timing is checked: only that each mode runs and prints its fields.
# usage: sh bench_check.sh CMKSIM_BENCH WORKDIR
CASE=bench
BENCH=$1
mkdir -p "$2" && cd "$2" || exit 1
fail() { echo "FAILED [$CASE]: $*" >&2; exit 1; }
field() { sed -n "s/.*[[:space:]]$1=\([0-9.]*\).*/\1/p" out.txt; }

# hold: past the event set's handover from heap to radix queue and back while draining
"$BENCH" hold --pending 10000 --events 100000 >out.txt || fail "hold exited $?"
[ "$(field fired)" = 109999 ] || { cat out.txt >&2; fail "hold fired $(field fired), expected 109999 (the 100,000th schedules no successor)"; }

# world, the peer's fleet: the three fields fleet-vs-simpy reads, with shutdowns over 30 days
"$BENCH" world --workload peer --projects 50 --clusters 4 --endpoints 2 --days 30 --seed 3 >out.txt || fail "world peer exited $?"
for f in seconds disabled_cluster_minutes shutdowns; do
  [ -n "$(field $f)" ] || { cat out.txt >&2; fail "world --workload peer printed no $f="; }
done
[ "$(field shutdowns)" -gt 0 ] || { cat out.txt >&2; fail "50 projects for 30 days had no shutdown"; }
# the peer's endpoints are not built (tools/bench/peer_fleet.cpp): the count printed is the model's
[ "$(field endpoints)" = 0 ] || { cat out.txt >&2; fail "world --workload peer claims endpoints it does not hold"; }
"$BENCH" world --workload peer --projects 50 --clusters 4 --endpoints 2 --days 30 --seed 3 >again.txt || fail "rerun exited $?"
[ "$(sed 's/seconds=[0-9.]*//; s/events_per_second=[0-9]*//; s/peak_rss_mb=[0-9.]*//' out.txt)" = \
  "$(sed 's/seconds=[0-9.]*//; s/events_per_second=[0-9]*//; s/peak_rss_mb=[0-9.]*//' again.txt)" ] ||
  fail "the same seed gave different results"

# world, the default workload, and an unknown workload refused
"$BENCH" world --projects 20 --days 5 >out.txt || fail "world exited $?"
[ -n "$(field fired)" ] || { cat out.txt >&2; fail "world printed no fired="; }
"$BENCH" world --workload nope >out.txt 2>err.txt && fail "an unknown workload was accepted"
grep -q "atlas or peer" err.txt || { cat err.txt >&2; fail "no message naming the workloads"; }
exit 0
