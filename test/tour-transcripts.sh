#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: scripts/tour-transcripts.sh passes a transcript its command
# still prints, fails one that drifted, and masks only what it is told to
#
# Small documents made up here, each with one kind of transcript: an exact
# one, one with "..." for lines left out, one whose numbers vary (mask),
# one that no longer matches, one for another kernel, a malformed marker.
# Checks the exit status the tour test relies on, and the diff it prints.

src=${RZ_SRC:?RZ_SRC is not set (run through test/run.sh)}
script=$src/scripts/tour-transcripts.sh
if [ ! -x "$script" ]; then
	echo "no scripts/tour-transcripts.sh under $src (a tree without sources)"
	exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/rz-tour-transcripts.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
# The script's scratch directories go under the build directory.
RZ_BUILD=$work
export RZ_BUILD

failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# doc NAME: a document from standard input, in the scratch directory.
doc() {
	cat >"$work/$1.md"
}

# expect RC NAME [TEXT]: the script exits RC on NAME.md, and its output
# holds TEXT.
expect() {
	"$script" "$work/$2.md" >"$work/out" 2>&1
	rc=$?
	[ "$rc" -eq "$1" ] || {
		fail "$2: exit $rc, expected $1:"
		sed 's/^/    /' "$work/out" >&2
	}
	if [ -n "${3:-}" ] && ! grep -qF -- "$3" "$work/out"; then
		fail "$2: no '$3' in:"
		sed 's/^/    /' "$work/out" >&2
	fi
}

doc exact <<'END'
<!-- transcript -->
```
$ printf 'one\ntwo\n' >tour-test
$ cat tour-test
one
two
$ cat no-such-file 2>&1 | sed 's/^.*: //'
No such file or directory
```
END
expect 0 exact "every transcript matches"

doc elided <<'END'
<!-- transcript -->
```
$ seq 10
1
...
  ...
10
```
END
expect 0 elided

doc masked <<'END'
<!-- transcript mask=count,time -->
```
$ echo "took 1.5ms for 12.3k items"
took 99us for 7 items
```
END
expect 0 masked

doc varies <<'END'
<!-- transcript vary=late -->
```
$ printf 'late 3\non time 0\n'
late 5
on time 0
```
END
expect 0 varies

doc drifted <<'END'
<!-- transcript -->
```
$ seq 3
1
2
4
```
END
expect 1 drifted "+3"

doc unmasked <<'END'
<!-- transcript mask=fd -->
```
$ echo "took 2 ms"
took 3 ms
```
END
expect 1 unmasked "the commands print something else now"

doc toolong <<'END'
<!-- transcript -->
```
$ seq 3
1
2
```
END
expect 1 toolong

doc other-kernel <<'END'
<!-- transcript kernel=0.0 -->
```
$ echo this would not match
something else
```
END
expect 0 other-kernel "not compared"

doc no-block <<'END'
<!-- transcript -->
no block here
END
expect 2 no-block "a transcript marker without a block"

doc bad-option <<'END'
<!-- transcript colour=blue -->
```
$ true
```
END
expect 2 bad-option "unknown option"

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "tour-transcripts: passes, fails and masks as it should"
