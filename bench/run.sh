#!/usr/bin/env bash
# fastscim — `make bench`: measured speed at scale, as ratios to this machine's
# own ceilings, printed as a Markdown report (issue 6).  It only measures and
# prints: nothing here asserts a time, and `make check` never runs it.
#
# It starts its own stack in a temporary directory with scripts/lib/stack.sh —
# a private MariaDB, fastscimd's pool on a unix socket, nginx with TLS on a free
# loopback port — and, on the same nginx, four baselines: nginx answering a
# fixed body itself, a trivial libfcgi responder (bench/fcgi_trivial), a
# libfcgi responder doing one prepared point SELECT by userName on the same
# table (bench/fcgi_db, the database ceiling) and one doing one prepared
# INSERT or UPDATE of a 1 KB document there (bench/fcgi_write, the write
# ceiling, on a tenant of its own); the responders have fastscimd's pool
# shape.  It creates a tenant and a token with fastscim-admin,
# bulk-loads users and groups (bench/load.cc says why and how), checks the
# loaded data through the API (bench/verify.py), then runs every scenario with
# wrk and the Lua scripts in bench/lua at each concurrency for a fixed time.
# Everything it started is stopped on exit, also on Ctrl-C.
#
#   make bench            10k, 100k, 1M users; groups of 10 and 100,000 members;
#                         10,000 tenants x 100 users
#   make bench QUICK=1    1k, 5k, 20k users; groups of 10 and 10,000; 200 tenants
#                         x 100 users (< 5 minutes)
#
# Environment:
#   QUICK=1               the small run
#   BENCH_DURATION        seconds per measured run (QUICK 5, full 15)
#   BENCH_CONCURRENCY     wrk connections, space-separated (default "16 64")
#   BENCH_WORKERS, BENCH_THREADS   the fastscimd pool (and the baselines'):
#                         processes x threads (default 4 x 4)
#   BENCH_BUFFER_POOL     MariaDB innodb_buffer_pool_size (default 4G: 1M users fit)
#   BENCH_REPORT          also write the report to this file
#                         (default build/bench/report.md)
#   BENCH_KEEP=1          keep the temporary directory (logs, data) for a look
#   BENCH_ONLY            only these scenario groups, space-separated, from
#                         "reads writes events delivery tenants" (default: all);
#                         the ceilings are always measured
#   BENCH_SIZES           the tenant sizes instead of the default list
#   BENCH_TENANTS         the many-tenants scenario's number of tenants of 100
#                         users (default: the largest size / 100)
#   BENCH_FASTSCIMD       another fastscimd binary to measure (a before/after
#                         comparison); the rest comes from the build tree
#   BENCH_DIGESTS=1       MariaDB's performance schema on; after each run its
#                         statement digests (time, lock time, rows examined),
#                         statements by kind and table I/O waits go to
#                         logs/db-<run>.txt, and
#                         SHOW ENGINE INNODB STATUS to logs/innodb-<run>.txt
#   BENCH_WEB_SERVER      fronts to measure the Entra match, POST /Users and
#                         the Entra mix through besides nginx, at the largest
#                         size, space-separated (default: none):
#                           apache-proxy   Apache + mod_proxy_fcgi to the same
#                                          pool (apache/fastscim-proxy-fcgi.conf)
#                           apache-fcgid   Apache + mod_fcgid starting fastscimd
#                                          (apache/fastscim-fcgid.conf as shipped)
#                           apache-fcgid-defaults  the same without its process
#                                          tuning: mod_fcgid's own defaults
#                         e.g. BENCH_WEB_SERVER="apache-proxy apache-fcgid"
#   FASTSCIM_BUILDDIR     the build tree (default <checkout>/build)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
export FASTSCIM_SRCDIR="$top"
# shellcheck source=scripts/lib/stack.sh
. "$top/scripts/lib/stack.sh"

build=${FASTSCIM_BUILDDIR:-$top/build}
export FASTSCIMD="${BENCH_FASTSCIMD:-$build/src/app/fastscimd}"
admin_bin="$build/src/admin/fastscim-admin"
loader="$build/bench/fastscim-bench-load"
trivial_bin="$build/bench/fcgi_trivial"
db_bin="$build/bench/fcgi_db"
write_bin="$build/bench/fcgi_write"
lua="$top/bench/lua"

case ${QUICK:-0} in 0 | "" | no | false) quick=0 ;; *) quick=1 ;; esac
if [ "$quick" = 1 ]; then
  sizes=(1000 5000 20000)
  member_sizes=(10 10000)
  named_groups=1000
  duration=${BENCH_DURATION:-5}
  warmup=1
else
  sizes=(10000 100000 1000000)
  member_sizes=(10 100000)
  named_groups=10000
  duration=${BENCH_DURATION:-15}
  warmup=3
fi
[ -n "${BENCH_SIZES:-}" ] && read -r -a sizes <<<"$BENCH_SIZES"
only=" ${BENCH_ONLY:-reads writes events delivery tenants} "
wanted() { [[ $only == *" $1 "* ]]; }
read -r -a fronts <<<"${BENCH_WEB_SERVER:-}"
for front in "${fronts[@]}"; do
  case $front in
    apache-proxy | apache-fcgid | apache-fcgid-defaults) ;;
    *) echo "bench: BENCH_WEB_SERVER: unknown front $front (apache-proxy, apache-fcgid, apache-fcgid-defaults)" >&2
      exit 2 ;;
  esac
done
read -r -a concurrency <<<"${BENCH_CONCURRENCY:-16 64}"
workers=${BENCH_WORKERS:-4}
threads=${BENCH_THREADS:-4}
wrk_threads=2
buffer_pool=${BENCH_BUFFER_POOL:-4G}
report_file=${BENCH_REPORT:-$build/bench/report.md}
largest=${sizes[${#sizes[@]} - 1]}
# Many tenants: as many tenants of 100 users as make the largest size.
per_tenant=100
tenant_count=${BENCH_TENANTS:-$((largest / per_tenant))}
# The write ceiling's own tenant: its UPDATEs change these users' documents.
ceiling_users=10000
[ "$ceiling_users" -le "$largest" ] || ceiling_users=$largest
member_list=$(IFS=,; echo "${member_sizes[*]}")

for bin in "$FASTSCIMD" "$admin_bin" "$loader" "$trivial_bin" "$db_bin" "$write_bin"; do
  [ -x "$bin" ] || { stack_log "$bin is missing: run make bench"; exit 1; }
done
for tool in wrk nginx mariadbd curl python3; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] ||
    { stack_log "$tool is not installed (scripts/install-deps.sh installs it)"; exit 1; }
done

started=$(date +%s)
log() { printf 'bench [%4ds]: %s\n' "$(($(date +%s) - started))" "$*" >&2; }

# A short path: unix socket paths are limited to ~100 bytes.
tmp=$(mktemp -d /tmp/fscim-bench.XXXXXX)
run="$tmp/run"
mkdir -p "$run" "$tmp/wrk" "$tmp/log"
fastscimd_pid=""
trivial_pid=""
db_pid=""
write_pid=""
receiver_pid=""

stop_pool() {  # stop a baseline pool (its own session, started here)
  local pid=$1
  [ -n "$pid" ] || return 0
  stack_stop_pid "$2" "$pid" TERM 10
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  log "stopping"
  nginx_stop "$tmp/nginx" || true
  for dir in "$tmp"/apache-*/; do
    [ -f "$dir/httpd.pid.launcher" ] && { apache_stop "$dir" "$tmp/bin/fastscimd" || true; }
  done
  [ -n "$receiver_pid" ] && { kill "$receiver_pid" 2>/dev/null || true; }
  stop_pool "$trivial_pid" fcgi_trivial || true
  stop_pool "$db_pid" fcgi_db || true
  stop_pool "$write_pid" fcgi_write || true
  [ -n "$fastscimd_pid" ] && { fastscimd_stop "$fastscimd_pid" || true; }
  mariadb_stop "$tmp/db" || true
  # The logs outlive the run (the data does not, unless asked: it can be GBs).
  rm -rf "$build/bench/logs"
  mkdir -p "$build/bench/logs"
  cp -r "$tmp/log" "$tmp/wrk" "$build/bench/logs/" 2>/dev/null || true
  cp "$tmp/db/error.log" "$build/bench/logs/mariadb-error.log" 2>/dev/null || true
  cp "$tmp/nginx/error.log" "$build/bench/logs/nginx-error.log" 2>/dev/null || true
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    log "kept $tmp (data and logs); remove it when done"
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- the stack ------------------------------------------------------------------
log "starting MariaDB, fastscimd ($workers x $threads), nginx in $tmp"
digests=${BENCH_DIGESTS:-0}
mariadb_opts="--innodb-buffer-pool-size=$buffer_pool --innodb-log-file-size=512M"
[ "$digests" = 1 ] && mariadb_opts+=" --performance-schema=ON --performance-schema-instrument=wait/io/table/%=ON"
FASTSCIM_MARIADB_OPTS="$mariadb_opts" mariadb_start "$tmp/db"
mariadb_provision "$tmp/db" "$tmp/db-password"
sql() { mariadb_root "$tmp/db" --batch --skip-column-names fastscim "$@"; }

port=$(stack_free_port)
url="https://127.0.0.1:$port/scim/v2"
# Where wrk sends the scenarios: nginx, or the Apache front being measured.
front_port=$port
config="$run/fastscim.conf"
socket="$run/fastscim.sock"
# Apache's children run as the web server's user (BENCH_WEB_SERVER).
socket_mode=""
[ "${#fronts[@]}" -gt 0 ] && socket_mode=0666
fastscim_write_config "$config" \
  "listen=unix:$socket" \
  "socket_mode=$socket_mode" \
  "workers=$workers" \
  "threads=$threads" \
  "db_socket=$(mariadb_socket "$tmp/db")" \
  "db_name=fastscim" \
  "db_user=fastscim" \
  "db_password_file=$tmp/db-password" \
  "public_url=$url" \
  "log_file=$tmp/log/fastscimd.log" \
  "pid_file=$run/fastscimd.pid" \
  "sql_dir=$top/sql"
admin() { "$admin_bin" --config "$config" "$@"; }
admin db migrate --sql-dir "$top/sql" >"$tmp/log/migrate.log" 2>&1 ||
  { cat "$tmp/log/migrate.log" >&2; exit 1; }
fastscimd_pid=$(fastscimd_start "$config" "$tmp/log/fastscimd.log")
tls_make_cert "$tmp/tls"

# The fixed body of the nginx and trivial-FastCGI baselines: a ListResponse
# holding one loaded user, the size of a match answer.
"$loader" row --index 0 | head -n 1 | cut -f 6 |
  sed 's/^/{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"itemsPerPage":1,"startIndex":1,"Resources":[/; s/$/]}/' \
    >"$tmp/body.json"
setsid "$trivial_bin" --socket "$run/trivial.sock" --body-file "$tmp/body.json" \
  --workers "$workers" --threads "$threads" </dev/null >"$tmp/log/fcgi_trivial.log" 2>&1 &
trivial_pid=$!

# nginx renders the shipped nginx/ files; a copy of them gets the baseline
# locations next to /scim/v2 in the same server, and /nokeep/scim/v2: the same
# fastscimd pool through an upstream without keepalive, a new FastCGI
# connection per request (the keep-alive comparison).  The baselines keep
# their one connection per request: their libfcgi loop would pin a thread per
# kept connection.
view="$tmp/nginx-src"
mkdir -p "$view/nginx"
cp "$top"/nginx/*.conf "$view/nginx/"
cat >>"$view/nginx/fastscim-upstream.conf" <<EOF

# bench/run.sh: the baseline pools.
upstream bench_fcgi_trivial {
    server unix:$run/trivial.sock;
}
upstream bench_fcgi_db {
    server unix:$run/db.sock;
}
upstream bench_fcgi_write {
    server unix:$run/write.sock;
}
upstream bench_nokeep {
    server unix:$socket;
}
EOF
grep -q '[$]' "$tmp/body.json" && { log "the fixed body must not contain \$ (an nginx variable)"; exit 1; }
static_body=$(sed "s/\\\\/\\\\\\\\/g; s/'/\\\\'/g" "$tmp/body.json")
cat >>"$view/nginx/fastscim.conf" <<EOF

# bench/run.sh: baselines served by the same server.
location = /bench/static {
    default_type application/scim+json;
    return 200 '$static_body';
}
location = /bench/fcgi {
    include fastcgi_params;
    fastcgi_pass bench_fcgi_trivial;
}
location = /bench/db {
    include fastcgi_params;
    fastcgi_pass bench_fcgi_db;
}
location = /bench/write {
    include fastcgi_params;
    fastcgi_pass bench_fcgi_write;
}
location ~ ^/nokeep(?<fscim_path>/scim/v2/.*)\$ {
    # First: fastcgi_params's REQUEST_URI follows, and the first one counts.
    fastcgi_param REQUEST_URI \$fscim_path\$is_args\$args;
    include fastcgi_params;
    fastcgi_param HTTP_AUTHORIZATION \$http_authorization;
    fastcgi_pass bench_nokeep;
}
EOF
FASTSCIM_SRCDIR="$view" nginx_start "$tmp/nginx" 127.0.0.1 "$port" "$socket" "$tmp/tls/cert.pem" "$tmp/tls/key.pem"
if ! stack_wait_http "$url/health" 60 "$tmp/tls/cert.pem"; then
  stack_tail "$tmp/log/fastscimd.log" "$tmp/nginx/error.log"
  exit 1
fi

admin tenant create bench >/dev/null
# The bench measures throughput, not the per-tenant limits (doc/limits.md):
# its one tenant may use the whole pool.
admin tenant set bench rate-limit 1000000/s >/dev/null
admin tenant set bench rate-burst 1000000 >/dev/null
admin tenant set bench max-concurrent 10000 >/dev/null
token=$(admin token issue --tenant bench --name bench 2>/dev/null)
tenant_id=$(sql -e "SELECT id FROM tenants WHERE name = 'bench'")

setsid "$db_bin" --socket "$run/db.sock" --db-socket "$(mariadb_socket "$tmp/db")" --db-name fastscim \
  --db-user fastscim --db-password-file "$tmp/db-password" --tenant-id "$tenant_id" \
  --workers "$workers" --threads "$threads" </dev/null >"$tmp/log/fcgi_db.log" 2>&1 &
db_pid=$!
admin tenant create bench-ceiling >/dev/null
ceiling_tenant_id=$(sql -e "SELECT id FROM tenants WHERE name = 'bench-ceiling'")
setsid "$write_bin" --socket "$run/write.sock" --db-socket "$(mariadb_socket "$tmp/db")" --db-name fastscim \
  --db-user fastscim --db-password-file "$tmp/db-password" --tenant-id "$ceiling_tenant_id" \
  --workers "$workers" --threads "$threads" </dev/null >"$tmp/log/fcgi_write.log" 2>&1 &
write_pid=$!

api() {  # api METHOD PATH [BODY]: prints "<status> <body>"
  local -a data=()
  [ $# -ge 3 ] && data=(-H 'Content-Type: application/scim+json' --data-binary "$3")
  curl -sS --max-time 30 --cacert "$tmp/tls/cert.pem" -H "Authorization: Bearer $token" -X "$1" \
    -w ' %{http_code}' "${data[@]}" "$url$2" | awk '{ code = $NF; $NF = ""; print code " " $0 }'
}

# ---- the loader writes what the store writes -------------------------------------
# One user created through the API, its row compared byte for byte with the
# row the loader generates for the same body, then deleted again.
probe=$largest
answer=$(api POST /Users "$("$loader" body --index "$probe")")
[ "${answer%% *}" = 201 ] || { log "POST /Users of the probe user failed: $answer"; exit 1; }
probe_id=$(printf '%s' "${answer#* }" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
probe_name=$("$loader" row --index "$probe" | head -n 1 | cut -f 1)
sql --raw -e "SELECT name_key, COALESCE(display_name,'NULL'), COALESCE(external_id,'NULL'), COALESCE(active,'NULL'),
  COALESCE(employee_number,'NULL'), document FROM resources WHERE tenant_id = $tenant_id AND id = '$probe_id';
  SELECT 'email', e.value, COALESCE(e.type,'NULL') FROM resource_emails e JOIN resources r ON r.seq = e.resource_seq
  WHERE r.tenant_id = $tenant_id AND r.id = '$probe_id'" >"$tmp/probe-api.txt"
"$loader" row --index "$probe" >"$tmp/probe-loader.txt"
if ! cmp -s "$tmp/probe-api.txt" "$tmp/probe-loader.txt"; then
  log "the loader's row for $probe_name differs from what fastscimd stored:"
  diff "$tmp/probe-loader.txt" "$tmp/probe-api.txt" >&2 || true
  exit 1
fi
answer=$(api DELETE "/Users/$probe_id")
[ "${answer%% *}" = 204 ] || { log "DELETE of the probe user failed: $answer"; exit 1; }
log "loader row format = fastscimd's (user created through the API compared byte for byte)"

seq_base=$(sql -e "SELECT COALESCE(MAX(seq), 0) + 1000 FROM resources")
# Seqs far above the single tenant's: the write ceiling's users, then the
# many tenants' (created users take seqs after the ceiling's).
ceiling_seq_base=$((seq_base + 100000000))
tenants_seq_base=$((seq_base + 200000000))
loaded=0
loaded_from=0
load_sql() {  # load_sql LABEL: feed standard input to MariaDB, fail with its error
  if ! timeout 3600 bash "$top/scripts/lib/stack.sh" mariadb_root "$tmp/db" --batch fastscim \
      >/dev/null 2>"$tmp/log/load.err"; then
    grep -m 3 '^ERROR' "$tmp/log/load.err" >&2 || tail -c 600 "$tmp/log/load.err" >&2
    log "loading $1 failed"
    exit 1
  fi
}
load_users_to() {
  local n=$1 t0
  t0=$(date +%s.%N)
  "$loader" users --tenant-id "$tenant_id" --seq-base "$seq_base" --from "$loaded" --to "$n" | load_sql "users"
  loaded_from=$loaded
  log "loaded users $loaded..$((n - 1)) in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
  loaded=$n
}
sample_indices() {  # sample_indices FROM TO: the first, the last and 8 random users of FROM..TO-1
  local from=$1 n=$2 i out="$1,$(($2 - 1))"
  for i in 1 2 3 4 5 6 7 8; do out="$out,$((from + (RANDOM * 32768 + RANDOM) % (n - from)))"; done
  echo "$out"
}
# The users loaded by the last step are checked: those of earlier sizes may
# have been changed by the PATCH runs since.
verify() {
  if ! python3 "$top/bench/verify.py" --url "$url" --token "$token" --cafile "$tmp/tls/cert.pem" \
      --loader "$loader" --users "$loaded" --indices "$(sample_indices "$loaded_from" "$loaded")" "$@"; then
    log "the loaded data does not read back through the API as loaded (see above)"
    exit 1
  fi
}

# ---- measuring ------------------------------------------------------------------
results="$tmp/results.tsv"
: >"$results"
deactivate_offset=0
# MariaDB's count of on-disk temporary tables (each is a file created and
# deleted): reported per request, as it is what reads cost most here.
disk_tmp_tables() { sql -e "SHOW GLOBAL STATUS LIKE 'Created_tmp_disk_tables'" | cut -f 2 || echo 0; }
# BENCH_DIGESTS=1: what the database did during one run, by its own instruments.
digests_reset() {
  sql -e "TRUNCATE performance_schema.events_statements_summary_by_digest;
    TRUNCATE performance_schema.events_statements_summary_global_by_event_name;
    TRUNCATE performance_schema.table_io_waits_summary_by_index_usage" >/dev/null
}
digests_write() {
  {
    echo "# statement digests, by total time (ms); lock ms; rows examined/sent/affected per call"
    sql -e "SELECT COUNT_STAR, ROUND(SUM_TIMER_WAIT / 1e9, 1), ROUND(SUM_LOCK_TIME / 1e9, 1),
        ROUND(SUM_ROWS_EXAMINED / COUNT_STAR, 1), ROUND(SUM_ROWS_SENT / COUNT_STAR, 1),
        ROUND(SUM_ROWS_AFFECTED / COUNT_STAR, 1), LEFT(DIGEST_TEXT, 300)
      FROM performance_schema.events_statements_summary_by_digest ORDER BY SUM_TIMER_WAIT DESC LIMIT 25"
    echo "# statements by kind (statement/com/Execute: fastscimd's prepared statements): count, total ms"
    sql -e "SELECT EVENT_NAME, COUNT_STAR, ROUND(SUM_TIMER_WAIT / 1e9, 1)
      FROM performance_schema.events_statements_summary_global_by_event_name
      WHERE COUNT_STAR > 0 ORDER BY SUM_TIMER_WAIT DESC LIMIT 15"
    echo "# table I/O waits by index (ms): fetch, insert, update, delete"
    sql -e "SELECT OBJECT_NAME, COALESCE(INDEX_NAME, '-'), COUNT_STAR, ROUND(SUM_TIMER_WAIT / 1e9, 1),
        COUNT_FETCH, COUNT_INSERT, COUNT_UPDATE, COUNT_DELETE
      FROM performance_schema.table_io_waits_summary_by_index_usage
      WHERE OBJECT_SCHEMA = 'fastscim' AND COUNT_STAR > 0 ORDER BY SUM_TIMER_WAIT DESC LIMIT 25"
  } >"$tmp/log/db-$1.txt" 2>&1
  sql -e "SHOW ENGINE INNODB STATUS\G" >"$tmp/log/innodb-$1.txt" 2>&1 || true
}
# measure KEY CONNECTIONS SCRIPT [ARGS...]: one wrk run; appends a result line.
measure() {
  local key=$1 c=$2 script=$3 out line tmp_before
  shift 3
  out="$tmp/wrk/$key-c$c.out"
  tmp_before=$(disk_tmp_tables)
  [ "$digests" = 1 ] && digests_reset
  timeout $((duration + 60)) wrk -t "$wrk_threads" -c "$c" -d "${duration}s" --timeout 10s -s "$lua/$script" \
    "https://127.0.0.1:$front_port" -- "token=$token" "users=$loaded" "threads=$wrk_threads" "connections=$c" \
    "groups=$named_groups" "nonce=$key.$c.$$" "$@" >"$out" 2>&1 || true
  line=$(grep '^BENCH' "$out" | head -n 1 || true)
  if [ -z "$line" ]; then
    log "wrk gave no result for $key (c=$c):"
    tail -n 5 "$out" >&2
    line=$'BENCH\t0\t0\t0\t0\t0\t0\t0\t0\twrk failed: '"$(tail -n 1 "$out" | tr '\t' ' ')"
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$key" "$c" "$loaded" "${line#BENCH$'\t'}" \
    "$(($(disk_tmp_tables) - tmp_before))" >>"$results"
  check_alive "$key (c=$c)"
  [ "$digests" = 1 ] && digests_write "$key-c$c"
  log "$(printf '%-22s c=%-3s %9s req/s  p50 %7s ms  p99 %7s ms  non-2xx %s  misses %s' "$key" "$c" \
    "$(cut -f 3 <<<"${line#BENCH$'\t'}")" "$(cut -f 4 <<<"${line#BENCH$'\t'}")" \
    "$(cut -f 5 <<<"${line#BENCH$'\t'}")" "$(cut -f 6 <<<"${line#BENCH$'\t'}")" "$(cut -f 8 <<<"${line#BENCH$'\t'}")")"
}
# The stack must survive every run: a dead component makes every later
# number meaningless, so the run stops there with its logs.
check_alive() {
  local name pid
  for name in mariadbd fastscimd nginx; do
    case $name in
      mariadbd) pid=$(stack_read_pid "$tmp/db/mariadbd.pid" || true) ;;
      fastscimd) pid=$fastscimd_pid ;;
      nginx) pid=$(stack_read_pid "$tmp/nginx/nginx.pid" || true) ;;
    esac
    if ! stack_pid_alive "$pid"; then
      log "$name died during $1; its log:"
      case $name in
        mariadbd) tail -n 60 "$tmp/db/error.log" >&2 ;;
        fastscimd) tail -n 30 "$tmp/log/fastscimd.log" >&2 ;;
        nginx) tail -n 30 "$tmp/nginx/error.log" >&2 ;;
      esac
      exit 1
    fi
  done
}
warm() {
  timeout $((warmup + 60)) wrk -t "$wrk_threads" -c 16 -d "${warmup}s" -s "$lua/match.lua" \
    "https://127.0.0.1:$front_port" -- "token=$token" "users=$loaded" by=userName >/dev/null 2>&1 || true
}
for_each_c() {  # for_each_c KEY SCRIPT [ARGS...]
  local key=$1 script=$2 c
  shift 2
  for c in "${concurrency[@]}"; do measure "$key" "$c" "$script" "$@"; done
}

t0=$(date +%s.%N)
"$loader" users --tenant-id "$ceiling_tenant_id" --seq-base "$ceiling_seq_base" --from 0 --to "$ceiling_users" |
  load_sql "the write ceiling's users"
log "loaded the write ceiling's $ceiling_users users in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"

for size in "${sizes[@]}"; do
  load_users_to "$size"
  if [ "$size" = "$largest" ]; then
    "$loader" groups --tenant-id "$tenant_id" --seq-base "$seq_base" --users "$loaded" --named "$named_groups" \
      --member-sizes "$member_list" | load_sql "groups"
    log "loaded groups of $member_list members and $named_groups named groups"
    verify --member-sizes "$member_list" --named "$named_groups"
  else
    verify
  fi
  log "verified a sample of $loaded users through the API"
  sql -e "ANALYZE TABLE resources, resource_emails, group_members" >/dev/null
  warm
  if [ "$size" = "${sizes[0]}" ]; then
    for_each_c static baseline.lua what=static
    for_each_c fcgi baseline.lua what=fcgi
  fi
  for_each_c db baseline.lua what=db
  for_each_c match_userName match.lua by=userName
  if wanted writes; then
    # A PATCH and its ceiling at every size: does a write slow down with
    # the tenant's size where its ceiling does not?
    for_each_c write_update write_ceiling.lua what=update "ceiling_users=$ceiling_users"
    for_each_c write_update_tx write_ceiling.lua what=update "ceiling_users=$ceiling_users" tx=1
    for_each_c write_update_proc write_ceiling.lua what=update "ceiling_users=$ceiling_users" tx=proc
    for_each_c patch_title patch_user.lua what=title
  fi
done
if wanted reads; then
  # Keep-alive to the pool (nginx/fastscim-upstream.conf) against a new FastCGI
  # connection per request, side by side at the largest size.
  for_each_c match_userName_nokeep match.lua by=userName base=/nokeep/scim/v2
  for_each_c mix_nokeep mix.lua base=/nokeep/scim/v2

  for_each_c match_missing match.lua by=missing
  for_each_c match_externalId match.lua by=externalId
  for_each_c match_email match.lua by=email
  for_each_c match_group match.lua by=group
fi
if wanted writes; then
  # Each write scenario right after its ceiling (bench/fcgi_write), so the
  # two see the same table and the same moment of the machine's load (the
  # PATCH of title and department ran with the sizes, above).
  for c in "${concurrency[@]}"; do
    measure patch_active "$c" patch_user.lua what=active "offset=$deactivate_offset"
    deactivate_offset=$((deactivate_offset + $(tail -n 1 "$results" | cut -f 4)))
  done
  for m in "${!member_sizes[@]}"; do
    for_each_c "members_${member_sizes[$m]}" membership.lua "group=$m" "size=${member_sizes[$m]}"
  done
  for_each_c write_insert write_ceiling.lua what=insert
  for_each_c write_insert_tx write_ceiling.lua what=insert tx=1
  for_each_c write_insert_proc write_ceiling.lua what=insert tx=proc
  for_each_c create create.lua
fi
if wanted reads || wanted writes; then
  for_each_c mix mix.lua
fi

# ---- the same scenarios behind Apache (BENCH_WEB_SERVER) ---------------------------
# Each front is a private Apache (scripts/lib/web.sh) rendering the shipped
# apache/ files, started, measured and stopped in turn.  mod_proxy_fcgi
# forwards to the pool above; mod_fcgid starts fastscimd processes of its
# own (one request at a time each) from a copy of the binary the web
# server's user can run, with a configuration without `listen`.
apache_view="$tmp/apache-src"
if [ "${#fronts[@]}" -gt 0 ]; then
  mkdir -p "$apache_view/apache" "$tmp/bin" "$tmp/fcgid-state"
  cp "$top"/apache/* "$apache_view/apache/"
  cp "$FASTSCIMD" "$tmp/bin/fastscimd"
  chmod 755 "$tmp" "$tmp/bin" "$tmp/bin/fastscimd" "$run"
  stack_is_root && chown "$FASTSCIM_WEB_USER" "$tmp/fcgid-state"
  stack_share_with_web_user "$tmp/db-password"
  fcgid_config="$tmp/fastscim-fcgid.conf"
  fastscim_write_config "$fcgid_config" \
    "db_socket=$(mariadb_socket "$tmp/db")" "db_name=fastscim" "db_user=fastscim" \
    "db_password_file=$tmp/db-password" "public_url=$url" "sql_dir=$top/sql" \
    "limits_file=$tmp/fcgid-state/limits"
  chmod 644 "$fcgid_config"
fi
measure_front() {  # measure_front FRONT: start Apache as FRONT, measure, stop it
  local front=$1 dir="$tmp/apache-$1" view="$tmp/apache-src-$1" apache_port key c
  local -a variant
  apache_port=$(stack_free_port)
  rm -rf "$view" && cp -r "$apache_view" "$view"
  case $front in
    apache-proxy) variant=("proxy_port=$apache_port" "socket=$socket") ;;
    apache-fcgid) variant=("fcgid_port=$apache_port" "fastscimd=$tmp/bin/fastscimd" "config=$fcgid_config") ;;
    apache-fcgid-defaults)
      # mod_fcgid's own process management: 3 idle processes kept, up to 100
      # per class, spawning throttled by its score, none retired by count.
      sed -i '/^Fcgid\(MaxProcessesPerClass\|MinProcessesPerClass\|MaxRequestsPerProcess\|IdleTimeout\) /d' \
        "$view/apache/fastscim-fcgid.conf"
      variant=("fcgid_port=$apache_port" "fastscimd=$tmp/bin/fastscimd" "config=$fcgid_config") ;;
  esac
  FASTSCIM_SRCDIR="$view" apache_start "$dir" "cert=$tmp/tls/cert.pem" "key=$tmp/tls/key.pem" "${variant[@]}" ||
    { log "Apache ($front) did not start"; exit 1; }
  if ! stack_wait_http "https://127.0.0.1:$apache_port/scim/v2/health" 60 "$tmp/tls/cert.pem"; then
    stack_tail "$dir/error.log"
    apache_stop "$dir" "$tmp/bin/fastscimd"
    exit 1
  fi
  front_port=$apache_port
  warm
  for key in match_userName create mix; do
    case $key in match_userName) set -- match.lua by=userName ;; create) set -- create.lua ;; mix) set -- mix.lua ;; esac
    for c in "${concurrency[@]}"; do measure "${key}_$front" "$c" "$@"; done
  done
  front_port=$port
  # How many processes mod_fcgid ran (pool: the supervisor's workers).
  front_processes+="$front $(pgrep -c -f "^$tmp/bin/fastscimd" || true)"$'\n'
  apache_stop "$dir" "$tmp/bin/fastscimd"
}
front_processes=""
for front in "${fronts[@]}"; do
  log "measuring through $front"
  measure_front "$front"
done

# Peak RSS of each fastscimd worker (VmHWM: the high-water mark since start);
# the webhook delivery process (named fastscimd-hooks) is not a worker.
rss_lines=""
for pid in $(stack_children "$fastscimd_pid"); do
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = fastscimd-hooks ] && continue
  hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || continue
  cur=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || continue
  rss_lines+="$pid $hwm $cur"$'\n'
done
# ---- many tenants: $tenant_count tenants x $per_tenant users -------------------------
# Loaded next to everything above, so the single tenant's match is measured
# again on the same table (match_userName_after) and the two compare at the
# same total size.  The first $tenant_count tenants take the load; 30 more,
# never used by it, measure a cold tenant's first request.
rss_tenants=""
cold_probe=""
# The stated bound (doc/auth-cache.md, "Per-tenant state"): the 20 MB of a
# worker's own, 5 MB per serving thread for its 1,024 tenants' Services,
# 16 MB for the process's 16,384 tenant configurations and tokens.
rss_bound=$((20 + threads * 5 + 16))
if wanted tenants; then
  t0=$(date +%s.%N)
  tenants_first_id=$(sql -e "SELECT COALESCE(MAX(id), 0) + 1000 FROM tenants")
  "$loader" tenants --tenant-id "$tenants_first_id" --count $((tenant_count + 30)) --users "$per_tenant" \
    --seq-base "$tenants_seq_base" | load_sql "tenants"
  log "loaded $((tenant_count + 30)) tenants x $per_tenant users in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
  sql -e "ANALYZE TABLE tenants, tokens, resources, resource_emails" >/dev/null
  warm
  for_each_c match_userName_after match.lua by=userName
  for_each_c tenants tenants.lua "tenants=$tenant_count" "per_tenant=$per_tenant"
  # Every worker process meets every tenant once before its caches answer
  # (tenants x workers first requests): a longer warm-up, then again.
  timeout $((warmup * 10 + 60)) wrk -t "$wrk_threads" -c 16 -d "$((warmup * 10))s" -s "$lua/tenants.lua" \
    "https://127.0.0.1:$port" -- "token=$token" "tenants=$tenant_count" "per_tenant=$per_tenant" >/dev/null 2>&1 || true
  for_each_c tenants_again tenants.lua "tenants=$tenant_count" "per_tenant=$per_tenant"
  # A cold tenant's first request next to a warm tenant's, on one kept TLS
  # connection (curl's first transfer pays the handshake: a warm request).
  warm_token=$("$loader" tenant-token --index 0)
  q="/Users?filter=userName+eq+%22$("$loader" row --index 0 | head -n 1 | cut -f 1)%22"
  for k in $(seq "$tenant_count" $((tenant_count + 29))); do
    cold_token=$("$loader" tenant-token --index "$k")
    # warm, cold (the tenant's first request), the same tenant again, warm
    times=$(sep=""
      for t in "$warm_token" "$cold_token" "$cold_token" "$warm_token"; do
        printf '%ssilent\nshow-error\nmax-time = 30\ncacert = "%s"\noutput = "/dev/null"\n' "$sep" "$tmp/tls/cert.pem"
        printf 'write-out = "%%{time_total} "\nheader = "Authorization: Bearer %s"\nurl = "%s"\n' "$t" "$url$q"
        sep=$'next\n'
      done | curl -K -)
    cold_probe+="$times"$'\n'
  done
  for pid in $(stack_children "$fastscimd_pid"); do
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = fastscimd-hooks ] && continue
    hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || continue
    cur=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || continue
    rss_tenants+="$pid $hwm $cur"$'\n'
  done
fi

# ---- what the events cost: the same writes again with events = off ----------------
# The configuration is rewritten and fastscimd reloads it (SIGHUP starts a new
# generation of workers); a write then records no event (README, `events`).
set_events() {
  local before
  before=$(grep -c 'configuration reloaded' "$tmp/log/fastscimd.log" || true)
  sed -i '/^[[:space:]]*events[[:space:]]*=/d' "$config"
  echo "events = $1" >>"$config"
  kill -HUP "$fastscimd_pid"
  until [ "$(grep -c 'configuration reloaded' "$tmp/log/fastscimd.log" || true)" -gt "$before" ]; do sleep 0.2; done
  sleep 1  # the old generation finishes what it had in hand
  warm
}
if wanted events; then
  set_events off
  for_each_c patch_title_noevents patch_user.lua what=title
  for_each_c create_noevents create.lua
  set_events on
  for_each_c patch_title_again patch_user.lua what=title
  for_each_c create_again create.lua
fi

# ---- webhook delivery: the newest events to a local receiver --------------------
# The receiver (bench/receiver.py) checks every signature; the endpoint starts
# at a position that leaves the last $delivery_events events of the run to
# deliver.  Measured: from adding the endpoint until the receiver has them all,
# numbering included (the writes above left their events unnumbered).
delivered=0
expected=0
delivery_seconds=0
if wanted delivery; then
  delivery_events=${BENCH_DELIVERY_EVENTS:-20000}
  receiver_port=$(stack_free_port)
  python3 "$top/bench/receiver.py" --port "$receiver_port" --secret-file "$tmp/webhook-secret" \
    >"$tmp/log/receiver.log" 2>&1 &
  receiver_pid=$!
  stack_wait_http "http://127.0.0.1:$receiver_port/count" 30 || { log "the webhook receiver did not start"; exit 1; }
  total_events=$(sql -e "SELECT COUNT(*) FROM events WHERE tenant_id = $tenant_id")
  last_numbered=$(sql -e "SELECT COALESCE(MAX(position), 0) FROM events WHERE tenant_id = $tenant_id")
  unnumbered=$(sql -e "SELECT COUNT(*) FROM events WHERE tenant_id = $tenant_id AND position IS NULL")
  from=$((last_numbered + unnumbered - delivery_events))
  [ "$from" -ge 0 ] || from=0
  expected=$((last_numbered + unnumbered - from))
  t0=$(date +%s.%N)
  admin webhook add --tenant bench --from "$from" "http://127.0.0.1:$receiver_port/hooks" 2>/dev/null |
    awk '{ print $2 }' >"$tmp/webhook-secret.new"
  mv "$tmp/webhook-secret.new" "$tmp/webhook-secret"
  delivered=0
  deadline=$(($(date +%s) + 600))
  while :; do
    read -r delivered rejected _ < <(curl -s "http://127.0.0.1:$receiver_port/count")
    [ "${delivered:-0}" -ge "$expected" ] && break
    [ "$(date +%s)" -lt "$deadline" ] || { log "delivery stopped at $delivered of $expected events"; break; }
    sleep 0.05
  done
  delivery_seconds=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  kill "$receiver_pid" 2>/dev/null || true
  receiver_pid=""
  log "delivered $delivered of $expected events (of $total_events in the feed) in $delivery_seconds s; rejected POSTs: ${rejected:-0}"
fi

errors_logged=$(grep -cE 'Z (error|warn) \[' "$tmp/log/fastscimd.log" || true)

# ---- the report -------------------------------------------------------------------
cxx=$(sed -n "s/^CXX='\(.*\)'$/\1/p" "$build/config.log" 2>/dev/null | head -n 1)
cxxflags=$(sed -n "s/^CXXFLAGS='\(.*\)'$/\1/p" "$build/config.log" 2>/dev/null | head -n 1)
machine() {
  local cpu
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  echo "| cores | $(nproc) × ${cpu:-unknown CPU}, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM |"
  echo "| system | $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), Linux $(uname -r) |"
  echo "| nginx | $("$FASTSCIM_NGINX_BIN" -v 2>&1 | sed 's/^nginx version: //'), 2 worker processes, TLS (self-signed RSA 2048), access log on |"
  echo "| MariaDB | $(mariadbd --version 2>/dev/null | sed 's/^.*Ver //; s/ for .*//'), unix socket, innodb_buffer_pool_size $buffer_pool, innodb_flush_log_at_trx_commit $(sql -e 'SELECT @@innodb_flush_log_at_trx_commit'), tmpdir of its own; on-disk temporary tables during the run: $(sql -e "SHOW GLOBAL STATUS LIKE 'Created_tmp_disk_tables'" | cut -f 2) |"
  echo "| compiler | $(${cxx:-g++} --version | head -n 1), CXXFLAGS \`${cxxflags:-default}\` |"
  echo "| fastscimd pool | $workers workers × $threads threads, unix socket, backlog 1024, nginx → pool with keepalive 32 and fastcgi_keep_conn on (as shipped; _nokeep runs: without), log_level info |"
  echo "| baseline pools | bench/fcgi_trivial, bench/fcgi_db and bench/fcgi_write: the same $workers × $threads shape and socket settings |"
  echo "| load generator | $(wrk -v 2>&1 | head -n 1 | awk '{ print $1, $2 }'), $wrk_threads threads on the same cores, keep-alive TLS connections, ${duration} s per run after a ${warmup} s warm-up per size |"
}
python3 "$top/bench/report.py" --results "$results" --quick "$quick" --sizes "${sizes[*]}" \
  --member-sizes "$member_list" --named "$named_groups" --machine "$(machine)" --rss "$rss_lines" \
  --errors-logged "$errors_logged" --elapsed "$(($(date +%s) - started))" --concurrency "${concurrency[*]}" \
  --duration "$duration" --delivery "$delivered $expected $delivery_seconds ${rejected:-0}" \
  --tenants "$tenant_count $per_tenant" --rss-tenants "$rss_tenants" --cold-probe "$cold_probe" \
  --rss-bound "$rss_bound" --fronts "$front_processes" --pool "$workers × $threads" >"$tmp/report.md"
mkdir -p "$(dirname "$report_file")"
cp "$tmp/report.md" "$report_file"
cat "$tmp/report.md"
log "report written to $report_file"
