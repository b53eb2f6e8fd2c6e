#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh BUILD_DIR [NAME...] - run the test suite and print
# "N passed, N failed, N skipped". Every executable in BUILD_DIR/test and
# every test/*.sh (except this file) is one test; exit status 0 passes, 77
# skips, anything else fails. POSIX sh: it also runs under busybox in the
# VM guest. Each test's output is shown only when it fails or skips.
# Environment for tests: RINGZERO (the CLI), RZ_BUILD, RZ_SRC, TMPDIR.
# RZ_TEST_TIMEOUT bounds each test (seconds, default 300).

build=${1:?usage: run.sh BUILD_DIR [NAME...]}
shift
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$build" && pwd)
RZ_BUILD=$build
RZ_SRC=$src
RINGZERO=$build/ringzero
export RZ_BUILD RZ_SRC RINGZERO
timeout_s=${RZ_TEST_TIMEOUT:-300}

pass=0 fail=0 skip=0 failed=""
log=$(mktemp "${TMPDIR:-/tmp}/rz-run.XXXXXX")

want() {
	[ $# -eq 0 ] && return 0
	for w in $WANT; do [ "$w" = "$1" ] && return 0; done
	return 1
}
WANT="$*"

for t in "$build"/test/* "$src"/test/*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t")
	[ "$name" = run.sh ] && continue
	case "$name" in *.sh) ;; *) [ -x "$t" ] || continue ;; esac
	if [ -n "$WANT" ]; then want "$name" || want "${name%.sh}" || continue; fi
	start=$(date +%s)
	if command -v timeout >/dev/null 2>&1; then
		timeout "$timeout_s" "$t" >"$log" 2>&1
	else
		"$t" >"$log" 2>&1
	fi
	rc=$?
	secs=$(( $(date +%s) - start ))
	case $rc in
	0)  pass=$((pass + 1)); echo "PASS $name (${secs}s)" ;;
	77) skip=$((skip + 1)); echo "SKIP $name: $(tail -n 1 "$log")" ;;
	*)  fail=$((fail + 1)); failed="$failed $name"
	    echo "FAIL $name (exit $rc, ${secs}s)"; sed 's/^/    /' "$log" | tail -n 40 ;;
	esac
done
rm -f "$log"

[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
