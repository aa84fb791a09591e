# shellcheck shell=sh
# Shared by the lints; sourced, never run:  . "$(dirname "$0")/lib.sh"

# lint_cd_top [TOP]: changes to the source tree and sets $top to it: TOP
# when given, else automake's $srcdir, else the tree this script is in.
lint_cd_top() {
  if [ $# -gt 0 ]; then
    top=$1
  elif [ -n "${srcdir:-}" ] && [ -d "${srcdir:-}/src" ]; then
    top=$srcdir
  else
    top=$(cd "$(dirname "$0")/../.." && pwd)
  fi
  cd "$top" && top=$(pwd) || exit 99
}

# lint_llvm_tool NAME VERSION OVERRIDE: sets $tool to the clang tool NAME of
# major VERSION (OVERRIDE, e.g. $CLANG_FORMAT, wins when set), or exits 77
# (skipped) saying which Debian package to install: the checks are written
# for the version Debian 12 ships, and another version would judge
# differently.
lint_llvm_tool() {
  tool=$3
  if [ -z "$tool" ]; then
    for candidate in "$1-$2" "$1"; do
      if command -v "$candidate" >/dev/null 2>&1; then tool=$candidate; break; fi
    done
  fi
  if [ -z "$tool" ] || ! command -v "$tool" >/dev/null 2>&1; then
    echo "${1#clang-}: skipped: $1 not found (Debian package $1)"
    exit 77
  fi
  found=$("$tool" --version | sed -n 's/.*version \([0-9]*\).*/\1/p' | head -n 1)
  if [ "$found" != "$2" ]; then
    echo "${1#clang-}: skipped: checked with $1 $2, found '$found' ($tool); set the override variable"
    exit 77
  fi
}
