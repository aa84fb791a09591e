#!/usr/bin/env bash
# fastscim integration tests: the real stack, started once per run.
#
# Starts, in a temporary directory: a private MariaDB, the schema, fastscimd's
# supervisor on a unix socket, nginx with TLS in front of it, and one Apache
# with three TLS virtual hosts (mod_fcgid starting fastscimd itself,
# mod_proxy_fcgi to the supervisor's socket, and the shared-hosting .htaccess
# variant), all on free loopback ports.  It creates tenants and tokens with
# fastscim-admin, runs the Python tests (tests/integration/test_*.py), stops
# everything (also on failure or Ctrl-C) and prints `N passed, M failed` last.
#
# make check runs it once; it also runs by hand:
#   tests/integration/run.sh [test_auth ...]     (modules or module.Class.test;
#                                                test_store: the Boost store tests)
# Environment: FASTSCIMD, FASTSCIM_ADMIN, FASTSCIM_SRCDIR, FASTSCIM_BUILDDIR
# (default: the checkout this script is in, and its build/);
# FASTSCIM_IT_KEEP=1 keeps the temporary directory.
#
# Exit status: 0 all passed; 1 a test failed; 77 skipped (prerequisites
# missing, never when CI=true); 99 the stack could not be started.
set -u

here=$(cd "$(dirname "$0")" && pwd)
: "${FASTSCIM_SRCDIR:=$(cd "$here/../.." && pwd)}"
: "${FASTSCIM_BUILDDIR:=$FASTSCIM_SRCDIR/build}"
: "${FASTSCIMD:=$FASTSCIM_BUILDDIR/src/app/fastscimd}"
: "${FASTSCIM_ADMIN:=$FASTSCIM_BUILDDIR/src/admin/fastscim-admin}"
FASTSCIM_SRCDIR=$(cd "$FASTSCIM_SRCDIR" && pwd)
export FASTSCIM_SRCDIR FASTSCIM_BUILDDIR FASTSCIMD FASTSCIM_ADMIN

# Hermetic: configuration comes only from the files written below, never
# from FASTSCIM_<KEY> variables of the caller's environment (the harness's
# own, FASTSCIM_SERVER_TESTS included, are kept).
for name in $(compgen -e | grep '^FASTSCIM_' || true); do
  case $name in
    FASTSCIM_SRCDIR | FASTSCIM_BUILDDIR | FASTSCIM_ADMIN | FASTSCIM_IT_KEEP | FASTSCIM_WEB_USER | FASTSCIM_SERVER_TESTS) ;;
    *) unset "$name" ;;
  esac
done

# shellcheck source=scripts/lib/stack.sh
. "$FASTSCIM_SRCDIR/scripts/lib/stack.sh"

say() { printf 'integration: %s\n' "$*"; }

# ---- prerequisites: skip by hand, fail in CI ---------------------------------------
# `make distcheck` configures with --disable-server-tests: the tarball is
# built and tested without starting any server.
if [ "${FASTSCIM_SERVER_TESTS:-yes}" = no ]; then
  say "skipped: configured with --disable-server-tests (make distcheck); make check in a checkout runs them"
  exit 77
fi
missing=""
for tool in mariadbd mariadb-install-db mariadb nginx openssl python3 curl setsid prometheus logrotate; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missing="$missing $tool"
done
[ -x "$FASTSCIM_APACHE_BIN" ] || missing="$missing apache2"
[ -f "$FASTSCIM_APACHE_MODULES/mod_fcgid.so" ] || missing="$missing mod_fcgid"
[ -f "$FASTSCIM_APACHE_MODULES/mod_proxy_fcgi.so" ] || missing="$missing mod_proxy_fcgi"
if stack_is_root && ! id "$FASTSCIM_WEB_USER" >/dev/null 2>&1; then
  missing="$missing user:$FASTSCIM_WEB_USER"
fi
[ -x "$FASTSCIMD" ] || missing="$missing $FASTSCIMD"
[ -x "$FASTSCIM_ADMIN" ] || missing="$missing $FASTSCIM_ADMIN"
if [ -n "$missing" ]; then
  say "missing:$missing (scripts/install-deps.sh installs the packages)"
  if [ "${CI:-}" = true ]; then
    say "CI=true: integration tests never skip"
    echo "0 passed, 1 failed"
    exit 1
  fi
  exit 77
fi

# ---- the stack ---------------------------------------------------------------------
work=$(mktemp -d /tmp/fastscim-it.XXXXXX) || exit 99
chmod 755 "$work"
status=99
supervisor_pid=""
apache_bin="$work/bin/fastscimd"

# shellcheck disable=SC2317 # called from the EXIT trap
stop_stack() {
  [ -d "$work/apache" ] && apache_stop "$work/apache" "$apache_bin"
  [ -d "$work/nginx" ] && nginx_stop "$work/nginx"
  [ -n "$supervisor_pid" ] && fastscimd_stop "$supervisor_pid"
  [ -d "$work/mariadb" ] && mariadb_stop "$work/mariadb"
  # Whatever still runs from this run's directory (its pid files lost).
  stack_kill_leftovers "$work"
}

# shellcheck disable=SC2317 # the EXIT trap
finish() {
  local summary=""
  trap - EXIT INT TERM
  stop_stack
  [ -s "$work/summary" ] && summary=$(cat "$work/summary")
  if [ "$status" -ne 0 ]; then
    for log in "$work/log/fastscimd.log" "$work/nginx/error.log" "$work/apache/error.log" "$work/mariadb/error.log"; do
      stack_tail "$log" 2>&1
    done
  fi
  if [ "$status" -ne 0 ] || [ -n "${FASTSCIM_IT_KEEP:-}" ]; then
    say "kept $work for inspection"
  else
    rm -rf "$work"
  fi
  # The last line is the count of test cases, for people and for CI.
  echo "${summary:-0 passed, 1 failed}"
  exit "$status"
}
trap finish EXIT
trap 'status=1; exit 1' INT TERM

started=$(date +%s)
mkdir -p "$work/run" "$work/log" "$work/etc" "$work/bin" || exit 99
tls_make_cert "$work/tls" 2>/dev/null || exit 99
# Durability is not under test: skip the fsync per commit.  Besides its
# socket, MariaDB listens on a loopback TCP port with TLS (the stack's
# certificate), where the fastscim user must use TLS (test_supervisor's
# DatabaseTlsTest); a restart by a test keeps both.
FASTSCIM_MARIADB_PORT=$(stack_free_port) || exit 99
export FASTSCIM_MARIADB_PORT
export FASTSCIM_MARIADB_OPTS="--innodb-flush-log-at-trx-commit=2 --innodb-buffer-pool-size=32M
  --ssl-cert=$work/tls/cert.pem --ssl-key=$work/tls/key.pem"
mariadb_start "$work/mariadb" || exit 99
mariadb_provision "$work/mariadb" "$work/etc/db-password" || exit 99
echo "ALTER USER 'fastscim'@'127.0.0.1' REQUIRE SSL;" | mariadb_root "$work/mariadb" || exit 99

# Apache's children (and the fastscimd processes mod_fcgid starts) run as
# www-data when we are root: they read the fcgid configuration and the
# password, and reach the supervisor's socket through $work/run.
stack_share_with_web_user "$work/etc" "$work/etc/db-password" "$work/run" || exit 99
chmod 750 "$work/etc" "$work/run"
stack_is_root || chmod 755 "$work/etc" "$work/run"

nginx_port=$(stack_free_port) && fcgid_port=$(stack_free_port) &&
  proxy_port=$(stack_free_port) && htaccess_port=$(stack_free_port) || exit 99
base="https://127.0.0.1"
max_body=65536
common=(
  "db_socket=$(mariadb_socket "$work/mariadb")"
  "db_name=fastscim"
  "db_user=fastscim"
  "db_password_file=$work/etc/db-password"
  "max_body_bytes=$max_body"
  "log_level=info"
  "sql_dir=$FASTSCIM_SRCDIR/sql"
  # Limits no other test meets; test_fairness sets its own tenants' limits.
  "tenant_rate_limit=100000/s" "tenant_max_concurrent=10000"
)
config="$work/etc/fastscim.conf"
fastscim_write_config "$config" "${common[@]}" \
  "listen=unix:$work/run/fastscim.sock" "workers=3" "threads=2" "socket_mode=0666" \
  "public_url=$base:$nginx_port/scim/v2" \
  "log_file=$work/log/fastscimd.log" "pid_file=$work/run/fastscimd.pid" "limits_file=$work/run/limits" \
  "webhook_poll_ms=100" "webhook_backoff_base_ms=200" "webhook_backoff_max_ms=1000" \
  "webhook_disable_after_failures=4" "webhook_disable_after_seconds=1" \
  "webhook_connect_timeout_ms=1000" "webhook_timeout_ms=2000" "webhook_lease_seconds=5" || exit 99
# mod_fcgid: no listen (Apache hands over the socket).  Its processes (the
# web user's, when we are root) share a table of their own and write their
# log there as JSON lines (log_format = json; test_logs reads them).
fcgid_config="$work/etc/fastscim-fcgid.conf"
mkdir -p "$work/fcgid" || exit 99
if stack_is_root; then chown "$FASTSCIM_WEB_USER" "$work/fcgid" || exit 99; fi
fastscim_write_config "$fcgid_config" "${common[@]}" "limits_file=$work/fcgid/limits" \
  "log_format=json" "log_file=$work/fcgid/fastscimd.log" || exit 99
chmod 644 "$config" "$fcgid_config"
cp "$FASTSCIMD" "$apache_bin" && chmod 755 "$work/bin" "$apache_bin" || exit 99

"$FASTSCIM_ADMIN" --config "$config" db migrate >"$work/log/migrate.log" 2>&1 ||
  { cat "$work/log/migrate.log"; say "db migrate failed"; exit 99; }

supervisor_pid=$(fastscimd_start "$config" "$work/log/fastscimd.log") || exit 99
# A stalled request body is answered 408 after this many seconds (not 60),
# so test_web_errors can see the web servers' 408 without a minute's wait.
export FASTSCIM_BODY_TIMEOUT=3
nginx_start "$work/nginx" 127.0.0.1 "$nginx_port" "$work/run/fastscim.sock" \
  "$work/tls/cert.pem" "$work/tls/key.pem" || exit 99
apache_start "$work/apache" "cert=$work/tls/cert.pem" "key=$work/tls/key.pem" \
  "proxy_port=$proxy_port" "socket=$work/run/fastscim.sock" \
  "fcgid_port=$fcgid_port" "htaccess_port=$htaccess_port" \
  "fastscimd=$apache_bin" "config=$fcgid_config" || exit 99
for port in "$nginx_port" "$fcgid_port" "$proxy_port" "$htaccess_port"; do
  stack_wait_http "$base:$port/scim/v2/health" 30 "$work/tls/cert.pem" || exit 99
done

admin() { "$FASTSCIM_ADMIN" --config "$config" "$@"; }
issue() { admin token issue --tenant "$1" --name "$2" 2>>"$work/log/admin.log"; }
if ! { admin tenant create alpha >>"$work/log/admin.log" 2>&1 &&
  admin tenant create beta >>"$work/log/admin.log" 2>&1 &&
  alpha1=$(issue alpha first) && alpha2=$(issue alpha second) && beta1=$(issue beta first); }; then
  cat "$work/log/admin.log"
  say "fastscim-admin could not create tenants and tokens"
  exit 99
fi
printf '%s\n' "$alpha1" "$alpha2" "$beta1" >"$work/tokens-used"
workers=$(stack_children "$supervisor_pid" | wc -l)
say "stack up in $(( $(date +%s) - started ))s: MariaDB, fastscimd (pid $supervisor_pid, $workers workers), nginx :$nginx_port, Apache fcgid :$fcgid_port proxy_fcgi :$proxy_port htaccess :$htaccess_port"

cat >"$work/env.json" <<EOF
{
  "srcdir": "$FASTSCIM_SRCDIR",
  "workdir": "$work",
  "fastscimd": "$FASTSCIMD",
  "admin": "$FASTSCIM_ADMIN",
  "config": "$config",
  "fcgid_config": "$fcgid_config",
  "stack_sh": "$FASTSCIM_SRCDIR/scripts/lib/stack.sh",
  "mariadb_dir": "$work/mariadb",
  "mariadb_port": $FASTSCIM_MARIADB_PORT,
  "socket": "$work/run/fastscim.sock",
  "supervisor_pid": $supervisor_pid,
  "pid_file": "$work/run/fastscimd.pid",
  "workers": 3,
  "max_body_bytes": $max_body,
  "nginx_max_body_bytes": 1048576,
  "body_timeout_seconds": $FASTSCIM_BODY_TIMEOUT,
  "cafile": "$work/tls/cert.pem",
  "endpoints": {
    "nginx": "$base:$nginx_port/scim/v2",
    "apache_fcgid": "$base:$fcgid_port/scim/v2",
    "apache_proxy_fcgi": "$base:$proxy_port/scim/v2",
    "apache_htaccess": "$base:$htaccess_port/scim/v2"
  },
  "tenants": {
    "alpha": {"first": "$alpha1", "second": "$alpha2"},
    "beta": {"first": "$beta1"}
  },
  "logs": {
    "fastscimd": "$work/log/fastscimd.log",
    "fastscimd_fcgid": "$work/fcgid/fastscimd.log",
    "nginx_error": "$work/nginx/error.log",
    "nginx_access": "$work/nginx/access.log",
    "apache_error": "$work/apache/error.log",
    "apache_access": "$work/apache/access.log"
  },
  "tokens_file": "$work/tokens-used"
}
EOF

# ---- the tests -----------------------------------------------------------------------
# Boost.Test programs that need the running database run first, in a full
# run or when named (test_store).
boost=()
modules=()
for name in "$@"; do
  case "$name" in
    test_store) boost=(--boost "$FASTSCIM_BUILDDIR/tests/integration/test_store") ;;
    *) modules+=("$name") ;;
  esac
done
if [ $# -eq 0 ]; then
  boost=(--boost "$FASTSCIM_BUILDDIR/tests/integration/test_store")
elif [ ${#modules[@]} -eq 0 ]; then
  modules=(--boost-only)
fi
FASTSCIM_IT_ENV="$work/env.json" python3 "$here/runner.py" --summary "$work/summary" "${boost[@]}" "${modules[@]}"
status=$?
[ -s "$work/summary" ] || status=1
say "finished in $(( $(date +%s) - started ))s"
exit "$status"
