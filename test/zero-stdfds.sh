#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: `ringzero zero` started with standard error (and output,
# and input) closed never writes a message into the file it zeroes. The
# file would otherwise be opened as descriptor 2 and an error message
# written over its first bytes, outside the range. Here the message is a
# refusal (growing the file past `ulimit -f`; the range starts at 2000)
# and, the other way round, the native method where the kernel lacks it;
# the first 2000 bytes must stay as they were, and the exit status is 1.
# POSIX sh + busybox; works in $TMPDIR.

dir=$(mktemp -d "${TMPDIR:-/tmp}/rz-zero-stdfds.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/zero-lib.inc"
f=$dir/f

# closed REDIRS WHAT ARGS...: with REDIRS closing descriptors, zero ARGS
# over a fresh 3000-byte file; bytes below 2000 must not change.
closed() {
	redirs=$1 what=$2
	shift 2
	head -c 3000 /dev/urandom >"$f"
	head -c 2000 "$f" >"$dir/head"
	case $redirs in
	2) (ulimit -f 1 && exec "$RINGZERO" zero "$@" 2>&-) ;;
	12) (ulimit -f 1 && exec "$RINGZERO" zero "$@" >&- 2>&-) ;;
	012) (ulimit -f 1 && exec "$RINGZERO" zero "$@" <&- >&- 2>&-) ;;
	esac
	rc=$?
	head -c 2000 "$f" | cmp -s - "$dir/head" ||
		fail "$what, fds $redirs closed: bytes before the range changed"
	[ "$(size "$f")" = 3000 ] || fail "$what, fds $redirs closed: size $(size "$f")"
}

for fds in 2 12 012; do
	closed $fds "growth past ulimit -f" --method punch --offset 2000 \
		--length 2000 "$f"
	[ $rc = 1 ] || fail "growth past ulimit -f, fds $fds closed: exit $rc"
done

# Native: an error where the kernel lacks it (or the filesystem refuses
# it), success where it works; either way nothing before 2000 changes.
for fds in 2 12; do
	closed $fds "--method native" --method native --offset 2000 --length 10 "$f"
done

finish
