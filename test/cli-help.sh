#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: ringzero and each of its subcommands answer --help, --version and bad options the GNU way
#
# The GNU conventions, as a user meets them: --help (-h) prints a "Usage:" line
# (and the rest of the help) on standard output and exits 0; --version (-V)
# prints "PROGRAM (ringzero) VERSION" on standard output and exits 0;
# an unknown option prints a message on standard error, nothing on
# standard output, and exits 2. The subcommands are discovered from the
# "Commands:" list of `ringzero --help`, so each new one is held to the
# same rules without editing this file. POSIX sh (busybox in the VM).

rz=${RINGZERO:?RINGZERO is not set (run through test/run.sh)}
[ -x "$rz" ] || { echo "FAIL: $rz is not an executable" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/rz-cli-help.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# run ARG...: run ringzero, leaving $rc, $work/out and $work/err.
run() {
	"$rz" "$@" >"$work/out" 2>"$work/err" </dev/null
	rc=$?
}

# answers_help WHAT USAGE ARG...: ARG... is a --help request.
answers_help() {
	what=$1 usage=$2
	shift 2
	run "$@"
	[ "$rc" -eq 0 ] || fail "$what: exit $rc, expected 0"
	grep -q "^Usage: $usage" "$work/out" ||
		fail "$what: no 'Usage: $usage' line on standard output"
	[ -s "$work/err" ] && fail "$what: wrote to standard error: $(head -n 3 "$work/err")"
}

# answers_version WHAT ARG...: ARG... is a --version request.
answers_version() {
	what=$1
	shift
	run "$@"
	[ "$rc" -eq 0 ] || fail "$what: exit $rc, expected 0"
	head -n 1 "$work/out" | grep -q '^ringzero.* (ringzero) [0-9][0-9.]*$' ||
		fail "$what: first line '$(head -n 1 "$work/out")' is not 'PROGRAM (ringzero) VERSION'"
	[ -s "$work/err" ] && fail "$what: wrote to standard error: $(head -n 3 "$work/err")"
}

# rejects WHAT ARG...: ARG... is bad usage.
rejects() {
	what=$1
	shift
	run "$@"
	[ "$rc" -eq 2 ] || fail "$what: exit $rc, expected 2 (bad usage)"
	[ -s "$work/err" ] || fail "$what: no message on standard error"
	[ -s "$work/out" ] && fail "$what: wrote to standard output: $(head -n 3 "$work/out")"
}

answers_help "ringzero --help" "ringzero " --help
answers_help "ringzero -h" "ringzero " -h
answers_version "ringzero --version" --version
answers_version "ringzero -V" -V
rejects "ringzero --no-such-option" --no-such-option
rejects "ringzero no-such-command" no-such-command
rejects "ringzero (no arguments)"

# The subcommands: the first word of each line under "Commands:".
"$rz" --help >"$work/help" 2>/dev/null
commands=$(sed -n '/^Commands:/,/^$/{/^  *[a-z]/s/^  *\([a-z][a-z0-9-]*\).*/\1/p;}' "$work/help")
[ -n "$commands" ] || fail "ringzero --help lists no commands under 'Commands:'"

for c in $commands; do
	answers_help "ringzero $c --help" "ringzero $c" "$c" --help
	answers_help "ringzero $c -h" "ringzero $c" "$c" -h
	answers_version "ringzero $c --version" "$c" --version
	answers_version "ringzero $c -V" "$c" -V
	rejects "ringzero $c --no-such-option" "$c" --no-such-option
done

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "cli-help: ringzero and $(echo $commands | wc -w) subcommand(s) follow the conventions"
