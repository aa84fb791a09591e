#!/bin/sh
# Checks every #include in src/ against the layering table of HACKING.md:
# project headers may only come from the modules a module is allowed to use,
# and each third-party library is included by exactly one module.
set -u
top=${srcdir:-.}
[ -d "$top/src" ] || top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top/src" || exit 99

allowed() {  # module -> project modules it may include
  case $1 in
    util) echo "util" ;;
    json) echo "json util" ;;
    scim) echo "scim json util" ;;
    auth) echo "auth util" ;;
    store) echo "store scim auth json util" ;;
    http) echo "http scim auth json util" ;;
    app) echo "app http store scim auth json util" ;;
    admin) echo "admin app store scim auth json util" ;;
    *) echo "" ;;
  esac
}

owner_of() {  # third-party header -> the one module allowed to include it
  case $1 in
    jansson.h) echo json ;;
    fcgiapp.h|fcgio.h|fcgi_stdio.h|fastcgi.h) echo http ;;
    cppconn/*|mysql_*.h|mysql/*) echo store ;;
    openssl/*) echo auth ;;
    *) echo "" ;;
  esac
}

status=0
for file in $(find . -name '*.h' -o -name '*.cc' | sort); do
  module=$(echo "$file" | cut -d/ -f2)
  ok=$(allowed "$module")
  while IFS= read -r line; do
    header=$(echo "$line" | sed -n 's/^#include[[:space:]]*[<"]\([^>"]*\)[>"].*/\1/p')
    [ -n "$header" ] || continue
    case $line in
      *'"../'*) echo "$file: relative include: $line"; status=1; continue ;;
    esac
    owner=$(owner_of "$header")
    if [ -n "$owner" ] && [ "$owner" != "$module" ] && [ "$module" != app ] && [ "$module" != admin ]; then
      echo "$file: $header may only be included under src/$owner/"; status=1
    fi
    case $line in
      *'"'*)
        dep=$(echo "$header" | cut -d/ -f1)
        case " $ok " in
          *" $dep "*) ;;
          *) echo "$file: src/$module may not include $header"; status=1 ;;
        esac ;;
    esac
  done <<EOT
$(grep '^#include' "$file")
EOT
done
[ $status -eq 0 ] && echo "layering: ok"
exit $status
