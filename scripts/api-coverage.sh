#!/bin/sh
# SPDX-License-Identifier: MIT
# api-coverage.sh [BUILD_DIR] - check that ringzero's headers declare every
# name of liburing 2.15, and that docs/api-coverage.md says so truly.
#
# test/liburing-api.txt lists liburing 2.15's names: functions with their
# exact types, macros, constants, enums, structs and struct fields. Each
# becomes one line of a probe program that includes <ringzero.h> alone:
#   function   __typeof__(TYPE) p = NAME;   (the type must match, const too)
#   macro      an error unless NAME is #defined
#   constant   NAME is #defined, or sizeof(NAME) compiles (an enumerator)
#   enum       sizeof(enum NAME)
#   struct     sizeof(struct NAME), then offsetof(struct NAME, FIELD) per field
# The probe is compiled as C and as C++ with -Werror; each line the
# compiler rejects is a name ringzero lacks (or gets wrong). Then:
#   - every missing name is listed under "Gaps" in docs/api-coverage.md
#     with its reason, and every name listed there is really missing;
#   - the liburing function table names exactly the list's functions and
#     macros, "yes" where the probe found them and "no" where it did not;
#   - every exported "yes" row is in src/ringzero.map (and, given a build
#     directory with libringzero.so, really exported by it);
#   - every ringzero addition is declared in include/, and every symbol in
#     src/ringzero.map has a "yes" row.
# Prints one line per problem and exits 1 if there is any.
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
doc=$src/docs/api-coverage.md
map=$src/src/ringzero.map
api_list=$src/test/liburing-api.txt
build=${1:-}
headers=$(ls "$src"/include/ringzero.h "$src"/include/ringzero/*.h)
CC=${CC:-cc}
CXX=${CXX:-c++}
problems=0

problem() {
	echo "api-coverage: $*" >&2
	problems=$((problems + 1))
}

work=$(mktemp -d "${TMPDIR:-/tmp}/rz-apicov.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- the probe -------------------------------------------------------------
# probe.c, and probe.keys: line number <TAB> the name that line checks.
awk -v keys="$work/probe.keys" '
function emit(text, key) {
	print text
	line++
	if (key != "")
		printf "%d\t%s\n", line, key > keys
}
BEGIN {
	emit("#include <stddef.h>", "")
	emit("#include <ringzero.h>", "")
	emit("int main(void)", "")
	emit("{", "")
}
/^#/ || NF == 0 { next }
{
	kind = $1; name = $2
	if (kind == "exported" || kind == "inline") {
		type = $0
		sub(/^[ \t]*[a-z]+[ \t]+[A-Za-z0-9_]+[ \t]+/, "", type)
		emit("\t{ __typeof__(" type ") rz_p = " name "; (void)rz_p; }", name)
	} else if (kind == "macro") {
		emit("#ifndef " name, "")
		emit("\trz_macro_not_defined_" name ";", name)
		emit("#endif", "")
	} else if (kind == "const") {
		emit("#ifndef " name, "")
		emit("\t(void)sizeof(" name ");", name)
		emit("#endif", "")
	} else if (kind == "enum") {
		emit("\t(void)sizeof(enum " name ");", "enum " name)
	} else if (kind == "struct") {
		emit("\t(void)sizeof(struct " name ");", "struct " name)
		for (i = 3; i <= NF; i++)
			emit("\t(void)offsetof(struct " name ", " $i ");", \
			     name "." $i)
	} else {
		printf "api-coverage: unknown kind \"%s\" in %s\n", kind, \
		       FILENAME > "/dev/stderr"
		bad = 1
	}
}
END {
	emit("\treturn 0;", "")
	emit("}", "")
	exit bad
}' "$api_list" >"$work/probe.c" || problem "test/liburing-api.txt has lines of an unknown kind"
entries=$(wc -l <"$work/probe.keys")

# compile LANG COMPILER FLAGS...: append the names whose probe lines the
# compiler rejects to $work/missing.
: >"$work/missing"
compile() {
	lang=$1 compiler=$2
	shift 2
	if ! command -v "$compiler" >/dev/null 2>&1; then
		problem "$compiler is missing: cannot probe as $lang (make deps installs gcc and g++)"
		return
	fi
	# Report every error, not the first few (gcc and clang spell it apart).
	if "$compiler" --version 2>/dev/null | grep -q clang; then
		all_errors=-ferror-limit=0
	else
		all_errors=-fmax-errors=0
	fi
	if "$compiler" -x "$lang" "$@" -Wall -Werror "$all_errors" \
	   -I"$src/include" -c -o "$work/probe.o" "$work/probe.c" \
	   >"$work/$lang.log" 2>&1; then
		return
	fi
	# Errors on probe lines name what is missing; any other error
	# (in a header, say) is a problem of its own.
	sed -n 's/^[^:]*probe\.c:\([0-9][0-9]*\):[0-9]*: error: .*/\1/p' \
		"$work/$lang.log" | sort -un >"$work/$lang.lines"
	if [ ! -s "$work/$lang.lines" ]; then
		problem "the probe does not build as $lang, and not for a name:"
		sed 's/^/    /' "$work/$lang.log" | head -n 20 >&2
		return
	fi
	awk -F'\t' 'NR == FNR { key[$1] = $2; next }
		    { print ($1 in key) ? key[$1] : "probe line " $1 }' \
		"$work/probe.keys" "$work/$lang.lines" >>"$work/missing"
}
compile c "$CC" -std=gnu11
compile c++ "$CXX" -std=gnu++17
LC_ALL=C sort -u -o "$work/missing" "$work/missing"

# --- the gaps the document admits -------------------------------------------
# | name | reason | rows of the "Gaps" section.
awk -F'|' '/^## / { section = $0 }
	section ~ /^## Gaps/ && /^\| `/ {
		name = $2; gsub(/[ `]/, "", name)
		reason = $3; gsub(/^ +| +$/, "", reason)
		print name "\t" reason
	}' "$doc" >"$work/gaps"
cut -f1 "$work/gaps" | LC_ALL=C sort -u >"$work/gap-names"
while IFS='	' read -r name reason; do
	[ -n "$reason" ] || problem "$name: a gap must give its reason"
done <"$work/gaps"
for name in $(LC_ALL=C comm -23 "$work/missing" "$work/gap-names" | tr ' ' '#'); do
	name=$(echo "$name" | tr '#' ' ')
	problem "$name: liburing 2.15 declares it, ringzero's headers do not (or not alike), and docs/api-coverage.md lists no such gap"
done
for name in $(LC_ALL=C comm -13 "$work/missing" "$work/gap-names" | tr ' ' '#'); do
	name=$(echo "$name" | tr '#' ' ')
	problem "$name: listed as a gap in docs/api-coverage.md, but ringzero's headers have it"
done

# --- the function tables ------------------------------------------------------
in_map() {
	grep -Eq "^[[:space:]]+$1;" "$map"
}

# A top-level declaration or definition of a ringzero addition.
declared() {
	grep -Eq "^([A-Za-z_][^;]*[ *])?$1\(|^#define $1\(" $headers
}

exported_names=""
if [ -n "$build" ] && [ -e "$build/libringzero.so" ] &&
   command -v nm >/dev/null 2>&1; then
	exported_names=$(nm -D --defined-only "$build/libringzero.so" |
			 awk '{ sub(/@.*/, "", $3); print $3 }')
fi

# section|name|kind|ringzero for the rows of the two function tables.
awk -F'|' '
	/^## / { section = $0 }
	section ~ /liburing functions|ringzero additions/ && /^\| `/ {
		name = $2; gsub(/[ `]/, "", name)
		kind = $3; gsub(/ /, "", kind)
		have = $4; gsub(/ /, "", have)
		print (section ~ /additions/ ? "ours" : "liburing") "|" name \
		      "|" kind "|" have
	}' "$doc" >"$work/rows"

total=0 provided=0
: >"$work/documented"
while IFS='|' read -r section name kind have; do
	total=$((total + 1))
	case $kind in
	exported|inline|macro) ;;
	*) problem "$name: unknown kind '$kind'" ;;
	esac
	case $have in
	yes)
		provided=$((provided + 1))
		echo "$name" >>"$work/documented"
		if [ "$section" = liburing ]; then
			grep -qx "$name" "$work/missing" &&
				problem "$name: documented as provided, but the probe does not find it"
		else
			declared "$name" ||
				problem "$name: documented as provided, not declared in include/"
		fi
		if [ "$kind" = exported ]; then
			in_map "$name" ||
				problem "$name: exported, but missing from src/ringzero.map"
			if [ -n "$exported_names" ] &&
			   ! echo "$exported_names" | grep -qx "$name"; then
				problem "$name: not exported by $build/libringzero.so"
			fi
		fi
		;;
	no)
		[ "$section" = liburing ] ||
			problem "$name: a ringzero addition cannot be missing"
		grep -qx "$name" "$work/missing" ||
			problem "$name: documented as missing, but the probe finds it"
		;;
	*)
		problem "$name: ringzero column must be yes or no, not '$have'"
		;;
	esac
done <"$work/rows"

# Every exported symbol is documented as provided.
for sym in $(awk '/global:/ { on = 1; next } /local:/ { on = 0 }
		  on && /;/ { gsub(/[ \t;]/, ""); print }' "$map"); do
	grep -qx "$sym" "$work/documented" ||
		problem "$sym: exported in src/ringzero.map but not in docs/api-coverage.md"
done

# The liburing table lists exactly the list's functions and macros, each
# with the list's kind.
awk -F'|' '$1 == "liburing" { print $2 "|" $3 }' "$work/rows" |
	LC_ALL=C sort >"$work/table"
awk '$1 == "exported" || $1 == "inline" || $1 == "macro" { print $2 "|" $1 }' \
	"$api_list" | LC_ALL=C sort >"$work/listed"
for row in $(LC_ALL=C comm -23 "$work/listed" "$work/table"); do
	problem "${row%|*} (${row#*|}): in test/liburing-api.txt, not so in the liburing table"
done
for row in $(LC_ALL=C comm -13 "$work/listed" "$work/table"); do
	problem "${row%|*} (${row#*|}): in the liburing table, not so in test/liburing-api.txt"
done

[ "$total" -gt 0 ] || problem "no rows found in $doc"
[ "$entries" -gt 0 ] || problem "no names found in $api_list"
if [ "$problems" -ne 0 ]; then
	echo "api-coverage: $problems problem(s)" >&2
	exit 1
fi
echo "api-coverage: $entries liburing 2.15 names probed as C and C++," \
     "$(wc -l <"$work/missing") documented gaps; $total functions" \
     "documented, $provided provided: ok"
