#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: examples/sandboxed-copy copies a file byte for byte through
# a ring that allows only READ and WRITE, shows OPENAT refused with EACCES,
# and names the file when one is missing or unwritable.
# POSIX sh: it runs under busybox in the VM guest too.

build=${RZ_BUILD:?RZ_BUILD is not set (run through test/run.sh)}
prog=$build/examples/sandboxed-copy
[ -x "$prog" ] || { echo "FAIL: $prog was not built" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/rz-sandboxed-copy.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# A size that is no multiple of the 64 KiB block, and an empty file.
head -c 1048609 /dev/urandom >"$work/src"
: >"$work/empty"

"$prog" "$work/src" "$work/dst" >"$work/out" 2>"$work/err"
rc=$?
if [ "$rc" -eq 77 ]; then exit 77; fi
[ "$rc" -eq 0 ] || fail "copy exited $rc: $(cat "$work/err")"
cmp -s "$work/src" "$work/dst" || fail "the copy differs from the source"
grep -q "^copied 1048609 bytes" "$work/out" ||
	fail "no 'copied 1048609 bytes' line: $(cat "$work/out")"
grep -q "OPENAT .*refused.*EACCES" "$work/out" ||
	fail "OPENAT was not shown refused: $(cat "$work/out")"

printf 'stale contents' >"$work/dst2"
"$prog" "$work/empty" "$work/dst2" >"$work/out" 2>"$work/err" ||
	fail "copy of an empty file exited non-zero: $(cat "$work/err")"
[ -s "$work/dst2" ] && fail "copy of an empty file left bytes behind"

"$prog" "$work/missing" "$work/dst3" >"$work/out" 2>"$work/err"
rc=$?
[ "$rc" -eq 1 ] || fail "missing source: exit $rc, expected 1"
grep -q "$work/missing: No such file or directory" "$work/err" ||
	fail "missing source: message does not name it: $(cat "$work/err")"

"$prog" "$work/src" "$work/no/such/dir/dst" >"$work/out" 2>"$work/err"
rc=$?
[ "$rc" -eq 1 ] || fail "unwritable destination: exit $rc, expected 1"
grep -q "$work/no/such/dir/dst" "$work/err" ||
	fail "unwritable destination: message does not name it: $(cat "$work/err")"

"$prog" "$work/src" >"$work/out" 2>"$work/err"
rc=$?
[ "$rc" -eq 2 ] || fail "one argument: exit $rc, expected 2"

[ "$failures" -eq 0 ] || exit 1
echo "sandboxed-copy: 1048609 bytes copied, OPENAT refused"
