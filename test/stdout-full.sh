#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: a report that cannot be written is a failure: every
# subcommand, its --help and --version, with standard output on /dev/full
# (always "No space left on device"), exit 1 and say on standard error
# that writing standard output failed and why. `ringzero zero` still does
# its work first: the bytes on disk are zeroed. POSIX sh (busybox in the VM).

rz=${RINGZERO:?RINGZERO is not set (run through test/run.sh)}
[ -c /dev/full ] || { echo "no /dev/full on this system"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/rz-stdout-full.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# full WHAT PROGRAM ARG...: ringzero ARG... >/dev/full fails with the cause
# and names PROGRAM.
full() {
	what=$1 program=$2
	shift 2
	"$rz" "$@" >/dev/full 2>"$work/err" </dev/null
	rc=$?
	[ "$rc" -eq 1 ] || fail "$what >/dev/full: exit $rc, expected 1"
	grep -q "^$program: write error on standard output: No space left on device$" \
		"$work/err" ||
		fail "$what >/dev/full: no '$program: write error on standard output: No space left on device' on standard error: $(head -n 3 "$work/err")"
}

full "ringzero --help" ringzero --help
full "ringzero --version" ringzero --version
full "ringzero version" "ringzero version" version
full "ringzero probe" "ringzero probe" probe
full "ringzero probe --json" "ringzero probe" probe --json
full "ringzero bench --help" "ringzero bench" bench --help

# Every subcommand's --help and --version, as `ringzero --help` lists them.
commands=$("$rz" --help 2>/dev/null |
	sed -n '/^Commands:/,/^$/{/^  *[a-z]/s/^  *\([a-z][a-z0-9-]*\).*/\1/p;}')
[ -n "$commands" ] || fail "ringzero --help lists no commands under 'Commands:'"
for c in $commands; do
	full "ringzero $c --help" "ringzero $c" "$c" --help
	full "ringzero $c --version" "ringzero $c" "$c" --version
done

# zero does the work, then cannot report it: exit 1, the bytes zeroed.
printf '1234567890\n' >"$work/file"
full "ringzero zero" "ringzero zero" zero --offset 0 --length 5 "$work/file"
got=$(od -An -v -tx1 "$work/file" | tr -s ' \n' '  ')
[ "$got" = " 00 00 00 00 00 36 37 38 39 30 0a " ] ||
	fail "ringzero zero >/dev/full: file holds$got"

# A closed standard output is an error when there was output for it.
"$rz" version >&- 2>"$work/err"
rc=$?
[ "$rc" -eq 1 ] || fail "ringzero version >&-: exit $rc, expected 1"
grep -q "write error on standard output" "$work/err" ||
	fail "ringzero version >&-: no message: $(head -n 3 "$work/err")"

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "stdout-full: $(echo $commands | wc -w) subcommand(s) fail with the cause when standard output is full"
