# shellcheck shell=bash
# fastscim — the private MariaDB and the TLS certificate of a stack on one
# machine.  Sourced by scripts/lib/stack.sh (which defines the stack_* helpers
# used here); see there for the environment it reads.

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
  # As root: root, or the user FASTSCIM_MARIADB_USER names (a Galera node,
  # tests/cluster/run.sh; mariadbd keeps the first --user it is given).
  stack_is_root && args+=(--user="${FASTSCIM_MARIADB_USER:-root}")
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
