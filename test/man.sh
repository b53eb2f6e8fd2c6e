#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: every man page renders without warnings, and every command and addition to liburing's API has one
#
# For each page in man/: `man -l --warnings` at 80 columns prints no
# warning, the .TH line names the page as its file does and carries the
# release `ringzero --version` reports. Then coverage, both ways:
#   - each subcommand in `ringzero --help` has man/ringzero-CMD.1, listed in
#     ringzero(1), and each man/ringzero-*.1 belongs to a real subcommand;
#   - each function ringzero adds beyond liburing's interface (exported in
#     src/ringzero.map, or declared or defined in the public headers; the
#     list of liburing's names is test/liburing-api.txt) has man/NAME.3,
#     and ringzero(7) mentions it. Names starting with "_" are internal.

src=${RZ_SRC:?RZ_SRC is not set (run through test/run.sh)}
rz=${RINGZERO:?RINGZERO is not set (run through test/run.sh)}
if [ ! -d "$src/man" ] || [ ! -f "$src/src/ringzero.map" ]; then
	# The VM guest carries test scripts and binaries, not the sources.
	echo "no man/ or src/ringzero.map under $src (a tree without sources)"
	exit 77
fi
if ! command -v man >/dev/null 2>&1 || ! command -v groff >/dev/null 2>&1; then
	echo "FAIL: man or groff missing: install man-db and groff-base (make deps)" >&2
	exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/rz-man.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

version=$("$rz" --version | head -n 1 | sed 's/.* //')
[ -n "$version" ] || fail "cannot tell the version from '$rz --version'"

# Rendering and the .TH line.
pages=0
for page in "$src"/man/*.[1-8]; do
	[ -f "$page" ] || continue
	pages=$((pages + 1))
	file=$(basename "$page")
	name=${file%.*}
	section=${file##*.}
	LC_ALL=C.UTF-8 MANWIDTH=80 MANPAGER=cat PAGER=cat man -l --warnings "$page" \
		>"$work/out" 2>"$work/err"
	[ -s "$work/err" ] && fail "man/$file: warnings: $(cat "$work/err")"
	grep -q '^NAME' "$work/out" || fail "man/$file: renders no NAME section"
	title=$(sed -n 's/^\.TH  *\([^ ]*\)  *\([^ ]*\) .*/\1 \2/p' "$page" | sed 's/\\-/-/g')
	want=$(echo "$name" | tr 'a-z' 'A-Z')
	[ "$title" = "$want $section" ] ||
		fail "man/$file: .TH says '$title', expected '$want $section'"
	grep -q "^\.TH .*\"ringzero $version\"" "$page" ||
		fail "man/$file: .TH does not carry \"ringzero $version\""
	# The NAME line starts with the page's own name.
	sed -n '/^\.SH NAME/{n;p;}' "$page" | sed 's/\\-/-/g' | grep -q "^$name[ ,]" ||
		fail "man/$file: the NAME section does not start with $name"
done
[ "$pages" -gt 0 ] || fail "no pages in man/"

# Subcommands and their section 1 pages.
"$rz" --help >"$work/help"
commands=$(sed -n '/^Commands:/,/^$/{/^  *[a-z]/s/^  *\([a-z][a-z0-9-]*\).*/\1/p;}' "$work/help")
[ -n "$commands" ] || fail "ringzero --help lists no commands"
[ -f "$src/man/ringzero.1" ] || fail "man/ringzero.1 is missing"
# render PAGE: the page as text, one long line per paragraph (for grep).
render() {
	LC_ALL=C.UTF-8 MANWIDTH=1000 MANPAGER=cat PAGER=cat man -l "$1" 2>/dev/null
}
render "$src/man/ringzero.1" >"$work/ringzero.1.txt"
render "$src/man/ringzero.7" >"$work/ringzero.7.txt"
for c in $commands; do
	[ -f "$src/man/ringzero-$c.1" ] ||
		fail "subcommand '$c' has no man/ringzero-$c.1"
	grep -qF "ringzero-$c(1)" "$work/ringzero.1.txt" ||
		fail "man/ringzero.1 does not refer to ringzero-$c(1)"
done
for page in "$src"/man/ringzero-*.1; do
	[ -f "$page" ] || continue
	c=$(basename "$page" .1)
	c=${c#ringzero-}
	echo " $commands " | tr '\n' ' ' | grep -q " $c " ||
		fail "man/ringzero-$c.1 documents '$c', which ringzero --help does not list"
done

# Functions beyond liburing's interface.
# The functions and function-like macros of liburing's list.
awk '$1 == "exported" || $1 == "inline" || $1 == "macro" { print $2 }' \
	"$src/test/liburing-api.txt" | sort -u >"$work/liburing"
{
	# Exported from the shared library.
	sed -n 's/^[[:space:]]*\([A-Za-z_][A-Za-z0-9_]*\);.*/\1/p' "$src/src/ringzero.map"
	for h in "$src"/include/*.h "$src"/include/*/*.h; do
		[ -f "$h" ] || continue
		# Declarations and definitions: "type name(" at the start of a
		# line, or "name(" alone after a return type on the line above.
		sed -n -e 's/^[A-Za-z_][^#(]*[ *]\([a-z_][a-z0-9_]*\)(.*/\1/p' \
			-e 's/^\([a-z][a-z0-9_]*\)(.*/\1/p' "$h"
		# Function-like macros with lower-case names.
		sed -n 's/^#[[:space:]]*define[[:space:]]\{1,\}\([a-z][a-z0-9_]*\)(.*/\1/p' "$h"
	done
} | grep -v '^_' | grep -v -x -e sizeof -e offsetof | sort -u >"$work/ours"
comm -23 "$work/ours" "$work/liburing" >"$work/additions"
for f in $(cat "$work/additions"); do
	[ -f "$src/man/$f.3" ] || fail "$f is not in liburing's API and has no man/$f.3"
	grep -qF "$f(3)" "$work/ringzero.7.txt" ||
		fail "man/ringzero.7 does not list the addition $f(3)"
done
# And no section 3 page for something that does not exist.
for page in "$src"/man/*.3; do
	[ -f "$page" ] || continue
	f=$(basename "$page" .3)
	grep -qx "$f" "$work/ours" || fail "man/$f.3 documents $f, which the library does not have"
done

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "man: $pages pages render cleanly; additions to liburing's API:" $(cat "$work/additions")
