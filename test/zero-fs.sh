#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: `ringzero zero` on the filesystems and devices where its
# fallback chain matters, each in a private mount namespace (unshare -m)
# so that nothing machine-wide changes:
#  - a 32 MiB tmpfs (no ZERO_RANGE, but holes): -l 2^63-1 is refused at
#    once with ENOSPC and the file and the tmpfs stay as they were; a
#    1 GiB sparse file is zeroed by punching, using no space, and by
#    --method write writing only over its data; under `ulimit -f` a write
#    that would grow the file past the limit is refused and the file keeps
#    its 100 bytes, and one that fits works;
#  - ramfs (neither ZERO_RANGE nor holes): auto comes down to writing,
#    over the pages that exist only: a sparse 64 MiB file stays sparse;
#  - the property test (test/zero-range: every method of the chain, every
#    byte against a model) on tmpfs, ramfs and loop-mounted ext4, xfs and
#    btrfs;
#  - a loop block device: --keep-size past its end zeroes up to the end
#    and says how much;
#  - signals, on a loop-mounted ext4 frozen with fsfreeze so that the
#    command sits in its wait: SIGSTOP + SIGCONT (Ctrl-Z, fg) does not end
#    it; SIGHUP under nohup (ignored on entry) does not either; SIGINT during a write ends it with exit 130 and says how far it
#    got, which the bytes confirm; a progress line shows on a terminal.
# Needs root; skips (77) without it or without mount namespaces. Parts
# that need loop devices or mkfs say so and are left out where missing
# (the VM guest has no loop devices: its suite runs the ZERO tests on
# ext4, xfs, btrfs and tmpfs disks instead).

if [ "$(id -u)" != 0 ]; then
	echo "needs root: mounts a private tmpfs and loop filesystems"
	exit 77
fi
if [ "${RZ_ZERO_FS_PRIVATE:-}" != 1 ]; then
	if ! unshare -m true 2>/dev/null; then
		echo "no private mount namespace (unshare -m failed)"
		exit 77
	fi
	RZ_ZERO_FS_PRIVATE=1 exec unshare -m sh "$0" "$@"
fi
# Mounts made here must not reach the machine's namespace.
mount --make-rprivate / 2>/dev/null

dir=$(mktemp -d "${TMPDIR:-/tmp}/rz-zero-fs.XXXXXX") || exit 1
. "$(dirname "$0")/zero-lib.inc"
RZ_BUILD=${RZ_BUILD:?RZ_BUILD must name the build directory}
loops=""
cleanup() {
	cd /
	for m in "$dir"/mnt-*; do
		[ -d "$m" ] || continue
		fsfreeze -u "$m" 2>/dev/null
		umount "$m" 2>/dev/null
	done
	for l in $loops; do losetup -d "$l" 2>/dev/null; done
	rm -rf "$dir"
}
trap cleanup EXIT

# The state field of /proc/PID/status: R, S, D, T, ...
state() {
	sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$1/status" 2>/dev/null
}

# until_true WHAT CMD...: poll CMD every 0.1 s, at most 60 s; fail if it
# never holds. (A bound against hanging, not a timing check.)
until_true() {
	what=$1
	shift
	n=0
	while ! "$@"; do
		n=$((n + 1))
		if [ $n -gt 600 ]; then
			fail "never happened: $what"
			return 1
		fi
		sleep 0.1
	done
	return 0
}

in_state() { [ "$(state "$1")" = "$2" ]; }
# Blocked (D) with SIGINT blocked: past zero_signals_init(), in a call on
# the frozen filesystem (not, say, paging in its binary).
blocked_on_freeze() {
	blk=$(sed -n 's/^SigBlk:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null)
	case ${blk#"${blk%?}"} in
	2 | 3 | 6 | 7 | a | b | e | f) in_state "$1" D ;;
	*) return 1 ;;
	esac
}
# 426 is io_uring_enter on every architecture.
in_io_uring_enter() {
	[ "$(cut -d' ' -f1 "/proc/$1/syscall" 2>/dev/null)" = 426 ]
}

# mount_fs TYPE DIR [OPTIONS]: a private mount, or 1.
mount_fs() {
	mkdir -p "$2" && mount -t "$1" ${3:+-o "$3"} "$1" "$2"
}

# mount_image FS DIR: mkfs an image file of FS and loop-mount it at DIR.
mount_image() {
	fs=$1 at=$2 img=$dir/$1.img
	command -v "mkfs.$fs" >/dev/null 2>&1 || {
		echo "note: no mkfs.$fs: $fs left out"
		return 1
	}
	# xfs wants 300 MiB at least; the file stays sparse.
	truncate -s 512M "$img" || return 1
	case $fs in
	ext4) mkfs.ext4 -q -F "$img" ;;
	xfs) mkfs.xfs -q -f "$img" ;;
	btrfs) mkfs.btrfs -q -f "$img" >/dev/null ;;
	esac || { fail "mkfs.$fs failed"; return 1; }
	mkdir -p "$at"
	mount -o loop "$img" "$at" 2>"$dir/mount.err" || {
		echo "note: cannot loop-mount $fs: $(cat "$dir/mount.err")"
		return 1
	}
	return 0
}

# property FS DIR: the chain's property test with TMPDIR=DIR.
property() {
	# RZ_QUICK: fewer random rounds; the suite runs all of them on $TMPDIR.
	if RZ_QUICK=1 TMPDIR=$2 "$RZ_BUILD/test/zero-range" >"$dir/prop" 2>&1
	then
		echo "property test on $1: $(grep -c 'every byte' "$dir/prop")" \
			"methods checked"
	else
		fail "property test on $1:"
		sed 's/^/    /' "$dir/prop" | tail -n 20
	fi
}

# ------------------------------------------------------------------ tmpfs
t=$dir/mnt-tmpfs
if ! mount_fs tmpfs "$t" size=32m; then
	echo "cannot mount a tmpfs"
	exit 77
fi
f=$t/f
printf '1234567890\n' >"$f"
# The refusal comes from native ZERO on a patched kernel, else fallocate.
run 0 "zeroed 5 bytes at offset 0 (method: punch, IORING_OP_FALLOCATE with FALLOC_FL_PUNCH_HOLE; IORING_OP_" \
	-l 5 "$f" && has "$dir/out" ": Operation not supported)"
[ "$(hex "$f")" = "00 00 00 00 00 36 37 38 39 30 0a" ] ||
	fail "tmpfs seed scenario: $(hex "$f")"

# The largest range: refused up front, as fallocate -z is elsewhere.
printf '1234567890\n' >"$f"
refuse 1 "growing it by 9223372036854775796 bytes, to 9223372036854775807, needs more room than the filesystem has" \
	"$f" -l 9223372036854775807 "$f"
[ "$(size "$f")" = 11 ] || fail "-l 2^63-1 changed the size: $(size "$f")"
used=$(df -k "$t" | awk 'NR == 2 { print $3 }')
[ "$used" -lt 1024 ] || fail "-l 2^63-1 used $used KiB of the tmpfs"

# A 1 GiB sparse file on a 32 MiB tmpfs: punched, no space used.
sp=$t/sparse
truncate -s 1G "$sp"
for at in 0 300000000 1073741000; do
	printf 'XYZ' | dd of="$sp" bs=1 seek=$at conv=notrunc 2>/dev/null
done
run 0 "zeroed 1073741824 bytes at offset 0 (method: punch," "$sp"
[ "$(size "$sp")" = 1073741824 ] || fail "sparse file resized"
[ "$(du -k "$sp" | cut -f1)" = 0 ] ||
	fail "punching left $(du -k "$sp" | cut -f1) KiB allocated"
[ "$(dd if="$sp" bs=1 skip=300000000 count=3 2>/dev/null | od -An -tx1 |
	tr -d ' ')" = 000000 ] || fail "sparse file: data not zeroed"
# The same with --method write: only its data is written, holes stay.
for at in 0 300000000 1073741000; do
	printf 'XYZ' | dd of="$sp" bs=1 seek=$at conv=notrunc 2>/dev/null
done
run 0 "zeroed 1073741824 bytes at offset 0 (method: write, 12288 bytes of zeroes written" \
	--method write "$sp"
[ "$(du -k "$sp" | cut -f1)" -le 12 ] ||
	fail "--method write filled holes: $(du -k "$sp" | cut -f1) KiB"
[ "$(dd if="$sp" bs=1 skip=1073741000 count=3 2>/dev/null | od -An -tx1 |
	tr -d ' ')" = 000000 ] || fail "sparse file: data not written over"
rm -f "$sp"

# RLIMIT_FSIZE: refused before anything changes, not stopped halfway.
# (ulimit -f counts 512-byte blocks in POSIX sh, 1024 in bash.)
h=$t/hundred
printf '%100s' '' | tr ' ' x >"$h"
cp "$h" "$dir/hundred.orig"
for m in write auto; do
	(ulimit -f 1 && exec "$RINGZERO" zero --method $m -l 4096 "$h") \
		>"$dir/out" 2>"$dir/err"
	rc=$?
	[ $rc = 1 ] || fail "ulimit -f 1, --method $m: exit $rc, expected 1"
	has "$dir/err" "growing it to 4096 bytes would pass the file size limit of"
	cmp -s "$h" "$dir/hundred.orig" ||
		fail "ulimit -f 1, --method $m: file is now $(size "$h") bytes"
done
(ulimit -f 1 && exec "$RINGZERO" zero --method write -o 10 -l 50 "$h") \
	>"$dir/out" 2>"$dir/err" || fail "ulimit -f 1, 50 bytes: $(cat "$dir/err")"
has "$dir/out" "zeroed 50 bytes at offset 10 (method: write"
[ "$(size "$h")" = 100 ] || fail "ulimit -f 1: size $(size "$h")"
# Data past the limit cannot be overwritten: refused, nothing written.
head -c 3000 /dev/urandom >"$h"
cp "$h" "$dir/big.orig"
(ulimit -f 1 && exec "$RINGZERO" zero --method write "$h") \
	>"$dir/out" 2>"$dir/err"
rc=$?
[ $rc = 1 ] || fail "data past ulimit -f: exit $rc"
has "$dir/err" "past the file size limit of"
cmp -s "$h" "$dir/big.orig" || fail "data past ulimit -f: file changed"

property tmpfs "$t"

# ------------------------------------------------------------------ ramfs
r=$dir/mnt-ramfs
if mount_fs ramfs "$r"; then
	f=$r/f
	printf '1234567890\n' >"$f"
	run 0 "zeroed 5 bytes at offset 2 (method: write, 5 bytes of zeroes written by IORING_OP_WRITE" \
		-o 2 -l 5 "$f"
	has "$dir/out" "FALLOC_FL_PUNCH_HOLE): Operation not supported"
	run 0 "zeroed 10 bytes at offset 8 (method: write+extend," \
		-o 8 -l 10 "$f"
	[ "$(hex "$f")" = "31 32 00 00 00 00 00 38 00 00 00 00 00 00 00 00 00 00" ] ||
		fail "ramfs: $(hex "$f")"
	refuse 1 "Operation not supported" "$f" --method punch -l 1 "$f"
	# A sparse file: ramfs's lseek calls it all data, but its holes have
	# no pages; writing zeroes there would allocate them (64 MiB of
	# memory ramfs never gives back). Only the one page of data is
	# written, and the file takes no more room than before.
	s=$r/sparse
	truncate -s 64M "$s"
	printf abc | dd of="$s" bs=1 seek=5000 conv=notrunc 2>/dev/null
	blocks=$(stat -c %b "$s")
	run 0 "zeroed 67108864 bytes at offset 0 (method: write, 4096 bytes of zeroes written" \
		"$s"
	[ "$(stat -c %b "$s")" = "$blocks" ] ||
		fail "ramfs sparse file: $blocks blocks before, $(stat -c %b "$s") after"
	dd if="$s" bs=4096 skip=1 count=1 2>/dev/null | od -An -tx1 | grep -q '[1-9a-f]' &&
		fail "ramfs sparse file: its data was not zeroed"
	# Not readable (so no mapping shows its holes): refused, not written.
	if command -v su >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
		chmod 200 "$s"
		chown nobody "$s"
		chmod 711 "$dir" "$r"
		su nobody -s /bin/sh -c "'$RINGZERO' zero -l 1M '$s'" \
			>"$dir/out" 2>"$dir/err"
		rc=$?
		[ $rc = 1 ] || fail "ramfs sparse write-only file: exit $rc"
		has "$dir/err" "it is a sparse file on ramfs"
		[ "$(stat -c %b "$s")" = "$blocks" ] ||
			fail "ramfs sparse write-only file: blocks grew"
	fi
	rm -f "$s"
	property ramfs "$r"
else
	echo "note: no ramfs here"
fi

# ------------------------------------------------- loop-mounted filesystems
if ! losetup -f >/dev/null 2>&1; then
	echo "note: no loop devices: ext4, xfs, btrfs, block device and" \
		"signal cases left out"
	finish
	exit
fi
for fs in ext4 xfs btrfs; do
	mount_image $fs "$dir/mnt-$fs" && property $fs "$dir/mnt-$fs"
done

# ---------------------------------------------------- a loop block device
img=$dir/blk.img
head -c 1048576 /dev/urandom >"$img"
cp "$img" "$dir/blk.orig"
if dev=$(losetup -f --show "$img" 2>/dev/null); then
	loops="$loops $dev"
	head -c 524288 /dev/zero >"$dir/zeroes"
	for m in auto write; do
		cp "$dir/blk.orig" "$img"
		run 0 "zeroed 524288 bytes at offset 524288 (method: " \
			--method $m -o 512K -l 1M -k "$dev" &&
			has "$dir/out" "524288 bytes past the end of the device left alone (--keep-size)"
		sync
		cmp -s -n 524288 "$img" "$dir/blk.orig" ||
			fail "block device ($m): the first half changed"
		dd if="$img" bs=4096 skip=128 2>/dev/null |
			cmp -s - "$dir/zeroes" ||
			fail "block device ($m): the second half is not zero"
	done
	# Past the device's end is refused before anything is written.
	refuse 2 "" "$img" --method write -o 512K -l 1M "$dev"
	has "$dir/err" "past the end of the device, which holds 1048576 bytes"
	has "$dir/err" "or --keep-size to stop there"
else
	echo "note: losetup failed: block device case left out"
fi

# ---------------------------------------------------------------- signals
e=$dir/mnt-ext4
if ! mountpoint -q "$e" 2>/dev/null && ! grep -q " $e " /proc/mounts; then
	echo "note: no ext4 mount: signal cases left out"
	finish
	exit
fi
# park PID: wait until the command waits in io_uring_enter, where the
# frozen filesystem holds its request. (Opening an existing file for
# writing does not wait for a thaw; writing, fallocate and ftruncate do.)
park() {
	until_true "the command waits in io_uring_enter" \
		in_io_uring_enter "$1"
}

# A shell starts a background job with SIGINT ignored, and the command
# keeps a signal ignored on entry ignored (see the nohup case below): to
# be stopped by SIGINT it must start with SIGINT's default action, which
# env(1) of coreutils 8.31 and later restores.
if env --default-signal=INT true 2>/dev/null; then
	default_int="env --default-signal=INT"
else
	default_int=
	echo "note: env has no --default-signal: SIGINT cases left out"
fi

# interrupt UNTIL SIGNAL ARGS...: on the frozen filesystem, run `zero ARGS`
# over a fresh copy of the data (through $launch, default $default_int),
# send SIGNAL once `UNTIL PID` holds, thaw, and leave the exit status in
# rc.
interrupt() {
	until_fn=$1 sig=$2
	shift 2
	cp "$dir/data.orig" "$f"
	sync
	fsfreeze -f "$e"
	${launch-$default_int} "$RINGZERO" zero "$@" >"$dir/out" 2>"$dir/err" &
	pid=$!
	$until_fn $pid && kill -"$sig" $pid
	fsfreeze -u "$e"
	wait $pid
	rc=$?
}
# Blocked on the freeze in a call of its own (ftruncate), SIGINT masked.
blocked() {
	until_true "the command blocks on the frozen filesystem" \
		blocked_on_freeze "$1"
}

f=$e/data
head -c 8388608 /dev/urandom >"$f"
cp "$f" "$dir/data.orig"
sync

# Ctrl-Z and fg while it waits: it goes on and succeeds.
fsfreeze -f "$e"
"$RINGZERO" zero -l 4096 "$f" >"$dir/out" 2>"$dir/err" &
pid=$!
# Twice: the first may land in the enter that also submitted, whose
# count hides the interruption; the second lands in a wait alone.
if park $pid; then
	for round in 1 2; do
		kill -STOP $pid
		until_true "SIGSTOP stops it" in_state $pid T
		kill -CONT $pid
		until_true "SIGCONT resumes its wait" in_state $pid S
	done
fi
fsfreeze -u "$e"
wait $pid
rc=$?
[ $rc = 0 ] || fail "stopped and continued: exit $rc: $(cat "$dir/err")"
has "$dir/out" "zeroed 4096 bytes at offset 0"
[ -s "$dir/err" ] && fail "stopped and continued: stderr: $(cat "$dir/err")"
head -c 4096 /dev/zero >"$dir/z4k"
cmp -s -n 4096 "$f" "$dir/z4k" || fail "stopped and continued: not zeroed"

# SIGHUP ignored on entry, as nohup(1) leaves it: the command is not
# stopped by it, finishes the range and exits 0. (A background job's
# SIGINT, ignored by the shell, is the same case.)
launch="nohup" interrupt park HUP --method write "$f"
[ $rc = 0 ] || fail "SIGHUP under nohup: exit $rc, expected 0: $(cat "$dir/err")"
has "$dir/out" "zeroed 8388608 bytes at offset 0"
head -c 8388608 /dev/zero | cmp -s - "$f" || fail "SIGHUP under nohup: not all zeroed"
unset launch

if [ -n "$default_int" ]; then
# SIGINT while a fallocate is in the kernel: it is waited for, the range
# is zeroed and said so, and the exit status still says "interrupted".
interrupt park INT -o 4096 -l 4096 "$f"
[ $rc = 130 ] || fail "SIGINT during fallocate: exit $rc, expected 130"
has "$dir/out" "zeroed 4096 bytes at offset 4096"
has "$dir/err" "interrupted by SIGINT, after the whole range was zeroed"
dd if="$f" bs=4096 skip=1 count=1 2>/dev/null | cmp -s - "$dir/z4k" ||
	fail "SIGINT during fallocate: range not zeroed"

# SIGINT during a write: finishes what is in flight, says how far, 130.
interrupt park INT --method write "$f"
[ $rc = 130 ] || fail "SIGINT during a write: exit $rc, expected 130"
# Eight 256 KiB writes were in flight; no more were started.
has "$dir/err" "interrupted by SIGINT: zeroed 2097152 bytes from offset 0 up to offset 2097152"
has "$dir/err" "not zeroed from 2097152 to 8388608"
has "$dir/err" "its size is 8388608 bytes, as before"
head -c 2097152 /dev/zero >"$dir/z2m"
cmp -s -n 2097152 "$f" "$dir/z2m" || fail "SIGINT: the reported part is not zero"
cmp -s -i 2097152 "$f" "$dir/data.orig" ||
	fail "SIGINT: bytes past the reported part changed"

# SIGINT while growing and before any write: the size comes back.
interrupt blocked INT --method write -o 4096 -l 16M "$f"
[ $rc = 130 ] || fail "SIGINT before writing: exit $rc, expected 130"
[ "$(size "$f")" = 8388608 ] || fail "SIGINT before writing: size $(size "$f")"
cmp -s "$f" "$dir/data.orig" || fail "SIGINT before writing: file changed"
fi

# A progress line on a terminal, while the kernel works.
if command -v script >/dev/null 2>&1 && command -v pgrep >/dev/null 2>&1; then
	cp "$dir/data.orig" "$f"
	sync
	fsfreeze -f "$e"
	RINGZERO_PROGRESS_DELAY=0 script -qfec \
		"exec '$RINGZERO' zero -l 4096 '$f'" /dev/null >"$dir/tty" 2>&1 &
	spid=$!
	pid=
	until_true "script starts the command" \
		sh -c "pgrep -P $spid >/dev/null" && pid=$(pgrep -P $spid)
	[ -n "$pid" ] && park "$pid" &&
		until_true "a progress line shows" \
			grep -q "waiting for IORING_OP_FALLOCATE" "$dir/tty"
	fsfreeze -u "$e"
	wait $spid || fail "progress: exit $?: $(cat "$dir/tty")"
	has "$dir/tty" "zeroed 4096 bytes at offset 0"
else
	echo "note: no script(1) or pgrep: progress line case left out"
fi

finish
