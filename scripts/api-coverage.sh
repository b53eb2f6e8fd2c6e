#!/bin/sh
# SPDX-License-Identifier: MIT
# api-coverage.sh [BUILD_DIR] - check docs/api-coverage.md against what
# libringzero declares and exports, so the document cannot drift:
#   - every "yes" row is declared or defined at the top level of a header
#     in include/ (a prototype, a static inline, or a function-like macro);
#   - every exported "yes" row is in src/ringzero.map (and, given a build
#     directory with libringzero.so, really exported by it);
#   - every "no" row is absent from the headers and names the kernel that
#     adds the feature ("Linux X.Y");
#   - every symbol in src/ringzero.map has a "yes" row;
#   - the liburing table names exactly the functions listed in
#     test/liburing-api.txt (what test/man.sh takes as liburing's API).
# Prints one line per problem and exits 1 if there is any.
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
doc=$src/docs/api-coverage.md
map=$src/src/ringzero.map
api_list=$src/test/liburing-api.txt
build=${1:-}
headers=$(ls "$src"/include/ringzero.h "$src"/include/ringzero/*.h)
problems=0 total=0 provided=0 gaps=0

problem() {
	echo "api-coverage: $*" >&2
	problems=$((problems + 1))
}

# A top-level declaration or definition: the line starts the declaration
# (calls inside bodies and comment lines are indented).
declared() {
	grep -Eq "^([A-Za-z_][^;]*[ *])?$1\(|^#define $1\(" $headers
}

in_map() {
	grep -Eq "^[[:space:]]+$1;" "$map"
}

exported_names=""
if [ -n "$build" ] && [ -e "$build/libringzero.so" ] &&
   command -v nm >/dev/null 2>&1; then
	exported_names=$(nm -D --defined-only "$build/libringzero.so" |
			 awk '{ sub(/@.*/, "", $3); print $3 }')
fi

# name|kind|ringzero|note for the rows of the two function tables.
rows=$(awk -F'|' '
	/^## / { section = $0 }
	section ~ /liburing functions|ringzero additions/ && /^\| `/ {
		name = $2; gsub(/[ `]/, "", name)
		kind = $3; gsub(/ /, "", kind)
		have = $4; gsub(/ /, "", have)
		print name "|" kind "|" have "|" $5
	}' "$doc")

documented=$(mktemp "${TMPDIR:-/tmp}/rz-apicov.XXXXXX")
trap 'rm -f "$documented" "$documented.doc" "$documented.list"' EXIT

while IFS='|' read -r name kind have note; do
	[ -n "$name" ] || continue
	total=$((total + 1))
	case $kind in
	exported|inline|macro) ;;
	*) problem "$name: unknown kind '$kind'" ;;
	esac
	case $have in
	yes)
		provided=$((provided + 1))
		echo "$name" >>"$documented"
		declared "$name" ||
			problem "$name: documented as provided, not declared in include/"
		if [ "$kind" = exported ]; then
			in_map "$name" ||
				problem "$name: exported by liburing, missing from src/ringzero.map"
			if [ -n "$exported_names" ] &&
			   ! echo "$exported_names" | grep -qx "$name"; then
				problem "$name: not exported by $build/libringzero.so"
			fi
		fi
		;;
	no)
		gaps=$((gaps + 1))
		declared "$name" &&
			problem "$name: documented as missing, but declared in include/"
		echo "$note" | grep -Eq 'Linux [0-9]+\.[0-9]+' ||
			problem "$name: a gap must name the kernel that adds it"
		;;
	*)
		problem "$name: ringzero column must be yes or no, not '$have'"
		;;
	esac
done <<ROWS
$rows
ROWS

# Every exported symbol is documented as provided.
for sym in $(awk '/global:/ { on = 1; next } /local:/ { on = 0 }
		  on && /;/ { gsub(/[ \t;]/, ""); print }' "$map"); do
	grep -qx "$sym" "$documented" ||
		problem "$sym: exported in src/ringzero.map but not in docs/api-coverage.md"
done

# The liburing table and test/liburing-api.txt list the same names.
awk -F'|' '/^## / { section = $0 }
	section ~ /liburing functions/ && /^\| `/ {
		name = $2; gsub(/[ `]/, "", name); print name
	}' "$doc" | LC_ALL=C sort >"$documented.doc"
grep -v '^#' "$api_list" | grep . | LC_ALL=C sort >"$documented.list"
for name in $(LC_ALL=C comm -23 "$documented.list" "$documented.doc"); do
	problem "$name: in test/liburing-api.txt but not in the liburing table"
done
for name in $(LC_ALL=C comm -13 "$documented.list" "$documented.doc"); do
	problem "$name: in the liburing table but not in test/liburing-api.txt"
done

[ "$total" -gt 0 ] || problem "no rows found in $doc"
if [ "$problems" -ne 0 ]; then
	echo "api-coverage: $problems problem(s) in docs/api-coverage.md" >&2
	exit 1
fi
echo "api-coverage: $total functions, $provided provided, $gaps kernel gaps: ok"
