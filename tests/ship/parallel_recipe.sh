#!/bin/sh
# The README's GNU parallel recipe runs as written (issue 15), scaled down: the block is taken from
# README.md verbatim, only `--runs 100000` becomes `--runs 60`, and run with Debian's `parallel`
# and the built cmksim first on PATH. The merged result must equal the unsharded sweep's, byte
# for byte (JSON), and the report must be written.
#   sh parallel_recipe.sh CMKSIM SOURCE_DIR WORKDIR
set -u
CMKSIM=$1 SRC=$2 WORK=$3
fail() { echo "FAILED [recipes:parallel]: $*" >&2; exit 1; }
command -v parallel >/dev/null || fail "GNU parallel is not installed (tools/install-deps installs it)"
rm -rf "$WORK" && mkdir -p "$WORK/bin" || exit 2
cd "$WORK" || exit 2
ln -s "$SRC/scenarios" scenarios
ln -s "$CMKSIM" bin/cmksim
export PATH="$WORK/bin:$PATH"

# The ```sh block that holds "parallel -j", as the README shows it.
awk '/^```sh$/ {on = 1; block = ""; next} /^```$/ {if (on && block ~ /parallel -j/) {printf "%s", block; exit} on = 0; next}
     on {block = block $0 "\n"}' "$SRC/README.md" >recipe.sh
grep -q '^parallel -j' recipe.sh || fail "no GNU parallel recipe in README.md"
grep -q 'cmksim merge part-\*.json' recipe.sh || fail "the recipe does not merge the parts"
sed 's/--runs 100000/--runs 60/' recipe.sh >scaled.sh
cmp -s recipe.sh scaled.sh && fail "the recipe has no --runs 100000 to scale down"
[ "$(diff recipe.sh scaled.sh | grep -c '^>')" -eq 1 ] || fail "scaling changed more than the run count"

HOME=$WORK bash -e scaled.sh >recipe.out 2>recipe.err || { cat recipe.err >&2; fail "the recipe failed"; }
ls part-*.json >/dev/null 2>&1 || fail "no part files"
[ -s latency.html ] || fail "the recipe's report latency.html was not written"
file=$(grep -o 'scenarios/[^ ]*\.yaml' scaled.sh | head -1)
cmksim merge part-*.json --format json >merged.json || fail "merge --format json"
cmksim sweep "$file" --runs 60 --threads 2 --format json --quiet >unsharded.json || fail "the unsharded sweep"
cmp merged.json unsharded.json || fail "the merged result differs from the unsharded one"
exit 0
