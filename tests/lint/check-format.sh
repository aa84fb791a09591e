#!/bin/sh
# Checks that the C++ sources (src/, tests/, bench/) are formatted as
# .clang-format says.  Exit 77 (skipped) when clang-format 14, the version
# of Debian 12 the style is written for, is missing; CI installs it
# (scripts/install-deps.sh).  To fix what it reports, from the source tree:
#   git ls-files '*.h' '*.cc' | xargs clang-format -i
#
# Usage: check-format.sh [TOP]    TOP is the source tree (default: ours)
set -u

if [ $# -gt 0 ]; then
  top=$1
elif [ -n "${srcdir:-}" ] && [ -d "${srcdir:-}/src" ]; then
  top=$srcdir
else
  top=$(cd "$(dirname "$0")/../.." && pwd)
fi
cd "$top" || exit 99

want=14
fmt=${CLANG_FORMAT:-}
if [ -z "$fmt" ]; then
  for candidate in clang-format-$want clang-format; do
    if command -v "$candidate" >/dev/null 2>&1; then fmt=$candidate; break; fi
  done
fi
if [ -z "$fmt" ] || ! command -v "$fmt" >/dev/null 2>&1; then
  echo "format: skipped: clang-format not found (Debian package clang-format)"
  exit 77
fi
version=$("$fmt" --version | sed -n 's/.*clang-format version \([0-9]*\).*/\1/p')
if [ "$version" != "$want" ]; then
  echo "format: skipped: the style is checked with clang-format $want, found '$version' ($fmt); set CLANG_FORMAT"
  exit 77
fi

files=$(find src tests bench -type f \( -name '*.h' -o -name '*.cc' \) 2>/dev/null | sort)
[ -n "$files" ] || { echo "format: no sources under $top"; exit 99; }

# --dry-run --Werror prints each unformatted spot as file:line:column.
# shellcheck disable=SC2086  # $files is a list of paths without blanks
if printf '%s\n' $files | xargs -P2 -n16 "$fmt" --style=file --dry-run --Werror 2>&1 | grep .; then
  echo "format: the files above differ from .clang-format; run: clang-format -i FILE..."
  exit 1
fi
echo "format: ok"
