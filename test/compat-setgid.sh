#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: what docs/compat.md says about setgid programs holds for
# Debian's plocate. A setgid copy runs with AT_SECURE and the loader
# ignores LD_LIBRARY_PATH: it maps Debian's liburing.so.2 even when told to
# use ringzero's. The same copy given a RUNPATH with patchelf maps
# ringzero's, and a copy without the bit honours LD_LIBRARY_PATH. Each
# copy is caught with its database a FIFO, so that it waits in main()
# while its /proc/PID/maps and auxv are read (LD_DEBUG is off in secure
# mode). Needs root, to give the copies plocate's group.

name=compat-setgid
. "$(dirname "$0")/compat.inc"
compat_init plocate patchelf
[ "$(id -u)" = 0 ] ||
	skip "giving a copy of plocate the plocate group and the setgid bit needs root"
getent group plocate >/dev/null 2>&1 || die "no group plocate (Debian's plocate package makes it)"

cp /usr/bin/plocate "$tmp/plain" && chmod 755 "$tmp/plain" &&
cp /usr/bin/plocate "$tmp/setgid" && chgrp plocate "$tmp/setgid" &&
	chmod 2755 "$tmp/setgid" &&
cp /usr/bin/plocate "$tmp/runpath" &&
	patchelf --set-rpath "$compat_dir" "$tmp/runpath" &&
	chgrp plocate "$tmp/runpath" && chmod 2755 "$tmp/runpath" ||
	die "cannot make the copies of plocate"

# at_secure PID: the AT_SECURE (23) entry of the process's auxv.
at_secure() {
	od -An -v -t u8 "/proc/$1/auxv" | tr -s ' ' '\n' | grep . |
		awk 'NR % 2 == 1 { key = $1; next } key == 23 { print; exit }'
}

# caught COPY: start COPY on a FIFO database with ringzero's folder in
# LD_LIBRARY_PATH; print "LIBRARY AT_SECURE" for it.
caught() {
	fifo=$tmp/$1.fifo
	rm -f "$fifo"
	mkfifo "$fifo" || die "mkfifo"
	LD_LIBRARY_PATH=$compat_dir "$tmp/$1" -d "$fifo" needle \
		>/dev/null 2>&1 &
	pid=$!
	# It blocks opening the FIFO, after the loader has done its work;
	# wait for that, boundedly (50 x 0.1 s).
	lib= tries=0
	while [ -z "$lib" ] && [ $tries -lt 50 ]; do
		lib=$(awk '$6 ~ /liburing\.so\.2/ { print $6; exit }' \
			"/proc/$pid/maps" 2>/dev/null)
		[ -n "$lib" ] || sleep 0.1
		tries=$((tries + 1))
	done
	secure=$(at_secure "$pid")
	: >"$fifo"	# let it open and fail on the empty database
	wait "$pid"
	echo "$(readlink -f "${lib:-none}") ${secure:-unknown}"
}

expect() {
	copy=$1 want_lib=$2 want_secure=$3
	set -- $(caught "$copy")
	[ "$1" = "$want_lib" ] ||
		fail "$copy: mapped $1, expected $want_lib"
	[ "$2" = "$want_secure" ] ||
		fail "$copy: AT_SECURE is $2, expected $want_secure"
	echo "$copy copy (AT_SECURE=$2): loads $1"
}
expect plain "$compat_lib_real" 0
expect setgid "$debian_lib_real" 1
expect runpath "$compat_lib_real" 1
finish
