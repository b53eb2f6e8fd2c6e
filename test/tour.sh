#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: the tour's code listings are the example files, verbatim
#
# docs/tour.md quotes examples/*.c through include markers (see
# scripts/tour-sync.sh). This test fails when a listing differs from the
# lines it quotes, when an example carries a region marker no document
# uses, when an example is missing from the tour, or when the tour links
# to a file of the repository that does not exist.

src=${RZ_SRC:?RZ_SRC is not set (run through test/run.sh)}
tour=$src/docs/tour.md
if [ ! -f "$tour" ] || [ ! -x "$src/scripts/tour-sync.sh" ]; then
	# The VM guest carries test scripts and binaries, not the sources.
	echo "no docs/tour.md or scripts/tour-sync.sh under $src (a tree without sources)"
	exit 77
fi

failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

"$src/scripts/tour-sync.sh" --check "$src"/docs/*.md ||
	fail "listings out of date: run scripts/tour-sync.sh and commit"

# Region markers: each begin has its end, and some document includes it.
for f in "$src"/examples/*.c; do
	[ -f "$f" ] || continue
	rel=examples/$(basename "$f")
	for region in $(sed -n 's/.*@tour-begin \([A-Za-z0-9_-]*\).*/\1/p' "$f"); do
		grep -q "@tour-end $region\b" "$f" ||
			fail "$rel: region '$region' has no @tour-end"
		grep -qF -- "<!-- include: $rel region=$region -->" "$src"/docs/*.md ||
			fail "$rel: region '$region' is marked but no document includes it"
	done
	for region in $(sed -n 's/.*@tour-end \([A-Za-z0-9_-]*\).*/\1/p' "$f"); do
		grep -q "@tour-begin $region\b" "$f" ||
			fail "$rel: region '$region' ends but never begins"
	done
	# Every example belongs to a chapter.
	grep -qF -- "($rel)" "$tour" || grep -qF -- "(../$rel)" "$tour" ||
		fail "$rel is not part of docs/tour.md"
done

# Links into the repository ("](../path)") name files that exist.
for link in $(grep -o '](\.\./[^)#]*' "$tour" | sed 's/^](\.\.\///' | sort -u); do
	[ -e "$src/$link" ] || fail "docs/tour.md links to $link, which does not exist"
done

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "tour: listings match their sources"
