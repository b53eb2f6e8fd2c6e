#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: Debian's qemu-io, unchanged, with aio=io_uring on ringzero's
# liburing.so.2 and on Debian's liburing: on raw images (O_DIRECT and page
# cache) and on a qcow2 image, patterns written synchronously (write,
# writev) and asynchronously (aio_write, several in flight, aio_flush) are
# read back with pattern checks (read -P, readv, aio_read -P), unwritten
# ranges read as zeroes, and the image's bytes, seen through qemu-img
# convert, are exactly the expected ones. The output (less qemu-io's
# timings) and the exit status are the same on both libraries, a wrong
# pattern is reported by both, and the loader's trace shows the library
# under test was mapped and qemu-io submitted through it.

name=compat-qemu-io
. "$(dirname "$0")/compat.inc"
compat_init qemu-utils
# qemu-io's timings differ from run to run on any library, and so does
# the order in which requests in flight together complete: compare each
# transfer's report (its two lines joined, less the timing) as a set.
compat_filter='/^(wrote|read) /{N;s/\n/, /;}; s/; [0-9.]+ sec \(.*\)$//'
compat_sort=1

# One session: sync and async writes of 4 patterns, reads of each back.
set -- \
	-c 'write -P 0xab 0 64k' \
	-c 'read -P 0xab 0 64k' \
	-c 'writev -P 0x5a 64k 4k 8k 4k' \
	-c 'readv -P 0x5a 64k 8k 8k' \
	-c 'aio_write -P 0xcd 128k 64k' \
	-c 'aio_write -P 0xef 192k 4k 4k 4k' \
	-c 'aio_write -P 0x33 256k 32k' \
	-c 'aio_flush' \
	-c 'aio_read -P 0xcd 128k 64k' \
	-c 'aio_read -P 0xef 192k 12k' \
	-c 'aio_read -P 0x33 256k 32k' \
	-c 'aio_flush' \
	-c 'flush' \
	-c 'read -P 0 512k 64k'

# The image qemu-img convert must give back: the patterns above, zeroes
# elsewhere, 1 MiB in all.
fill() { head -c "$2" /dev/zero | tr '\000' "\\$1"; }
{
	fill 253 65536		# 0xab at 0
	fill 132 16384		# 0x5a at 64k
	head -c 49152 /dev/zero
	fill 315 65536		# 0xcd at 128k
	fill 357 12288		# 0xef at 192k
	head -c 53248 /dev/zero
	fill 063 32768		# 0x33 at 256k
	head -c 753664 /dev/zero
} >"$tmp/expected.raw"

# session LABEL FORMAT CACHE: a fresh image per library, the session, the
# bytes on disk.
session() {
	label=$1 fmt=$2 cache=$3
	shift 3
	for lib in debian ringzero; do
		img=$tmp/$label.$lib.img
		qemu-img create -q -f "$fmt" "$img" 1M || die "qemu-img create $fmt"
		run_on "$lib" "$label" qemu-io -f "$fmt" -i io_uring -t "$cache" \
			"$@" "$img"
		[ "$(cat "$tmp/$label.$lib.rc")" = 0 ] ||
			fail "$label on $lib: qemu-io exited $(cat "$tmp/$label.$lib.rc"): $(tail -n 3 "$tmp/$label.$lib.err")"
		qemu-img convert -f "$fmt" -O raw "$img" "$tmp/$label.$lib.raw" ||
			die "qemu-img convert $img"
		cmp "$tmp/expected.raw" "$tmp/$label.$lib.raw" >&2 ||
			fail "$label on $lib: the image does not hold the patterns written"
		grep -q "to $compat_dir/liburing.so.2 .*\`io_uring_submit'" \
			"$tmp/$label.ringzero.trace".* 2>/dev/null || [ "$lib" = debian ] ||
			fail "$label: qemu-io never called io_uring_submit in ringzero's liburing.so.2"
	done
	same "$label"
	echo "qemu-io aio=io_uring $fmt cache=$cache: $(grep -c '^wrote\|^read' "$tmp/$label.ringzero.out") transfers, patterns verified, same on both libraries"
}

session raw-direct raw none "$@"
session raw-cached raw writeback "$@"
session qcow2 qcow2 writeback "$@"

# A wrong pattern: both libraries must report it (the check above can fail).
qemu-img create -q -f raw "$tmp/bad.img" 1M || die "qemu-img create"
both bad qemu-io -f raw -i io_uring -t none -c 'write -P 0xab 0 4k' \
	-c 'read -P 0x11 0 4k' "$tmp/bad.img"
for lib in debian ringzero; do
	grep -q 'Pattern verification failed at offset 0' "$tmp/bad.$lib.out" ||
		fail "a wrong pattern went unnoticed on $lib"
done
finish
