#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: the shared library's interface: libringzero.so.VERSION has
# the soname libringzero.so.MAJOR, the two symlinks lead to it, it exports
# exactly the symbols src/ringzero.map lists, and every public function of
# the library (io_uring_*, __io_uring_*, ringzero_*) is in the map, so
# none is missing from the .so while present in the .a. (test/install.sh
# checks the installed copy and builds programs against it.)

build=${RZ_BUILD:?RZ_BUILD is not set (run through test/run.sh)}
src=${RZ_SRC:?RZ_SRC is not set (run through test/run.sh)}
map=$src/src/ringzero.map
if [ ! -f "$map" ]; then
	echo "no src/ringzero.map under $src (a tree without sources)"
	exit 77
fi
set -- "$build"/libringzero.so.*.*.*
if [ ! -f "$1" ]; then
	echo "no libringzero.so in $build (a STATIC=1 build has none)"
	exit 77
fi
for tool in nm readelf; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "FAIL: $tool is missing (binutils; make deps installs it)" >&2
		exit 1
	}
done

so=$1
real=${so##*/}
version=${real#libringzero.so.}
major=${version%%.*}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rz-exports.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

soname=$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libringzero.so.$major" ] ||
	fail "$real: soname '$soname', expected libringzero.so.$major"
[ "$(readlink "$build/libringzero.so.$major")" = "$real" ] ||
	fail "libringzero.so.$major does not link to $real"
[ "$(readlink "$build/libringzero.so")" = "libringzero.so.$major" ] ||
	fail "libringzero.so does not link to libringzero.so.$major"

# The map's global names, one per line.
sed -n '/global:/,/local:/p' "$map" |
	sed -e '/global:/d' -e '/local:/d' -e 's/[[:space:]]//g' -e 's/;$//' |
	grep -v '^$' | sort >"$tmp/map"
# What the .so exports (the version node itself is an absolute symbol).
nm -D --defined-only "$so" | awk '$2 != "A" { print $3 }' |
	sed 's/@.*//' | sort >"$tmp/exported"
if ! cmp -s "$tmp/map" "$tmp/exported"; then
	fail "exports of $real differ from src/ringzero.map (< map, > exported):"
	diff "$tmp/map" "$tmp/exported" | grep '^[<>]' | sed 's/^/    /' >&2
fi

# Public functions of the static library that the map leaves out.
nm -g --defined-only "$build/libringzero.a" |
	awk 'NF == 3 && $2 == "T" { print $3 }' |
	grep -E '^(io_uring_|__io_uring_|ringzero_)' | sort -u >"$tmp/public"
comm -23 "$tmp/public" "$tmp/map" >"$tmp/unlisted"
if [ -s "$tmp/unlisted" ]; then
	fail "public functions missing from src/ringzero.map:"
	sed 's/^/    /' "$tmp/unlisted" >&2
fi

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "exports: $real (soname libringzero.so.$major) exports the" \
	"$(wc -l <"$tmp/map") symbols of src/ringzero.map"
