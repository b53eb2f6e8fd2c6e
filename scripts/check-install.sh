#!/bin/sh
# SPDX-License-Identifier: MIT
# check-install.sh DESTDIR PREFIX VERSION - check what `make install
# DESTDIR=... PREFIX=...` put there, as a packager and a user would: every
# public header; libringzero.a; libringzero.so.VERSION with soname
# libringzero.so.MAJOR and the two symlinks; exported symbols exactly those
# listed in src/ringzero.map, which lists every public function of the
# library; a ringzero.pc that pkg-config reads; the
# ringzero command; and a program (examples/hello-writev.c) that builds from
# the installed files alone, against the shared and the static library, and
# runs. Run from the source tree by `make install-check` (part of make check).

set -eu
dest=${1:?usage: check-install.sh DESTDIR PREFIX VERSION}
prefix=${2:?usage: check-install.sh DESTDIR PREFIX VERSION}
version=${3:?usage: check-install.sh DESTDIR PREFIX VERSION}
major=${version%%.*}
root=$dest$prefix
lib=$root/lib
so=libringzero.so
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rz-install-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "install-check: FAIL: $*" >&2
	exit 1
}

# Headers: the same set as the source tree's include/.
for h in include/ringzero.h include/ringzero/*.h; do
	cmp -s "$h" "$root/$h" || fail "$root/$h missing or differs from $h"
done

# Libraries, soname, symlinks.
[ -f "$lib/libringzero.a" ] || fail "$lib/libringzero.a missing"
ar t "$lib/libringzero.a" | grep -q '\.o$' || fail "libringzero.a holds no objects"
if [ ! -f "$lib/$so.$version" ] || [ -L "$lib/$so.$version" ]; then
	fail "$lib/$so.$version missing, or not a plain file"
fi
[ "$(readlink "$lib/$so.$major")" = "$so.$version" ] ||
	fail "$so.$major does not link to $so.$version"
[ "$(readlink -f "$lib/$so")" = "$(readlink -f "$lib/$so.$version")" ] ||
	fail "$so does not lead to $so.$version"
soname=$(readelf -d "$lib/$so.$version" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "$so.$major" ] || fail "soname is '$soname', expected $so.$major"

# Exported symbols == the version script's global list.
sed -n '/global:/,/local:/p' src/ringzero.map |
	sed -e '/global:/d' -e '/local:/d' -e 's/[[:space:]]//g' -e 's/;$//' |
	grep -v '^$' | sort >"$tmp/map"
nm -D --defined-only "$lib/$so.$version" | awk '$2 != "A" { print $3 }' |
	sed 's/@.*//' | sort >"$tmp/exported"
if ! cmp -s "$tmp/map" "$tmp/exported"; then
	diff "$tmp/map" "$tmp/exported" | sed 's/^/    /' >&2
	fail "exported symbols differ from src/ringzero.map (< map, > exported)"
fi

# Every global function of the library with a public name (io_uring_*,
# __io_uring_*, ringzero_*) is in the map: one left out would be missing
# from the shared library only, and only its users would notice.
nm -g --defined-only "$lib/libringzero.a" |
	awk 'NF == 3 && $2 == "T" { print $3 }' |
	grep -E '^(io_uring_|__io_uring_|ringzero_)' | sort -u >"$tmp/public"
comm -23 "$tmp/public" "$tmp/map" >"$tmp/unlisted"
if [ -s "$tmp/unlisted" ]; then
	fail "public functions missing from src/ringzero.map:" \
		"$(tr '\n' ' ' <"$tmp/unlisted")"
fi

# pkg-config, as a user of the installed tree sees it.
pc=$lib/pkgconfig/ringzero.pc
[ -f "$pc" ] || fail "$pc missing"
export PKG_CONFIG_PATH="$lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest"
[ "$(pkg-config --modversion ringzero)" = "$version" ] ||
	fail "pkg-config --modversion ringzero is not $version"
cflags=$(pkg-config --cflags ringzero)
libs=$(pkg-config --libs ringzero)
case "$cflags $libs" in
*"-I$root/include"*"-L$lib"*"-lringzero"*) ;;
*) fail "pkg-config gives '$cflags $libs'" ;;
esac

# The command.
"$root/bin/ringzero" --version >/dev/null || fail "$root/bin/ringzero --version failed"

# A program built from the installed files only, shared and static.
cc=${CC:-cc}
# shellcheck disable=SC2086 # pkg-config output is a list of flags
"$cc" -Wall -Werror $cflags -o "$tmp/hello-shared" examples/hello-writev.c \
	$libs || fail "hello-writev does not build against the installed $so"
# shellcheck disable=SC2086
"$cc" -Wall -Werror $cflags -o "$tmp/hello-static" examples/hello-writev.c \
	"$lib/libringzero.a" || fail "hello-writev does not build against libringzero.a"
readelf -d "$tmp/hello-shared" | grep -q "NEEDED.*\[$so.$major\]" ||
	fail "the shared build does not depend on $so.$major"
LD_LIBRARY_PATH=$lib "$tmp/hello-shared" "$tmp/out-shared" ||
	fail "the shared build failed to run"
"$tmp/hello-static" "$tmp/out-static" || fail "the static build failed to run"
for f in "$tmp/out-shared" "$tmp/out-static"; do
	[ "$(cat "$f")" = "Hello world" ] || fail "$f holds '$(cat "$f")'"
done
echo "install-check: $prefix under $dest: headers, $so.$version" \
	"(soname $so.$major), libringzero.a, ringzero.pc, exports match the map"
