#!/bin/sh
# SPDX-License-Identifier: MIT
# compat-bench.sh BUILD_DIR [ROUNDS] - Debian's qemu-img bench with
# aio=io_uring on Debian's liburing.so.2 and on ringzero's
# (BUILD_DIR/compat/liburing.so.2), side by side in one run: 4 KiB reads,
# 32 in flight, 200000 of them, from a preallocated 64 MiB raw image
# through the page cache (cache=writeback; re-read before every run so that
# the bench never waits for the disk, and measures the two libraries and
# the kernel rather than the device). The runs alternate between the
# libraries, the order flipping each round (ABBA) so that drift of this
# shared machine falls on both alike; the row reports each library's
# median time and their ratio (> 1: ringzero is faster). Prints the
# command it timed. Exit 1 if a run fails or ringzero's file was not the
# one loaded; the speed itself never fails anything.
set -eu

build=${1:?usage: compat-bench.sh BUILD_DIR [ROUNDS]}
rounds=${2:-7}
compat=$(cd "$build/compat" && pwd)
[ -f "$compat/liburing.so.2" ] || {
	echo "compat-bench: no $compat/liburing.so.2 (make builds it)" >&2
	exit 1
}
for tool in qemu-img awk sort; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "compat-bench: $tool is missing (make deps installs qemu-utils)" >&2
		exit 1
	}
done
case $rounds in
'' | *[!0-9]* | 0) echo "compat-bench: ROUNDS must be a positive number" >&2; exit 2 ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/var/tmp}/rz-compat-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
img=$tmp/bench.img
qemu-img create -q -f raw -o preallocation=full "$img" 64M
set -- qemu-img bench -f raw -i io_uring -t writeback -c 200000 -d 32 -s 4k "$img"

# The loader must map ringzero's file for the ringzero runs.
LD_LIBRARY_PATH=$compat LD_DEBUG=libs qemu-img --version 2>&1 >/dev/null |
	grep -q "calling init: $compat/liburing.so.2" || {
	echo "compat-bench: qemu-img did not load $compat/liburing.so.2" >&2
	exit 1
}

# run LIB COMMAND...: one timed run; appends its seconds to $tmp/LIB.
run() {
	lib=$1
	shift
	case $lib in
	liburing) path= ;;
	ringzero) path=$compat ;;
	esac
	cat "$img" >/dev/null
	LD_LIBRARY_PATH=$path "$@" >"$tmp/out" 2>&1 || {
		cat "$tmp/out" >&2
		echo "compat-bench: qemu-img bench failed on $lib" >&2
		exit 1
	}
	sed -n 's/^Run completed in \([0-9.]*\) seconds\.$/\1/p' "$tmp/out" >>"$tmp/$lib"
}

i=0
while [ "$i" -lt "$rounds" ]; do
	if [ $((i % 2)) -eq 0 ]; then
		run liburing "$@"; run ringzero "$@"
	else
		run ringzero "$@"; run liburing "$@"
	fi
	i=$((i + 1))
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END {
	if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
t_lib=$(median "$tmp/liburing")
t_rz=$(median "$tmp/ringzero")
echo "qemu-img bench, aio=io_uring, 4 KiB reads, depth 32, 200000 requests, $rounds alternating rounds each"
echo "command: [LD_LIBRARY_PATH=$compat] qemu-img bench -f raw -i io_uring -t writeback -c 200000 -d 32 -s 4k IMAGE (64 MiB, preallocated, in the page cache)"
printf '%-34s %12s %12s %12s\n' library "median s" "min s" "max s"
for l in liburing ringzero; do
	printf '%-34s %12s %12s %12s\n' \
		"$([ $l = liburing ] && echo "Debian liburing.so.2 (2.3)" || echo "ringzero liburing.so.2")" \
		"$(median "$tmp/$l")" "$(sort -n "$tmp/$l" | head -n 1)" \
		"$(sort -n "$tmp/$l" | tail -n 1)"
done
awk -v a="$t_lib" -v b="$t_rz" 'BEGIN {
	printf "ratio liburing/ringzero time: %.3f (%s)\n", a / b,
		(a / b >= 1) ? "ringzero at least as fast" : "ringzero slower" }'
