#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: the interface of ringzero's liburing.so.2 and
# liburing-ffi.so.2: their sonames; every function they export carries the
# version node compat/nodes.txt gives it and nothing else is exported; they
# export exactly the table's functions that ringzero has; the nodes form
# liburing's chain; every name@node Debian's liburing.so.2 exports is
# exported by ours too; the map generator refuses a function without a
# node, naming it; and liburing-ffi.so.2's functions work when called
# through dlsym() like a foreign-language binding calls them.

name=compat-exports
. "$(dirname "$0")/compat.inc"
compat_init
for tool in readelf nm cc; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "$tool is missing (make deps installs binutils and gcc)"
done
table=$src/compat/nodes.txt
map=$src/src/ringzero.map
[ -f "$table" ] || skip "no compat/nodes.txt under $src (a tree without sources)"

# exports LIB: "name@@LIBURING_2.x" for each function LIB defines.
exports() {
	readelf --dyn-syms -W "$1" |
		awk '$7 != "UND" && $4 == "FUNC" { print $8 }' | LC_ALL=C sort
}

# expected COLUMN NAMES_FILE: the table's name@@node for NAMES_FILE's names.
expected() {
	awk -v col="$1" 'NR == FNR { want[$1] = 1; next }
		/^#/ || NF != 3 { next }
		($1 in want) && $col != "-" { print $1 "@@LIBURING_" $col }' \
		"$2" "$table" | LC_ALL=C sort
}

awk '/global:/ { on = 1; next } /local:/ { on = 0 }
     on && /;/ { gsub(/[ \t;]/, ""); print }' "$map" >"$tmp/map-names"
nm -g --defined-only "$compat_dir/ffi.o" | awk '$2 == "T" { print $3 }' \
	>"$tmp/ffi-names"
cat "$tmp/map-names" >>"$tmp/ffi-names"

check_lib() {
	lib=$1 soname=$2 col=$3 names=$4
	so=$compat_dir/$lib
	got=$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
	[ "$got" = "$soname" ] || fail "$lib: soname '$got', expected $soname"
	exports "$so" >"$tmp/$lib.got"
	expected "$col" "$names" >"$tmp/$lib.want"
	if ! cmp -s "$tmp/$lib.want" "$tmp/$lib.got"; then
		fail "$lib exports other functions or nodes than compat/nodes.txt (< table, > exported):"
		diff "$tmp/$lib.want" "$tmp/$lib.got" | grep '^[<>]' |
			head -n 20 | sed 's/^/    /' >&2
	fi
	# Version definitions: 2.first .. 2.last, each one's parent the one
	# before (readelf -V prints "Parent 1: NODE" under each).
	readelf -V -W "$so" | awk '
		/Rev: .* Name: LIBURING_/ { n = $NF; sub(/LIBURING_2\./, "", n); nodes[++count] = n + 0 }
		/Parent 1: LIBURING_/ { p = $NF; sub(/LIBURING_2\./, "", p); parent[count] = p + 0 }
		END {
			for (i = 2; i <= count; i++)
				if (nodes[i] != nodes[i - 1] + 1 || parent[i] != nodes[i - 1])
					{ print "LIBURING_2." nodes[i]; exit 1 }
			if (count < 2) { print "(none)"; exit 1 }
		}' >"$tmp/$lib.chain" ||
		fail "$lib: version nodes are not a chain at $(cat "$tmp/$lib.chain")"
	echo "$lib: $(wc -l <"$tmp/$lib.got") functions, each in its liburing node"
}
check_lib liburing.so.2 liburing.so.2 2 "$tmp/map-names"
check_lib liburing-ffi.so.2 liburing-ffi.so.2 3 "$tmp/ffi-names"
grep -q '@@LIBURING_2.0$' "$tmp/liburing.so.2.got" ||
	fail "liburing.so.2 has nothing in LIBURING_2.0"

# What Debian's liburing.so.2 exports, ours exports with the same node:
# every program linked against it finds each symbol it needs.
exports "$debian_lib" >"$tmp/debian"
LC_ALL=C comm -23 "$tmp/debian" "$tmp/liburing.so.2.got" >"$tmp/lost"
if [ -s "$tmp/lost" ]; then
	fail "Debian's liburing.so.2 exports these, ringzero's does not:"
	sed 's/^/    /' "$tmp/lost" >&2
fi
echo "all $(wc -l <"$tmp/debian") functions of Debian's $(readlink -f "$debian_lib" | sed 's|.*/||') are there, in the same nodes"

# The generator stops at a function without a node, and names it.
cp "$map" "$tmp/new.map"
sed -i 's/^\([[:space:]]*\)global:$/&\n\1\tio_uring_not_in_any_table;/' "$tmp/new.map"
if "$src/scripts/compat-map.sh" so "$table" "$tmp/new.map" \
		>/dev/null 2>"$tmp/gen.err"; then
	fail "compat-map.sh accepted a function without a node"
fi
grep -q 'io_uring_not_in_any_table has no row' "$tmp/gen.err" ||
	fail "compat-map.sh did not name the function without a node: $(cat "$tmp/gen.err")"

# liburing-ffi.so.2 called as a binding would: through dlsym, no header.
cat >"$tmp/ffi.c" <<'EOF'
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* struct io_uring as a binding sees it: 216 bytes, 8-byte aligned. */
struct ring { unsigned long long opaque[27]; };
struct cqe { unsigned long long user_data; int res; unsigned flags; };

int main(int argc, char **argv)
{
	void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
	int (*init)(unsigned, struct ring *, unsigned);
	void *(*get_sqe)(struct ring *);
	void (*prep_nop)(void *);
	void (*set_data64)(void *, unsigned long long);
	int (*submit)(struct ring *);
	int (*wait_cqe)(struct ring *, struct cqe **);
	void (*seen)(struct ring *, struct cqe *);
	void (*exit_ring)(struct ring *);
	struct ring ring;
	struct cqe *cqe;
	void *sqe;
	int ret;

	if (argc != 2 || !h) {
		fprintf(stderr, "dlopen: %s\n", dlerror());
		return 1;
	}
	*(void **)&init = dlsym(h, "io_uring_queue_init");
	*(void **)&get_sqe = dlsym(h, "io_uring_get_sqe");
	*(void **)&prep_nop = dlsym(h, "io_uring_prep_nop");
	*(void **)&set_data64 = dlsym(h, "io_uring_sqe_set_data64");
	*(void **)&submit = dlsym(h, "io_uring_submit");
	*(void **)&wait_cqe = dlsym(h, "io_uring_wait_cqe");
	*(void **)&seen = dlsym(h, "io_uring_cqe_seen");
	*(void **)&exit_ring = dlsym(h, "io_uring_queue_exit");
	if (!init || !get_sqe || !prep_nop || !set_data64 || !submit ||
	    !wait_cqe || !seen || !exit_ring) {
		fprintf(stderr, "dlsym: a function is missing\n");
		return 1;
	}
	ret = init(4, &ring, 0);
	if (ret < 0) {
		fprintf(stderr, "io_uring_queue_init: %s\n", strerror(-ret));
		return 1;
	}
	sqe = get_sqe(&ring);
	prep_nop(sqe);
	set_data64(sqe, 0x1234567890abcdefULL);
	ret = submit(&ring);
	if (ret != 1 || wait_cqe(&ring, &cqe) || cqe->res != 0 ||
	    cqe->user_data != 0x1234567890abcdefULL) {
		fprintf(stderr, "nop through the ffi library: submit %d\n", ret);
		return 1;
	}
	seen(&ring, cqe);
	exit_ring(&ring);
	printf("a NOP went round through liburing-ffi.so.2's functions\n");
	return 0;
}
EOF
cc -Wall -Werror -o "$tmp/ffi" "$tmp/ffi.c" -ldl || die "cannot build the dlsym program"
"$tmp/ffi" "$compat_dir/liburing-ffi.so.2" || fail "calling liburing-ffi.so.2 through dlsym failed"
finish
