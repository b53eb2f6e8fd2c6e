#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: the tour's listings are the example files, verbatim, and
# its transcripts are what its commands print
#
# The tour is docs/tour/, a chapter per file and a contents page
# (README.md). Its chapters quote examples/*.c through include markers
# (see scripts/tour-sync.sh) and show transcripts through transcript
# markers (see scripts/tour-transcripts.sh). This test fails when a
# listing differs from the lines it quotes, when a transcript differs
# from what its command prints now (minus what legitimately varies),
# when an example carries a region marker no document uses, when an
# example is missing from the tour, when the contents page misses a
# chapter, or when the tour links to a file or chapter that does not
# exist.

src=${RZ_SRC:?RZ_SRC is not set (run through test/run.sh)}
build=${RZ_BUILD:-$src/build}
tour=$src/docs/tour
if [ ! -f "$tour/README.md" ] || [ ! -x "$src/scripts/tour-sync.sh" ]; then
	# The VM guest carries test scripts and binaries, not the sources.
	echo "no docs/tour/ or scripts/tour-sync.sh under $src (a tree without sources)"
	exit 77
fi

failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

"$src/scripts/tour-sync.sh" --check "$src"/docs/*.md "$tour"/*.md ||
	fail "listings out of date: run scripts/tour-sync.sh and commit"

# Transcripts: run their commands again (they need the build). They show
# a plain build: a program built by hand against a sanitizer build's
# library would need the sanitizer's flags too. The host suite, which
# make check runs as well, compares them.
if grep -q __asan_init "$build/libringzero.a" 2>/dev/null; then
	echo "tour: $build is a sanitizer build; the transcripts are compared with the plain one"
elif [ -x "$build/ringzero" ] && [ -d "$build/examples" ]; then
	RZ_BUILD=$build "$src/scripts/tour-transcripts.sh" "$tour"/*.md ||
		fail "transcripts differ from what their commands print (see above)"
else
	fail "no ringzero command and examples in $build: build first (make)"
fi
# Every block that shows a command's output is a tested transcript: a
# "$ " line in a fenced block follows a transcript marker.
for doc in "$tour"/*.md; do
	awk -v name="docs/tour/${doc##*/}" '
	/^<!-- transcript( .*)? -->$/ { marked = 1; next }
	/^```/ { if (inside) { inside = 0 } else { inside = 1; fence = marked; what = $0 }
		 marked = 0; next }
	inside && !fence && what != "```sh" && /^\$ / {
		printf "%s:%d: a command transcript without a transcript marker\n", name, FNR
		bad = 1
	}
	{ if (!inside) marked = marked && /^$/ }
	END { exit bad }' "$doc" >&2 || fail "untested transcripts in docs/tour/${doc##*/}"
done

# Region markers: each begin has its end, and some document includes it.
for f in "$src"/examples/*.c; do
	[ -f "$f" ] || continue
	rel=examples/$(basename "$f")
	for region in $(sed -n 's/.*@tour-begin \([A-Za-z0-9_-]*\).*/\1/p' "$f"); do
		grep -q "@tour-end $region\b" "$f" ||
			fail "$rel: region '$region' has no @tour-end"
		grep -qF -- "<!-- include: $rel region=$region -->" \
			"$src"/docs/*.md "$tour"/*.md ||
			fail "$rel: region '$region' is marked but no document includes it"
	done
	for region in $(sed -n 's/.*@tour-end \([A-Za-z0-9_-]*\).*/\1/p' "$f"); do
		grep -q "@tour-begin $region\b" "$f" ||
			fail "$rel: region '$region' ends but never begins"
	done
	# Every example belongs to a chapter.
	grep -qF -- "(../../$rel)" "$tour"/[0-9]*.md ||
		fail "$rel is not part of any chapter in docs/tour/"
done

for doc in "$tour"/*.md; do
	name=docs/tour/$(basename "$doc")
	# Links into the repository ("](../../path)") name files that exist.
	for link in $(grep -o '](\.\./\.\./[^)#]*' "$doc" | sed 's/^](\.\.\/\.\.\///' | sort -u); do
		[ -e "$src/$link" ] || fail "$name links to $link, which does not exist"
	done
	# Links between chapters ("](NN-name.md)") name chapters that exist,
	# and their "#anchor", a heading there (as GitHub makes anchors).
	for link in $(grep -o '](\([A-Za-z0-9_-]*\)\.md\(#[a-z0-9_-]*\)\{0,1\}' "$doc" | sed 's/^](//' | sort -u); do
		file=${link%%#*}
		if [ ! -f "$tour/$file" ]; then
			fail "$name links to $file, which does not exist"
			continue
		fi
		case $link in *'#'*) ;; *) continue ;; esac
		sed -n 's/^#\{1,6\} //p' "$tour/$file" | tr 'A-Z' 'a-z' |
			sed 's/[^a-z0-9 _-]//g; s/ /-/g' | grep -qx -- "${link#*#}" ||
			fail "$name links to $link: no such heading in $file"
	done
done
# The contents page lists every chapter.
for doc in "$tour"/[0-9]*.md; do
	grep -qF -- "]($(basename "$doc"))" "$tour/README.md" ||
		fail "docs/tour/README.md does not list $(basename "$doc")"
done

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "tour: listings match their sources, transcripts what their commands print"
