#!/bin/sh
# Self-test of the lints (check-layering.sh, check-requirements.sh): each must fail on a small tree that breaks its
# rule and pass on one that keeps it.  A lint that cannot fail checks nothing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0

# expect PASS|FAIL LINT TREE [PATTERN]: LINT run on TREE must pass, or must
# fail and say PATTERN.
expect() {
  out=$(sh "$here/$2" "$3" 2>&1)
  rc=$?
  if [ "$1" = PASS ] && [ $rc -ne 0 ]; then
    echo "FAIL: $2 rejects a good tree ($3):"; echo "$out"; status=1
  elif [ "$1" = FAIL ] && [ $rc -ne 1 ]; then
    echo "FAIL: $2 accepts a bad tree ($3, exit $rc)"; status=1
  elif [ "$1" = FAIL ] && ! printf '%s\n' "$out" | grep -qF -- "$4"; then
    echo "FAIL: $2 on $3 does not say '$4':"; echo "$out"; status=1
  else
    echo "ok: $2 ${1} $3"
  fi
}

# tree NAME FILE TEXT...: a fresh tree with FILE (under it) holding TEXT.
tree() {
  name=$1 path=$2
  shift 2
  mkdir -p "$tmp/$name/$(dirname "$path")"
  printf '%s\n' "$@" >> "$tmp/$name/$path"
}

# ---- check-layering.sh --------------------------------------------------------
tree good src/scim/filter.h '#include <string>' '#include <unistd.h>' '#include "json/value.h"'
tree good src/json/value.h '#include <jansson.h>' '#include "util/result.h"'
tree good src/app/main.cc '#include "http/server.h"' '#include "store/database.h"'
expect PASS check-layering.sh "$tmp/good"

tree up src/json/value.h '#include "scim/filter.h"'
expect FAIL check-layering.sh "$tmp/up" 'src/json/value.h:1: src/json may not include scim/filter.h'
tree angle src/json/value.h '#include <scim/filter.h>'
expect FAIL check-layering.sh "$tmp/angle" 'src/json may not include scim/filter.h'
tree relative src/scim/patch.cc '#include "../json/value.h"'
expect FAIL check-layering.sh "$tmp/relative" 'relative include'
tree foreign src/scim/patch.cc '#include <jansson.h>'
expect FAIL check-layering.sh "$tmp/foreign" 'may only be included under src/json/'
tree wiring src/app/worker.cc '#include <fcgiapp.h>'
expect FAIL check-layering.sh "$tmp/wiring" 'may only be included under src/http/'
tree admin src/admin/main.cc '#include "http/server.h"'
expect FAIL check-layering.sh "$tmp/admin" 'src/admin may not include http/server.h'
tree unknown src/store/database.cc '#include <mysql.h>'
expect FAIL check-layering.sh "$tmp/unknown" 'unknown header <mysql.h>'
tree boost src/util/log.cc '#  include <boost/test/unit_test.hpp>'
expect FAIL check-layering.sh "$tmp/boost" 'for tests/ only'

# ---- check-requirements.sh ----------------------------------------------------
tree reqs doc/requirements.md '| id | requirement | RFC |' '|---|---|---|' \
  '| PAT-26 | accepts Entra quirks | RFC 7644 §3.5.2 |'
tree reqs src/scim/patch.cc '// Entra sends "False" (PAT-26).'
expect PASS check-requirements.sh "$tmp/reqs"
tree reqs src/scim/filter.cc '// FLT-07: no ordering on booleans.'
expect FAIL check-requirements.sh "$tmp/reqs" 'src/scim/filter.cc:1: FLT-07 is cited but has no line'

exit $status
