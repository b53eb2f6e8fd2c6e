#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: test/sqe-bytes.c has a row for every io_uring_prep_* helper
# the public headers define, so a new helper cannot skip the check of the
# bytes it writes (on big-endian machines too). io_uring_prep_zero is not
# an inline helper (what it emits depends on the kernel the ring runs on;
# test/zero-ring.c checks it there).

src=${RZ_SRC:?RZ_SRC is not set (run through test/run.sh)}
table=$src/test/sqe-bytes.c
if [ ! -f "$table" ] || [ ! -d "$src/include/ringzero" ]; then
	echo "no test/sqe-bytes.c or include/ under $src (a tree without sources)"
	exit 77
fi

# A definition's name starts its line, or follows "static inline void".
helpers=$(sed -n -e 's/^static inline void \(io_uring_prep_[a-z0-9_]*\)(.*/\1/p' \
	-e 's/^\(io_uring_prep_[a-z0-9_]*\)(.*/\1/p' \
	"$src"/include/ringzero.h "$src"/include/ringzero/*.h | sort -u)
[ -n "$helpers" ] || { echo "FAIL: no io_uring_prep_* helpers found" >&2; exit 1; }
missing=""
n=0
for h in $helpers; do
	n=$((n + 1))
	grep -q "$h(" "$table" || missing="$missing $h"
done
if [ -n "$missing" ]; then
	echo "FAIL: no row in test/sqe-bytes.c for:$missing" >&2
	exit 1
fi
echo "all $n prep helpers have a row in test/sqe-bytes.c"
