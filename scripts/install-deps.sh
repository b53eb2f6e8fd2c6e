#!/bin/sh
# SPDX-License-Identifier: MIT
# install-deps.sh PACKAGE... - install the Debian packages that are missing.
# Used by `make deps` (and so by `make check`) so that a fresh machine gets
# everything the build and the tests need. Installs only as root; otherwise
# it names what is missing and fails, so nothing is silently skipped.
set -eu
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing Debian packages:$missing (run as root, or apt-get install them)" >&2
	exit 1
fi
echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1 || {
	apt-get update -q >/dev/null
	apt-get install -y -q --no-install-recommends $missing
}
