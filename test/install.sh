#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: make install into a DESTDIR, then build and run a program against the installed copy through pkg-config
#
# What a user of the installed library does: `make install`, then
# `cc prog.c $(pkg-config --cflags --libs ringzero)`, shared and static,
# and run the result. The build happens in a scratch folder (O=...) from a
# plain configuration, whatever build this suite is testing, so that runs
# of the suite never share files. Also checks that the installed pkg-config
# file names the real prefix (not DESTDIR), that the man pages are where
# man finds them, and that `make uninstall` takes every file away again.

src=${RZ_SRC:?RZ_SRC is not set (run through test/run.sh)}
if [ ! -f "$src/Makefile" ] || [ ! -f "$src/ringzero.pc.in" ]; then
	# The VM guest carries test scripts and binaries, not the sources.
	echo "no Makefile under $src (a tree without sources)"
	exit 77
fi
for tool in make cc pkg-config; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "FAIL: $tool is missing (make deps installs it)" >&2
		exit 1
	}
done

work=$(mktemp -d "${TMPDIR:-/tmp}/rz-install.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
prefix=/usr/local
root=$work/root

failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# A make of our own: not the sanitizer or static settings of a make that
# may be running this suite (they reach us through MAKEFLAGS).
rzmake() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
		make -C "$src" -j2 O="$work/build" SAN= STATIC= \
		DESTDIR="$root" PREFIX="$prefix" "$@" >"$work/make.log" 2>&1
}

if ! rzmake install; then
	tail -n 30 "$work/make.log" >&2
	fail "make install failed"
	exit 1
fi

for f in bin/ringzero include/ringzero.h include/ringzero/io_uring.h \
	 lib/libringzero.a lib/libringzero.so lib/pkgconfig/ringzero.pc \
	 share/man/man1/ringzero.1 share/man/man7/ringzero.7; do
	[ -e "$root$prefix/$f" ] || fail "make install did not install $prefix/$f"
done

# pkg-config as a cross build would use it: the .pc file speaks of
# /usr/local, the sysroot maps that into DESTDIR.
PKG_CONFIG_PATH=$root$prefix/lib/pkgconfig
PKG_CONFIG_LIBDIR=$PKG_CONFIG_PATH
PKG_CONFIG_SYSROOT_DIR=$root
export PKG_CONFIG_PATH PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR
got=$(sed -n 's/^prefix=//p' "$PKG_CONFIG_PATH/ringzero.pc")
[ "$got" = "$prefix" ] || fail "ringzero.pc: prefix is '$got', expected $prefix"
got=$(pkg-config --modversion ringzero)
want=$("$root$prefix/bin/ringzero" --version | head -n 1 | sed 's/.* //')
[ "$got" = "$want" ] || fail "ringzero.pc: version $got, but ringzero --version says $want"
cflags=$(pkg-config --cflags ringzero) || fail "pkg-config --cflags ringzero failed"
libs=$(pkg-config --libs ringzero) || fail "pkg-config --libs ringzero failed"
case "$cflags $libs" in
*"$root$prefix/include"*"$root$prefix/lib"*) ;;
*) fail "pkg-config does not point into the install: '$cflags $libs'" ;;
esac

# The program: a NOP and a read through the ring, and the library's own
# idea of its version. Nothing in it comes from the source tree.
printf 'installed\n' >"$work/data"
cat >"$work/prog.c" <<'EOF'
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <ringzero.h>

int main(int argc, char **argv)
{
	struct io_uring ring;
	struct io_uring_cqe *cqe;
	char buf[64] = "";
	int fd, ret, i;

	if (argc != 2 || (fd = open(argv[1], O_RDONLY)) < 0)
		return 2;
	ret = io_uring_queue_init(4, &ring, 0);
	if (ret < 0) {
		fprintf(stderr, "io_uring_queue_init: %s\n", strerror(-ret));
		return 1;
	}
	io_uring_prep_nop(io_uring_get_sqe(&ring));
	io_uring_prep_read(io_uring_get_sqe(&ring), fd, buf, sizeof(buf) - 1, 0);
	ret = io_uring_submit_and_wait(&ring, 2);
	printf("submitted %d\n", ret);
	for (i = 0; i < 2; i++) {
		if (io_uring_wait_cqe(&ring, &cqe) < 0)
			return 1;
		printf("res %d\n", cqe->res);
		io_uring_cqe_seen(&ring, cqe);
	}
	printf("data %s", buf);
	printf("library %s, liburing API %d.%d\n", ringzero_version(),
	       io_uring_major_version(), io_uring_minor_version());
	io_uring_queue_exit(&ring);
	return 0;
}
EOF
{
	echo "submitted 2"
	echo "res 0"
	echo "res 10"
	echo "data installed"
	echo "library $want, liburing API $(sed -n 's/^#define IO_URING_VERSION_MAJOR[[:space:]]*//p' "$root$prefix/include/ringzero.h").$(sed -n 's/^#define IO_URING_VERSION_MINOR[[:space:]]*//p' "$root$prefix/include/ringzero.h")"
} >"$work/want"

# check_run WHAT PROGRAM [ENV...]: run it and compare with the expectation.
check_run() {
	what=$1 prog=$2
	shift 2
	if ! env "$@" "$prog" "$work/data" >"$work/got" 2>"$work/err"; then
		fail "$what: exited non-zero: $(cat "$work/err")"
		return
	fi
	cmp -s "$work/want" "$work/got" || {
		fail "$what: unexpected output"
		diff "$work/want" "$work/got" >&2
	}
}

# Shared: the dynamic linker must find the installed libringzero.so.0.
# shellcheck disable=SC2086 # pkg-config output is a list of words
if cc -Wall -Wextra -Werror -o "$work/prog-shared" "$work/prog.c" $cflags $libs \
	2>"$work/cc.log"; then
	check_run "shared build" "$work/prog-shared" LD_LIBRARY_PATH="$root$prefix/lib"
	LD_LIBRARY_PATH=$root$prefix/lib ldd "$work/prog-shared" >"$work/ldd" 2>&1
	grep -q "libringzero.so.0 => $root$prefix/lib/libringzero.so.0" "$work/ldd" ||
		fail "shared build does not load the installed library: $(grep ringzero "$work/ldd")"
else
	fail "shared build failed: $(cat "$work/cc.log")"
fi

# Static: everything linked in; it runs with no library path at all.
# shellcheck disable=SC2086
if cc -static -Wall -Wextra -Werror -o "$work/prog-static" "$work/prog.c" \
	$cflags $(pkg-config --static --libs ringzero) 2>"$work/cc.log"; then
	check_run "static build" "$work/prog-static" -u LD_LIBRARY_PATH
else
	fail "static build failed: $(cat "$work/cc.log")"
fi

# man finds the installed pages by name.
if command -v man >/dev/null 2>&1; then
	for page in "1 ringzero" "7 ringzero"; do
		# shellcheck disable=SC2086 # section and name
		man -M "$root$prefix/share/man" -w $page >/dev/null 2>&1 ||
			fail "man -M $prefix/share/man does not find ringzero($page)"
	done
fi

# Uninstall leaves no file behind.
if rzmake uninstall; then
	left=$(find "$root" -type f -o -type l)
	[ -z "$left" ] || fail "make uninstall left: $left"
else
	fail "make uninstall failed: $(tail -n 5 "$work/make.log")"
fi

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "install: shared and static programs built with pkg-config ran against the installed copy"
