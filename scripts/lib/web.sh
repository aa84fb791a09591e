# shellcheck shell=bash
# fastscim — the private nginx and Apache of a stack on one machine, rendered
# from the shipped nginx/ and apache/ configuration.  Sourced by
# scripts/lib/stack.sh (which defines the stack_* helpers and the
# FASTSCIM_NGINX_BIN / FASTSCIM_APACHE_* variables used here).

# ---- nginx -------------------------------------------------------------------
# nginx_start DIR ADDR PORT SOCKET CERT KEY: render nginx/ into DIR with
# example-tls-server.conf as the one server, listening on ADDR:PORT with TLS
# and passing /scim/v2 to the fastscimd pool on SOCKET.  DIR holds nginx.conf,
# the rendered includes, nginx.pid, error.log, access.log and temp dirs.
#
# FASTSCIM_BODY_TIMEOUT (seconds; default 60, both servers' own default) is
# how long the private nginx and Apache wait between two reads of a request
# body before answering 408; the integration tests shorten it to see that 408.

nginx_start() {
  local dir=$1 addr=$2 port=$3 sock=$4 cert=$5 key=$6 src="$FASTSCIM_SRCDIR/nginx" pid tries=100 user_line=""
  [ -x "$FASTSCIM_NGINX_BIN" ] || stack_fail "nginx is not installed (Debian package nginx)" || return 1
  stack_port_busy "$addr" "$port" &&
    { stack_fail "port $addr:$port is already in use; choose another (FASTSCIM_HTTPS_PORT=...)"; return 1; }
  mkdir -p "$dir/tmp" || return 1
  dir=$(cd "$dir" && pwd)
  stack_is_root && user_line="user root;"

  cp /etc/nginx/fastcgi_params "$dir/fastcgi_params" || return 1
  if [ -n "${FASTSCIM_NGINX_POOLS:-}" ]; then
    # Several pools on TCP (tests/cluster): the multi-host upstream, its
    # example addresses replaced by the two given.
    local pool_a pool_b
    read -r pool_a pool_b <<<"$FASTSCIM_NGINX_POOLS"
    stack_render "$src/fastscim-upstream-hosts.conf" "$dir/fastscim-upstream.conf" \
      10.0.0.11:9000 "$pool_a" 10.0.0.12:9000 "$pool_b" || return 1
  else
    stack_render "$src/fastscim-upstream.conf" "$dir/fastscim-upstream.conf" \
      /run/fastscim/fastscim.sock "$sock" || return 1
  fi
  stack_render "$src/fastscim.conf" "$dir/fastscim.conf" \
    /usr/local/share/fastscim/portal/ "$FASTSCIM_SRCDIR/portal/" || return 1
  stack_render "$src/example-tls-server.conf" "$dir/fastscim-server.conf" \
    "listen 443 ssl;" "listen $addr:$port ssl;" \
    "listen [::]:443 ssl;" "" \
    "server_name scim.example.com;" "server_name $addr localhost;" \
    /etc/nginx/fastscim/ "$dir/" \
    /etc/ssl/fastscim/fastscim.crt "$cert" \
    /etc/ssl/fastscim/fastscim.key "$key" || return 1

  cat >"$dir/nginx.conf" <<EOF
# Written by scripts/lib/web.sh: a private nginx for fastscim.
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
    client_body_timeout ${FASTSCIM_BODY_TIMEOUT:-60}s;
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
# Written by scripts/lib/web.sh: a private Apache for fastscim.
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
LoadModule authz_host_module $m/mod_authz_host.so
LoadModule mime_module $m/mod_mime.so
LoadModule alias_module $m/mod_alias.so
LoadModule rewrite_module $m/mod_rewrite.so
LoadModule setenvif_module $m/mod_setenvif.so
LoadModule headers_module $m/mod_headers.so
LoadModule socache_shmcb_module $m/mod_socache_shmcb.so
LoadModule ssl_module $m/mod_ssl.so
LoadModule proxy_module $m/mod_proxy.so
LoadModule proxy_fcgi_module $m/mod_proxy_fcgi.so
# As Debian enables it: a request whose body stalls is answered 408.
LoadModule reqtimeout_module $m/mod_reqtimeout.so
RequestReadTimeout header=20-40,MinRate=500 body=${FASTSCIM_BODY_TIMEOUT:-60},MinRate=500
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
Include "$dir/fastscim-tls.conf"
EOF
  stack_render "$src/fastscim-tls.conf" "$dir/fastscim-tls.conf" || return 1
  stack_render "$src/fastscim-errors.conf" "$dir/fastscim-errors.conf" || return 1
  stack_render "$src/fastscim-portal.conf" "$dir/fastscim-portal.conf" \
    /usr/local/share/fastscim/portal "$FASTSCIM_SRCDIR/portal" || return 1
  local vhost_head="    SSLEngine on
    SSLCertificateFile \"$cert\"
    SSLCertificateKeyFile \"$key\""
  if [ -n "$proxy_port" ]; then
    stack_render "$src/fastscim-proxy-fcgi.conf" "$dir/fastscim-proxy-fcgi.conf" \
      /run/fastscim/fastscim.sock "$socket" /etc/apache2/fastscim/ "$dir/" || return 1
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
      /usr/local/sbin/fastscimd "$bin" \
      /etc/fastscim/fastscim-fcgid.conf "$config" /etc/apache2/fastscim/ "$dir/" || return 1
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
