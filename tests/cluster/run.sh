#!/usr/bin/env bash
# make check-cluster: fastscim past one machine (doc/cluster.md), on loopback.
#
# Starts a 3-node MariaDB Galera cluster (Debian's galera-4, rsync SST), an
# HAProxy in front of it sending every connection to one node, two fastscimd
# pools on TCP and nginx with TLS over both pools
# (nginx/fastscim-upstream-hosts.conf).  CLUSTER_WRITERS chooses the layout:
#   2 (the default)  multi-primary: pool A writes through HAProxy (node 1),
#                    pool B straight to node 2 (then 3, then 1), both at once;
#   1                one writer: pool B lists HAProxy and then node 1, so
#                    every write goes through node 1.
# Then tests/cluster/failover.py puts a steady write load through nginx,
# kills and restarts a node, kills a pool and restarts HAProxy, and checks
# every node for what was acknowledged.  Everything runs as the calling user
# in a private directory that is removed at the end (FASTSCIM_KEEP=1 keeps
# it; FASTSCIM_CLUSTER_GENERAL_LOG=1 also keeps each node's general log, to
# follow one request's statements).
set -uo pipefail

FASTSCIM_SRCDIR=${FASTSCIM_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
FASTSCIM_BUILDDIR=${FASTSCIM_BUILDDIR:-$FASTSCIM_SRCDIR/build}
FASTSCIMD=${FASTSCIMD:-$FASTSCIM_BUILDDIR/src/app/fastscimd}
FASTSCIM_ADMIN=${FASTSCIM_ADMIN:-$FASTSCIM_BUILDDIR/src/admin/fastscim-admin}
export FASTSCIM_SRCDIR FASTSCIM_BUILDDIR FASTSCIMD FASTSCIM_ADMIN
# shellcheck source=scripts/lib/stack.sh
. "$FASTSCIM_SRCDIR/scripts/lib/stack.sh"

provider=/usr/lib/galera/libgalera_smm.so
for tool in mariadbd mariadb haproxy rsync nginx python3 openssl; do
  command -v "$tool" >/dev/null || { stack_log "check-cluster needs $tool (scripts/install-deps.sh --cluster)"; exit 77; }
done
[ -f "$provider" ] || { stack_log "check-cluster needs Galera ($provider: Debian package galera-4)"; exit 77; }

writers=${CLUSTER_WRITERS:-2}
case $writers in 1 | 2) ;; *) stack_log "CLUSTER_WRITERS is 1 or 2, not $writers"; exit 2 ;; esac
general_log=()
[ "${FASTSCIM_CLUSTER_GENERAL_LOG:-0}" = 1 ] && general_log=(--general-log=ON --general-log-file=general.log)

work=$(mktemp -d /tmp/fastscim-cluster.XXXXXX) || exit 99
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do fastscimd_stop "$pid" >/dev/null 2>&1; done
  [ -d "$work/nginx" ] && nginx_stop "$work/nginx"
  [ -f "$work/haproxy.pid" ] && kill "$(cat "$work/haproxy.pid")" 2>/dev/null
  for n in 3 2 1; do [ -d "$work/node$n" ] && mariadb_stop "$work/node$n"; done
  stack_kill_leftovers "$work"
  if [ "${FASTSCIM_KEEP:-0}" = 1 ] || [ "$status" -ne 0 ]; then
    stack_log "kept $work for inspection"
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the Galera cluster ------------------------------------------------------
declare -A port gcomm ist sst
for n in 1 2 3; do
  port[$n]=$(stack_free_port) && gcomm[$n]=$(stack_free_port) && ist[$n]=$(stack_free_port) &&
    sst[$n]=$(stack_free_port) || exit 99
done
members="127.0.0.1:${gcomm[1]},127.0.0.1:${gcomm[2]},127.0.0.1:${gcomm[3]}"

# As root, the nodes run as the mysql user: the rsync daemon a joiner starts
# for SST would otherwise switch to `nobody`, which cannot write the datadir.
node_user=""
if stack_is_root; then
  node_user=mysql
  id "$node_user" >/dev/null 2>&1 || { stack_log "check-cluster run as root needs the mysql user (mariadb-server)"; exit 77; }
  chmod 755 "$work"
fi

# node_start N [--wsrep-new-cluster]: start (or restart) node N; a joiner
# receives the data by IST or SST from a running node before it answers.
node_start() {
  local n=$1 dir=$work/node$1
  shift
  if [ -n "$node_user" ]; then
    if [ ! -d "$dir/data/mysql" ]; then
      mkdir -p "$dir" && mariadb-install-db --no-defaults --datadir="$dir/data" --user="$node_user" \
        --auth-root-authentication-method=socket --auth-root-socket-user="$(id -un)" --skip-test-db \
        >"$dir/install.log" 2>&1 || { stack_tail "$dir/install.log"; return 1; }
    fi
    mkdir -p "$dir/tmp" && touch "$dir/error.log" && chown -R "$node_user:" "$dir" || return 1
  fi
  FASTSCIM_MARIADB_USER=$node_user FASTSCIM_MARIADB_PORT=${port[$n]} FASTSCIM_MARIADB_OPTS="--wsrep-on=ON --wsrep-provider=$provider
    --wsrep-cluster-name=fastscim --wsrep-cluster-address=gcomm://$members
    --wsrep-node-address=127.0.0.1:${gcomm[$n]} --wsrep-node-name=node$n
    --wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${gcomm[$n]};ist.recv_addr=127.0.0.1:${ist[$n]};gcache.size=64M
    --wsrep-sst-method=rsync --wsrep-sst-receive-address=127.0.0.1:${sst[$n]}
    --wsrep-log-conflicts=ON --binlog-format=ROW --innodb-autoinc-lock-mode=2 --innodb-flush-log-at-trx-commit=2
    --innodb-buffer-pool-size=32M --max-connections=200 ${general_log[*]} $*" mariadb_start "$work/node$n"
}

stack_log "starting a 3-node Galera cluster on loopback"
node_start 1 --wsrep-new-cluster || exit 99
FASTSCIM_MARIADB_PORT=${port[1]} mariadb_provision "$work/node1" "$work/db-password" || exit 99
node_start 2 || exit 99
node_start 3 || exit 99
size=$(mariadb_root "$work/node3" -N -e "SHOW STATUS LIKE 'wsrep_cluster_size'" | awk '{print $2}')
[ "$size" = 3 ] || { stack_log "the cluster has $size nodes, not 3"; exit 1; }

# ---- HAProxy -----------------------------------------------------------------
haproxy_port=$(stack_free_port) || exit 99
cat >"$work/haproxy.cfg" <<CFG
# One node takes every connection (the others are backups), and when the
# first node is back its backup sessions are closed: the layout with the
# fewest certification conflicts (doc/cluster.md).
global
    maxconn 400
defaults
    mode tcp
    timeout connect 2s
    timeout client 60s
    timeout server 60s
listen galera
    bind 127.0.0.1:$haproxy_port
    option tcp-check
    default-server inter 500ms fall 2 rise 2 on-marked-down shutdown-sessions on-marked-up shutdown-backup-sessions
    server node1 127.0.0.1:${port[1]} check
    server node2 127.0.0.1:${port[2]} check backup
    server node3 127.0.0.1:${port[3]} check backup
CFG
haproxy_start() {
  haproxy -f "$work/haproxy.cfg" -p "$work/haproxy.pid" -D || return 1
}
haproxy_start || exit 99

# ---- two fastscimd pools and nginx ------------------------------------------
pool_a=$(stack_free_port) && pool_b=$(stack_free_port) && https_port=$(stack_free_port) || exit 99
common=("db_name=fastscim" "db_user=fastscim" "db_password_file=$work/db-password" "log_level=info"
  "sql_dir=$FASTSCIM_SRCDIR/sql" "tenant_rate_limit=100000/s" "tenant_max_concurrent=10000"
  "db_connect_timeout=2" "public_url=https://127.0.0.1:$https_port/scim/v2")
fastscim_write_config "$work/pool-a.conf" "${common[@]}" "db_host=127.0.0.1:$haproxy_port" \
  "listen=127.0.0.1:$pool_a" "log_file=$work/pool-a.log" || exit 99
if [ "$writers" = 2 ]; then
  pool_b_hosts=127.0.0.1:${port[2]},127.0.0.1:${port[3]},127.0.0.1:${port[1]}
else
  pool_b_hosts=127.0.0.1:$haproxy_port,127.0.0.1:${port[1]}
fi
stack_log "layout: $writers writer node(s); pool A through HAProxy, pool B db_host=$pool_b_hosts"
fastscim_write_config "$work/pool-b.conf" "${common[@]}" "db_host=$pool_b_hosts" \
  "listen=127.0.0.1:$pool_b" "log_file=$work/pool-b.log" || exit 99

FASTSCIM_CONFIG=$work/pool-a.conf "$FASTSCIM_ADMIN" db migrate >"$work/migrate.log" 2>&1 ||
  { stack_tail "$work/migrate.log"; exit 1; }
for pool in a b; do
  pid=$(fastscimd_start "$work/pool-$pool.conf" "$work/pool-$pool.out" --workers 2 --threads 4) || exit 99
  pids+=("$pid")
  printf '%s\n' "$pid" >"$work/pool-$pool.pid"
done
tls_make_cert "$work/tls" || exit 99
FASTSCIM_NGINX_POOLS="127.0.0.1:$pool_a 127.0.0.1:$pool_b" \
  nginx_start "$work/nginx" 127.0.0.1 "$https_port" "$work/unused.sock" "$work/tls/cert.pem" "$work/tls/key.pem" || exit 99
stack_wait_http "https://127.0.0.1:$https_port/scim/v2/health" 30 "$work/tls/cert.pem" || exit 1

tenant=cluster
"$FASTSCIM_ADMIN" --config "$work/pool-a.conf" tenant create "$tenant" >/dev/null || exit 1
secret=$("$FASTSCIM_ADMIN" --config "$work/pool-a.conf" token issue --tenant "$tenant" --name load 2>/dev/null) || exit 1
printf '%s\n' "$secret" >"$work/token"
export CLUSTER_WORK=$work CLUSTER_URL="https://127.0.0.1:$https_port/scim/v2" CLUSTER_CA=$work/tls/cert.pem
export CLUSTER_CONFIG=$work/pool-a.conf CLUSTER_TENANT=$tenant CLUSTER_NODES=3 CLUSTER_WRITERS=$writers

# ---- the failovers, under load ----------------------------------------------
# Each step is written to steps.log with its time, so failover.py can report
# the longest window of errors after it.
step() { printf '%s %s\n' "$(date +%s.%N)" "$*" >>"$work/steps.log"; stack_log "step: $*"; }
node_pid() { stack_read_pid "$work/node$1/mariadbd.pid"; }
synced() { mariadb_root "$work/node$1" -N -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | grep -q Synced; }

python3 "$FASTSCIM_SRCDIR/tests/cluster/failover.py" load &
load=$!
sleep 5
if [ "$writers" = 2 ]; then step "SIGKILL node 2 (pool B's writer)"; else step "SIGKILL node 2 (a standby)"; fi
kill -KILL "$(node_pid 2)"
sleep 5
step "restart node 2 (rejoins by IST)"
node_start 2 || exit 1
until synced 2; do sleep 0.5; done
sleep 3
step "SIGKILL node 1 (HAProxy's writer)"
kill -KILL "$(node_pid 1)"
sleep 5
step "restart node 1"
node_start 1 || exit 1
until synced 1; do sleep 0.5; done
sleep 3
step "SIGKILL pool A (supervisor and workers)"
pid_a=$(cat "$work/pool-a.pid")
for pid in $(stack_children "$pid_a") "$pid_a"; do kill -KILL "$pid" 2>/dev/null; done
sleep 5
step "restart pool A"
pid_a=$(fastscimd_start "$work/pool-a.conf" "$work/pool-a.out" --workers 2 --threads 4) || exit 1
pids+=("$pid_a")
sleep 3
step "restart HAProxy"
kill "$(cat "$work/haproxy.pid")" && sleep 0.5 && haproxy_start || exit 1
sleep 5
step "end of load"
touch "$work/stop"
wait "$load" || exit 1
for n in 1 2 3; do until synced "$n"; do sleep 0.5; done; done
# Galera's own count of the conflicts it resolved (since each node's last
# start): transactions that failed certification at COMMIT, and local
# transactions aborted for a replicated one (brute-force aborts).
for n in 1 2 3; do
  stack_log "node $n: $(mariadb_root "$work/node$n" -N -e "SHOW STATUS WHERE Variable_name IN
    ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts', 'wsrep_local_commits')" | tr '\t\n' '= ')"
done
python3 "$FASTSCIM_SRCDIR/tests/cluster/failover.py" verify
