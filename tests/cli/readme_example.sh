#!/bin/sh
# The README's example scenario is a real one: extract its ```yaml block and run it (exit 0 needed),
# and check the timeline the README shows is the one cmksim prints for scenarios/default.yaml.
set -eu
cmksim=$1 readme=$2 default=$3 work=$4
mkdir -p "$work"
awk '/^```yaml$/ {on=1; next} /^```$/ {if (on) exit} on' "$readme" > "$work/example.yaml"
grep -q '^cmksim: 1' "$work/example.yaml" || { echo "no example scenario found in $readme" >&2; exit 1; }
"$cmksim" run --quiet "$work/example.yaml"
awk '/^```text$/ {on=1; next} /^```$/ {if (on) exit} on' "$readme" | grep -E '^ +[0-9]+d ' > "$work/shown.txt"
"$cmksim" run "$default" | grep -E '^ +[0-9]+d ' > "$work/printed.txt"
cmp "$work/shown.txt" "$work/printed.txt" || { echo "README timeline differs from cmksim run $default; paste the new one" >&2; exit 1; }
