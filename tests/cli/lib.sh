# Shared helpers of the CLI test scripts (sourced after CASE and CMKSIM are set, in the work dir).
fail() { echo "FAILED [$CASE]: $*" >&2; exit 1; }
# run EXPECTED_STATUS ARGS...: runs cmksim, stdout to out.txt, stderr to err.txt
run() {
  want=$1; shift
  "$CMKSIM" "$@" >out.txt 2>err.txt
  got=$?
  [ "$got" -eq "$want" ] || { cat out.txt err.txt >&2; fail "cmksim $* exited $got, expected $want"; }
}
contains() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 lacks: $2"; }; }
lacks() { ! grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 should not contain: $2"; }; }
