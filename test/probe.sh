#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: `ringzero probe` on a working io_uring: exit 0, every
# section present, one row per opcode with name, first kernel and support,
# SQPOLL accepted, register opcodes counted; --json is well-formed (checked
# with python3 where there is one) and says the same; bad usage exits 2.
# POSIX sh: it runs under busybox in the VM guest too.

rz=${RINGZERO:?RINGZERO is not set (run through test/run.sh)}
work=$(mktemp -d "${TMPDIR:-/tmp}/rz-probe.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}
has() {
	grep -q -- "$2" "$1" || fail "no line matching '$2' in $(basename "$1"):
$(sed 's/^/    /' "$1" | head -n 20)"
}

"$rz" probe >"$work/out" 2>"$work/err"
rc=$?
[ "$rc" -eq 0 ] || fail "probe exited $rc: $(cat "$work/err")"
[ -s "$work/err" ] && fail "probe wrote to standard error: $(cat "$work/err")"
has "$work/out" '^kernel: .*Linux [0-9]'
has "$work/out" '^io_uring:    works$'
has "$work/out" '^native ZERO: '
has "$work/out" '^features ([0-9]* of the [0-9]* ringzero knows):$'
has "$work/out" '^  NODROP  *5\.5  *yes$'
has "$work/out" '^    0 NOP  *5\.1  *yes$'
has "$work/out" '^   22 READ  *5\.6  *yes$'
has "$work/out" '^  SQPOLL  *5\.1  *accepted'
has "$work/out" '^  SQ_AFF .*tried with SQPOLL'
has "$work/out" '^register opcodes '
has "$work/out" '^    8 REGISTER_PROBE  *5\.6  *yes$'

# One row per opcode, as many as the header line says the kernel knows
# (or ringzero, whichever is more).
known=$(sed -n 's/^opcodes ([0-9]* supported; the kernel knows \([0-9]*\), ringzero \([0-9]*\)):$/\1 \2/p' "$work/out")
[ -n "$known" ] || fail "no opcodes header line"
set -- $known
want=$1
[ "$2" -gt "$want" ] && want=$2
rows=$(sed -n '/^opcodes (/,/^$/p' "$work/out" | grep -c '^  *[0-9][0-9]* [A-Z_?]')
[ "$rows" -eq "$want" ] || fail "$rows opcode rows, expected $want"

"$rz" probe --json >"$work/json" 2>"$work/err"
rc=$?
[ "$rc" -eq 0 ] || fail "probe --json exited $rc: $(cat "$work/err")"
has "$work/json" '"works": true'
has "$work/json" '{"op": 0, "name": "NOP", "since": "5.1", "supported": true}'
[ "$(head -c 1 "$work/json")" = "{" ] || fail "JSON does not start with {"
[ "$(tail -n 1 "$work/json")" = "}" ] || fail "JSON does not end with }"
if command -v python3 >/dev/null 2>&1; then
	python3 - "$work/json" <<'PY' || fail "probe --json: python3 rejects it"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["io_uring"]["works"] is True
ops = d["opcodes"]
assert len(ops) >= 63 and all(o["op"] == i for i, o in enumerate(ops))
assert all(set(o) == {"op", "name", "since", "supported"} for o in ops)
flags = {f["name"]: f for f in d["setup_flags"]}
assert flags["SQPOLL"]["accepted"] is True, flags["SQPOLL"]
assert d["register_opcodes"]["known"] >= 13
assert d["register_opcodes"]["method"] in ("query", "version")
assert d["native_zero"]["present"] in (True, False)
PY
fi

"$rz" probe --bogus >"$work/out" 2>"$work/err"
rc=$?
[ "$rc" -eq 2 ] || fail "probe --bogus exited $rc, expected 2"
grep -q -- "--bogus" "$work/err" || fail "probe --bogus: message does not name the option"
"$rz" probe extra >"$work/out" 2>"$work/err"
rc=$?
[ "$rc" -eq 2 ] || fail "probe extra exited $rc, expected 2"
"$rz" probe --help >"$work/out" 2>&1 || fail "probe --help exited non-zero"
has "$work/out" '^Usage: ringzero probe'

[ "$failures" -eq 0 ] || exit 1
echo "probe: report and JSON complete ($want opcodes)"
