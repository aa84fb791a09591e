#!/bin/sh
# Every requirement id the tree cites (PAT-26, FLT-07, …) must have its line
# in doc/requirements.md: "| id | what it asks, in one line | RFC section |".
# Fails naming the file and line of each citation without one, and each line
# of doc/requirements.md that is duplicated or lacks its text or RFC section.
#
# Usage: check-requirements.sh [TOP]    TOP is the source tree (default: ours)
set -u

# shellcheck source=tests/lint/lib.sh
. "$(dirname "$0")/lib.sh"
lint_cd_top "$@"
doc=doc/requirements.md
[ -f "$doc" ] || { echo "$doc: missing"; exit 1; }

# The id prefixes of the SCIM service-provider checklist, one per area.
prefixes="ATT|BLK|CRT|CUR|CV|DEL|DSC|ERR|EXT|FLT|GEN|GET|ME|PAG|PAT|PRJ|PUT|RES|SCH|SEC|SRCH|SRT|VER"

files=$(for d in src tests doc sql nginx apache scripts bench examples; do
          [ -d "$d" ] && find "$d" -type f ! -path "$doc"
        done
        for f in README.md HACKING.md NEWS configure.ac Makefile.am; do
          [ -f "$f" ] && echo "$f"
        done)

# shellcheck disable=SC2086  # $files is a list of paths without blanks
awk -v doc="$doc" -v prefixes="$prefixes" '
  BEGIN {
    id_re = "(" prefixes ")-[0-9][0-9]"
    cite_re = "(^|[^A-Za-z0-9_-])" id_re "([^A-Za-z0-9_]|$)"
    status = 0
  }
  FILENAME == doc {
    if ($0 !~ "^\\| *" id_re " *\\|") next
    n = split($0, cell, "|")
    id = cell[2]; gsub(/ /, "", id)
    if (id in defined) {
      printf "%s:%d: %s is defined twice (first on line %d)\n", doc, FNR, id, defined[id]
      status = 1
    }
    defined[id] = FNR
    text = cell[3]; ref = cell[4]
    gsub(/ /, "", text)
    if (n < 5 || text == "" || ref !~ /RFC [0-9]+ §/) {
      printf "%s:%d: %s needs: | id | requirement | RFC nnnn §x |\n", doc, FNR, id
      status = 1
    }
    next
  }
  {
    line = $0
    while (match(line, cite_re)) {
      hit = substr(line, RSTART, RLENGTH)
      line = substr(line, RSTART + RLENGTH - 1)
      match(hit, id_re)
      id = substr(hit, RSTART, RLENGTH)
      if (!(id in defined)) {
        printf "%s:%d: %s is cited but has no line in %s\n", FILENAME, FNR, id, doc
        status = 1
      }
    }
  }
  END {
    if (status == 0) print "requirements: ok"
    exit status
  }
' "$doc" $files
