#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: make install-compat puts liburing.so.2 and liburing-ffi.so.2
# in $(LIBDIR)/ringzero/compat and nowhere else (never over the system's
# liburing: these two files are all it installs); a Debian program run with
# LD_LIBRARY_PATH on that folder loads the installed copy and works; make
# uninstall-compat takes both away again.

name=compat-install
. "$(dirname "$0")/compat.inc"
compat_init qemu-utils
[ -f "$src/Makefile" ] || skip "no Makefile under $src (a tree without sources)"
command -v make >/dev/null 2>&1 || die "make is missing (make deps installs it)"

root=$tmp/root
prefix=/usr/local
rzmake() {
	# The build under test, as built: only the install rules run.
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$src" O="$build" \
		SAN= STATIC= DESTDIR="$root" PREFIX="$prefix" "$@" \
		>"$tmp/make.log" 2>&1 || {
		tail -n 20 "$tmp/make.log" >&2
		die "make $* failed"
	}
}

rzmake install-compat
dir=$root$prefix/lib/ringzero/compat
(cd "$root" && find . -type f | sort) >"$tmp/installed"
printf '%s\n' ./usr/local/lib/ringzero/compat/liburing-ffi.so.2 \
	./usr/local/lib/ringzero/compat/liburing.so.2 >"$tmp/want"
if ! cmp -s "$tmp/want" "$tmp/installed"; then
	fail "make install-compat installed other files than the two drop-ins:"
	diff "$tmp/want" "$tmp/installed" | sed 's/^/    /' >&2
fi
cmp -s "$dir/liburing.so.2" "$compat_dir/liburing.so.2" ||
	fail "the installed liburing.so.2 is not the one built"

both version qemu-img --version
compat_dir=$dir compat_lib_real=$(readlink -f "$dir/liburing.so.2")
run_on ringzero installed qemu-img --version
cmp -s "$tmp/version.debian.out" "$tmp/installed.ringzero.out" ||
	fail "qemu-img --version prints otherwise on the installed copy"
echo "qemu-img runs on $prefix/lib/ringzero/compat/liburing.so.2 (DESTDIR)"

rzmake uninstall-compat
left=$(cd "$root" && find . -type f)
[ -z "$left" ] || fail "make uninstall-compat left: $left"
finish
