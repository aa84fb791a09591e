#!/bin/sh
# Runs clang-tidy (.clang-tidy) over every .cc under src/ and tests/, two at
# a time, and fails on any finding.  It needs no build: the compile flags are
# the project's own (C++17, includes from src/ and tests/).  Exit 77
# (skipped) when clang-tidy 14, the version of Debian 12 the checks are
# chosen for, is missing; CI installs it (scripts/install-deps.sh).
#
# Usage: check-tidy.sh [TOP]    TOP is the source tree (default: ours)
# Environment: CLANG_TIDY (the binary), TIDY_JOBS (parallel runs, default 2).
set -u

# shellcheck source=tests/lint/lib.sh
. "$(dirname "$0")/lib.sh"
lint_cd_top "$@"

lint_llvm_tool clang-tidy 14 "${CLANG_TIDY:-}"
tidy=$tool

# The flags of Makefile.am and configure.ac that matter to the front end
# (the values of the path and version macros do not).
# shellcheck disable=SC2046  # pkg-config prints a word list
set -- -std=c++17 -Isrc -Itests -DBOOST_TEST_DYN_LINK '-DPACKAGE_VERSION="0"' \
  '-DFASTSCIM_SRCDIR="."' '-DFASTSCIM_BUILDDIR="./build"' '-DFASTSCIM_SYSCONFDIR="/etc"' '-DFASTSCIM_PKGDATADIR="."' \
  '-DFASTSCIM_TEST_CASES="tests/cases"' $(pkg-config --cflags jansson libcrypto libcurl 2>/dev/null)
files=$(find src tests -type f -name '*.cc' | sort)
out=$(mktemp) || exit 99
trap 'rm -f "$out"' EXIT

# shellcheck disable=SC2086  # $files is a list of paths without blanks
printf '%s\n' $files | xargs -P"${TIDY_JOBS:-2}" -I{} \
  "$tidy" --quiet {} -- "$@" >"$out" 2>&1

# Each finding once (a header's findings come once per file including it).
findings=$(grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' "$out" | sed "s|^$top/||" | sort -u)
if [ -n "$findings" ]; then
  printf '%s\n' "$findings"
  echo "tidy: $(printf '%s\n' "$findings" | wc -l) findings"
  exit 1
fi
echo "tidy: ok"
