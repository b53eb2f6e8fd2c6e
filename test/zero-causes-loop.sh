#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: `ringzero zero` names the real cause of a failure on block
# devices and ext4, on loop devices over image files in $TMPDIR: a range
# past a device's end (refused before submitting, with the device's size,
# never blamed on a full filesystem); a range not in whole logical blocks
# for FALLOCATE/native ZERO (refused, with the block size, while --method
# write zeroes exactly the bytes asked); a read-only device (losetup -r:
# EPERM named as the device's, not io_uring's, and the write method says
# that no byte of the range was zeroed); on a 16 MiB ext4 mounted
# in a private mount namespace (unshare -m), append-only and immutable
# files (chattr +a/+i, which make the open itself fail), a range past
# ext4's largest file (EFBIG named with s_maxbytes, not RLIMIT_FSIZE) and a
# full filesystem (ENOSPC, after which the file has its size back: ext4
# grows it part of the way first). Bytes are unchanged after every refusal;
# devices are detached and nothing stays mounted. Needs root and loop
# devices (CONFIG_BLK_DEV_LOOP): skips without. POSIX sh.

. "$(dirname "$0")/zero-causes.inc"

need_loop

# --- Block devices: a loop device over a 1 MiB image. ---
attach 1M
ran=$((ran + 1))
printf 'abcdefghij' | dd of="$dev" bs=1 conv=notrunc 2>/dev/null
before=$(sum "$dev")

zero --offset 1M --length 512 "$dev"
expect 2 "offset at the device's end" "at or past the end of the device, which holds 1048576 bytes"
zero --method write --offset 1048064 --length 4096 "$dev"
expect 2 "range past the device's end" "ends at byte 1052160, past the end of the device, which holds 1048576 bytes" "--length 512"
grep -q "is full" "$err" && fail "device end blamed on a full filesystem"
zero --offset 1 --length 512 "$dev"
expect 2 "unaligned range, auto" "not whole 512-byte blocks" "--method write"
zero --method fallocate --offset 512 --length 100 "$dev"
expect 2 "unaligned length, fallocate" "not whole 512-byte blocks"
[ "$(sum "$dev")" = "$before" ] || fail "a refused request changed $dev"

# Any byte range through writes; whole blocks through fallocate.
zero --method write --offset 1 --length 3 "$dev"
expect 0 "unaligned range, --method write"
got=$(dd if="$dev" bs=10 count=1 2>/dev/null | od -An -v -tx1 | tr -s ' \n' '  ')
[ "$got" = " 61 00 00 00 65 66 67 68 69 6a " ] || fail "write on $dev: got$got"
printf 'xxxxxxxxxx' | dd of="$dev" bs=1 seek=1020 conv=notrunc 2>/dev/null
zero --method fallocate --offset 512 --length 512 "$dev"
expect 0 "whole blocks, --method fallocate"
got=$(dd if="$dev" bs=1 skip=1020 count=10 2>/dev/null | od -An -v -tx1 | tr -s ' \n' '  ')
[ "$got" = " 00 00 00 00 78 78 78 78 78 78 " ] || fail "fallocate on $dev: got$got"

# Read-only: the device, not io_uring, refuses.
if rdev=$(losetup -f --show -r "$work/disk.img" 2>/dev/null); then
	loops="$loops $rdev"
	before=$(sum "$rdev")
	for m in auto write; do
		zero --method $m --length 512 "$rdev"
		expect 1 "read-only device, $m" "Operation not permitted" "the block device is read-only"
		grep -q "io_uring is refused" "$err" &&
			fail "read-only device blamed on io_uring: $(cat "$err")"
	done
	# The write method says how far it got: nowhere.
	expect 1 "read-only device, write" "every write failed: no byte of the range was zeroed"
	[ "$(sum "$rdev")" = "$before" ] || fail "read-only $rdev changed"
else
	note "losetup -r failed: read-only device part not run"
fi

# --- ext4 on a loop device: attributes, the largest file, ENOSPC. ---
if have mkfs.ext4 && have chattr && have unshare; then
	truncate -s 16M "$work/ext4.img"
	mkfs.ext4 -q -F "$work/ext4.img" >/dev/null 2>&1
	mkdir "$work/ext4"
	# One namespace for every command that needs the mount; each case
	# leaves its exit status and messages in $work/CASE.{rc,out,err}.
	unshare -m sh -c '
		mnt=$1 rz=$2 res=$3
		mount -o loop "$4" "$mnt" || exit 90
		run() { name=$1; shift
			"$rz" zero "$@" >"$res/$name.out" 2>"$res/$name.err"
			echo $? >"$res/$name.rc"; }
		printf 1234567890 >"$mnt/append"
		printf 1234567890 >"$mnt/immutable"
		chattr +a "$mnt/append" && chattr +i "$mnt/immutable" || exit 91
		run append --length 1 "$mnt/append"
		run immutable --length 1 "$mnt/immutable"
		cat "$mnt/append" "$mnt/immutable" >"$res/contents"
		chattr -a "$mnt/append"; chattr -i "$mnt/immutable"
		printf x >"$mnt/big"
		run maxbytes --offset 1000T --length 1 "$mnt/big"
		printf 12345 >"$mnt/full"
		run full --offset 0 --length 100M "$mnt/full"
		wc -c <"$mnt/full" | tr -d " " >"$res/full.size"
		df -k "$mnt" | tail -n 1 >"$res/full.df"
		umount "$mnt"
	' sh "$work/ext4" "$rz" "$work" "$work/ext4.img"
	rc=$?
	if [ $rc -eq 90 ] || [ $rc -eq 91 ]; then
		note "cannot mount ext4 or set attributes here: ext4 part not run"
	else
		ran=$((ran + 1))
		for case in append immutable maxbytes full; do
			[ -f "$work/$case.rc" ] || fail "ext4 $case: did not run"
		done
		rc=$(cat "$work/append.rc"); cp "$work/append.err" "$err"
		expect 1 "chattr +a" "cannot open" "Operation not permitted" "append-only (attribute 'a'"
		rc=$(cat "$work/immutable.rc"); cp "$work/immutable.err" "$err"
		expect 1 "chattr +i" "Operation not permitted" "immutable (attribute 'i'"
		grep -q "io_uring is refused" "$work/append.err" "$work/immutable.err" &&
			fail "attributes blamed on io_uring"
		[ "$(cat "$work/contents")" = 12345678901234567890 ] ||
			fail "append-only or immutable file changed: $(cat "$work/contents")"
		rc=$(cat "$work/maxbytes.rc"); cp "$work/maxbytes.err" "$err"
		expect 1 "past ext4's largest file" "File too large" "the largest file this filesystem takes is" "s_maxbytes"
		grep -q "RLIMIT_FSIZE" "$err" && fail "s_maxbytes blamed on RLIMIT_FSIZE"
		rc=$(cat "$work/full.rc"); cp "$work/full.err" "$err"
		# Not "full": the space ext4 took before failing is free again.
		expect 1 "100 MiB on a 16 MiB ext4" "No space left on device" "the range needs more room than the filesystem has: zeroing it allocates up to 104857600 bytes"
		# ext4 grew the file part of the way before ENOSPC; the command
		# gives it back its size, and the space with it.
		[ "$(cat "$work/full.size")" = 5 ] ||
			fail "ENOSPC left the file $(cat "$work/full.size") bytes long, not 5"
	fi
else
	note "ext4 part not run (needs mkfs.ext4, chattr and unshare)"
fi

finish zero-causes-loop
