#!/bin/sh
# SPDX-License-Identifier: MIT
# tour-sync.sh [--check] [DOC...] - keep the code listings in the docs
# identical to the example files they quote.
#
# A listing in a Markdown document is a marker line followed by a caption
# and a fenced block:
#
#   <!-- include: examples/cat.c region=batch -->
#   *[examples/cat.c](../examples/cat.c), lines 52-80*
#   ```c
#   ...the lines...
#   ```
#
# Without region=, the whole file is quoted. A region NAME is the lines
# between a line containing "@tour-begin NAME" and one containing
# "@tour-end NAME" in the source file; lines carrying any @tour- marker are
# left out of every listing. Paths are relative to the repository root.
#
# Default: rewrite each DOC (default docs/*.md) in place, regenerating the
# caption and block after every marker. --check: change nothing, print a
# diff and exit 1 if any listing differs from its source. Exit 2 on a
# marker that names a missing file or region.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
check=0
if [ "${1:-}" = --check ]; then
	check=1
	shift
fi
if [ $# -eq 0 ]; then
	set -- "$repo"/docs/*.md
fi

# render DOC: print DOC with every listing regenerated from its source.
render() {
	awk -v repo="$repo" -v doc="$1" '
	function die(msg) {
		printf "tour-sync: %s:%d: %s\n", doc, FNR, msg > "/dev/stderr"
		failed = 1
		exit 2
	}
	# Print the caption and fenced block for path (and region).
	function listing(path, region,    file, line, n, inside, found,
			 first, last, out, lang) {
		file = repo "/" path
		if ((getline line < file) < 0)
			die("cannot read " path)
		close(file)
		n = 0; inside = (region == ""); found = inside
		first = 0; last = 0; out = ""
		while ((getline line < file) > 0) {
			n++
			if (region != "" && index(line, "@tour-begin " region) &&
			    line ~ ("@tour-begin " region "([^A-Za-z0-9_-]|$)")) {
				inside = 1; found = 1; continue
			}
			if (region != "" && inside &&
			    line ~ ("@tour-end " region "([^A-Za-z0-9_-]|$)")) {
				inside = 0; break
			}
			if (!inside || line ~ /@tour-(begin|end) /)
				continue
			if (!first)
				first = n
			last = n
			out = out line "\n"
		}
		close(file)
		if (!found)
			die("no region \"" region "\" in " path)
		if (region != "" && inside)
			die("region \"" region "\" in " path " has no @tour-end")
		if (first == 0)
			die("region \"" region "\" in " path " is empty")
		lang = path ~ /\.[ch]$/ ? "c" : (path ~ /\.sh$/ ? "sh" : "")
		printf "*[%s](../%s), lines %d-%d*\n", path, path, first, last
		printf "```%s\n%s```\n", lang, out
	}
	state == 1 && /^\*\[/ { next }			# old caption
	state == 1 && /^```/ { state = 2; next }	# old block starts
	state == 1 { state = 0 }			# there was none
	state == 2 { if ($0 ~ /^```[ \t]*$/) state = 0; next }
	/^<!-- include: / {
		print
		path = $3; region = ""
		if ($4 ~ /^region=/) { region = substr($4, 8) }
		else if ($4 != "-->") die("bad include marker: " $0)
		listing(path, region)
		state = 1
		next
	}
	{ print }
	END {
		if (!failed && state == 2)
			die("unterminated code block after a marker")
	}
	' "$1"
}

status=0
for doc in "$@"; do
	tmp=$(mktemp "${TMPDIR:-/tmp}/rz-tour.XXXXXX")
	if ! render "$doc" >"$tmp"; then
		rm -f "$tmp"
		exit 2
	fi
	if cmp -s "$doc" "$tmp"; then
		rm -f "$tmp"
		continue
	fi
	if [ "$check" -eq 1 ]; then
		echo "tour-sync: listings in $doc differ from their sources" \
			"(run scripts/tour-sync.sh to update):" >&2
		diff -u "$doc" "$tmp" >&2 || true
		status=1
		rm -f "$tmp"
	else
		cat "$tmp" >"$doc"
		rm -f "$tmp"
		echo "tour-sync: updated $doc"
	fi
done
exit "$status"
