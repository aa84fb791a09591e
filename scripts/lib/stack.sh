# shellcheck shell=bash
# fastscim — functions that start and stop the stack on one machine:
# a private MariaDB, a self-signed TLS certificate, fastscimd's pool, nginx and
# Apache.  Sourced (bash) by scripts/run.sh (`make run`), by
# tests/integration/run.sh and by the benchmark; it can also be executed to
# call one function, e.g. `bash scripts/lib/stack.sh mariadb_stop DIR`.
#
# Every component lives in a directory the caller chooses and keeps all of its
# state there (data, socket, pid file, logs, temp files), so several stacks can
# run side by side and nothing touches the system services.  Processes are
# started in their own session (setsid), so a Ctrl-C meant for the caller does
# not reach them and the caller stops them in order.  Each start function
# waits until its component answers and fails with the tail of its log
# otherwise.
#
# The web-server configuration is not written here: nginx/ and apache/ hold the
# deployable files, and stack_render copies them with the default paths they
# contain (/run/fastscim/fastscim.sock, /etc/ssl/fastscim/..., ...) replaced by
# the paths of this stack.  What runs in tests is what ships.
#
# Environment (all optional):
#   FASTSCIM_SRCDIR       the source checkout (default: two levels above this file)
#   FASTSCIM_MARIADB_PORT give the private MariaDB a loopback TCP port (default: none,
#                         --skip-networking; the unix socket is always there)
#   FASTSCIM_MARIADB_OPTS extra mariadbd options, word-split
#   FASTSCIM_WEB_USER     the user Apache's children run as when started by root
#                         (default www-data)

: "${FASTSCIM_SRCDIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${FASTSCIM_WEB_USER:=www-data}"

FASTSCIM_NGINX_BIN=${FASTSCIM_NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}
FASTSCIM_APACHE_BIN=${FASTSCIM_APACHE_BIN:-/usr/sbin/apache2}
FASTSCIM_APACHE_MODULES=${FASTSCIM_APACHE_MODULES:-/usr/lib/apache2/modules}

# ---- small helpers -----------------------------------------------------------

stack_log() { printf 'fastscim: %s\n' "$*" >&2; }
stack_fail() { stack_log "$*"; return 1; }

stack_is_root() { [ "$(id -u)" -eq 0 ]; }

# stack_pid_alive PID: true while PID runs (a zombie counts as gone).
stack_pid_alive() {
  local pid=$1 state
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  state=$(sed 's/^.*) \(.\).*$/\1/' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ "$state" != Z ] && [ "$state" != X ]
}

# stack_children PID: the pids whose parent is PID, one per line.
stack_children() {
  local parent=$1 f rest ppid
  for f in /proc/[0-9]*/stat; do
    rest=$(cat "$f" 2>/dev/null) || continue
    rest=${rest##*) }            # "S ppid ..." after the command name
    ppid=${rest#* }
    ppid=${ppid%% *}
    [ "$ppid" = "$parent" ] && { f=${f#/proc/}; echo "${f%/stat}"; }
  done
  return 0
}

# stack_wait_gone PID SECONDS: wait for PID to exit; false on timeout.
stack_wait_gone() {
  local pid=$1 tries=$(( $2 * 10 ))
  while stack_pid_alive "$pid"; do
    [ "$tries" -le 0 ] && return 1
    tries=$((tries - 1))
    sleep 0.1
  done
  return 0
}

# stack_stop_pid NAME PID SIGNAL SECONDS: signal PID, wait, then SIGKILL.
stack_stop_pid() {
  local name=$1 pid=$2 sig=$3 secs=$4
  stack_pid_alive "$pid" || return 0
  kill "-$sig" "$pid" 2>/dev/null || return 0
  if ! stack_wait_gone "$pid" "$secs"; then
    stack_log "$name (pid $pid) did not stop within ${secs}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    stack_wait_gone "$pid" 5 || true
  fi
}

stack_read_pid() { [ -s "$1" ] && tr -dc '0-9' <"$1"; }

# stack_port_busy HOST PORT: true when something accepts connections there.
stack_port_busy() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# stack_free_port: print a free TCP port on 127.0.0.1.
stack_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# stack_tail FILE...: show the end of logs after a failure.
stack_tail() {
  local f
  for f in "$@"; do
    [ -s "$f" ] || continue
    printf -- '---- last lines of %s ----\n' "$f" >&2
    tail -n 25 "$f" >&2
  done
}

# stack_render SRC DST [FROM TO]...: copy SRC to DST replacing each literal
# string FROM by TO (no regular expressions, so paths need no escaping).
stack_render() {
  local src=$1 dst=$2 content
  shift 2
  content=$(cat "$src") || return 1
  while [ $# -ge 2 ]; do
    content=${content//"$1"/"$2"}
    shift 2
  done
  printf '%s\n' "$content" >"$dst"
}

# stack_wait_http URL SECONDS [CAFILE]: wait until URL answers 200.
stack_wait_http() {
  local url=$1 tries=$(( $2 * 5 )) ca=${3:-} code
  local -a tls=(-k)
  [ -n "$ca" ] && tls=(--cacert "$ca")
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${tls[@]}" "$url" 2>/dev/null) || code=000
    [ "$code" = 200 ] && return 0
    [ "$tries" -le 0 ] && { stack_log "$url answered $code, not 200"; return 1; }
    tries=$((tries - 1))
    sleep 0.2
  done
}

# stack_share_with_web_user PATH...: let the web server's user read PATH when
# running as root (Apache's children and the fastscimd processes mod_fcgid
# starts run as that user).  Files become group-readable by that user's group;
# directories become traversable.
stack_share_with_web_user() {
  stack_is_root || return 0
  local group p
  group=$(id -gn "$FASTSCIM_WEB_USER") || return 1
  for p in "$@"; do
    chgrp "$group" "$p" && chmod g+r "$p" || return 1
    [ -d "$p" ] && { chmod g+x "$p" || return 1; }
  done
  return 0
}

# ---- MariaDB -----------------------------------------------------------------
# Layout of DIR: data/ (the datadir), mysqld.sock, mariadbd.pid, error.log.

mariadb_socket() { printf '%s/mysqld.sock\n' "$1"; }

# mariadb_root DIR [mariadb args]: the client as the private instance's
# administrator: the account named like the OS user that initialised it
# (root, or e.g. alice), authenticated by the unix socket.
mariadb_root() {
  local dir=$1
  shift
  mariadb --no-defaults --socket="$dir/mysqld.sock" --user="$(id -un)" "$@"
}

# mariadb_start DIR: initialise DIR on first use, start mariadbd, wait for it.
mariadb_start() {
  local dir=$1 me pid tries
  me=$(id -un)
  command -v mariadbd >/dev/null || command -v mariadb-install-db >/dev/null ||
    stack_fail "MariaDB is not installed (Debian package mariadb-server)" || return 1
  mkdir -p "$dir" || return 1
  dir=$(cd "$dir" && pwd)
  # Apache's children (mod_fcgid) reach the socket through this directory.
  chmod 755 "$dir"
  if [ "${#dir}" -gt 90 ]; then
    stack_fail "path too long for a unix socket: $dir/mysqld.sock (set FASTSCIM_VAR to a shorter directory)" || return 1
  fi

  pid=$(stack_read_pid "$dir/mariadbd.pid") || true
  if stack_pid_alive "$pid" && mariadb_root "$dir" -e 'SELECT 1' >/dev/null 2>&1; then
    stack_log "MariaDB already running in $dir (pid $pid)"
    return 0
  fi

  if [ ! -d "$dir/data/mysql" ]; then
    stack_log "initialising a private MariaDB in $dir/data"
    rm -rf "$dir/data"
    if ! mariadb-install-db --no-defaults --datadir="$dir/data" --user="$me" \
        --auth-root-authentication-method=socket --auth-root-socket-user="$me" \
        --skip-test-db >"$dir/install.log" 2>&1; then
      stack_tail "$dir/install.log"
      rm -rf "$dir/data"
      stack_fail "mariadb-install-db failed (log: $dir/install.log)"
      return 1
    fi
  fi

  # A tmpdir of its own: every mariadbd deletes the temporary-table files it
  # finds in its tmpdir at start, so instances sharing /tmp break each other.
  mkdir -p "$dir/tmp"
  local -a args=(--no-defaults --datadir="$dir/data" --socket="$dir/mysqld.sock"
    --tmpdir="$dir/tmp" --pid-file="$dir/mariadbd.pid" --log-error="$dir/error.log"
    --innodb-buffer-pool-size=64M --max-connections=300 --skip-name-resolve
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci)
  if [ -n "${FASTSCIM_MARIADB_PORT:-}" ]; then
    args+=(--bind-address=127.0.0.1 --port="$FASTSCIM_MARIADB_PORT")
  else
    args+=(--skip-networking)
  fi
  stack_is_root && args+=(--user=root)
  # shellcheck disable=SC2206
  [ -n "${FASTSCIM_MARIADB_OPTS:-}" ] && args+=($FASTSCIM_MARIADB_OPTS)

  rm -f "$dir/mariadbd.pid"
  setsid mariadbd "${args[@]}" </dev/null >>"$dir/error.log" 2>&1 &
  pid=$!
  tries=600
  until mariadb_root "$dir" -e 'SELECT 1' >/dev/null 2>&1; do
    if ! stack_pid_alive "$pid" || [ "$tries" -le 0 ]; then
      stack_tail "$dir/error.log"
      stack_fail "MariaDB did not start (log: $dir/error.log)"
      return 1
    fi
    tries=$((tries - 1))
    sleep 0.1
  done
  printf '%s\n' "$pid" >"$dir/mariadbd.pid"
  return 0
}

# mariadb_stop DIR: shut the instance down cleanly (it flushes InnoDB).
mariadb_stop() {
  local dir=$1 pid
  pid=$(stack_read_pid "$dir/mariadbd.pid") || return 0
  stack_stop_pid mariadbd "$pid" TERM 60
  rm -f "$dir/mariadbd.pid"
}

# mariadb_provision DIR PASSWORD_FILE [DATABASE] [USER]: create the database
# and its user (idempotent).  The password is made once, kept in PASSWORD_FILE
# (0600) and fed to the server on stdin, never on a command line.
mariadb_provision() {
  local dir=$1 pwfile=$2 db=${3:-fastscim} user=${4:-fastscim} pw host hosts=localhost
  if [ ! -s "$pwfile" ]; then
    mkdir -p "$(dirname "$pwfile")" || return 1
    (umask 077 && openssl rand -hex 24 >"$pwfile") || return 1
  fi
  chmod 600 "$pwfile"
  pw=$(cat "$pwfile")
  [ -n "${FASTSCIM_MARIADB_PORT:-}" ] && hosts="localhost 127.0.0.1"
  {
    # shellcheck disable=SC2016 # backquotes are SQL identifier quotes
    printf 'CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n' "$db"
    for host in $hosts; do
      printf "CREATE USER IF NOT EXISTS '%s'@'%s' IDENTIFIED BY '%s';\n" "$user" "$host" "$pw"
      printf "ALTER USER '%s'@'%s' IDENTIFIED BY '%s';\n" "$user" "$host" "$pw"
      printf "GRANT ALL PRIVILEGES ON \`%s\`.* TO '%s'@'%s';\n" "$db" "$user" "$host"
    done
  } | mariadb_root "$dir" || stack_fail "could not create database $db and user $user"
}

# ---- TLS ---------------------------------------------------------------------

# tls_make_cert DIR: DIR/cert.pem and DIR/key.pem, self-signed for 127.0.0.1
# and localhost, made on first use and kept afterwards.
tls_make_cert() {
  local dir=$1
  [ -s "$dir/cert.pem" ] && [ -s "$dir/key.pem" ] && return 0
  mkdir -p "$dir" || return 1
  stack_log "making a self-signed TLS certificate in $dir"
  (umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 825 \
    -subj '/CN=127.0.0.1' \
    -addext 'subjectAltName=IP:127.0.0.1,DNS:localhost' \
    -addext 'basicConstraints=critical,CA:FALSE' \
    -addext 'keyUsage=critical,digitalSignature,keyEncipherment' \
    -addext 'extendedKeyUsage=serverAuth' \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" >"$dir/openssl.log" 2>&1) ||
    { stack_tail "$dir/openssl.log"; stack_fail "openssl could not make a certificate"; return 1; }
  chmod 644 "$dir/cert.pem"
}

# ---- fastscimd ---------------------------------------------------------------

# fastscim_write_config FILE KEY=VALUE...: a fastscimd configuration file.
fastscim_write_config() {
  local file=$1 kv
  shift
  mkdir -p "$(dirname "$file")" || return 1
  {
    echo "# Written by scripts/lib/stack.sh; regenerated on every start."
    for kv in "$@"; do
      [ -n "${kv#*=}" ] && printf '%s = %s\n' "${kv%%=*}" "${kv#*=}"
    done
  } >"$file.tmp" && mv "$file.tmp" "$file"
}

# fastscimd_start CONFIG LOG [fastscimd args]: start the supervisor (it stays
# in the foreground of its own session); prints its pid.  Waits until the
# listening socket exists when the configuration names a unix socket.
fastscimd_start() {
  local config=$1 log=$2 pid sock tries=300
  shift 2
  [ -x "${FASTSCIMD:-}" ] || stack_fail "fastscimd not found at '${FASTSCIMD:-}' (run make first)" || return 1
  mkdir -p "$(dirname "$log")" || return 1
  sock=$(sed -n 's/^[[:space:]]*listen[[:space:]]*=[[:space:]]*unix:\(.*[^[:space:]]\)[[:space:]]*$/\1/p' "$config" | tail -n 1)
  for a in "$@"; do
    case $a in unix:*) sock=${a#unix:} ;; esac
  done
  [ -n "$sock" ] && rm -f "$sock"
  setsid "$FASTSCIMD" --config "$config" "$@" </dev/null >>"$log" 2>&1 &
  pid=$!
  if [ -n "$sock" ]; then
    until [ -S "$sock" ]; do
      if ! stack_pid_alive "$pid" || [ "$tries" -le 0 ]; then
        stack_tail "$log"
        stack_fail "fastscimd did not open $sock (log: $log)"
        kill -KILL "$pid" 2>/dev/null
        return 1
      fi
      tries=$((tries - 1))
      sleep 0.1
    done
  fi
  printf '%s\n' "$pid"
}

# fastscimd_stop PID: graceful drain (SIGTERM), then SIGKILL for it and any
# worker left behind.
fastscimd_stop() {
  local pid=$1 children
  stack_pid_alive "$pid" || return 0
  children=$(stack_children "$pid")
  stack_stop_pid fastscimd "$pid" TERM 30
  for c in $children; do
    stack_pid_alive "$c" && kill -KILL "$c" 2>/dev/null
  done
  return 0
}

# ---- nginx -------------------------------------------------------------------
# nginx_start DIR ADDR PORT SOCKET CERT KEY: render nginx/ into DIR with
# example-tls-server.conf as the one server, listening on ADDR:PORT with TLS
# and passing /scim/v2 to the fastscimd pool on SOCKET.  DIR holds nginx.conf,
# the rendered includes, nginx.pid, error.log, access.log and temp dirs.

nginx_start() {
  local dir=$1 addr=$2 port=$3 sock=$4 cert=$5 key=$6 src="$FASTSCIM_SRCDIR/nginx" pid tries=100 user_line=""
  [ -x "$FASTSCIM_NGINX_BIN" ] || stack_fail "nginx is not installed (Debian package nginx)" || return 1
  stack_port_busy "$addr" "$port" &&
    { stack_fail "port $addr:$port is already in use; choose another (FASTSCIM_HTTPS_PORT=...)"; return 1; }
  mkdir -p "$dir/tmp" || return 1
  dir=$(cd "$dir" && pwd)
  stack_is_root && user_line="user root;"

  cp /etc/nginx/fastcgi_params "$dir/fastcgi_params" || return 1
  stack_render "$src/fastscim-upstream.conf" "$dir/fastscim-upstream.conf" \
    /run/fastscim/fastscim.sock "$sock" || return 1
  stack_render "$src/fastscim.conf" "$dir/fastscim.conf" || return 1
  stack_render "$src/example-tls-server.conf" "$dir/fastscim-server.conf" \
    "listen 443 ssl;" "listen $addr:$port ssl;" \
    "listen [::]:443 ssl;" "" \
    "server_name scim.example.com;" "server_name $addr localhost;" \
    /etc/nginx/fastscim/ "$dir/" \
    /etc/ssl/fastscim/fastscim.crt "$cert" \
    /etc/ssl/fastscim/fastscim.key "$key" || return 1

  cat >"$dir/nginx.conf" <<EOF
# Written by scripts/lib/stack.sh: a private nginx for fastscim.
$user_line
daemon off;
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    default_type application/octet-stream;
    access_log $dir/access.log;
    server_tokens off;
    client_body_temp_path $dir/tmp/client_body;
    fastcgi_temp_path $dir/tmp/fastcgi;
    proxy_temp_path $dir/tmp/proxy;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    include $dir/fastscim-server.conf;
}
EOF
  if ! "$FASTSCIM_NGINX_BIN" -t -q -p "$dir/" -c "$dir/nginx.conf" -e "$dir/error.log" >"$dir/test.log" 2>&1; then
    stack_tail "$dir/test.log"
    stack_fail "nginx rejected $dir/nginx.conf"
    return 1
  fi
  rm -f "$dir/nginx.pid"
  setsid "$FASTSCIM_NGINX_BIN" -p "$dir/" -c "$dir/nginx.conf" -e "$dir/error.log" \
    </dev/null >>"$dir/stderr.log" 2>&1 &
  pid=$!
  until stack_port_busy "$addr" "$port"; do
    if ! stack_pid_alive "$pid" || [ "$tries" -le 0 ]; then
      stack_tail "$dir/stderr.log" "$dir/error.log"
      stack_fail "nginx did not start (log: $dir/error.log)"
      return 1
    fi
    tries=$((tries - 1))
    sleep 0.1
  done
  printf '%s\n' "$pid" >"$dir/nginx.pid"
}

# nginx_stop DIR: graceful shutdown (SIGQUIT), then SIGTERM.
nginx_stop() {
  local dir=$1 pid
  pid=$(stack_read_pid "$dir/nginx.pid") || return 0
  stack_stop_pid nginx "$pid" QUIT 10
  rm -f "$dir/nginx.pid"
}

# ---- Apache ------------------------------------------------------------------
# apache_start DIR KEY=VALUE...: render apache/ into DIR and start Apache
# (event MPM) with one TLS virtual host per configured variant:
#   cert=FILE key=FILE addr=127.0.0.1
#   proxy_port=N socket=PATH                mod_proxy_fcgi to fastscimd's pool
#   fcgid_port=N fastscimd=BIN config=FILE  mod_fcgid starting fastscimd itself
#   htaccess_port=N fastscimd=BIN config=FILE   .htaccess + wrapper (shared hosting)
# When started by root, children run as $FASTSCIM_WEB_USER (Apache refuses to
# serve as root); BIN, FILE and the paths they read must be readable by that
# user (see stack_share_with_web_user).

apache_start() {
  local dir=$1 src="$FASTSCIM_SRCDIR/apache" kv pid tries=150 p
  local cert="" key="" addr=127.0.0.1 proxy_port="" socket="" fcgid_port="" htaccess_port="" bin="" config=""
  shift
  for kv in "$@"; do
    case $kv in
      cert=*) cert=${kv#*=} ;; key=*) key=${kv#*=} ;; addr=*) addr=${kv#*=} ;;
      proxy_port=*) proxy_port=${kv#*=} ;; socket=*) socket=${kv#*=} ;;
      fcgid_port=*) fcgid_port=${kv#*=} ;; htaccess_port=*) htaccess_port=${kv#*=} ;;
      fastscimd=*) bin=${kv#*=} ;; config=*) config=${kv#*=} ;;
      *) stack_fail "apache_start: unknown argument $kv"; return 1 ;;
    esac
  done
  [ -x "$FASTSCIM_APACHE_BIN" ] || stack_fail "Apache is not installed (Debian package apache2)" || return 1
  if [ -n "$fcgid_port$htaccess_port" ] && [ ! -f "$FASTSCIM_APACHE_MODULES/mod_fcgid.so" ]; then
    stack_fail "mod_fcgid is not installed (Debian package libapache2-mod-fcgid)"
    return 1
  fi
  for p in $proxy_port $fcgid_port $htaccess_port; do
    stack_port_busy "$addr" "$p" && { stack_fail "port $addr:$p is already in use"; return 1; }
  done
  mkdir -p "$dir/run" "$dir/fcgid" "$dir/empty" || return 1
  dir=$(cd "$dir" && pwd)
  chmod 755 "$dir"

  local m="$FASTSCIM_APACHE_MODULES" conf="$dir/httpd.conf" user_lines=""
  if stack_is_root; then
    user_lines="User $FASTSCIM_WEB_USER
Group $(id -gn "$FASTSCIM_WEB_USER")"
    chown "$FASTSCIM_WEB_USER" "$dir/fcgid"
  fi
  cat >"$conf" <<EOF
# Written by scripts/lib/stack.sh: a private Apache for fastscim.
ServerRoot "$dir"
ServerName $addr
DefaultRuntimeDir "$dir/run"
PidFile "$dir/httpd.pid"
ErrorLog "$dir/error.log"
LogLevel warn
$user_lines
# The default file mutex lost requests under load with mod_fcgid.
Mutex pthread default

LoadModule mpm_event_module $m/mod_mpm_event.so
LoadModule authz_core_module $m/mod_authz_core.so
LoadModule mime_module $m/mod_mime.so
LoadModule alias_module $m/mod_alias.so
LoadModule rewrite_module $m/mod_rewrite.so
LoadModule setenvif_module $m/mod_setenvif.so
LoadModule headers_module $m/mod_headers.so
LoadModule socache_shmcb_module $m/mod_socache_shmcb.so
LoadModule ssl_module $m/mod_ssl.so
LoadModule proxy_module $m/mod_proxy.so
LoadModule proxy_fcgi_module $m/mod_proxy_fcgi.so
EOF
  [ -n "$fcgid_port$htaccess_port" ] && cat >>"$conf" <<EOF
LoadModule fcgid_module $m/mod_fcgid.so
FcgidIPCDir "$dir/fcgid"
FcgidProcessTableFile "$dir/fcgid/table"
EOF
  cat >>"$conf" <<EOF

StartServers 1
ServerLimit 4
ThreadsPerChild 25
MaxRequestWorkers 100
TypesConfig /etc/mime.types
LogFormat "%h %l %u %t \"%r\" %>s %b %D" fastscim
CustomLog "$dir/access.log" fastscim
DocumentRoot "$dir/empty"
<Directory />
    AllowOverride None
    Require all denied
</Directory>
# An empty document root, readable as on a stock install (mod_fcgid looks up
# PATH_TRANSLATED under it).
<Directory "$dir/empty">
    Require all granted
</Directory>
SSLSessionCache "shmcb:$dir/run/ssl_scache(512000)"
SSLProtocol -all +TLSv1.2 +TLSv1.3
EOF
  local vhost_head="    SSLEngine on
    SSLCertificateFile \"$cert\"
    SSLCertificateKeyFile \"$key\""
  if [ -n "$proxy_port" ]; then
    stack_render "$src/fastscim-proxy-fcgi.conf" "$dir/fastscim-proxy-fcgi.conf" \
      /run/fastscim/fastscim.sock "$socket" || return 1
    cat >>"$conf" <<EOF

Listen $addr:$proxy_port
<VirtualHost $addr:$proxy_port>
$vhost_head
    Include "$dir/fastscim-proxy-fcgi.conf"
</VirtualHost>
EOF
  fi
  if [ -n "$fcgid_port" ]; then
    stack_render "$src/fastscim-fcgid.conf" "$dir/fastscim-fcgid.conf" \
      /usr/local/bin/fastscimd "$bin" \
      /etc/fastscim/fastscim-fcgid.conf "$config" || return 1
    cat >>"$conf" <<EOF

Listen $addr:$fcgid_port
<VirtualHost $addr:$fcgid_port>
$vhost_head
    Include "$dir/fastscim-fcgid.conf"
</VirtualHost>
EOF
  fi
  if [ -n "$htaccess_port" ]; then
    mkdir -p "$dir/htdocs" || return 1
    stack_render "$src/htaccess.example" "$dir/htdocs/.htaccess" || return 1
    stack_render "$src/fastscim.fcgi.example" "$dir/htdocs/fastscim.fcgi" \
      /home/example/fastscim/bin/fastscimd "$bin" \
      /home/example/fastscim/fastscim.conf "$config" || return 1
    chmod 755 "$dir/htdocs" "$dir/htdocs/fastscim.fcgi"
    chmod 644 "$dir/htdocs/.htaccess"
    cat >>"$conf" <<EOF

# A shared-hosting account: the .htaccess and the wrapper do all the work.
Listen $addr:$htaccess_port
<VirtualHost $addr:$htaccess_port>
$vhost_head
    DocumentRoot "$dir/htdocs"
    <Directory "$dir/htdocs">
        AllowOverride All
        Require all granted
    </Directory>
</VirtualHost>
EOF
  fi

  if ! "$FASTSCIM_APACHE_BIN" -t -d "$dir" -f "$conf" >"$dir/test.log" 2>&1; then
    stack_tail "$dir/test.log"
    stack_fail "Apache rejected $conf"
    return 1
  fi
  rm -f "$dir/httpd.pid"
  setsid "$FASTSCIM_APACHE_BIN" -d "$dir" -f "$conf" -DFOREGROUND </dev/null >>"$dir/stderr.log" 2>&1 &
  pid=$!
  for p in $proxy_port $fcgid_port $htaccess_port; do
    until stack_port_busy "$addr" "$p"; do
      if ! stack_pid_alive "$pid" || [ "$tries" -le 0 ]; then
        stack_tail "$dir/stderr.log" "$dir/error.log"
        stack_fail "Apache did not start (log: $dir/error.log)"
        return 1
      fi
      tries=$((tries - 1))
      sleep 0.1
    done
  done
  printf '%s\n' "$pid" >"$dir/httpd.pid.launcher"
}

# apache_stop DIR [FASTSCIMD]: stop Apache (SIGTERM stops at once; mod_fcgid
# then ends the processes it started).  Any process still running FASTSCIMD
# (the copy mod_fcgid ran) is killed afterwards.
apache_stop() {
  local dir=$1 bin=${2:-} pid f
  pid=$(stack_read_pid "$dir/httpd.pid.launcher") || pid=$(stack_read_pid "$dir/httpd.pid") || pid=""
  [ -n "$pid" ] && stack_stop_pid apache2 "$pid" TERM 20
  rm -f "$dir/httpd.pid.launcher"
  [ -n "$bin" ] || return 0
  for f in /proc/[0-9]*/exe; do
    [ "$(readlink "$f" 2>/dev/null)" = "$bin" ] || continue
    f=${f#/proc/}
    kill -KILL "${f%/exe}" 2>/dev/null
  done
  return 0
}

# stack_kill_leftovers DIR: SIGKILL every process whose command line names a
# path inside DIR (a stack's private directory), except this shell.  The last
# resort of a harness whose pid files are gone; DIR must be unique to it.
stack_kill_leftovers() {
  local dir=$1 f pid cmd
  [ -n "$dir" ] && [ "$dir" != / ] || return 0
  for f in /proc/[0-9]*/cmdline; do
    pid=${f#/proc/}
    pid=${pid%/cmdline}
    [ "$pid" = "$$" ] && continue
    { cmd=$(tr '\0' ' ' <"$f"); } 2>/dev/null || continue  # it may have exited
    case $cmd in
      *"$dir/"*) kill -KILL "$pid" 2>/dev/null ;;
    esac
  done
  return 0
}

# Executed rather than sourced: call the function named by the arguments.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -u
  "$@"
fi
