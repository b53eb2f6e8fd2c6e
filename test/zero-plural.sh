#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: every count of bytes `ringzero zero` prints agrees with its
# number, "1 byte" and never "1 bytes", in the lines beyond the success
# line: growing an empty file to 1 byte ("ftruncate from 0 to 1 byte"),
# an offset past the end of a 1-byte file ("its end (1 byte)"), and, with
# RLIMIT_FSIZE at 1 byte (prlimit, where present), the refusals of growth
# and of data past the limit and the diagnosis of EFBIG ("the file size
# limit of 1 byte", "files up to 1 byte"). Each refusal leaves the file as
# it was. POSIX sh + busybox; works in $TMPDIR.

dir=$(mktemp -d "${TMPDIR:-/tmp}/rz-zero-plural.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/zero-lib.inc"
f=$dir/f

: >"$f"
run 0 "zeroed 1 byte at offset 0 (method: " --method write -l 1 "$f" &&
	has "$dir/out" "ftruncate from 0 to 1 byte)"
[ "$(hex "$f")" = 00 ] || fail "empty file grown to 1 byte: $(hex "$f")"

printf a >"$f"
refuse 2 "nothing to zero: offset 5 is at or past its end (1 byte);" "$f" -o 5 "$f"

# prlimit sets RLIMIT_FSIZE to a byte count; ulimit -f only to blocks.
if command -v prlimit >/dev/null 2>&1 && prlimit --fsize=1 true 2>/dev/null
then
	# The messages go to files past the limit: read them through cat.
	lim() {
		want=$1 pattern=$2 file=$3
		shift 3
		before=$(sum "$file")
		{
			prlimit --fsize=1 "$RINGZERO" zero "$@" 2>&1 >/dev/null
			echo $? >"$dir/rc"
		} | cat >"$dir/err"
		rc=$(cat "$dir/rc")
		[ "$rc" = "$want" ] || fail "fsize 1, zero $*: exit $rc, expected $want"
		grep -q -E -e "$pattern" "$dir/err" ||
			fail "fsize 1, zero $*: no '$pattern' in: $(cat "$dir/err")"
		[ "$(sum "$file")" = "$before" ] || fail "fsize 1, zero $*: changed $file"
	}
	printf a >"$f"
	lim 1 "growing it to 5 bytes would pass the file size limit of 1 byte [(]" \
		"$f" --method write -l 5 "$f"
	# The kernel's EFBIG, diagnosed; or, where the filesystem has no
	# ZERO_RANGE (tmpfs), the punch's own check.
	lim 1 "write files up to 1 byte, and the range ends at byte 5|limit of 1 byte [(]" \
		"$f" -l 5 "$f"
	printf abc >"$f"
	lim 1 "past the file size limit of 1 byte [(]" "$f" --method write "$f"
	grep -q '1 bytes' "$dir/err" && fail "'1 bytes' in: $(cat "$dir/err")"
else
	echo "note: no prlimit: RLIMIT_FSIZE of 1 byte left out"
fi
grep -q '1 bytes' "$dir/out" "$dir/err" && fail "'1 bytes' printed"

finish
