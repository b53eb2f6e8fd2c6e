#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: `ringzero zero` names the real cause of a failure, on real
# targets: a range past the end of a block device (refused before
# submitting, with the device's size) versus a full filesystem (ENOSPC
# with statvfs's numbers); not whole logical blocks on a device (refused,
# with the block size; --method write zeroes the bytes); a read-only
# device (EPERM, BLKROGET) versus io_uring refused (see
# unavailable-seccomp and unavailable-sysctl); append-only and immutable
# files (chattr +a/+i on ext4); EFBIG from RLIMIT_FSIZE versus the
# filesystem's largest file; RLIMIT_MEMLOCK for a user without
# CAP_IPC_LOCK. The file or device is unchanged after every refusal.
#
# Loop devices, mounts and ext4 need root and are made in a private mount
# namespace (unshare -m) over image files in $TMPDIR, and torn down at the
# end: nothing on the machine changes. Each part that lacks its tools
# (loop devices, mkfs.ext4, chattr, setpriv) says so and is left out; the
# test skips when none could run. POSIX sh.

rz=${RINGZERO:?RINGZERO is not set (run through test/run.sh)}
work=$(mktemp -d "${TMPDIR:-/tmp}/rz-zero-causes.XXXXXX") || exit 1
loops=
cleanup() {
	for l in $loops; do losetup -d "$l" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT
PATH=$PATH:/sbin:/usr/sbin

failures=0 ran=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}
note() {
	echo "note: $*"
}
have() {
	command -v "$1" >/dev/null 2>&1
}

out=$work/out
err=$work/err

# expect EXIT WHAT PATTERN...: the last `ringzero zero` run (see zero)
# exited EXIT and its standard error holds every PATTERN.
expect() {
	want=$1 what=$2
	shift 2
	[ "$rc" -eq "$want" ] || fail "$what: exit $rc, expected $want"
	for p in "$@"; do
		grep -q -F -e "$p" "$err" || fail "$what: no '$p' in: $(cat "$err")"
	done
}

# zero ARG...: run `ringzero zero ARG...`, leaving rc, $out and $err.
zero() {
	"$rz" zero "$@" >"$out" 2>"$err"
	rc=$?
}

sum() {
	md5sum <"$1" | cut -d' ' -f1
}

root=0
[ "$(id -u)" = 0 ] && root=1

# --- EFBIG from RLIMIT_FSIZE: any user. ---
printf '%0100d' 0 >"$work/small"
(ulimit -f 2 && exec "$rz" zero --method write --offset 0 --length 8192 \
	"$work/small") >"$out" 2>"$err"
rc=$?
expect 1 "write past ulimit -f" "File too large" "RLIMIT_FSIZE (ulimit -f)"
grep -q "s_maxbytes" "$err" && fail "RLIMIT_FSIZE blamed on s_maxbytes: $(cat "$err")"
ran=$((ran + 1))

# --- RLIMIT_MEMLOCK for a user without CAP_IPC_LOCK. ---
if [ $root = 1 ] && have setpriv && have prlimit; then
	chmod 755 "$work"
	printf 1234567890 >"$work/memlock"
	chmod 666 "$work/memlock"
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		prlimit --memlock=0 "$rz" zero --length 1 "$work/memlock" \
		>"$out" 2>"$err"
	rc=$?
	kernel=$(uname -r)
	major=${kernel%%.*} minor=${kernel#*.}
	minor=${minor%%[!0-9]*}
	if [ "$major" -gt 6 ] || { [ "$major" -eq 6 ] && [ "$minor" -ge 14 ]; }
	then
		# Since 6.14 the rings are charged to RLIMIT_MEMLOCK again.
		expect 1 "ulimit -l 0, unprivileged, Linux $kernel" \
			"Cannot allocate memory" "RLIMIT_MEMLOCK" "since 6.14"
		[ "$(cat "$work/memlock")" = 1234567890 ] ||
			fail "ulimit -l 0: file changed"
	else
		note "Linux $kernel charges rings to the memory cgroup: memlock 0 is no obstacle"
	fi
	ran=$((ran + 1))
else
	note "RLIMIT_MEMLOCK part not run (needs root, setpriv and prlimit)"
fi

if [ $root = 0 ]; then
	note "the loop device, tmpfs and ext4 parts need root"
	[ $failures -eq 0 ] || exit 1
	echo "zero-causes: only the RLIMIT_FSIZE part could run (not root)"
	exit 77
fi

# --- A full tmpfs, mounted in a private mount namespace. ---
if have unshare && unshare -m true 2>/dev/null; then
	mkdir "$work/tmpfs"
	unshare -m sh -c '
		mount -t tmpfs -o size=64k tmpfs "$1" || exit 90
		head -c 65536 /dev/zero | tr "\0" x >"$1/fill" 2>/dev/null
		printf 12345 >"$1/file" 2>/dev/null || : >"$1/file"
		exec "$2" zero --method write --offset 0 --length 1M "$1/file"
	' sh "$work/tmpfs" "$rz" >"$out" 2>"$err"
	rc=$?
	if [ $rc -eq 90 ]; then
		note "cannot mount a tmpfs here: full-filesystem part not run"
	else
		expect 1 "write on a full tmpfs" "No space left on device" \
			"the filesystem holding the file is full" "bytes free"
		grep -q "device, which holds" "$err" &&
			fail "full tmpfs blamed on a device's end: $(cat "$err")"
		ran=$((ran + 1))
	fi
else
	note "no private mount namespace (unshare -m): tmpfs and ext4 parts not run"
fi

# --- Block devices: a loop device over a 1 MiB image. ---
loop_ok=0
if have losetup && [ -e /dev/loop-control ]; then
	truncate -s 1M "$work/disk.img"
	if dev=$(losetup -f --show "$work/disk.img" 2>/dev/null); then
		loops="$loops $dev"
		loop_ok=1
	fi
fi
if [ $loop_ok = 1 ]; then
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
		[ "$(sum "$rdev")" = "$before" ] || fail "read-only $rdev changed"
	else
		note "losetup -r failed: read-only device part not run"
	fi
else
	note "no loop devices (losetup, /dev/loop-control): block device parts not run"
fi

# --- ext4 on a loop device: attributes, the largest file, ENOSPC. ---
if [ $loop_ok = 1 ] && have mkfs.ext4 && have chattr; then
	truncate -s 16M "$work/ext4.img"
	mkfs.ext4 -q -F "$work/ext4.img" >/dev/null 2>&1
	mkdir "$work/ext4"
	# One namespace for every command that needs the mount; each writes
	# its exit status and messages under $work/ext4-results.
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
		expect 1 "100 MiB on a 16 MiB ext4" "No space left on device" "the filesystem holding the file is full"
	fi
else
	note "ext4 part not run (needs loop devices, mkfs.ext4 and chattr)"
fi

[ $failures -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "zero-causes: $ran part(s) ran; each failure named its cause"
