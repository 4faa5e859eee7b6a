#!/bin/sh
# What a user installs (issue 15): `cmake --install` into a scratch prefix, and the Debian package
# from `cpack -G DEB`, unpacked into a scratch root (never installed on this machine). Both must
# hold the binary, the bundled scenarios, schema and FORMAT.md, the docs, a man page per command
# and the completions; the installed binary must run the installed scenarios and `init | validate -`.
#   sh install_check.sh CASE BUILD_DIR WORKDIR      CASE: install | deb
set -u
CASE=$1 BUILD=$2 WORK=$3
rm -rf "$WORK" && mkdir -p "$WORK" || exit 2
cd "$WORK" || exit 2
fail() { echo "FAILED [install $CASE]: $*" >&2; exit 1; }

# check_tree ROOT: the installed layout under ROOT (a prefix such as ROOT/usr) works.
check_tree() {
  root=$1
  for f in bin/cmksim share/cmksim/cmksim.schema.json share/cmksim/FORMAT.md share/cmksim/scenarios/default.yaml \
           share/doc/cmksim/README.md share/doc/cmksim/docs/TUTORIAL.md share/bash-completion/completions/cmksim \
           share/zsh/vendor-completions/_cmksim; do
    [ -e "$root/$f" ] || fail "$f is not installed"
  done
  if command -v help2man >/dev/null; then
    for c in cmksim $("$root/bin/cmksim" --help | awk '/^Commands:/ {f = 1; next} /^$/ {f = 0} f {print "cmksim-" $1}'); do
      [ -s "$root/share/man/man1/$c.1" ] || fail "no man page $c.1"
    done
    grep -q '^\.TH CMKSIM-RUN ' "$root/share/man/man1/cmksim-run.1" || fail "cmksim-run.1 has the wrong title"
    grep -q 'junit' "$root/share/man/man1/cmksim-run.1" || fail "cmksim-run.1 lacks the options"
    if command -v man >/dev/null; then
      MANPATH=$root/share/man man -P cat cmksim-run 2>/dev/null | grep -q -- "--junit" || fail "man cmksim-run does not render"
    fi
  fi
  "$root/bin/cmksim" --version | grep -q '^cmksim ' || fail "the installed cmksim does not run"
  "$root/bin/cmksim" run --quiet "$root/share/cmksim/scenarios/default.yaml" >out.txt 2>&1 || { cat out.txt; fail "installed scenario"; }
  "$root/bin/cmksim" init | "$root/bin/cmksim" validate - >out.txt 2>&1 || { cat out.txt; fail "init | validate -"; }
}

case $CASE in
install)
  cmake --install "$BUILD" --prefix "$WORK/prefix" >install.log 2>&1 || { cat install.log; fail "cmake --install"; }
  check_tree "$WORK/prefix" ;;
deb)
  command -v dpkg-deb >/dev/null || fail "dpkg-deb missing (tools/install-deps installs dpkg-dev)"
  cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$WORK/pkg" >cpack.log 2>&1 || { cat cpack.log; fail "cpack -G DEB"; }
  deb=$(ls "$WORK"/pkg/cmksim_*.deb) || fail "no .deb written"
  dpkg-deb -c "$deb" >contents.txt
  grep -q '\./usr/bin/cmksim$' contents.txt || fail "the package lacks /usr/bin/cmksim"
  dpkg-deb -f "$deb" Depends >depends.txt
  # Every shared library the binary needs comes from a package the .deb depends on.
  dpkg-deb -x "$deb" root
  for lib in $(ldd root/usr/bin/cmksim | awk '$3 ~ /^\// {print $3}'); do
    pkg=$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | head -1 | cut -d: -f1) || true
    [ -z "$pkg" ] && pkg=$(dpkg -S "$lib" 2>/dev/null | head -1 | cut -d: -f1)
    [ -n "$pkg" ] || continue
    grep -qw "$pkg" depends.txt || fail "$lib is from $pkg, which Depends does not name: $(cat depends.txt)"
  done
  check_tree "$WORK/root/usr" ;;
*) fail "unknown case" ;;
esac
exit 0
