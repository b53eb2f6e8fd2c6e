#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: with --keep-size, `ringzero zero` leaves the part of the
# range past the end of the file alone, as its manual says: it asks the
# filesystem to zero only what can be read. Handing the whole range to
# FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE (as fallocate -z -n does)
# makes ext4, xfs and btrfs allocate blocks past the end, where nothing
# can read them: 64 MiB used by a 10-byte file, unseen since its size
# does not change, and a range longer than the free room fills the
# filesystem. Checks, on $TMPDIR's filesystem: the bytes, the size, that
# the file takes no more blocks than before, and that a range entirely
# past the end does nothing ("method: none"). POSIX sh + busybox.

dir=$(mktemp -d "${TMPDIR:-/tmp}/rz-zero-keep.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/zero-lib.inc"
f=$dir/f

blocks() {
	stat -c %b "$1"
}

printf '1234567890' >"$f"
before=$(blocks "$f")
run 0 "zeroed 7 bytes at offset 3 (method: " --keep-size -o 3 -l 64M "$f" &&
	has "$dir/out" "67108857 bytes past the end of the file left alone (--keep-size)"
[ "$(hex "$f")" = "31 32 33 00 00 00 00 00 00 00" ] || fail "bytes: $(hex "$f")"
[ "$(size "$f")" = 10 ] || fail "size $(size "$f"), expected 10"
[ "$(blocks "$f")" -le "$before" ] ||
	fail "the file took $(blocks "$f") blocks of 512 bytes, $before before: space allocated past its end"

run 0 "zeroed 0 bytes at offset 100 (method: none, nothing of the range is inside the file; 10 bytes past the end of the file left alone (--keep-size))" \
	--keep-size -o 100 -l 10 "$f"
[ "$(blocks "$f")" -le "$before" ] || fail "a range past the end allocated blocks"

finish
