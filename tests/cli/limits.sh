#!/bin/sh
# Bounded inputs through the cmksim binary (issue 12), one CASE per CTest test:
#   sh limits.sh CASE CMKSIM WORKDIR
# Each limit in FORMAT.md "Limits" is tried at its value (accepted) and one past it (exit 2, one
# line naming the limit); inputs that are not regular files are read up to the limit plus one
# byte. Files are generated under WORKDIR (emptied first) by python3.
set -u
HELPERS=$(cd "$(dirname "$0")" && pwd)
CASE=$1 CMKSIM=$2 WORK=$3
rm -rf "$WORK" && mkdir -p "$WORK" || exit 2
cd "$WORK" || exit 2

. "$HELPERS/lib.sh"  # fail, run, contains, lacks
lines() { n=$(wc -l <"$1"); [ "$n" -eq "$2" ] || { cat "$1" >&2; fail "$1 has $n lines, expected $2"; }; }
# gen FILE PYTHON: writes FILE with what the python code prints (sys.stdout.write)
gen() { python3 -c "import sys
$2" >"$1" || fail "could not generate $1"; }
# at_and_past LIMIT_TEXT PYTHON_AT PYTHON_PAST [COMMAND]: COMMAND (default validate) accepts the
# first, validate refuses the second. The documents whose nesting sits under `vary:` are accepted
# by `run`, which passes over vary: (validate checks it as sweep does).
at_and_past() {
  gen at.yaml "$2"
  run 0 "${4:-validate}" at.yaml
  gen past.yaml "$3"
  run 2 validate past.yaml
  contains err.txt "past.yaml:"
  contains err.txt "$1"
  lines err.txt 1
}

HEAD='cmksim: 1\nname: limits\nhorizon: 1d\n'
PROJECT='projects:\n  - name: p\n    kms: [{provider: AWS}]\n    clusters:\n      - {name: c0, cmk: AWS}\n'

case $CASE in
file-size)
  # Exactly 1 MiB (a long description) is read; one more byte is refused.
  body="h = '$HEAD'
sys.stdout.write(h + 'description: ' + 'x' * (1048576 - len(h) - 14 - N) + '\n')"
  at_and_past "the limit is 1048576 bytes (1 MiB)" "$(printf '%s\n' "$body" | sed 's/N/0/')" "$(printf '%s\n' "$body" | sed 's/N/-1/')"
  [ "$(wc -c <at.yaml)" -eq 1048576 ] || fail "at.yaml is $(wc -c <at.yaml) bytes, not 1 MiB"
  contains err.txt "file is 1048577 bytes" ;;
devices-and-pipes)
  # A device that never ends, and pipes, are read up to the limit plus one byte: refused at once.
  start=$(date +%s)
  run 2 validate /dev/zero
  contains err.txt "/dev/zero: input goes on past 1048576 bytes; the limit is 1048576 bytes (1 MiB)"
  lines err.txt 1
  head -c 3000000 /dev/zero | "$CMKSIM" validate /dev/stdin >out.txt 2>err.txt
  [ $? -eq 2 ] || fail "a 3 MB pipe was not refused with exit 2"
  contains err.txt "the limit is 1048576 bytes (1 MiB)"
  mkfifo fifo
  (head -c 2000000 /dev/urandom >fifo &)
  run 2 validate fifo
  contains err.txt "fifo: input goes on past 1048576 bytes"
  [ $(( $(date +%s) - start )) -le 5 ] || fail "refusing devices and pipes took more than 5 s"
  # A small scenario through a pipe is read whole.
  printf "$HEAD" | "$CMKSIM" validate /dev/stdin >out.txt 2>err.txt || { cat err.txt >&2; fail "a scenario through a pipe was refused"; } ;;
nesting)
  # 32 lists and mappings inside each other (the root mapping is the first) are read; 33 are not.
  at_and_past "nested more than 32 deep" \
    "sys.stdout.write('$HEAD' + 'vary: ' + '[' * 31 + ']' * 31 + '\n')" \
    "sys.stdout.write('$HEAD' + 'vary: ' + '[' * 32 + ']' * 32 + '\n')" run ;;
aliases)
  # Alias expansion counts every node an alias stands for: exactly 100000 is read, 100001 is not.
  # Nodes: root 1, three key/value pairs 6, 'vary' 1, its list 1, the anchored list L+1, M aliases
  # of L+1 each, F plain fillers.
  doc="L, M = 99, 900
F = 100000 - (1 + 6 + 1 + 1 + (L + 1) + M * (L + 1)) + EXTRA
sys.stdout.write('$HEAD' + 'vary: [&a [' + ', '.join(['x'] * L) + '], ' + ', '.join(['*a'] * M + ['y'] * F) + ']\n')"
  at_and_past "the document expands to more than 100000 YAML nodes" "$(printf '%s\n' "$doc" | sed 's/EXTRA/0/')" "$(printf '%s\n' "$doc" | sed 's/EXTRA/1/')" run ;;
steps)
  step="'  - {at: 1m, do: try_again}\n'"
  at_and_past "timeline has 10001 entries; the limit is 10000" \
    "sys.stdout.write('$HEAD' + '$PROJECT' + 'timeline:\n' + $step * 10000)" \
    "sys.stdout.write('$HEAD' + '$PROJECT' + 'timeline:\n' + $step * 10001)" ;;
expectations)
  x="'  - {at: 1h, alert: AWS_ENCRYPTION_KEY_INVALID, count: 0}\n'"
  at_and_past "expect has 10001 entries; the limit is 10000" \
    "sys.stdout.write('$HEAD' + 'expect:\n' + $x * 10000)" \
    "sys.stdout.write('$HEAD' + 'expect:\n' + $x * 10001)" ;;
entities)
  c="''.join('      - {name: c%d}\n' % i for i in range(N))"
  at_and_past "clusters has 1001 entries; the limit is 1000" \
    "sys.stdout.write('$HEAD' + 'projects:\n  - name: p\n    clusters:\n' + $(printf '%s\n' "$c" | sed 's/N/1000/'))" \
    "sys.stdout.write('$HEAD' + 'projects:\n  - name: p\n    clusters:\n' + $(printf '%s\n' "$c" | sed 's/N/1001/'))" ;;
horizon)
  at_and_past "horizon 401d is longer than the limit of 400d" \
    "sys.stdout.write('$HEAD'.replace('1d', '400d'))" "sys.stdout.write('$HEAD'.replace('1d', '401d'))" ;;
durations)
  # 100 years (36500d) anywhere a duration is written; one millisecond more is refused at the value.
  at_and_past "restart_duration 36500d1ms is longer than the limit of 36500d (100 years)" \
    "sys.stdout.write('$HEAD' + 'settings:\n  restart_duration: 36500d\n')" \
    "sys.stdout.write('$HEAD' + 'settings:\n  restart_duration: 36500d1ms\n')"
  at_and_past "for 36501d is longer than the limit of 36500d" \
    "sys.stdout.write('$HEAD' + '$PROJECT' + 'timeline:\n  - {at: 8h, do: disable_key, provider: AWS, for: 36500d}\n')" \
    "sys.stdout.write('$HEAD' + '$PROJECT' + 'timeline:\n  - {at: 8h, do: disable_key, provider: AWS, for: 36501d}\n')"
  run 0 run --quiet at.yaml
  at_and_past "cap 36501d is longer than the limit of 36500d" \
    "sys.stdout.write('$HEAD' + 'settings:\n  restart_duration: {exponential: 36500d, cap: 36500d}\n')" \
    "sys.stdout.write('$HEAD' + 'settings:\n  restart_duration: {exponential: 36500d, cap: 36501d}\n')"
  # sweep's vary: takes the same limit.
  gen vary.yaml "sys.stdout.write('$HEAD' + 'vary:\n  restart_duration: [1m, 106751991167d]\n')"
  run 2 sweep vary.yaml --runs 1
  contains err.txt "vary.yaml:5:"
  contains err.txt "is longer than the limit of 36500d" ;;
events)
  # One validation per millisecond, plus the first: a horizon of 49,999,999 ms fires exactly the
  # 50,000,000 events allowed; one millisecond more is refused (only a run can find this).
  ev="sys.stdout.write('$HEAD'.replace('1d', 'H') + 'settings:\n  validation_interval: 1ms\n' + '$PROJECT')"
  gen at.yaml "$(printf '%s\n' "$ev" | sed 's/H/13h53m19s999ms/')"
  run 0 run --quiet --format json at.yaml
  contains out.txt '"events_fired": 50000000'
  gen past.yaml "$(printf '%s\n' "$ev" | sed 's/H/13h53m20s/')"
  run 0 validate past.yaml
  run 2 run --quiet past.yaml
  contains err.txt "past.yaml: the run fired 50000000 events before 0d 13:53:20"
  contains err.txt "the limit is 50000000 events"
  lines err.txt 1 ;;
drawn-times)
  # Step times drawn from unbounded shapes may add up past any time; the run says the step fell
  # past the horizon (exit 1), never an internal error (exit 3). Same for undo times.
  gen draws.yaml "sys.stdout.write('$HEAD' + '$PROJECT' + 'timeline:\n  - {at: 1h, do: disable_key, provider: AWS, for: {exponential: 36500d}}\n' + '  - {after: {exponential: 36500d}, do: enable_key, provider: AWS}\n' * 20)"
  run 0 validate draws.yaml
  run 1 run --quiet draws.yaml
  contains out.txt "is past the horizon"
  run 0 sweep draws.yaml --runs 3 --format json ;;
runs)
  # 10,000,000 runs per sweep is the limit: the last shard of 10,000,000 (one run) is accepted and
  # merged back as a part of that sweep; one run more is refused before anything runs.
  printf "$HEAD$PROJECT" >s.yaml
  run 0 sweep s.yaml --runs 10000000 --shard 10000000/10000000 --no-progress --out last.json
  python3 -c "import json; p = json.load(open('last.json')); assert p['runs'] == 10000000 and p['combinations'][0]['runs'] == [9999999]" \
    || fail "the last shard of 10,000,000 runs did not hold run 9999999"
  run 2 merge last.json
  contains err.txt "9999999 of 10000000 runs are in no part"
  run 2 sweep s.yaml --runs 10000001 --shard 10000001/10000001 --no-progress --out past.json
  contains err.txt "--runs 10000001 x 1 combination(s) = 10000001 runs is above the limit of 10000000 runs per sweep"
  lines err.txt 1
  [ ! -e past.json ] || fail "a refused sweep wrote its part"
  # The grid counts: 5,000,000 runs x 2 combinations is at the limit, x 3 is past it.
  run 0 sweep s.yaml --runs 5000000 --vary validation_interval=5m,15m --shard 5000000/5000000 --no-progress --out grid.json
  run 2 sweep s.yaml --runs 5000000 --vary validation_interval=5m,15m,30m --shard 5000000/5000000 --no-progress --out grid3.json
  contains err.txt "= 15000000 runs is above the limit" ;;
*) fail "unknown case" ;;
esac
exit 0
