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

# ---- components --------------------------------------------------------------
# One file each, in this folder; sourced here so callers source one file.
# shellcheck source=scripts/lib/mariadb.sh
. "$(dirname "${BASH_SOURCE[0]}")/mariadb.sh"
# shellcheck source=scripts/lib/web.sh
. "$(dirname "${BASH_SOURCE[0]}")/web.sh"

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
