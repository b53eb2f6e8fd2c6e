#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: examples/hello-writev.c, a program written for liburing's
# API, built against ringzero (by make) and against liburing (here, from
# the same source with only its #include line changed, and -luring). Both
# builds write exactly "Hello world" to a new file created with mode 0644
# (umask 022) and to an existing longer file (truncated), exit 2 without a
# FILE, and exit 1 with a message naming the file when it cannot be
# created. The source also compiles as a user would build it (the
# compiler's defaults, no feature macros). Skips (77) only when liburing cannot be had here: no C
# compiler, or no liburing-dev and no way to install it (not root).

set -u
build=${RZ_BUILD:?RZ_BUILD not set: run through test/run.sh}
src=${RZ_SRC:?RZ_SRC not set: run through test/run.sh}
example=$src/examples/hello-writev.c
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rz-hello-writev.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
umask 022
printf 'Hello world' >"$tmp/want"

fail() {
	echo "hello-writev: FAIL: $*" >&2
	exit 1
}

skip() {
	echo "hello-writev: SKIP: $*"
	exit 77
}

# check LABEL PROGRAM: what a user of the program would check.
check() {
	label=$1
	prog=$2
	out=$tmp/new-$label
	"$prog" "$out" || fail "$label: exit $? writing $out"
	cmp -s "$out" "$tmp/want" || fail "$label: $out holds '$(cat "$out")'"
	mode=$(stat -c %a "$out")
	[ "$mode" = 644 ] || fail "$label: $out has mode $mode, expected 644"

	out=$tmp/old-$label
	printf 'an older and much longer content' >"$out"
	"$prog" "$out" || fail "$label: exit $? rewriting $out"
	cmp -s "$out" "$tmp/want" || fail "$label: $out holds '$(cat "$out")'"

	"$prog" >/dev/null 2>&1
	rc=$?
	[ "$rc" = 2 ] || fail "$label: no FILE gave exit $rc, expected 2"
	msg=$("$prog" "$tmp/no/such/dir" 2>&1)
	rc=$?
	[ "$rc" = 1 ] || fail "$label: uncreatable FILE gave exit $rc, expected 1"
	case $msg in
	*"$tmp/no/such/dir"*) ;;
	*) fail "$label: message '$msg' does not name the file" ;;
	esac
	echo "$label build: ok"
}

[ -x "$build/examples/hello-writev" ] ||
	fail "$build/examples/hello-writev is not built (make examples)"
check ringzero "$build/examples/hello-writev"

cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 ||
	skip "no C compiler ($cc) here, so no liburing build to compare with"

# As a user compiles it: the compiler's default C, no -D_GNU_SOURCE (make
# adds that), warnings as errors.
"$cc" -Wall -Wextra -Werror -I"$src/include" -c "$example" \
	-o "$tmp/user.o" || fail "does not compile as a user would build it"

has_liburing() {
	printf '#include <liburing.h>\n' | "$cc" -E -x c - >/dev/null 2>&1
}
if ! has_liburing && [ "$(id -u)" = 0 ]; then
	"$src/scripts/install-deps.sh" liburing-dev >&2
fi
has_liburing ||
	skip "liburing-dev is not installed and cannot be installed here (needs root and the Debian archive)"

# The liburing build: the same source, only the include line changed.
sed 's|^#include <ringzero.h>$|#include <liburing.h>|' "$example" \
	>"$tmp/hello-writev.c"
changed=$(diff "$example" "$tmp/hello-writev.c" | grep -c '^[<>]')
[ "$changed" = 2 ] ||
	fail "expected exactly one line (the #include) to differ, got $changed"
"$cc" -Wall -Wextra -Werror -O2 -o "$tmp/hello-writev-liburing" \
	"$tmp/hello-writev.c" -luring || fail "does not build against liburing"
check liburing "$tmp/hello-writev-liburing"
exit 0
