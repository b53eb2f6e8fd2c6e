#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: Debian's plocate, unchanged, on ringzero's liburing.so.2.
# updatedb.plocate indexes a generated tree; a copy of /usr/bin/plocate
# without its setgid bit (the loader ignores LD_LIBRARY_PATH for setgid
# programs) then answers queries on Debian's liburing and on ringzero's.
# Each answer must be exactly the paths `find` says match, and the same,
# with the same exit status, on both libraries; the loader's trace must
# show the library under test was the one mapped, and that plocate called
# into it for its io_uring reads (io_uring_submit_and_wait, and
# __io_uring_get_cqe behind liburing 2.3's inline io_uring_wait_cqe).

name=compat-plocate
. "$(dirname "$0")/compat.inc"
compat_init plocate

command -v updatedb.plocate >/dev/null 2>&1 ||
	PATH=$PATH:/usr/sbin:/sbin
# A non-setgid copy: a setgid program runs with AT_SECURE, and the loader
# then ignores LD_LIBRARY_PATH (docs/compat.md says what else to do).
cp /usr/bin/plocate "$tmp/plocate" && chmod 755 "$tmp/plocate" ||
	die "cannot copy /usr/bin/plocate"

# The tree: 3 levels of folders, 1200 files, and needles in a few places,
# some with upper case, a space and a UTF-8 name.
tree=$tmp/tree
i=0
while [ $i -lt 12 ]; do
	j=0
	while [ $j -lt 10 ]; do
		d=$tree/d$i/e$j
		mkdir -p "$d" || die "mkdir $d"
		k=0
		while [ $k -lt 10 ]; do
			: >"$d/f-$i$j$k.dat"
			k=$((k + 1))
		done
		j=$((j + 1))
	done
	i=$((i + 1))
done
: >"$tree/d3/e1/needle-alpha.txt"
: >"$tree/d7/needle-alpha.log"
: >"$tree/d9/e9/Needle-Beta.txt"
mkdir -p "$tree/with space/NEEDLES" || die "mkdir"
: >"$tree/with space/needle gamma.txt"
: >"$tree/with space/NEEDLES/naïve-needle.txt"
: >"$tree/d0/e0/haystack-only.txt"

updatedb.plocate -U "$tree" -o "$tmp/db" -l no -b 8 --prunepaths= \
	--prunenames= --prunefs= || die "updatedb.plocate failed"

# query LABEL EXPECTED_FILE PLOCATE_ARGS...: both libraries, then the
# sorted answer against what find said.
query() {
	label=$1 expected=$2
	shift 2
	both "$label" "$tmp/plocate" -d "$tmp/db" "$@"
	sort "$tmp/$label.ringzero.out" >"$tmp/$label.sorted"
	if ! cmp -s "$expected" "$tmp/$label.sorted"; then
		fail "$label: plocate $* answered other paths than find:"
		diff "$expected" "$tmp/$label.sorted" | head -n 20 |
			sed 's/^/    /' >&2
	fi
	echo "plocate $*: $(wc -l <"$tmp/$label.sorted") paths, the same on both libraries"
}

find "$tree" | LC_ALL=C grep -F needle | sort >"$tmp/want-needle"
query needle "$tmp/want-needle" needle
find "$tree" | LC_ALL=C grep -iF needle | sort >"$tmp/want-icase"
query icase "$tmp/want-icase" -i NEEDLE
find "$tree" | grep -F needle | grep -F alpha | sort >"$tmp/want-and"
query and "$tmp/want-and" needle alpha
find "$tree" | grep -E '/f-1[0-9]*7\.dat$' | sort >"$tmp/want-regex"
query regex "$tmp/want-regex" -b --regex '^f-1[0-9]*7\.dat$'
find "$tree" | grep -F '.dat' | sort >"$tmp/want-dat"
query dat "$tmp/want-dat" .dat
[ "$(wc -l <"$tmp/want-dat")" = 1200 ] ||
	fail "the generated tree has $(wc -l <"$tmp/want-dat") .dat files, expected 1200"
: >"$tmp/want-none"
query none "$tmp/want-none" no-such-name-anywhere
[ "$(cat "$tmp/none.ringzero.rc")" = 1 ] ||
	fail "a query without a match exited $(cat "$tmp/none.ringzero.rc"), expected 1"
echo "$(wc -l <"$tmp/want-needle")" >"$tmp/want-count"
both count "$tmp/plocate" -d "$tmp/db" -c needle
cmp -s "$tmp/want-count" "$tmp/count.ringzero.out" ||
	fail "plocate -c needle printed '$(cat "$tmp/count.ringzero.out")', expected $(cat "$tmp/want-count")"

# plocate's reads went through ringzero's io_uring.
for sym in io_uring_queue_init io_uring_submit_and_wait __io_uring_get_cqe; do
	grep -q "to $compat_dir/liburing.so.2 .*\`$sym'" "$tmp"/dat.ringzero.trace.* ||
		fail "plocate did not call $sym in ringzero's liburing.so.2 (LD_DEBUG=bindings)"
done
finish
