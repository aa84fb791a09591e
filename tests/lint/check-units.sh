#!/bin/sh
# Checks the systemd units (systemd/fastscimd.service.in, fastscimd.socket)
# with `systemd-analyze verify`, the service pointed at the fastscimd just
# built.  Exit 77 (skipped) without systemd-analyze (Debian package systemd).
#
# Usage: check-units.sh [TOP]    TOP is the source tree (default: ours);
# FASTSCIMD names the binary (default: TOP/build/src/app/fastscimd).
set -u

# shellcheck source=tests/lint/lib.sh
. "$(dirname "$0")/lib.sh"
lint_cd_top "$@"

if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "units: skipped: systemd-analyze not found (Debian package systemd)"
  exit 77
fi
fastscimd=${FASTSCIMD:-$top/build/src/app/fastscimd}
[ -x "$fastscimd" ] || { echo "units: $fastscimd is not built"; exit 99; }
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
sed -e "s|@sbindir@/fastscimd|$fastscimd|" -e "s|@sysconfdir@|/etc|" \
  systemd/fastscimd.service.in >"$dir/fastscimd.service" &&
  cp systemd/fastscimd.socket "$dir/" || exit 99
# verify also loads the units these name (sockets.target, mariadb.service
# ...); only what it says about ours counts.
out=$(cd "$dir" && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no \
  "$dir/fastscimd.socket" "$dir/fastscimd.service" 2>&1)
mine=$(printf '%s\n' "$out" | grep 'fastscimd\.' || true)
if [ -n "$mine" ]; then
  printf '%s\n' "$mine"
  echo "units: systemd-analyze verify reports the lines above"
  exit 1
fi
echo "units: ok"
