#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: every engine of every `ringzero bench` workload runs briefly and its answers are checked
#
# Each workload runs for a fraction of a second per engine; timings are not
# looked at, only that every engine produced a row and none FAILED (an error,
# or a wrong answer: bytes that are not the file's, an echo that differs, a
# bad NOP completion, a range that does not read back as zeroes). A row may be
# "skipped" (the kernel or file system lacks a feature) or "missing" (the
# liburing peer or fio is not installed); both say why and do not fail.
set -u
rz=${RINGZERO:-${RZ_BUILD:?}/ringzero}
out=$(mktemp "${TMPDIR:-/tmp}/rz-bench-smoke.XXXXXX")
trap 'rm -f "$out" "$out.svg"' EXIT INT TERM
failed=0

fail() {
	echo "FAIL: $*"
	failed=1
}

# check WORKLOAD [OPTION...]: run it, then look at every engine's row.
check() {
	workload=$1
	shift
	echo "== ringzero bench $workload $*"
	"$rz" bench "$workload" --rounds 1 --time 50ms "$@" >"$out" 2>&1
	rc=$?
	cat "$out"
	[ "$rc" -eq 0 ] || fail "$workload $*: exit status $rc"
	for engine in $("$rz" bench "$workload" --engines list |
			awk 'NR > 1 { print $1 }'); do
		case " $* " in
		*" --engines "*) grep -q "^$engine " "$out" || continue ;;
		esac
		grep -q "^$engine " "$out" ||
			fail "$workload $*: no row for engine $engine"
	done
	! grep -q "FAILED" "$out" || fail "$workload $*: an engine failed"
}

check file --size 8M --depth 8
check file --size 8M --depth 8 --direct
check net --conns 8
# messages bigger than one read: partial reads and writes on both sides
check net --conns 2 --size 200K
check nop --batch 1,16
check zero --size 8M --bs 1M --depth 4

echo "== the new modes, briefly"
# a sweep: every engine at every point, rows "engine depth=N"
check file --size 8M --depth 4,1,4 --time 20ms
grep -q "^uring depth=4 " "$out" || fail "file --depth 4,1,4: no row uring depth=4"
[ "$(grep -c "^uring depth=" "$out")" -eq 2 ] ||
	fail "file --depth 4,1,4: not one row per depth"
grep -n "^uring depth=" "$out" | head -n 1 | grep -q "depth=1 " ||
	fail "file --depth 4,1,4: depths not in increasing order"
check net --conns 1,4 --inflight 4 --time 20ms
grep -q "^epoll conns=4 " "$out" || fail "net --conns 1,4: no row epoll conns=4"
grep -q " server \| client \| neither" "$out" ||
	fail "net: no row says which side was the bottleneck"
check net --conns 3 --inflight 1
# fio's batching knobs, on our loops and fio's; every byte compared
check file --size 8M --depth 8 --batch-submit 2 --batch-complete-min 2 \
	--batch-complete-max 4 --engines uring,linux-aio,liburing,fio-io_uring
check file --size 8M --depth 4 --verify full --engines sync,uring
# a loop per CPU, where there are two
if [ "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)" -ge 2 ] &&
	"$rz" bench file --cpus 0,1 --engines list >/dev/null 2>&1; then
	check file --size 8M --depth 4 --cpus 0,1 --engines sync,uring,uring-sqpoll
	check net --conns 4 --cpus 0,1 --engines epoll,uring-multishot,threads
fi
# select's FD_SETSIZE ends its curve with a note, not a failure (where
# RLIMIT_NOFILE lets one process hold 1030 sockets and some spare)
hard=$(ulimit -Hn)
if [ "$hard" = unlimited ] || [ "$hard" -ge 1100 ]; then
	check net --conns 1030 --inflight 1 --time 20ms --engines select
	grep -q "^select .*skipped: .*FD_SETSIZE" "$out" ||
		fail "select beyond FD_SETSIZE: no note"
fi

echo "== JSON and SVG output"
if "$rz" bench nop --rounds 1 --time 20ms --batch 4 --engines uring --json \
	--svg "$out.svg" >"$out"; then
	grep -q '"status": "ok"' "$out" || fail "--json: no ok row"
	grep -q '"ops_per_s": [1-9]' "$out" || fail "--json: no rate"
	grep -q '<rect' "$out.svg" || fail "--svg: no bars"
else
	fail "--json --svg run failed"
fi

# a chart to a pipe (nothing to truncate there); a FIFO of our own, as
# /dev/stdout is a udev link that a bare /dev (the VM guest's) lacks
rm -f "$out.fifo"
if mkfifo "$out.fifo"; then
	cat "$out.fifo" >"$out.fifo.txt" &
	reader=$!
	"$rz" bench nop --rounds 1 --time 10ms --batch 4 --engines uring \
		--svg "$out.fifo" >/dev/null 2>&1 ||
		{ fail "--svg to a pipe failed"; kill "$reader"; }
	wait "$reader"
	grep -q '<svg' "$out.fifo.txt" || fail "--svg to a pipe: no chart"
	rm -f "$out.fifo" "$out.fifo.txt"
else
	fail "mkfifo $out.fifo failed"
fi

echo "== a sweep draws curves"
if "$rz" bench nop --rounds 1 --time 20ms --batch 1,4,16 --engines uring \
	--svg "$out.svg" >"$out"; then
	grep -q '<polyline' "$out.svg" || fail "--svg of a sweep: no curve"
else
	fail "nop sweep with --svg failed"
fi

echo "== killed mid-run: nothing left behind"
# SIGTERM (what kill and timeout send; Ctrl-C's SIGINT takes the same path)
# while the rows run: the data file and a chart the run created are removed,
# a chart that was there before is kept as it was.
killed_dir=$(mktemp -d "${TMPDIR:-/tmp}/rz-bench-kill.XXXXXX")
# has_data_file: whether the run's data file is in killed_dir
has_data_file() {
	for f in "$killed_dir"/ringzero-bench-*; do
		[ -e "$f" ] && return 0
	done
	return 1
}
# killed SVG: run file with --svg SVG, SIGTERM it once its data file exists
killed() {
	"$rz" bench file --size 1M --time 10s --rounds 1 --engines sync \
		--dir "$killed_dir" --svg "$1" >/dev/null 2>&1 &
	pid=$!
	tries=0
	while ! has_data_file && [ $tries -lt 100 ]; do
		sleep 0.05
		tries=$((tries + 1))
	done
	kill -TERM $pid
	wait $pid
	rc=$?
	[ "$rc" -eq 143 ] || fail "bench killed by SIGTERM: exit status $rc, not 143"
	! has_data_file ||
		fail "bench killed by SIGTERM left its data file"
}
killed "$killed_dir/new.svg"
[ ! -e "$killed_dir/new.svg" ] || fail "bench killed by SIGTERM left the chart it created"
echo old >"$killed_dir/old.svg"
killed "$killed_dir/old.svg"
[ "$(cat "$killed_dir/old.svg")" = old ] ||
	fail "bench killed by SIGTERM emptied the chart that was there before"
rm -f "$killed_dir/old.svg"

echo "== --size beyond the free space of --dir: refused before writing"
# ulimit -f keeps a binary without the check from filling the disk: it
# would die of SIGXFSZ after a few MiB instead
err=$( (ulimit -f 8192 && "$rz" bench file --size 100T --time 10ms --rounds 1 \
	--engines sync --dir "$killed_dir") 2>&1)
rc=$?
[ "$rc" -eq 1 ] || fail "file --size 100T: exit status $rc, not 1"
case $err in
*"--size 109951162777600 bytes does not fit: "*" bytes free there"*) ;;
*) fail "file --size 100T: no message about the free space: $err" ;;
esac
[ -z "$(ls -A "$killed_dir")" ] || fail "file --size 100T left $(ls -A "$killed_dir")"
rm -rf "$killed_dir"

echo "== bad usage"
"$rz" bench no-such-workload >/dev/null 2>&1
[ $? -eq 2 ] || fail "an unknown workload must exit 2"
"$rz" bench file --engines no-such-engine >/dev/null 2>&1
[ $? -eq 2 ] || fail "an unknown engine must exit 2"
"$rz" bench file --size 4X >/dev/null 2>&1
[ $? -eq 2 ] || fail "a bad size must exit 2"

exit $failed
