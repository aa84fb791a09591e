#!/bin/sh
# Checks every #include under src/ against the layering table of HACKING.md.
# Each include is exactly one of:
#   * a project header, written "module/file.h" from src/, of a module the
#     including module may use (allowed() below);
#   * a C++ standard library or POSIX/system header (is_system() below, an
#     explicit list);
#   * a header of a third-party library, which exactly one module may include
#     (owner() below); app includes only libsystemd's, admin none: they reach
#     every other library through the module that owns it.
# Anything else fails, naming file and line and where to add the header.
# There is no list of exceptions, and there should never be one.
#
# Usage: check-layering.sh [TOP]    TOP holds src/ (default: the source tree)
set -u

# shellcheck source=tests/lint/lib.sh
. "$(dirname "$0")/lib.sh"
lint_cd_top "$@"
cd src || exit 99

modules=" util json scim auth manage webhook store http app admin "
me="tests/lint/check-layering.sh"

# allowed MODULE: sets $ok to the project modules MODULE may include.
allowed() {
  case $1 in
    util) ok=" util " ;;
    json) ok=" json util " ;;
    scim) ok=" scim json util " ;;
    auth) ok=" auth util " ;;
    manage) ok=" manage scim auth webhook json util " ;;
    webhook) ok=" webhook auth util " ;;
    store) ok=" store manage scim auth webhook json util " ;;
    http) ok=" http manage scim auth json util " ;;
    app) ok=" app http manage store webhook scim auth json util " ;;
    admin) ok=" admin app manage store webhook scim auth json util " ;;
    *) ok=" " ;;
  esac
}

# owner HEADER: sets $owner to the one module that may include a third-party
# HEADER ("tests" for test-only libraries), or to "" when HEADER is unknown.
owner() {
  case $1 in
    jansson.h|jansson_config.h) owner=json ;;  # jansson
    fastcgi.h|fcgi_config.h|fcgi_stdio.h|fcgiapp.h|fcgimisc.h|fcgio.h|fcgios.h)
      owner=http ;;  # libfcgi
    cppconn/*|mysql_connection.h|mysql_driver.h|mysql_error.h)
      owner=store ;;  # MySQL Connector/C++ 1.1
    openssl/*) owner=auth ;;  # OpenSSL libcrypto
    curl/*) owner=webhook ;;  # libcurl
    systemd/sd-daemon.h) owner=app ;;  # libsystemd (app/systemd.cc only)
    boost/test/*) owner=tests ;;  # Boost.Test: tests/ only
    *) owner="" ;;
  esac
}

# is_system HEADER: true for the C++ standard library and POSIX/system headers.
is_system() {
  case $1 in
    # C++17 (and the C++20/23 headers a newer -std= brings)
    algorithm|any|array|atomic|bit|bitset|cassert|cctype|cerrno|cfenv|cfloat|\
    charconv|chrono|cinttypes|climits|clocale|cmath|compare|complex|concepts|\
    condition_variable|csetjmp|csignal|cstdarg|cstddef|cstdint|cstdio|\
    cstdlib|cstring|ctime|cuchar|cwchar|cwctype|deque|exception|execution|\
    expected|filesystem|format|forward_list|fstream|functional|future|\
    initializer_list|iomanip|ios|iosfwd|iostream|istream|iterator|limits|list|\
    locale|map|memory|memory_resource|mutex|new|numbers|numeric|optional|\
    ostream|queue|random|ranges|ratio|regex|scoped_allocator|set|shared_mutex|\
    source_location|span|sstream|stack|stdexcept|streambuf|string|\
    string_view|system_error|thread|tuple|type_traits|typeindex|typeinfo|\
    unordered_map|unordered_set|utility|valarray|variant|vector|version) ;;
    # POSIX.1-2017 headers
    aio.h|arpa/inet.h|assert.h|complex.h|cpio.h|ctype.h|dirent.h|dlfcn.h|\
    errno.h|fcntl.h|fenv.h|float.h|fmtmsg.h|fnmatch.h|ftw.h|glob.h|grp.h|\
    iconv.h|inttypes.h|iso646.h|langinfo.h|libgen.h|limits.h|locale.h|math.h|\
    monetary.h|mqueue.h|ndbm.h|net/if.h|netdb.h|netinet/in.h|netinet/tcp.h|\
    nl_types.h|poll.h|pthread.h|pwd.h|regex.h|sched.h|search.h|semaphore.h|\
    setjmp.h|signal.h|spawn.h|stdarg.h|stdbool.h|stddef.h|stdint.h|stdio.h|\
    stdlib.h|string.h|strings.h|sys/ipc.h|sys/epoll.h|sys/mman.h|sys/msg.h|\
    sys/resource.h|sys/select.h|sys/sem.h|sys/shm.h|sys/socket.h|sys/stat.h|\
    sys/statvfs.h|sys/time.h|sys/times.h|sys/types.h|sys/uio.h|sys/un.h|\
    sys/utsname.h|sys/wait.h|syslog.h|tar.h|termios.h|tgmath.h|time.h|\
    ulimit.h|unistd.h|utime.h|utmpx.h|wchar.h|wctype.h|wordexp.h) ;;
    # glibc beyond POSIX
    getopt.h|sys/prctl.h) ;;
    *) return 1 ;;
  esac
}

status=0
fail() {
  echo "src/$file:$line: $1"
  status=1
}

# check_project MODULE-OF-HEADER: the layering rule for a project header.
check_project() {
  case $ok in
    *" $1 "*) ;;
    *) fail "src/$module may not include $header (layering table in HACKING.md)" ;;
  esac
}

records=$(find . \( -name '*.h' -o -name '*.hpp' -o -name '*.c' -o -name '*.cc' -o -name '*.cpp' \) \
  -exec grep -Hn '^[[:space:]]*#[[:space:]]*include' {} + | sort -t: -k1,1 -k2,2n)

while IFS= read -r record; do
  [ -n "$record" ] || continue
  file=${record%%:*}
  file=${file#./}
  rest=${record#*:}
  line=${rest%%:*}
  text=${rest#*:}
  module=${file%%/*}
  [ "$module" != "$file" ] || module=""
  allowed "$module"

  spec=${text#*include}
  spec=${spec#"${spec%%[![:space:]]*}"}
  case $spec in
    '"'*) header=${spec#\"}; header=${header%%\"*}; quoted=yes ;;
    '<'*) header=${spec#<}; header=${header%%>*}; quoted=no ;;
    *) fail "include through a macro cannot be checked: $text"; continue ;;
  esac
  dir=${header%%/*}
  [ "$dir" != "$header" ] || dir=""

  if [ "$quoted" = yes ]; then
    case $header in
      ../*|./*|*/../*|*/./*)
        fail "relative include \"$header\": write it from src/, e.g. \"scim/filter.h\""; continue ;;
    esac
    case $modules in
      *" $dir "*) check_project "$dir" ;;
      *) fail "\"$header\" is not a project header: project headers are \"module/file.h\" from src/; system and third-party headers use <>" ;;
    esac
    continue
  fi

  case $modules in
    *" $dir "*)
      fail "project header in <>: write \"$header\""
      check_project "$dir"
      continue ;;
  esac
  if [ -f "$header" ]; then
    fail "project header in <>: write \"$header\""
    continue
  fi
  is_system "$header" && continue
  owner "$header"
  if [ -z "$owner" ]; then
    fail "unknown header <$header>: add it to is_system() in $me if it is C++ or POSIX; if it belongs to a third-party library, give that library one owning module in owner() there and in the table of HACKING.md"
  elif [ "$owner" = tests ]; then
    fail "<$header> is for tests/ only"
  elif [ "$owner" != "$module" ]; then
    fail "<$header> may only be included under src/$owner/ (each library has one owning module; see HACKING.md)"
  fi
done <<EOF
$records
EOF

[ $status -eq 0 ] && echo "layering: ok"
exit $status
