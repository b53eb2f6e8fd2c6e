#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: `ringzero zero` never zeroes a block device in use. It opens
# a device with O_EXCL, as mkfs(8) does, so that while a filesystem on it
# is mounted (here ext4 on a loop device, mounted in a private mount
# namespace) it exits 1 saying the device is in use, and not one byte of
# the device changes; once unmounted, the same command zeroes the range.
# Also: a refusal decided before the work (a range not in whole logical
# blocks) quotes a device path holding a newline as every other message
# does, so that it cannot split a line. Needs root, loop devices, and for
# the mount part mkfs.ext4 and unshare: skips (77) without. POSIX sh.

. "$(dirname "$0")/zero-causes.inc"

need_loop
attach 16M

# --- A name with a newline, in a message decided before the work. ---
ran=$((ran + 1))
nl=$(printf '%s/a\nb' "$work")
ln -s "$dev" "$nl"
zero --offset 1 --length 1 "$nl"
expect 2 "unaligned range through a name with a newline" "'\$'\\n''b'" "not whole 512-byte blocks"
[ "$(wc -l <"$err")" -eq 2 ] || fail "the message split at the newline: $(cat "$err")"
rm -f "$nl"

# --- Mounted: refused, untouched; unmounted: zeroed. ---
if have mkfs.ext4 && have unshare; then
	mkfs.ext4 -q -F "$dev" >/dev/null 2>&1 || { echo "FAIL: mkfs.ext4 $dev"; exit 1; }
	mkdir "$work/mnt"
	unshare -m sh -c '
		mount "$1" "$2" || exit 90
		blk() { dd if="$1" bs=4096 skip=256 count=1 2>/dev/null | md5sum; }
		blk "$1" >"$4/before.sum"
		"$3" zero --offset 1M --length 4096 "$1" >"$4/auto.out" 2>"$4/auto.err"
		echo $? >"$4/auto.rc"
		"$3" zero --method write --offset 1M --length 3 "$1" >"$4/write.out" 2>"$4/write.err"
		echo $? >"$4/write.rc"
		blk "$1" >"$4/after.sum"
		umount "$2"
	' sh "$dev" "$work/mnt" "$rz" "$work"
	if [ $? -eq 90 ]; then
		note "cannot mount ext4 here: mounted part not run"
	else
		ran=$((ran + 1))
		for m in auto write; do
			[ -f "$work/$m.rc" ] || { fail "mounted, $m: did not run"; continue; }
			rc=$(cat "$work/$m.rc"); cp "$work/$m.err" "$err"
			expect 1 "mounted device, $m" "is in use" "Device or resource busy" "not zeroing it"
			[ -s "$work/$m.out" ] && fail "mounted device, $m: printed success: $(cat "$work/$m.out")"
		done
		# The block the commands aimed at, read while mounted.
		cmp -s "$work/before.sum" "$work/after.sum" ||
			fail "the mounted device changed at 1 MiB"
		dd if=/dev/urandom of="$dev" bs=4096 seek=256 count=1 conv=notrunc 2>/dev/null
		zero --offset 1M --length 4096 "$dev"
		expect 0 "the same device, unmounted"
		got=$(dd if="$dev" bs=4096 skip=256 count=1 2>/dev/null | od -An -v -tx1 | tr -s ' \n' '\n\n' | sort -u | tr -d '\n')
		[ "$got" = 00 ] || fail "unmounted device: block 256 not zeroed ($got)"
	fi
else
	note "mounted part not run (needs mkfs.ext4 and unshare)"
fi

finish zero-busy
