#!/bin/sh
# Installs the Debian packages fastscim needs to build, run and test, and
# only those that are missing.  Runs apt-get through sudo when not root.
set -eu

packages="g++ make autoconf automake autoconf-archive pkg-config libsystemd-dev mandoc
libfcgi-dev libjansson-dev libmysqlcppconn-dev libboost-test-dev libssl-dev libcurl4-openssl-dev
mariadb-server mariadb-client nginx apache2 libapache2-mod-fcgid
curl openssl python3 python3-jsonschema wrk prometheus logrotate
chromium chromium-driver python3-selenium
galera-4 haproxy rsync
clang-format clang-tidy clang libclang-rt-14-dev"
# chromium, chromium-driver and python3-selenium: the setup portal's browser
# test (tests/integration/test_portal.py).
# clang and its sanitizer and libFuzzer runtimes (only recommended by clang,
# so named here) build build-asan/: make sanitize, make fuzz, CI.  galera-4,
# haproxy and rsync are for make check-cluster.

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
# The conformance suites run on Node.js; a machine that already has node and
# npm (from any source) keeps them.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

[ -z "$missing" ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "fastscim: installing Debian packages:$missing" >&2
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
