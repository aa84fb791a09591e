#!/usr/bin/env bash
# fastscim — `make run`: the whole service on this machine, in the foreground.
#
# A private MariaDB in var/mariadb (initialised on first run, data kept
# afterwards), the schema migrated, fastscimd's pool on a unix socket in
# var/run, and nginx with TLS (a self-signed certificate made on first run) on
# https://127.0.0.1:8443.  Tenant `demo` is created once; every run issues a
# fresh token for it and prints the Tenant URL and the Secret Token.  Older
# tokens stay valid (an identity provider may be using one); list and revoke
# them with `fastscim-admin token list|revoke --tenant demo`.  It also prints
# a one-time link to demo's setup portal (https://127.0.0.1:8443/portal/).
# Ctrl-C or SIGTERM stops nginx, fastscimd and MariaDB, in that order.
#
# Environment:
#   FASTSCIM_VAR          state directory (default <checkout>/var)
#   FASTSCIM_HTTPS_ADDR   address nginx listens on (default 127.0.0.1)
#   FASTSCIM_HTTPS_PORT   its port (default 8443)
#   FASTSCIM_WORKERS      fastscimd worker processes (default 4)
#   FASTSCIM_THREADS      threads per worker (default: fastscimd's)
#   FASTSCIM_LOG_LEVEL    debug|info|warn|error (default info)
#   FASTSCIM_WEB_SERVER   nginx (default) or apache (mod_proxy_fcgi)
#   FASTSCIM_BUILDDIR     build tree (default <checkout>/build); FASTSCIMD and
#                         FASTSCIM_ADMIN name the binaries directly
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
export FASTSCIM_SRCDIR="$top"
# shellcheck source=scripts/lib/stack.sh
. "$top/scripts/lib/stack.sh"

var=${FASTSCIM_VAR:-$top/var}
addr=${FASTSCIM_HTTPS_ADDR:-127.0.0.1}
port=${FASTSCIM_HTTPS_PORT:-8443}
workers=${FASTSCIM_WORKERS:-4}
web=${FASTSCIM_WEB_SERVER:-nginx}
build=${FASTSCIM_BUILDDIR:-$top/build}
FASTSCIMD=${FASTSCIMD:-$build/src/app/fastscimd}
FASTSCIM_ADMIN=${FASTSCIM_ADMIN:-$build/src/admin/fastscim-admin}

for bin in "$FASTSCIMD" "$FASTSCIM_ADMIN"; do
  [ -x "$bin" ] || { stack_log "$bin is missing: build first (make)"; exit 1; }
done
case $web in nginx | apache) ;; *) stack_log "FASTSCIM_WEB_SERVER must be nginx or apache"; exit 2 ;; esac
if stack_port_busy "$addr" "$port"; then
  stack_log "port $addr:$port is already in use (another make run?); choose another with FASTSCIM_HTTPS_PORT=..."
  exit 1
fi

mkdir -p "$var/run" "$var/log" "$var/etc"
var=$(cd "$var" && pwd)
config="$var/run/fastscim.conf"
socket="$var/run/fastscim.sock"
url="https://$addr:$port/scim/v2"
[ "$addr" = 0.0.0.0 ] && url="https://127.0.0.1:$port/scim/v2"
fastscimd_pid=""

stop_all() {
  trap - EXIT INT TERM
  stack_log "stopping"
  if [ "$web" = apache ]; then apache_stop "$var/apache"; else nginx_stop "$var/nginx"; fi
  [ -n "$fastscimd_pid" ] && fastscimd_stop "$fastscimd_pid"
  mariadb_stop "$var/mariadb"
  stack_log "stopped; data kept in $var"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- database -----------------------------------------------------------------
mariadb_start "$var/mariadb"
mariadb_provision "$var/mariadb" "$var/etc/db-password"

# Apache's children run as www-data when we are root: let them, and only
# them besides us, reach the socket.
socket_mode=""
if [ "$web" = apache ] && stack_is_root; then
  socket_mode=0666
  chmod 750 "$var/run"
  stack_share_with_web_user "$var/run"
fi

# Other FASTSCIM_* variables of the caller (FASTSCIM_THREADS, ...) still
# override these settings inside fastscimd and fastscim-admin.
fastscim_write_config "$config" \
  "listen=unix:$socket" \
  "workers=$workers" \
  "threads=${FASTSCIM_THREADS:-}" \
  "socket_mode=$socket_mode" \
  "db_socket=$(mariadb_socket "$var/mariadb")" \
  "db_name=fastscim" \
  "db_user=fastscim" \
  "db_password_file=$var/etc/db-password" \
  "public_url=$url" \
  "log_file=$var/log/fastscimd.log" \
  "log_level=${FASTSCIM_LOG_LEVEL:-info}" \
  "pid_file=$var/run/fastscimd.pid" \
  "events_retention_days=30" \
  "sql_dir=$top/sql"
export FASTSCIM_CONFIG="$config"

"$FASTSCIM_ADMIN" --config "$config" db migrate --sql-dir "$top/sql" >&2

# ---- fastscimd and the web server ------------------------------------------------
fastscimd_pid=$(fastscimd_start "$config" "$var/log/fastscimd.log" --workers "$workers")
tls_make_cert "$var/tls"
if [ "$web" = apache ]; then
  apache_start "$var/apache" "addr=$addr" "proxy_port=$port" "socket=$socket" \
    "cert=$var/tls/cert.pem" "key=$var/tls/key.pem"
  weblog="$var/apache/error.log"
else
  nginx_start "$var/nginx" "$addr" "$port" "$socket" "$var/tls/cert.pem" "$var/tls/key.pem"
  weblog="$var/nginx/error.log"
fi
if ! stack_wait_http "$url/health" 60 "$var/tls/cert.pem"; then
  stack_tail "$var/log/fastscimd.log" "$weblog"
  exit 1
fi

# ---- tenant demo and a fresh token -----------------------------------------------
if ! "$FASTSCIM_ADMIN" --config "$config" tenant show demo >/dev/null 2>&1; then
  "$FASTSCIM_ADMIN" --config "$config" tenant create demo >&2
fi
if ! token=$("$FASTSCIM_ADMIN" --config "$config" token issue --tenant demo \
  --name "make-run-$(date -u +%Y%m%dT%H%M%SZ)" 2>"$var/log/token-issue.err"); then
  cat "$var/log/token-issue.err" >&2
  exit 1
fi

# A one-time link to demo's setup portal (doc/portal.md), on the same origin.
portal=$("$FASTSCIM_ADMIN" --config "$config" portal link --tenant demo 2>"$var/log/portal-link.err") || portal=""

rel() { case $1 in "$top"/*) printf '%s\n' "${1#"$top"/}" ;; *) printf '%s\n' "$1" ;; esac; }
cat <<EOF

Tenant URL: $url
Secret Token: $token
Setup portal: ${portal:-(could not make a link: see $(rel "$var/log/portal-link.err"))}
              (opens once; another: $(rel "$FASTSCIM_ADMIN") portal link --tenant demo)

Try it:  curl --cacert $(rel "$var/tls/cert.pem") -H "Authorization: Bearer $token" $url/ServiceProviderConfig
Admin:   $(rel "$FASTSCIM_ADMIN") --help        Logs: $(rel "$var/log")/
Press Ctrl-C to stop; the data stays in $(rel "$var")/.
EOF
if [ "$var" != "$top/var" ]; then
  echo "fastscim-admin finds this instance with: export FASTSCIM_CONFIG=$config"
fi

# ---- stay in the foreground ---------------------------------------------------
web_pid_file="$var/nginx/nginx.pid"
[ "$web" = apache ] && web_pid_file="$var/apache/httpd.pid.launcher"
while :; do
  for check in "fastscimd:$fastscimd_pid" "mariadbd:$(stack_read_pid "$var/mariadb/mariadbd.pid" || true)" \
    "$web:$(stack_read_pid "$web_pid_file" || true)"; do
    if ! stack_pid_alive "${check#*:}"; then
      stack_log "${check%%:*} exited unexpectedly; see the logs in $var"
      exit 1
    fi
  done
  sleep 1 &
  wait $! || true
done
