#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: <ringzero.h> brings the system headers liburing.h brings
#
# test/headers/liburing-includes.c includes <ringzero.h> alone and uses
# names liburing programs get through liburing.h: PRIu64 (<inttypes.h>),
# CLOCK_MONOTONIC (<time.h>), PATH_MAX and BLKGETSIZE64 (<linux/fs.h>, by
# way of the kernel header), P_PID (<sys/wait.h>), struct sock_filter
# (<linux/filter.h>), __swahw32 (<linux/swab.h>) and the rest, and passes
# const timespecs to the timeout preps. test/headers/with-kernel-headers.c
# includes <linux/io_uring.h> and <sys/syscall.h> after <ringzero.h>, as
# liburing programs may. Each must build with -Werror as C (c99, c11,
# gnu11) and as C++ (c++11, c++17, c++20), and run.

src=${RZ_SRC:?RZ_SRC is not set (run through test/run.sh)}
if [ ! -d "$src/test/headers" ] || [ ! -f "$src/include/ringzero.h" ]; then
	# The VM guest carries test scripts and binaries, not the sources.
	echo "no test/headers/ or include/ under $src (a tree without sources)"
	exit 77
fi
if ! command -v cc >/dev/null 2>&1 || ! command -v c++ >/dev/null 2>&1; then
	echo "FAIL: cc or c++ is missing (make deps installs gcc and g++)" >&2
	exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/rz-headers.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

failures=0
build_and_run() {
	compiler=$1 std=$2 lang=$3 prog=$4
	if ! "$compiler" -std="$std" -x "$lang" -Wall -Wextra -Werror \
	     -I"$src/include" -o "$work/prog" "$prog" >"$work/log" 2>&1; then
		echo "FAIL: $compiler -std=$std does not build $prog:" >&2
		sed 's/^/    /' "$work/log" | head -n 20 >&2
		failures=$((failures + 1))
		return
	fi
	"$work/prog" || {
		echo "FAIL: the -std=$std build of $prog exits $?" >&2
		failures=$((failures + 1))
	}
}
for prog in "$src"/test/headers/*.c; do
	for std in c99 c11 gnu11; do
		build_and_run cc "$std" c "$prog"
	done
	for std in c++11 c++17 c++20; do
		build_and_run c++ "$std" c++ "$prog"
	done
done
[ "$failures" -eq 0 ] || exit 1
echo "header-includes: C (c99, c11, gnu11) and C++ (c++11, c++17, c++20) build and run"
