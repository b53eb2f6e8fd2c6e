#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: a program that calls a liburing function ringzero does not
# have fails cleanly on ringzero's liburing.so.2, with the loader naming
# the function and its version node, never by calling something else. The
# function is a gap of compat/nodes.txt (liburing exports it, ringzero does
# not) and must be listed in docs/api-coverage.md. Debian's liburing 2.3
# has no such function (ringzero has all of 2.3's), so the program is linked
# against a stand-in liburing.so.2 built here that exports the gap under
# its liburing node, as a newer liburing would. Linked with -z now it fails
# at load; linked lazily it runs until its first call of the function;
# LD_BIND_NOW=1 moves that failure to load time as well.

name=compat-missing-symbol
. "$(dirname "$0")/compat.inc"
compat_init
command -v cc >/dev/null 2>&1 || die "no C compiler (make deps installs gcc)"
table=$src/compat/nodes.txt
[ -f "$table" ] || skip "no compat/nodes.txt under $src (a tree without sources)"

# The gaps: liburing.so exports them, ringzero's map does not.
awk '/global:/ { on = 1; next } /local:/ { on = 0 }
     on && /;/ { gsub(/[ \t;]/, ""); print }' "$src/src/ringzero.map" >"$tmp/have"
gaps=$(awk 'NR == FNR { have[$1] = 1; next }
	/^#/ || NF != 3 || $2 == "-" { next }
	!($1 in have) { print $1 " " $2 }' "$tmp/have" "$table")
if [ -z "$gaps" ]; then
	# ringzero has every function of liburing.so today, so the loader's
	# behaviour is shown with a function a future liburing would add
	# (under the newest node), which no table lists.
	echo "no gaps: ringzero's liburing.so.2 has every function of liburing's;"
	echo "using a future liburing's function instead"
	gaps="io_uring_from_a_future_liburing 2.15"
fi
[ "$gaps" = "io_uring_from_a_future_liburing 2.15" ] ||
echo "$gaps" | while read -r fn node; do
	grep -q "^| \`$fn\` |.*| no |\|^| \`$fn\` | [^|]*Linux" \
		"$src/docs/api-coverage.md" ||
		echo "$fn" >>"$tmp/undocumented"
done
[ -s "$tmp/undocumented" ] &&
	fail "gaps missing from docs/api-coverage.md: $(cat "$tmp/undocumented")"

fn=$(echo "$gaps" | head -n 1 | cut -d' ' -f1)
node=LIBURING_$(echo "$gaps" | head -n 1 | cut -d' ' -f2)

# The stand-in: the gap (and io_uring_queue_init, which ringzero has)
# under liburing's nodes.
mkdir -p "$tmp/standin"
cat >"$tmp/standin.c" <<EOF
int io_uring_queue_init(void) { return -1; }
int $fn(void) { return -1; }
EOF
cat >"$tmp/standin.map" <<EOF
LIBURING_2.0 { global: io_uring_queue_init; local: *; };
$node { global: $fn; } LIBURING_2.0;
EOF
cc -shared -fPIC -Wl,-soname,liburing.so.2 \
	-Wl,--version-script="$tmp/standin.map" -o "$tmp/standin/liburing.so.2" \
	"$tmp/standin.c" || die "cannot build the stand-in liburing.so.2"

# The program: proves it started, then calls the gap.
cat >"$tmp/prog.c" <<EOF
#include <stdio.h>
int $fn(void);
int main(void)
{
	printf("started\n");
	fflush(stdout);
	return $fn() == 0;
}
EOF
cc -o "$tmp/now" "$tmp/prog.c" -Wl,-z,now -L"$tmp/standin" -l:liburing.so.2 &&
cc -o "$tmp/lazy" "$tmp/prog.c" -Wl,-z,lazy -L"$tmp/standin" -l:liburing.so.2 ||
	die "cannot link the program against the stand-in"

# expect LABEL STARTED(yes|no) COMMAND...: fails, names fn and node.
expect() {
	label=$1 started=$2
	shift 2
	"$@" >"$tmp/$label.out" 2>"$tmp/$label.err"
	rc=$?
	[ "$rc" -ne 0 ] || fail "$label: exited 0 on a library without $fn"
	grep -q "undefined symbol: $fn, version $node" "$tmp/$label.err" ||
		fail "$label: the loader's message does not name $fn, version $node: $(cat "$tmp/$label.err")"
	if [ "$started" = yes ]; then
		grep -qx started "$tmp/$label.out" || fail "$label: main() never ran"
	else
		[ -s "$tmp/$label.out" ] && fail "$label: main() ran before the loader refused"
	fi
	echo "$label: exit $rc, $(head -n 1 "$tmp/$label.err")"
}
expect bind-now no env LD_LIBRARY_PATH="$compat_dir" "$tmp/now"
expect lazy yes env LD_LIBRARY_PATH="$compat_dir" "$tmp/lazy"
expect lazy-bind-now no env LD_LIBRARY_PATH="$compat_dir" LD_BIND_NOW=1 "$tmp/lazy"
finish
