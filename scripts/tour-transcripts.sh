#!/bin/sh
# SPDX-License-Identifier: MIT
# tour-transcripts.sh [DOC...] - run the commands of every transcript in
# the tour and compare what they print now with what the tour shows.
#
# A transcript is a marker line followed by a fenced block in which the
# lines starting with "$ " are commands and the lines after each are what
# it printed (standard output and standard error together):
#
#   <!-- transcript [kernel=6.18] [mask=NAME,...] [port=N] -->
#   ```
#   $ build/examples/timeouts
#   timer, 10 ms: res -62 (Timer expired)
#   ...
#   ```
#
# The transcripts of one document run in order, in one scratch directory
# of its own (a chapter does not depend on files another one made)
# that holds links to the top of the tree (build/ is RZ_BUILD when set),
# so they can use the files earlier ones made, and commands read as they
# would at the top of the tree. A line "..." in the block stands for any
# number of lines (indented or not). Options:
#   kernel=V   compare only on Linux V (uname -r starts with "V."); on
#              other kernels the transcript is reported and not compared:
#              it shows what one kernel laid out or supports;
#   mask=NAMES parts of each line that legitimately vary, replaced by a
#              placeholder on both sides before comparing:
#              fd (ring fd numbers), pid (iou-*-PID thread names),
#              port (TCP ports), time (durations), count (every number,
#              with its k, M or G, and the spaces that align columns),
#              kernel (the kernel's release string), system (ringzero
#              probe's line of sysctls, capabilities and limits),
#              bound (ringzero bench net's last column, which side of
#              the run was the bottleneck, and the note on a ratio of
#              client-bound rows: they depend on the load);
#   vary=P,... on lines that start with P, every number is masked: a
#              count that depends on the machine or on timing;
#   quick=A,.. arguments (comma-separated) added to each command when it
#              is run here: a long measurement made short; use it with
#              mask=count, as only the numbers may differ;
#   port=N     N in the commands stands for the port a server printed
#              ("port M"); each command runs with M in its place;
#   needs=CMD  the commands need CMD installed (make deps installs it).
# A command ending in "&" runs in the background; the next one starts once
# it has printed something (at most 10 s later). Each transcript may run
# 60 s at most.
#
# Exit 0 when every transcript matches, 1 (with a diff) when one does not,
# 2 on a malformed marker. Run by test/tour.sh; `make tour-transcripts`.
set -u

repo=$(cd "$(dirname "$0")/.." && pwd)
build=${RZ_BUILD:-$repo/build}
if [ $# -eq 0 ]; then
	set -- "$repo"/docs/tour/*.md
fi
# The scratch directory is in the build directory: on the filesystem the
# reader's commands would use (tmpfs, often /tmp, cannot zero ranges).
tmp=$(mktemp -d "$build/tour-transcripts.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0
kernel=$(uname -r)

# mask NAMES: a sed program for the masks named (comma-separated).
mask() {
	# printf, not echo: dash's echo would turn "\1" into a control byte.
	printf '%s\n' 's/[[:space:]]*$//'
	for m in $(echo "$1" | tr ',' ' '); do
		case " $MASKS " in
		*" $m "*) ;;
		*) echo "tour-transcripts: unknown mask '$m'" >&2; return 1 ;;
		esac
	done
	# In this order whatever order the marker names them in: a duration
	# is masked whole before its number would be.
	for m in $MASKS; do
		case ",$1," in *",$m,"*) ;; *) continue ;; esac
		case $m in
		fd) printf '%s\n' 's/fd [0-9][0-9]*/fd N/g' ;;
		pid) printf '%s\n' 's/(iou-[a-z]+-)[0-9]+/\1PID/g' ;;
		port) printf '%s\n' 's/port [0-9]+/port PORT/g; s/127\.0\.0\.1 [0-9]+/127.0.0.1 PORT/g' ;;
		kernel) printf '%s\n' 's/^(kernel: +)[^ ]+/\1KERNEL/' ;;
		system) printf '%s\n' 's/^(system: +).*/\1SYSTEM/' ;;
		time) printf '%s\n' 's/[0-9]+(\.[0-9]+)? ?(ns|us|ms|s)\b/TIME/g' ;;
		count) printf '%s\n' 's/[0-9]+(\.[0-9]+)?[kMG]?/N/g; s/  +/ /g' ;;
		bound) printf '%s\n' 's/ (server|client|neither)$/ BOUND/; s/ \[client-bound: not a server comparison\]$//' ;;
		esac
	done
}
MASKS="fd pid port kernel system time count bound"

# matches WANT GOT: GOT has WANT's lines in order, a line "..." (maybe
# indented) standing for any number of lines.
matches() {
	awk -v got="$2" '
	function elision(l) { return l ~ /^[ \t]*\.\.\.$/ }
	# Do expected lines i.. match actual lines j..? An elision tries
	# every place the rest could start, so a later match is found too.
	function m(i, j,    k) {
		if (i > ne)
			return j > na
		if (elision(e[i])) {
			for (k = j; k <= na + 1; k++)
				if (m(i + 1, k))
					return 1
			return 0
		}
		if (j > na || a[j] != e[i])
			return 0
		return m(i + 1, j + 1)
	}
	BEGIN { while ((getline l < got) > 0) a[++na] = l }
	{ e[++ne] = $0 }
	END { exit !m(1, 1) }' "$1"
}

# vary PREFIXES: a sed program masking the numbers on lines with a prefix.
vary() {
	for p in $(echo "$1" | tr ',' ' '); do
		printf '/^%s/{s/[0-9]+(\\.[0-9]+)?/N/g; s/  +/ /g;}\n' "$p"
	done
}

# script BLOCK PORT QUICK: the shell program that replays BLOCK's commands.
script() {
	awk -v port="$2" -v quick="$3" '
	function quote(s) { gsub(/\047/, "\047\\\047\047", s); return "\047" s "\047" }
	/^\$ / {
		cmd = substr($0, 3)
		printf "printf \047%%s\\n\047 %s\n", quote("$ " cmd)
		run = cmd
		if (quick != "")
			run = run " " quick
		if (port != "")
			gsub(port, "${RZ_PORT:-" port "}", run)
		bg = run ~ /&[ \t]*$/
		print run
		if (bg) {
			# Wait for its first words, then learn its port.
			print "n=0; s=$(wc -c <\"$OUT\")"
			print "while [ \"$(wc -c <\"$OUT\")\" = \"$s\" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done"
			if (port != "")
				print "RZ_PORT=$(sed -n \"s/.* port \\([0-9][0-9]*\\).*/\\1/p\" \"$OUT\" | tail -n 1)"
		}
	}
	END { print "wait" }' "$1"
}

for doc in "$@"; do
	name=${doc#"$repo"/}
	work=$tmp/work
	rm -rf "$work" "$tmp"/t.*
	mkdir "$work"
	for f in "$repo"/* "$repo"/.[!.]*; do
		[ -e "$f" ] || continue
		case ${f##*/} in build|.git) continue ;; esac
		ln -s "$f" "$work/${f##*/}"
	done
	ln -s "$build" "$work/build"
	# Cut the document into t.N.opts, t.N.block and t.N.line.
	awk -v dir="$tmp" '
	/^<!-- transcript( .*)? -->$/ {
		n++; opts = $0
		sub(/^<!-- transcript ?/, "", opts); sub(/ ?-->$/, "", opts)
		print opts > (dir "/t." n ".opts"); close(dir "/t." n ".opts")
		print FNR > (dir "/t." n ".line"); close(dir "/t." n ".line")
		state = 1; next
	}
	state == 1 && /^```/ { state = 2; printf "" > (dir "/t." n ".block"); next }
	state == 1 { printf "%s:%d: a transcript marker without a block\n", FILENAME, FNR > "/dev/stderr"; exit 2 }
	state == 2 && /^```/ { state = 0; close(dir "/t." n ".block"); next }
	state == 2 { print > (dir "/t." n ".block") }
	' "$doc" || exit 2
	n=1
	while [ -f "$tmp/t.$n.opts" ]; do
		t=$tmp/t.$n
		n=$((n + 1))
		where="$name:$(cat "$t.line")"
		only='' masks='' port='' needs='' varies='' quick=''
		for o in $(cat "$t.opts"); do
			case $o in
			kernel=*) only=${o#kernel=} ;;
			mask=*) masks=${o#mask=} ;;
			port=*) port=${o#port=} ;;
			needs=*) needs=${o#needs=} ;;
			vary=*) varies=${o#vary=} ;;
			quick=*) quick=$(echo "${o#quick=}" | tr ',' ' ') ;;
			*) echo "tour-transcripts: $where: unknown option '$o'" >&2; exit 2 ;;
			esac
		done
		if [ -n "$needs" ] && ! command -v "$needs" >/dev/null 2>&1; then
			echo "tour-transcripts: $where: needs $needs, which is not installed (make deps)" >&2
			status=1
			continue
		fi
		script "$t.block" "$port" "$quick" >"$t.sh"
		(cd "$work" && OUT=$t.out timeout 60 sh "$t.sh" >"$t.out" 2>&1)
		case $only in
		'') ;;
		*)	case $kernel in
			"$only".*) ;;
			*) echo "tour-transcripts: $where: shows Linux $only, this is $kernel: not compared"
			   continue ;;
			esac ;;
		esac
		sed_prog=$(mask "$masks") || exit 2
		sed_prog="$sed_prog
$(vary "$varies")"
		sed -E "$sed_prog" "$t.block" >"$t.want"
		sed -E "$sed_prog" "$t.out" >"$t.got"
		if ! matches "$t.want" "$t.got"; then
			echo "tour-transcripts: $where: the commands print something else now:" >&2
			diff -u "$t.want" "$t.got" | sed 's/^/    /' >&2
			status=1
		fi
	done
done
[ "$status" -eq 0 ] && echo "tour-transcripts: every transcript matches"
exit "$status"
