#!/bin/sh
# The command-line conventions of issue 15, one CASE per CTest test:
#   sh cli_conventions.sh CASE CMKSIM SOURCE_DIR WORKDIR
# Each case writes only under WORKDIR (emptied first) and exits non-zero saying what was wrong.
set -u
HELPERS=$(cd "$(dirname "$0")" && pwd)
CASE=$1 CMKSIM=$2 SRC=$3 WORK=$4
rm -rf "$WORK" && mkdir -p "$WORK" || exit 2
cd "$WORK" || exit 2
FIX=$SRC/tests/cli/fixtures

. "$HELPERS/../cli/lib.sh"  # fail, run, contains, lacks
ESC=$(printf '\033')

case $CASE in
version)
  run 0 --version
  grep -qE '^cmksim [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{7,}(-dirty)?|unknown)\)$' out.txt || { cat out.txt; fail "--version"; }
  # Outside a git tree the commit is "unknown".
  notgit=$(mktemp -d) || exit 2
  GIT_CEILING_DIRECTORIES=$(dirname "$notgit") cmake -DSOURCE_DIR="$notgit" -DOUT="$WORK/v.cpp" -DVERSION=9.9.9 \
    -P "$SRC/cmake/version.cmake" || fail "version.cmake"
  rmdir "$notgit"
  contains v.cpp 'kCommit = "unknown"'
  contains v.cpp 'kVersion = "9.9.9"' ;;
bad-values)
  run 2 run --format yaml "$FIX/passing.yaml"; contains err.txt "('yaml') for option '--format' is invalid; valid: text, json"
  run 2 graph endpoint --cloud gcp; contains err.txt "valid: aws, azure"
  run 2 sweep "$FIX/passing.yaml" --runs 0; contains err.txt "'--runs' is invalid; valid: a whole number, at least 1"
  run 2 sweep "$FIX/passing.yaml" --format xml; contains err.txt "valid: table, csv, json"
  run 2 sweep "$FIX/passing.yaml" --shard 4/3 --out x.json; contains err.txt "valid: K/N with 1 <= K <= N"
  run 2 run --color sometimes "$FIX/passing.yaml"; contains err.txt "valid: auto, always, never"
  run 2 init --cloud mars; contains err.txt "valid: aws, azure, gcp"
  run 2 run --seed -1 "$FIX/passing.yaml"; contains err.txt "valid: a whole number from 0"
  # Settings by name: only those, and "did you mean" for a typo.
  run 0 settings validation_interval t_iam
  [ "$(grep -c '^[a-z]' out.txt)" -eq 2 ] || { cat out.txt; fail "settings NAME... printed other settings"; }
  contains out.txt "CIREP: https://github.com/EspenAlbert/schedule-test"
  run 2 settings validaton_interval; contains err.txt "did you mean 'validation_interval'?" ;;
set)
  # --set changes a setting by name: a 5-minute interval breaks default.yaml's "nothing before the next check".
  run 0 run --quiet "$SRC/scenarios/default.yaml"
  run 1 run --quiet "$SRC/scenarios/default.yaml" --set validation_interval=5m
  contains out.txt "FAIL"
  run 0 run --quiet "$SRC/scenarios/default.yaml" --set validation_interval=5m --set validation_interval=15m
  run 2 run "$SRC/scenarios/default.yaml" --set validaton_interval=5m; contains err.txt "did you mean 'validation_interval'?"
  run 2 run "$SRC/scenarios/default.yaml" --set validation_interval=soon; contains err.txt "--set validation_interval=soon:"
  run 2 run "$SRC/scenarios/default.yaml" --set validation_interval; contains err.txt "expected NAME=VALUE"
  # explore: the setting reaches the runs and is written into the repro.
  run 1 explore "$SRC/scenarios/default.yaml" --runs 1 --set validation_interval=5m --out repro.yaml
  contains repro.yaml "validation_interval: 5m"
  run 1 run --quiet repro.yaml ;;
junit)
  run 1 run --quiet "$FIX/passing.yaml" "$FIX/failing.yaml" --junit report.xml
  run 1 run --quiet "$FIX/passing.yaml" "$FIX/failing.yaml" --format json
  python3 - report.xml out.txt <<'PY' || fail "JUnit XML"
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
summary = json.load(open(sys.argv[2]))
assert root.tag == "testsuites", root.tag
suites = root.findall("testsuite")
assert len(suites) == len(summary["runs"]) == 2, len(suites)
total = failed = 0
for suite, run in zip(suites, summary["runs"]):
    cases = suite.findall("testcase")
    assert len(cases) == len(run["expectations"]) == int(suite.get("tests")), (len(cases), suite.get("tests"))
    for case, e in zip(cases, run["expectations"]):
        assert case.get("name") == e["description"], (case.get("name"), e["description"])
        f = case.find("failure")
        assert (f is None) == e["passed"], case.get("name")
        if f is not None:
            assert "expected: " + e["expected"] in f.text and "seen: " + e["seen"] in f.text, f.text
            assert e["expected"] in f.get("message") and e["seen"] in f.get("message")
            failed += 1
        total += 1
assert int(root.get("tests")) == total and int(root.get("failures")) == failed > 0, (root.attrib, total, failed)
PY
  run 0 run --quiet "$FIX/passing.yaml" --junit ok.xml
  lacks ok.xml "<failure"
  run 2 run "$FIX/passing.yaml" --junit same.xml --trace same.xml; contains err.txt "they are the same file" ;;
init)
  for args in "" "--cloud aws" "--cloud azure" "--cloud gcp" "--private-endpoints" "--cloud azure --private-endpoints"; do
    "$CMKSIM" init $args >starter.yaml || fail "init $args"
    "$CMKSIM" init $args | "$CMKSIM" validate - >out.txt 2>&1 || { cat out.txt; fail "init $args | validate - failed"; }
    contains out.txt "-: ok"
    "$CMKSIM" run --quiet starter.yaml >out.txt 2>&1 || { cat out.txt; fail "init $args: the starter scenario does not run green"; }
    grep -q '^#' starter.yaml || fail "init $args: no comments"
  done
  "$CMKSIM" init --cloud azure --private-endpoints | grep -q "approve_endpoint" || fail "azure endpoints need an approval step"
  run 2 init --cloud gcp --private-endpoints; contains err.txt "aws and azure only" ;;
stdin)
  "$CMKSIM" run --quiet - <"$FIX/passing.yaml" >out.txt 2>&1 || { cat out.txt; fail "run - failed"; }
  contains out.txt "-: "
  "$CMKSIM" validate - <"$FIX/bad.yaml" >out.txt 2>err.txt; [ $? -eq 2 ] || fail "validate - accepted a bad file"
  grep -q '^-:[0-9]*:[0-9]*: ' err.txt || { cat err.txt; fail "no -:line:col for standard input"; }
  # Standard input is held to the 1 MiB limit of files.
  head -c 2000000 /dev/zero | tr '\0' '#' | "$CMKSIM" validate - >out.txt 2>err.txt; [ $? -eq 2 ] || fail "2 MB of stdin accepted"
  contains err.txt "the limit is 1 MiB" ;;
color)
  run 0 run "$FIX/passing.yaml" --color=always
  grep -q "${ESC}\[32mPASS" out.txt || fail "--color=always: PASS is not green"
  run 0 run "$FIX/passing.yaml" --color=never; ! grep -q "$ESC" out.txt || fail "--color=never printed escapes"
  run 0 run "$FIX/passing.yaml"; ! grep -q "$ESC" out.txt || fail "colour into a file"
  run 1 run --quiet "$FIX/failing.yaml" --color=always; grep -q "${ESC}\[1;31mFAIL" out.txt || fail "FAIL is not red"
  # On a terminal (script(1) gives one): colour unless NO_COLOR is set.
  if command -v script >/dev/null; then
    TERM=xterm script -qec "$CMKSIM run $FIX/passing.yaml" /dev/null >tty.txt </dev/null
    grep -q "${ESC}\[32mPASS" tty.txt || fail "no colour on a terminal"
    NO_COLOR=1 TERM=xterm script -qec "$CMKSIM run $FIX/passing.yaml" /dev/null >tty.txt </dev/null
    ! grep -q "${ESC}\[32m" tty.txt || fail "NO_COLOR not honoured"
    NO_COLOR=1 TERM=xterm script -qec "$CMKSIM run --color=always $FIX/passing.yaml" /dev/null >tty.txt </dev/null
    grep -q "${ESC}\[32mPASS" tty.txt || fail "--color=always must win over NO_COLOR"
  fi ;;
quiet-and-summary)
  S=$SRC/scenarios/what-if/detection-latency.yaml
  run 0 sweep "$S" --runs 4 --threads 1
  contains err.txt "cmksim sweep: 4 runs x"
  run 0 sweep "$S" --runs 4 --threads 1 --quiet
  [ ! -s err.txt ] || fail "sweep --quiet printed on stderr"
  run 0 explore "$SRC/scenarios/default.yaml" --runs 2 --quiet --out r.yaml
  [ ! -s out.txt ] || fail "explore --quiet printed without a violation"
  run 0 explore "$SRC/scenarios/default.yaml" --runs 2 --out r.yaml
  contains out.txt "no violation in 2 runs" ;;
completion)
  command -v bash >/dev/null || fail "bash missing"
  BIN_DIR=$(dirname "$CMKSIM")
  PATH=$BIN_DIR:$PATH bash -c '
    . "$1"
    complete -p cmksim >/dev/null || exit 11
    COMP_WORDS=(cmksim r); COMP_CWORD=1; _cmksim; printf "%s\n" "${COMPREPLY[@]}" | grep -qx run || exit 12
    COMP_WORDS=(cmksim run --ju); COMP_CWORD=2; _cmksim; printf "%s\n" "${COMPREPLY[@]}" | grep -qx -- --junit || exit 13
    COMP_WORDS=(cmksim run --set valid); COMP_CWORD=3; _cmksim; printf "%s\n" "${COMPREPLY[@]}" | grep -qx validation_interval= || exit 14
    COMP_WORDS=(cmksim graph end); COMP_CWORD=2; _cmksim; printf "%s\n" "${COMPREPLY[@]}" | grep -qx endpoint || exit 15
    COMP_WORDS=(cmksim init --cloud a); COMP_CWORD=3; _cmksim; [ "${COMPREPLY[*]}" = "aws azure" ] || exit 16
    COMP_WORDS=(cmksim help ini); COMP_CWORD=2; _cmksim; [ "${COMPREPLY[*]}" = "init" ] || exit 17
  ' bash "$SRC/tools/completions/cmksim.bash" || fail "bash completion (step $?)"
  if command -v zsh >/dev/null; then zsh -n "$SRC/tools/completions/_cmksim" || fail "zsh completion does not parse"; fi
  head -1 "$SRC/tools/completions/_cmksim" | grep -qx '#compdef cmksim' || fail "_cmksim lacks #compdef" ;;
*) fail "unknown case" ;;
esac
exit 0
