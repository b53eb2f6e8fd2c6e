#!/bin/sh
# SPDX-License-Identifier: MIT
# tour-sync.sh [--check] [DOC...] - keep the code listings in the docs
# identical to the example files they quote.
#
# A listing in a Markdown document is a marker line followed by a caption
# and a fenced block:
#
#   <!-- include: examples/cat.c region=batch -->
#   *[examples/cat.c](../../examples/cat.c), lines 52-80*
#   ```c
#   ...the lines...
#   ```
#
# What is quoted:
#   (nothing)       the whole file;
#   region=NAME     the lines between a line containing "@tour-begin NAME"
#                   and one containing "@tour-end NAME"; lines carrying any
#                   @tour- marker are left out of every listing;
#   file=PATH       in a patch (git format-patch), the part that changes
#                   PATH: from its "diff --git" line up to the next one;
#   file=PATH hunk=N  only the N-th "@@" hunk of that part;
#   function=NAME   in C source, the definition of function NAME, from the
#                   comment block right above it (if any) to its closing
#                   brace in column 0: library code can be quoted without
#                   markers in it;
#   struct=NAME     likewise the definition of struct NAME ("struct NAME {"
#                   at the start of a line up to "};" in column 0).
# Paths in markers are relative to the repository root; the caption's
# link is relative to the document's folder.
#
# Default: rewrite each DOC (default docs/*.md docs/tour/*.md) in place, regenerating the
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
	set -- "$repo"/docs/*.md "$repo"/docs/tour/*.md
fi

# up DOC: the relative path from DOC's folder to the repository root.
up() {
	rel=${1#"$repo"/}
	dots=
	while case $rel in */*) true ;; *) false ;; esac; do
		rel=${rel#*/}
		dots=../$dots
	done
	echo "$dots"
}

# render DOC: print DOC with every listing regenerated from its source.
render() {
	awk -v repo="$repo" -v doc="$1" -v up="$(up "$1")" '
	function die(msg) {
		printf "tour-sync: %s:%d: %s\n", doc, FNR, msg > "/dev/stderr"
		failed = 1
		exit 2
	}
	# Does this source line belong to the listing? Tracks where we are
	# in the file; sets "stop" once the listing is complete.
	function wanted(line,    m) {
		if (region != "") {
			if (line ~ ("@tour-begin " region "([^A-Za-z0-9_-]|$)")) {
				inside = 1; found = 1; return 0
			}
			if (inside && line ~ ("@tour-end " region "([^A-Za-z0-9_-]|$)")) {
				inside = 0; stop = 1; return 0
			}
			return inside && line !~ /@tour-(begin|end) /
		}
		if (pfile != "") {
			if (line ~ /^diff --git / || line == "-- ") {
				if (infile) { stop = 1; return 0 }
				if (line == "diff --git a/" pfile " b/" pfile) {
					infile = 1; found = (hunk == 0)
					inside = (hunk == 0)
					return inside
				}
				return 0
			}
			if (!infile)
				return 0
			if (hunk && line ~ /^@@ /) {
				nhunk++
				if (inside) { stop = 1; return 0 }
				if (nhunk == hunk) { inside = 1; found = 1 }
			}
			return inside
		}
		return line !~ /@tour-(begin|end) /
	}
	# Find function fn (or, with is_struct, struct fn) in the n lines of
	# src[]: sets fn_first and fn_last, or leaves fn_first at 0.
	function find_function(n,    i, d, e, s) {
		d = 0; fn_first = 0
		for (i = 1; i <= n && !d; i++) {
			if (is_struct) {
				if (src[i] ~ ("^struct " fn " \\{"))
					d = i
			} else if ((src[i] ~ ("^[A-Za-z_].*[ *]" fn "\\(") ||
				    src[i] ~ ("^" fn "\\(")) &&
				   src[i] !~ /;[ \t]*$/)
				d = i
		}
		if (!d)
			return
		for (e = d; e <= n && src[e] !~ /^}/; e++)
			;
		if (e > n)
			return
		s = d
		if (src[d] ~ ("^" fn "\\(") && s > 1)
			s--			# the return type, a line above
		if (s > 1 && src[s - 1] ~ /\*\/[ \t]*$/) {
			for (i = s - 1; i >= 1 && src[i] !~ /^\/\*/; i--)
				;
			if (i >= 1)
				s = i
		}
		fn_first = s; fn_last = e
	}
	# Print the caption and fenced block for path, as selected.
	function listing(path,    file, line, n, first, last, out, lang, what,
			 i) {
		file = repo "/" path
		if ((getline line < file) < 0)
			die("cannot read " path)
		close(file)
		n = 0; first = 0; last = 0; out = ""
		inside = 0; found = (region == "" && pfile == "" && fn == "")
		stop = 0; infile = 0; nhunk = 0
		if (fn != "") {
			while ((getline line < file) > 0)
				src[++n] = line
			close(file)
			find_function(n)
			if (fn_first) {
				found = 1
				first = fn_first; last = fn_last
				for (i = first; i <= last; i++)
					out = out src[i] "\n"
			}
		}
		while (fn == "" && !stop && (getline line < file) > 0) {
			n++
			if (!wanted(line))
				continue
			if (!first)
				first = n
			last = n
			out = out line "\n"
		}
		close(file)
		what = region != "" ? "region \"" region "\"" : \
		       pfile != "" ? "part for " pfile \
				   (hunk ? ", hunk " hunk : "") : \
		       fn != "" ? (is_struct ? "struct " : "function ") fn : \
				  "the file"
		if (!found)
			die("no " what " in " path)
		if (region != "" && inside)
			die(what " in " path " has no @tour-end")
		if (first == 0)
			die(what " in " path " is empty")
		lang = path ~ /\.[ch]$/ ? "c" : path ~ /\.sh$/ ? "sh" : \
		       path ~ /\.(patch|diff)$/ ? "diff" : ""
		printf "*[%s](%s%s), lines %d-%d*\n", path, up, path, first, last
		printf "```%s\n%s```\n", lang, out
	}
	state == 1 && /^\*\[/ { next }			# old caption
	state == 1 && /^```/ { state = 2; next }	# old block starts
	state == 1 { state = 0 }			# there was none
	state == 2 { if ($0 ~ /^```[ \t]*$/) state = 0; next }
	/^<!-- include: / {
		print
		path = $3; region = ""; pfile = ""; hunk = 0; fn = ""
		is_struct = 0
		if ($NF != "-->")
			die("bad include marker: " $0)
		for (i = 4; i < NF; i++) {
			if ($i ~ /^region=./) region = substr($i, 8)
			else if ($i ~ /^file=./) pfile = substr($i, 6)
			else if ($i ~ /^hunk=[1-9][0-9]*$/) hunk = substr($i, 6) + 0
			else if ($i ~ /^function=[A-Za-z_][A-Za-z0-9_]*$/)
				fn = substr($i, 10)
			else if ($i ~ /^struct=[A-Za-z_][A-Za-z0-9_]*$/) {
				fn = substr($i, 8); is_struct = 1
			}
			else die("bad include marker: " $0)
		}
		if ((region != "") + (pfile != "") + (fn != "") > 1 ||
		    (hunk && pfile == ""))
			die("bad include marker: " $0)
		listing(path)
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
