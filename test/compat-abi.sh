#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: ringzero's public structs have liburing's layout, field by
# field. compat/abi-layout.c, one source, is built against Debian's
# liburing headers (2.3) and against ringzero's: the offset and size of
# every field of io_uring, io_uring_sq, io_uring_cq, io_uring_sqe,
# io_uring_cqe, io_uring_params and its ring offsets, io_uring_probe(_op),
# io_uring_buf(_ring), io_uring_recvmsg_out and the registration structs
# must be the same in both. What liburing added after 2.3 (new SQE union
# members, NAPI, registered waits, regions, ...) and the values of the
# private io_uring.int_flags bits, with what a live ring holds, must match
# liburing 2.15's, written down in compat/abi-2.15.txt.

name=compat-abi
. "$(dirname "$0")/compat.inc"
prog=$src/compat/abi-layout.c
[ -f "$prog" ] || skip "no compat/abi-layout.c under $src (a tree without sources)"
compat_setup liburing-dev
cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || die "no C compiler ($cc; make deps installs gcc)"
# The ringzero build links the library under test, sanitizers and all.
san=
if nm "$build/libringzero.a" 2>/dev/null | grep -q ' __asan_'; then
	san="-fsanitize=address,undefined"
fi

"$cc" -Wall -Wextra -Werror -DABI_LIBURING -o "$tmp/liburing" "$prog" ||
	die "abi-layout.c does not build against Debian's liburing headers"
"$cc" -Wall -Wextra -Werror -D_GNU_SOURCE -I"$src/include" -o "$tmp/ringzero" \
	$san "$prog" "$build/libringzero.a" -lpthread ||
	die "abi-layout.c does not build against ringzero's headers"
"$tmp/liburing" >"$tmp/liburing.txt" || die "the liburing build failed to run"
"$tmp/ringzero" >"$tmp/ringzero.txt" || die "the ringzero build failed to run"

sed -n '/^\[common\]$/,/^\[since-2.3\]$/p' "$tmp/ringzero.txt" | sed '$d' \
	>"$tmp/ringzero-common.txt"
if ! cmp -s "$tmp/liburing.txt" "$tmp/ringzero-common.txt"; then
	fail "layouts differ from Debian's liburing (< liburing, > ringzero):"
	diff "$tmp/liburing.txt" "$tmp/ringzero-common.txt" | grep '^[<>]' |
		sed 's/^/    /' >&2
fi
echo "$(grep -vc '^\[' "$tmp/liburing.txt") fields and sizes as Debian's liburing $(dpkg-query -W -f='${Version}' liburing-dev) has them"

sed -n '/^\[since-2.3\]$/,$p' "$tmp/ringzero.txt" >"$tmp/ringzero-new.txt"
grep -v '^#' "$src/compat/abi-2.15.txt" >"$tmp/want-new.txt"
if ! cmp -s "$tmp/want-new.txt" "$tmp/ringzero-new.txt"; then
	fail "differs from liburing 2.15 (compat/abi-2.15.txt) (< 2.15, > ringzero):"
	diff "$tmp/want-new.txt" "$tmp/ringzero-new.txt" | grep '^[<>]' |
		sed 's/^/    /' >&2
fi
echo "$(grep -vc '^\[' "$tmp/want-new.txt") later fields, sizes and int_flags values as liburing 2.15 has them"
finish
