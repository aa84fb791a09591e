#!/bin/sh
# Checks that the C++ sources (src/, tests/, bench/) are formatted as
# .clang-format says.  Exit 77 (skipped) when clang-format 14, the version
# of Debian 12 the style is written for, is missing; CI installs it
# (scripts/install-deps.sh).  To fix what it reports, from the source tree:
#   git ls-files '*.h' '*.cc' | xargs clang-format -i
#
# Usage: check-format.sh [TOP]    TOP is the source tree (default: ours)
set -u

# shellcheck source=tests/lint/lib.sh
. "$(dirname "$0")/lib.sh"
lint_cd_top "$@"

lint_llvm_tool clang-format 14 "${CLANG_FORMAT:-}"
fmt=$tool

files=$(find src tests bench -type f \( -name '*.h' -o -name '*.cc' \) 2>/dev/null | sort)
[ -n "$files" ] || { echo "format: no sources under $top"; exit 99; }

# --dry-run --Werror prints each unformatted spot as file:line:column.
# shellcheck disable=SC2086  # $files is a list of paths without blanks
if printf '%s\n' $files | xargs -P2 -n16 "$fmt" --style=file --dry-run --Werror 2>&1 | grep .; then
  echo "format: the files above differ from .clang-format; run: clang-format -i FILE..."
  exit 1
fi
echo "format: ok"
