#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: `ringzero zero` names the real cause of a failure that a
# limit or a full filesystem causes: EFBIG from RLIMIT_FSIZE (not the
# filesystem's largest file), ENOMEM from RLIMIT_MEMLOCK for a user
# without CAP_IPC_LOCK on kernels that charge the rings to it (6.14 on),
# ENOSPC from a full tmpfs (with statvfs's numbers, not a device's end).
# The file is unchanged after every refusal. The tmpfs is mounted in a
# private mount namespace (unshare -m) and needs root, as does dropping
# to uid 65534 (setpriv) for RLIMIT_MEMLOCK; without root only the
# RLIMIT_FSIZE part runs, and the test skips. zero-causes-loop.sh does
# block devices and ext4. POSIX sh.

. "$(dirname "$0")/zero-causes.inc"

# --- EFBIG from RLIMIT_FSIZE: any user. ---
printf '%0100d' 0 >"$work/small"
(ulimit -f 2 && exec "$rz" zero --method write --offset 0 --length 8192 \
	"$work/small") >"$out" 2>"$err"
rc=$?
# Growing the file is checked before anything is written (zero_chain.c).
expect 1 "write past ulimit -f" "file size limit of 1024 bytes" "ulimit -f, RLIMIT_FSIZE"
grep -q "s_maxbytes" "$err" && fail "RLIMIT_FSIZE blamed on s_maxbytes: $(cat "$err")"
ran=$((ran + 1))

if [ "$(id -u)" != 0 ]; then
	[ $failures -eq 0 ] || exit 1
	echo "zero-causes: the RLIMIT_MEMLOCK and tmpfs parts need root; only RLIMIT_FSIZE ran"
	exit 77
fi

# --- RLIMIT_MEMLOCK for a user without CAP_IPC_LOCK. ---
if have setpriv && have prlimit; then
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
	note "RLIMIT_MEMLOCK part not run (needs setpriv and prlimit)"
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
		expect 1 "write on a full tmpfs" \
			"needs more room than the filesystem has" "bytes free"
		grep -q "device, which holds" "$err" &&
			fail "full tmpfs blamed on a device's end: $(cat "$err")"
		ran=$((ran + 1))
	fi
else
	note "no private mount namespace (unshare -m): tmpfs part not run"
fi

finish zero-causes
