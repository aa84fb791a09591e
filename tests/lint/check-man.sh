#!/bin/sh
# Checks the man pages (man/*.[58]) with mandoc's lint: no warning or error
# (style notes, like a manual referenced but not installed, are fine).
# Whether they document every configuration key and admin command is
# checked by the unit tests (tests/unit/{app,admin}/man_page_test.cc).
# Exit 77 (skipped) without mandoc (Debian package mandoc); CI installs it.
#
# Usage: check-man.sh [TOP]    TOP is the source tree (default: ours)
set -u

# shellcheck source=tests/lint/lib.sh
. "$(dirname "$0")/lib.sh"
lint_cd_top "$@"

if ! command -v mandoc >/dev/null 2>&1; then
  echo "man: skipped: mandoc not found (Debian package mandoc)"
  exit 77
fi
pages=$(ls man/*.5 man/*.8 2>/dev/null)
[ -n "$pages" ] || { echo "man: no pages under $top/man"; exit 99; }
# shellcheck disable=SC2086  # paths without blanks
if ! mandoc -T lint -W warning $pages; then
  echo "man: fix the warnings above (mandoc -T lint -W warning man/PAGE)"
  exit 1
fi
echo "man: ok ($(echo $pages | wc -w) pages)"
