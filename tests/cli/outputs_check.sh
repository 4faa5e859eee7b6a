#!/bin/sh
# Output files, secrets and size limits of the cmksim binary (issue 12), one CASE per CTest test:
#   sh outputs_check.sh CASE CMKSIM FIXTURES WORKDIR
# Everything happens under WORKDIR (emptied first): device nodes are private ones made with mknod
# there, never the real /dev (a case that cannot make one says so and skips with exit 77).
set -u
HELPERS=$(cd "$(dirname "$0")" && pwd)
CASE=$1 CMKSIM=$2 FIX=$3 WORK=$4
# A binary built with AddressSanitizer cannot run under ulimit -v (it maps terabytes of shadow).
ASAN_BUILD=no
grep -q __asan_init "$CMKSIM" 2>/dev/null && ASAN_BUILD=yes
rm -rf "$WORK" && mkdir -p "$WORK" || exit 2
cd "$WORK" || exit 2

. "$HELPERS/lib.sh"  # fail, run, contains, lacks
skip() { echo "SKIPPED [$CASE]: $*" >&2; exit 77; }
no_temporaries() { ! ls -a "${1:-.}" | grep -q '\.tmp\.\|\.old\.' || { ls -a "${1:-.}" >&2; fail "a temporary file was left behind"; }; }
# A private character device like /dev/null (1,3) or /dev/full (1,7), usable here, or skip.
private_device() {
  mknod "$1" c 1 "$2" 2>/dev/null || skip "mknod is not permitted here (not root?); device cases not run"
  : >"$1" 2>/dev/null || [ "$2" = 7 ] || skip "device nodes do not work on this filesystem (nodev)"
}
# Waits until a temporary output appears (the command opened its outputs and is working).
wait_for_temporary() {
  i=0
  while ! ls -a | grep -q '\.tmp\.'; do
    i=$((i + 1)); [ $i -lt 300 ] || fail "no temporary output appeared within 30 s"
    sleep 0.1
  done
}

PASSING=$FIX/passing.yaml FAILING=$FIX/failing.yaml SECRETS=$FIX/failing-secrets.yaml

case $CASE in
device)  # a character device is written in place, never replaced; a full one is an error
  private_device null 3
  private_device full 7
  run 0 run --quiet --trace ./null --chrome ./null "$PASSING"
  [ -c null ] || fail "the device node was replaced"
  echo old >kept.jsonl
  run 2 run --quiet --trace kept.jsonl --state ./full "$PASSING"
  contains err.txt "full: cannot write: No space left on device"
  [ -c full ] || fail "the full device was replaced"
  [ "$(cat kept.jsonl)" = old ] || fail "kept.jsonl changed although another output failed"
  no_temporaries ;;
dev-null-user)  # --trace /dev/null as a normal user (root uses a private node: case device)
  command -v setpriv >/dev/null || skip "setpriv is not installed; --trace /dev/null as a normal user not checked"
  [ "$(id -u)" = 0 ] || skip "not root: cannot switch to uid 65534"
  setpriv --reuid=65534 --regid=65534 --clear-groups "$CMKSIM" run --quiet --trace /dev/null "$PASSING" >out.txt 2>err.txt ||
    { cat err.txt >&2; fail "--trace /dev/null as uid 65534 failed"; }
  contains out.txt "4 of 4 expectations met"
  [ -c /dev/null ] || fail "/dev/null is not a device any more" ;;
fifo)  # a FIFO with a reader gets the content; it stays a FIFO
  mkfifo pipe || skip "mkfifo failed"
  cat pipe >got.jsonl &
  reader=$!
  run 0 run --quiet --trace pipe "$PASSING"
  wait $reader
  run 0 run --quiet --trace want.jsonl "$PASSING"
  cmp got.jsonl want.jsonl || fail "the FIFO's reader got other bytes than a file"
  [ -p pipe ] || fail "the FIFO was replaced"
  # a Unix socket with a listener, likewise
  python3 -c 'import socket,sys
s=socket.socket(socket.AF_UNIX); s.bind("sock"); s.listen(1); open("ready","w").close()
c,_=s.accept(); d=b""
while True:
    b=c.recv(65536)
    if not b: break
    d+=b
open("sock.jsonl","wb").write(d)' &
  listener=$!
  i=0; while [ ! -e ready ]; do i=$((i + 1)); [ $i -lt 100 ] || fail "no listener"; sleep 0.1; done
  run 0 run --quiet --trace sock "$PASSING"
  wait $listener
  cmp sock.jsonl want.jsonl || fail "the socket's listener got other bytes than a file"
  [ -S sock ] || fail "the socket was replaced"
  no_temporaries ;;
symlink)  # a symlink is followed: its target is replaced atomically, the link stays
  echo old >real.jsonl
  ln -s real.jsonl link.jsonl
  ln -s made-by-cmksim.jsonl dangling.jsonl
  run 0 run --quiet --trace link.jsonl --state dangling.jsonl "$PASSING"
  [ -L link.jsonl ] && [ -L dangling.jsonl ] || fail "a symlink was replaced"
  contains real.jsonl '"kind":"transition"'
  contains made-by-cmksim.jsonl '"projects"'
  no_temporaries ;;
stdout)  # - is standard output; the report then goes to standard error
  run 0 run --quiet --trace t.jsonl "$PASSING"
  run 0 run --quiet --trace - "$PASSING"
  cmp out.txt t.jsonl || fail "--trace - printed other bytes than --trace FILE"
  contains err.txt "4 of 4 expectations met"
  run 0 run --quiet --trace /dev/stdout "$PASSING"  # stdout is out.txt here: the same as -
  cmp out.txt t.jsonl || fail "--trace /dev/stdout (a redirected file) differs"
  "$CMKSIM" run --quiet --trace /dev/stdout "$PASSING" 2>err.txt | cat >piped.jsonl
  cmp piped.jsonl t.jsonl || fail "--trace /dev/stdout into a pipe differs"
  run 2 run --quiet --trace - --state - "$PASSING"
  contains err.txt "both are standard output"
  run 0 sweep "$PASSING" --runs 3 --no-progress --out -
  python3 -c 'import json; assert json.load(open("out.txt"))["format"] == "cmksim-sweep-partial"' || fail "sweep --out - is not the part"
  contains err.txt "cluster_unavailable"
  run 1 explore "$FAILING" --runs 1 --out -
  contains out.txt "# violated: "
  contains err.txt "VIOLATION"
  no_temporaries ;;
same-file)  # an output that is an input, or another output, is refused before anything runs
  cp "$PASSING" in.yaml && cp in.yaml in.orig && ln in.yaml hard.yaml && ln -s in.yaml soft.yaml
  for out in in.yaml ./in.yaml hard.yaml soft.yaml "$WORK/in.yaml"; do
    run 2 run --trace "$out" in.yaml
    contains err.txt "is the input file in.yaml; refusing to overwrite an input"
    cmp in.yaml in.orig || fail "the input was changed through $out"
  done
  run 2 sweep in.yaml --runs 3 --out in.yaml && lines=$(wc -l <out.txt) && [ "$lines" = 0 ] || fail "sweep printed something"
  run 2 explore in.yaml --runs 1 --out ./in.yaml
  run 2 run --trace a.jsonl --chrome ./a.jsonl in.yaml
  contains err.txt "--trace a.jsonl and --chrome ./a.jsonl: they are the same file"
  run 2 sweep in.yaml --runs 3 --out x.json --report x.json
  contains err.txt "they are the same file"
  run 0 sweep in.yaml --runs 3 --no-progress --out part.json
  run 2 merge part.json --out part.json
  contains err.txt "is the input file part.json"
  run 2 merge part.json --report in.yaml --scenario in.yaml
  contains err.txt "is the input file in.yaml"
  cmp in.yaml in.orig || fail "the input was changed"
  [ ! -e a.jsonl ] && [ ! -e x.json ] || fail "an output of a refused command was written"
  mkdir adir
  run 2 run --trace ok.jsonl --chrome adir "$PASSING"
  contains err.txt "adir: is a directory"
  [ ! -e ok.jsonl ] || fail "ok.jsonl written although --chrome was refused"
  no_temporaries ;;
together)  # several outputs are committed all or nothing: a late rename failure undoes the others
  echo old >a.json
  "$CMKSIM" sweep "$PASSING" --runs 20000 --threads 1 --no-progress --out a.json --report b.html >out.txt 2>err.txt &
  pid=$!
  wait_for_temporary
  mkdir b.html  # renaming the report over a directory will fail after the part was renamed
  wait $pid
  st=$?
  [ $st -eq 2 ] || { cat err.txt >&2; fail "sweep exited $st, expected 2"; }
  contains err.txt "b.html: cannot rename into place"
  [ "$(cat a.json)" = old ] || fail "a.json was not restored after the report failed"
  no_temporaries ;;
signal)  # SIGTERM and SIGINT during sweep or explore leave no temporary file
  # no timeline, no expectations: explore finds no violation and keeps running until stopped
  printf 'cmksim: 1\nname: quiet\nseed: 1\nhorizon: 30d\nprojects:\n  - name: prod\n    kms:\n      - provider: AWS\n    clusters:\n      - name: orders\n        cmk: AWS\n' >quiet.yaml
  for sig in TERM INT; do
    # a shell starts background jobs with SIGINT ignored; python restores the default first
    python3 -c 'import os,signal,sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' \
      "$CMKSIM" sweep "$PASSING" --runs 200000 --threads 1 --no-progress --out s.json --report s.html >out.txt 2>err.txt &
    pid=$!
    wait_for_temporary
    kill -$sig $pid
    wait $pid
    st=$?
    [ $st -gt 128 ] || fail "sweep was not ended by SIG$sig (status $st)"
    no_temporaries
    [ ! -e s.json ] && [ ! -e s.html ] || fail "an output appeared after SIG$sig"
    python3 -c 'import os,signal,sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' \
      "$CMKSIM" explore quiet.yaml --runs 1000000 --out r.yaml >out.txt 2>err.txt &
    pid=$!
    wait_for_temporary
    kill -$sig $pid
    wait $pid
    st=$?
    [ $st -gt 128 ] || fail "explore was not ended by SIG$sig (status $st)"
    no_temporaries
    [ ! -e r.yaml ] || fail "a repro appeared after SIG$sig"
  done ;;
secrets-repro)  # explore's repro carries placeholders, not the secrets, and still reproduces
  run 1 explore "$SECRETS" --runs 1 --out repro.yaml
  for v in AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI hunter2; do
    for f in repro.yaml out.txt err.txt; do lacks "$f" "$v"; done
  done
  contains repro.yaml "secretAccessKey: REDACTED  # not copied from the scenario"
  contains repro.yaml "secret: REDACTED"
  contains repro.yaml "# secret, accessKeyID and secretAccessKey values are replaced by REDACTED"
  run 1 run --quiet repro.yaml
  contains out.txt "FAIL"
  run 0 sweep "$SECRETS" --runs 3 --no-progress --out part.json --report r.html --format json
  for v in AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI hunter2; do
    for f in part.json r.html out.txt err.txt; do lacks "$f" "$v"; done
  done ;;
secrets-messages)  # a secret-shaped value is never quoted, wherever it was put
  key=AKIAIOSFODNN7EXAMPLE secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
  azure='Azr8Q~hunter2hunter2hunter2hunter2hunt'
  i=0
  for line in "$key: 1" "secretExpiresIn: $secret" "enabled: $secret" "credentials: $key" "secret: [$secret]" \
              "accessKeyID: {a: $key}" "secretExpiresIn: $azure" "keyState: $azure" "secret: $secret\\n        secret: $secret"; do
    i=$((i + 1))
    sed "s|^        secret: .*|        $line|" "$SECRETS" >bad-$i.yaml
    run 2 validate bad-$i.yaml
    for v in "$key" wJalrXUtnFEMI hunter2; do lacks err.txt "$v"; done
    grep -q "^bad-$i.yaml:[0-9]*:[0-9]*: " err.txt || { cat err.txt >&2; fail "bad-$i.yaml: not a located message"; }
  done
  run 2 sweep "$PASSING" --runs 3 --vary "validation_interval=$secret"
  lacks err.txt wJalrXUtnFEMI ;;
sweep-size)  # --runs above the limit or above free memory: exit 2 at once, saying how to shard
  for n in 18446744073709551615 10000001; do
    start=$(date +%s%N)
    run 2 sweep "$PASSING" --runs $n
    [ $(( ($(date +%s%N) - start) / 1000000 )) -lt 1000 ] || fail "--runs $n took a second or more to refuse"
    contains err.txt "above the limit of 10000000 runs per sweep"
  done
  run 2 sweep "$PASSING" --runs 4000000 --vary validation_interval=5m,15m,30m
  contains err.txt "3 combination(s) = 12000000 runs is above the limit"
  if [ "$ASAN_BUILD" = no ]; then  # AddressSanitizer reserves terabytes of address space: no ulimit -v
    start=$(date +%s%N)
    ( ulimit -v 1000000 && exec "$CMKSIM" sweep "$PASSING" --runs 3000000 ) >out.txt 2>err.txt
    st=$?
    [ $st -eq 2 ] || { cat err.txt >&2; fail "a sweep larger than memory exited $st, expected 2"; }
    [ $(( ($(date +%s%N) - start) / 1000000 )) -lt 1000 ] || fail "the memory refusal took a second or more"
    contains err.txt "need about 5.7 GiB of memory"
    contains err.txt "shards instead (--shard K/"
    contains err.txt "cmksim merge part-*.json"
  fi ;;
merge-checks)  # parts are bounded and checked: version, scenario hash, size, runs
  cp "$PASSING" s.yaml
  for k in 1 2; do run 0 sweep s.yaml --runs 6 --no-progress --shard $k/2 --out p$k.json; done
  run 0 merge p1.json p2.json
  python3 - <<'PY' || fail "could not make the bad parts"
import json
p = json.load(open("p1.json"))
def write(name, change):
    q = json.loads(json.dumps(p)); change(q); json.dump(q, open(name, "w"))
write("v1.json", lambda q: q.update(version=1))
write("hash.json", lambda q: q.update(scenario_hash="fnv1a64:0000000000000000"))
write("huge.json", lambda q: q.update(runs=20000000))
# Found by the merge fuzzer: a float where an integer belongs was undefined behaviour to convert.
write("float.json", lambda q: q.update(runs=1e30))
write("negative.json", lambda q: q["combinations"][0]["runs"].__setitem__(0, -1))
def float_sample(q):
    m = next(m for m in q["combinations"][0]["metrics"].values() if m["samples"])
    m["samples"][0][1] = 9.5e300
write("float-sample.json", float_sample)
write("short.json", lambda q: q["combinations"][0]["runs"].pop())
write("shard.json", lambda q: q.update(shard="3/2"))
def foreign(q):
    m = next(m for m in q["combinations"][0]["metrics"].values() if m["samples"])
    m["samples"][0][0] = 1
write("foreign.json", foreign)
open("padded.json", "w").write(json.dumps(p) + " " * (8 << 20))
PY
  run 2 merge v1.json p2.json && contains err.txt "v1.json: partial format version 1 is not 2"
  run 2 merge p1.json hash.json && contains err.txt "hash.json: the parts were swept from different scenario files"
  run 2 merge huge.json && contains err.txt "runs 20000000 is not within 1..10000000"
  run 2 merge float.json p2.json && contains err.txt "float.json: runs is 1e+30, not an integer within 0..4294967295"
  run 2 merge negative.json p2.json && contains err.txt "a combination's runs is -1, not an integer within 0..4294967295"
  run 2 merge float-sample.json p2.json && contains err.txt "a sample's value is 9.5e+300, not an integer within"
  run 2 merge short.json p2.json && contains err.txt "has 2 runs; shard 1/2 of 6 runs has 3"
  run 2 merge shard.json p2.json && contains err.txt "shard '3/2' is not K/N"
  run 2 merge foreign.json p2.json && contains err.txt "not a run of this part"
  echo "name: edited" >>s.yaml
  run 2 merge p1.json p2.json --report r.html
  contains err.txt "s.yaml: this is not the scenario file the parts were swept from"
  [ ! -e r.html ] || fail "a report was written from an edited scenario"
  run 2 merge /dev/zero
  contains err.txt "/dev/zero: the part is larger than the limit of 268435456 bytes"
  printf '8888E8888888888' >huge-number.json  # found by the merge fuzzer: once exit 3
  run 2 merge huge-number.json
  contains err.txt "huge-number.json: expected JSON written by cmksim sweep --out"
  if [ "$ASAN_BUILD" = no ]; then
    ( ulimit -v 150000 && exec "$CMKSIM" merge padded.json ) >out.txt 2>err.txt
    [ $? -eq 2 ] || { cat err.txt >&2; fail "a merge larger than memory was not refused"; }
    contains err.txt "merge on a machine with more free memory"
  fi
  no_temporaries ;;
*) fail "unknown case" ;;
esac
exit 0
