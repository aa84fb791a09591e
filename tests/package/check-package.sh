#!/usr/bin/env bash
# The Debian package on this machine: installs build/deb/fastscim_*.deb with
# apt-get, checks what it put where, points /etc/fastscim/fastscim.conf at a
# private MariaDB, reinstalls it (the postinst migrates the schema), starts
# the service's ExecStart as the fastscim user with its socket passed the
# way fastscimd.socket passes it, passes a Test Connection (what Entra ID
# sends first: GET /Users?filter=userName eq "…" answering an empty list),
# then removes the package (configuration kept) and purges it (configuration
# gone).  `make check-package` runs it; it needs root.
#
# Usage: check-package.sh FILE.deb      (FASTSCIM_SRCDIR: the source tree)
# Exit status: 0 passed; 1 failed; 77 skipped (not root, or no dpkg).
set -u

deb=$(readlink -f "${1:?usage: check-package.sh FILE.deb}")
here=$(cd "$(dirname "$0")" && pwd)
: "${FASTSCIM_SRCDIR:=$(cd "$here/../.." && pwd)}"
say() { printf 'check-package: %s\n' "$*"; }
fail() { say "FAILED: $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || { say "skipped: installing a package needs root"; exit 77; }
command -v dpkg >/dev/null 2>&1 || { say "skipped: no dpkg"; exit 77; }
[ -f "$deb" ] || fail "no package $deb (make deb builds it)"
if dpkg-query -W -f='${Status}' fastscim 2>/dev/null | grep -q "ok installed"; then
  fail "fastscim is already installed here; this test installs and purges its own"
fi

# shellcheck source=scripts/lib/stack.sh
. "$FASTSCIM_SRCDIR/scripts/lib/stack.sh"
work=$(mktemp -d /tmp/fastscim-pkg.XXXXXX) || exit 1
chmod 755 "$work"
server_pid=""
decoy=""
finish() {
  local status=$?
  [ -n "$server_pid" ] && fastscimd_stop "$server_pid"
  [ -n "$decoy" ] && rm -f "$decoy"
  [ -d "$work/mariadb" ] && mariadb_stop "$work/mariadb"
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq fastscim >/dev/null 2>&1
  if [ "$status" -eq 0 ]; then rm -rf "$work"; else say "kept $work"; fi
  exit "$status"
}
trap finish EXIT

apt() { DEBIAN_FRONTEND=noninteractive apt-get "$@" -y -qq -o Dpkg::Use-Pty=0 >"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log"; fail "apt-get $*"; }; }

say "installing $(basename "$deb")"
apt install "$deb"
for f in /usr/sbin/fastscimd /usr/sbin/fastscim-admin /etc/fastscim/fastscim.conf /etc/logrotate.d/fastscim \
  /lib/systemd/system/fastscimd.service /lib/systemd/system/fastscimd.socket \
  /usr/share/fastscim/sql/001_initial.sql /usr/share/fastscim/openapi.json \
  /usr/share/man/man8/fastscimd.8.gz /usr/share/man/man8/fastscim-admin.8.gz \
  /usr/share/man/man5/fastscim.conf.5.gz /usr/share/doc/fastscim/examples/nginx/fastscim.conf \
  /usr/share/doc/fastscim/examples/apache/fastscim-proxy-fcgi.conf; do
  [ -e "$f" ] || fail "the package did not install $f"
done
id fastscim >/dev/null 2>&1 || fail "the package did not create the fastscim user"
[ -d /var/log/fastscim ] || fail "no /var/log/fastscim"

# The operator's part: a database, its password file, the configuration.
FASTSCIM_MARIADB_PORT="" mariadb_start "$work/mariadb" || fail "MariaDB did not start"
mariadb_provision "$work/mariadb" /etc/fastscim/db-password || fail "could not create the database"
sed -i "s|^db_socket = .*|db_socket = $(mariadb_socket "$work/mariadb")|" /etc/fastscim/fastscim.conf
# The tree the package was built in is still here: the installed binaries
# must not look in it (a `make run` configuration there would otherwise win
# over /etc/fastscim).  A decoy configuration there names no database.
built_in="$(dirname "$deb")/fastscim-$(dpkg-deb -f "$deb" Version)"
decoy=""
if [ -d "$built_in" ] && [ ! -e "$built_in/var/run/fastscim.conf" ]; then
  mkdir -p "$built_in/var/run" && decoy="$built_in/var/run/fastscim.conf"
  printf 'db_socket = %s/nowhere.sock\ndb_name = decoy\n' "$work" >"$decoy"
fi
say "reinstalling: the postinst migrates the configured database"
apt install --reinstall "$deb"
grep -q "schema up to date" "$work/apt.log" || { cat "$work/apt.log"; fail "the postinst did not migrate"; }
status=$(fastscim-admin db status 2>&1) || { echo "$status"; fail "fastscim-admin db status"; }
echo "$status" | grep -qi pending && { echo "$status"; fail "migrations still pending"; }
[ "$(stat -c %G:%a /etc/fastscim/db-password)" = fastscim:640 ] || fail "db-password is not root:fastscim 0640"
fastscim-admin tenant create acme >/dev/null || fail "tenant create"
token=$(fastscim-admin token issue --tenant acme --name entra 2>/dev/null) || fail "token issue"

# The service as systemd runs it: its ExecStart, as its User=, with the
# socket passed on fd 3 (LISTEN_FDS/LISTEN_PID) and readiness reported.
exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/fastscimd.service)
unit_user=$(sed -n 's/^User=//p' /lib/systemd/system/fastscimd.service)
[ "$unit_user" = fastscim ] || fail "the unit runs as '$unit_user', not fastscim"
socket="$work/fastscim.sock"
# shellcheck disable=SC2086 # ExecStart is a command line
python3 "$FASTSCIM_SRCDIR/tests/integration/socket_activation.py" "$socket" "$work/notify.log" \
  --user "$unit_user" -- $exec_start >"$work/fastscimd.log" 2>&1 &
server_pid=$!
for _ in $(seq 150); do grep -q "READY=1" "$work/notify.log" 2>/dev/null && break; sleep 0.1; done
grep -q "READY=1" "$work/notify.log" 2>/dev/null ||
  { cat "$work/fastscimd.log"; fail "fastscimd did not report READY=1"; }

say "Test Connection"
FASTSCIM_TOKEN=$token python3 "$here/test_connection.py" "$socket" || { cat "$work/fastscimd.log"; fail "Test Connection"; }

kill -TERM "$server_pid" 2>/dev/null
wait "$server_pid" 2>/dev/null
server_pid=""
[ -S "$socket" ] || fail "fastscimd removed the socket it was passed (it belongs to systemd)"
say "removing: the configuration stays"
apt remove fastscim
[ -f /etc/fastscim/fastscim.conf ] || fail "remove deleted the configuration"
[ -x /usr/sbin/fastscimd ] && fail "remove left /usr/sbin/fastscimd"
say "purging: the configuration goes"
apt purge fastscim
[ -e /etc/fastscim ] && fail "purge left /etc/fastscim"
[ -e /var/log/fastscim ] && fail "purge left /var/log/fastscim"
[ -e /etc/logrotate.d/fastscim ] && fail "purge left /etc/logrotate.d/fastscim"
[ -e /lib/systemd/system/fastscimd.service ] && fail "purge left the service unit"
echo "SELECT name FROM tenants;" | mariadb_root "$work/mariadb" fastscim 2>/dev/null | grep -qx acme ||
  fail "the database lost its data on purge"
# Left on purpose, as Debian's packages do: the fastscim system user (its
# uid may own files elsewhere) and the database with its data.
say "left after purge: the fastscim user, the database"
say "ok"
