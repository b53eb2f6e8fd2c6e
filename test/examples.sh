#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: every program in examples/ runs and does what the tour says
#
# Runs each example from $RZ_BUILD/examples and checks what a reader would
# check: the bytes cat prints, the bytes cp writes (byte-exact, multi-MB,
# odd block sizes that force short reads to break links), the ring layout
# rings-by-hand reports (with two mappings, without the SQ array, and
# under SQPOLL: asleep, unread SQEs, woken), the exact results timeouts
# prints, the bytes zero-file leaves on disk, every line where-it-runs and
# when-it-appears print (where requests run, when CQEs appear), and that
# no-io-uring refuses io_uring with the errno asked for. On the host it also checks that every
# examples/*.c is exercised by some test, so a new example cannot go
# untested. POSIX sh: it runs under busybox in the VM guest too.

build=${RZ_BUILD:?RZ_BUILD is not set (run through test/run.sh)}
src=${RZ_SRC:-}
ex=$build/examples
work=$(mktemp -d "${TMPDIR:-/tmp}/rz-examples.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# need PROGRAM: the example must have been built.
need() {
	[ -x "$ex/$1" ] && return 0
	fail "$ex/$1 was not built"
	return 1
}

# has FILE TEXT: FILE holds a line containing TEXT (fixed string).
has() {
	grep -qF -- "$2" "$1" || {
		fail "expected a line with '$2' in the output:"
		sed 's/^/    /' "$1" >&2
		return 1
	}
}

# same A B WHAT: the two files are byte-for-byte identical.
same() {
	cmp -s "$1" "$2" || fail "$3: $2 differs from $1"
}

check_rings_by_hand() {
	need rings-by-hand || return
	printf 'the rings, by hand\n' >"$work/in.txt"
	# Once as the kernel allows (one mapping for both rings since 5.4),
	# once with the CQ ring mapped on its own, as before 5.4.
	for mode in "" --two-mmaps; do
		# shellcheck disable=SC2086 # mode is empty or one word
		if ! "$ex/rings-by-hand" $mode "$work/in.txt" >"$work/out" 2>"$work/err"; then
			fail "rings-by-hand $mode exited non-zero: $(cat "$work/err")"
			continue
		fi
		has "$work/out" "entries: SQ 4, CQ 8"
		has "$work/out" "sq_off: head "
		has "$work/out" "cq_off: head "
		has "$work/out" "mmap: SQE array 256 bytes (4 x 64)"
		has "$work/out" "masks: SQ 0x3, CQ 0x7"
		has "$work/out" "cqe: user_data 0x1111 (NOP), res 0"
		has "$work/out" "cqe: user_data 0x2222 (READ), res 19"
		[ -n "$mode" ] && has "$work/out" "(two mappings)"
		# What follows the "read ... bytes" line is the file itself.
		sed '1,/^read 19 bytes from /d' "$work/out" >"$work/data"
		same "$work/in.txt" "$work/data" "rings-by-hand $mode: the read"
	done
	# Without the SQ index array (6.6): sq_off.array is 0 and the ring
	# region, mapped once or twice, ends with the CQEs (64 + 8 x 16).
	for mode in --no-sqarray "--no-sqarray --two-mmaps"; do
		# shellcheck disable=SC2086 # mode is one or two words
		if ! "$ex/rings-by-hand" $mode "$work/in.txt" >"$work/out" 2>"$work/err"; then
			if grep -q "NO_SQARRAY needs 6.6" "$work/err"; then
				echo "rings-by-hand $mode: kernel before 6.6, not checked"
				continue
			fi
			fail "rings-by-hand $mode exited non-zero: $(cat "$work/err")"
			continue
		fi
		has "$work/out" "array 0"
		has "$work/out" "cqe: user_data 0x2222 (READ), res 19"
		case $mode in
		*two*) has "$work/out" "SQ ring 192 bytes, CQ ring 192 bytes (two mappings)" ;;
		*) has "$work/out" "SQ+CQ rings 192 bytes at IORING_OFF_SQ_RING" ;;
		esac
	done
	# SQPOLL: the thread falls asleep, a published SQE stays unread until
	# IORING_ENTER_SQ_WAKEUP, and then both requests complete.
	if "$ex/rings-by-hand" --sqpoll "$work/in.txt" >"$work/out" 2>"$work/err"; then
		has "$work/out" "asleep after 10 ms idle, IORING_SQ_NEED_WAKEUP set"
		has "$work/out" "after 50 ms: SQ head 0, tail 2, CQ tail 0: the sleeping thread has not read the SQ"
		has "$work/out" "IORING_SQ_NEED_WAKEUP was set: io_uring_enter(IORING_ENTER_SQ_WAKEUP)"
		has "$work/out" "cqe: user_data 0x1111 (NOP), res 0"
		has "$work/out" "cqe: user_data 0x2222 (READ), res 19"
	else
		fail "rings-by-hand --sqpoll exited non-zero: $(cat "$work/err")"
	fi
	"$ex/rings-by-hand" >/dev/null 2>&1
	rc=$?
	[ "$rc" -eq 2 ] || fail "rings-by-hand without a FILE exited $rc, expected 2"
	# No library: not one io_uring_* function linked in (nm is absent in
	# the VM guest; the check belongs to the build host anyway).
	if command -v nm >/dev/null 2>&1; then
		if nm "$ex/rings-by-hand" | grep -q ' [TtWw] _*io_uring_'; then
			fail "rings-by-hand links libringzero functions:" \
				"$(nm "$ex/rings-by-hand" | grep ' [TtWw] _*io_uring_' | head -3)"
		fi
	fi
}

check_cat() {
	need cat || return
	printf 'one\n' >"$work/a"
	printf 'two\nthree' >"$work/b"
	head -c 3000017 /dev/urandom >"$work/big"
	: >"$work/empty"
	cat "$work/a" "$work/empty" "$work/b" "$work/big" >"$work/want"

	"$ex/cat" "$work/a" "$work/empty" "$work/b" "$work/big" >"$work/got" ||
		fail "cat of four files exited non-zero"
	same "$work/want" "$work/got" "cat of four files"

	# Standard input is a pipe here: the one-read-at-a-time path.
	cat "$work/big" | "$ex/cat" >"$work/got" || fail "cat from a pipe exited non-zero"
	same "$work/big" "$work/got" "cat from a pipe"
	"$ex/cat" - <"$work/b" >"$work/got" || fail "cat - exited non-zero"
	same "$work/b" "$work/got" "cat - (standard input)"

	"$ex/cat" "$work/missing" >"$work/got" 2>"$work/err"
	rc=$?
	[ "$rc" -eq 1 ] || fail "cat of a missing file exited $rc, expected 1"
	has "$work/err" "$work/missing: No such file or directory"
}

check_cp() {
	need cp || return
	head -c 5000037 /dev/urandom >"$work/src"
	"$ex/cp" "$work/src" "$work/dst" || fail "cp exited non-zero"
	same "$work/src" "$work/dst" "cp of 5 MB"
	# Blocks of a prime size and three in flight: many rounds, and the
	# last block's short read cancels its linked write.
	"$ex/cp" -d 3 -b 4093 "$work/src" "$work/dst2" || fail "cp -d 3 -b 4093 exited non-zero"
	same "$work/src" "$work/dst2" "cp -d 3 -b 4093"
	# A block larger than the file, and a file smaller than one write.
	printf 'x' >"$work/one"
	"$ex/cp" "$work/one" "$work/one.copy" || fail "cp of 1 byte exited non-zero"
	same "$work/one" "$work/one.copy" "cp of 1 byte"
	: >"$work/empty"
	printf 'old contents' >"$work/empty.copy"
	"$ex/cp" "$work/empty" "$work/empty.copy" || fail "cp of an empty file exited non-zero"
	same "$work/empty" "$work/empty.copy" "cp of an empty file over a non-empty one"

	"$ex/cp" "$work/missing" "$work/x" 2>"$work/err"
	rc=$?
	[ "$rc" -eq 1 ] || fail "cp of a missing file exited $rc, expected 1"
	has "$work/err" "$work/missing: No such file or directory"
	"$ex/cp" -d 0 "$work/src" "$work/x" 2>"$work/err"
	rc=$?
	[ "$rc" -eq 2 ] || fail "cp -d 0 exited $rc, expected 2 (bad usage)"
}

check_timeouts() {
	need timeouts || return
	if ! "$ex/timeouts" >"$work/out" 2>"$work/err"; then
		fail "timeouts exited non-zero: $(cat "$work/err")"
		return
	fi
	has "$work/out" "timer, 10 ms: res -62 "
	has "$work/out" "counter, 2 completions: res 0 "
	has "$work/out" "  nop 1: res 0 "
	has "$work/out" "  nop 2: res 0 "
	has "$work/out" "read from an empty pipe, 20 ms deadline: res -125 "
	has "$work/out" "  its link timeout: res -62 "
	has "$work/out" "wait for a CQE, 10 ms: res -62 "
}

check_io_models() {
	need io-models || return
	if ! "$ex/io-models" >"$work/out" 2>"$work/err"; then
		fail "io-models exited non-zero: $(cat "$work/err")"
		sed 's/^/    /' "$work/out" >&2
		return
	fi
	# Every model got the message; those that never spin made exactly
	# the calls the tour counts for them.
	for row in blocking:1 nonblocking: select:2 poll:2 epoll:2 sigio:2 \
		posix-aio: linux-aio:2 io_uring:1; do
		model=${row%%:*} calls=${row#*:}
		line=$(grep "^$model " "$work/out")
		case $line in
		*'got "ping"'*) ;;
		*) fail "io-models: $model did not get the message: '$line'"; continue ;;
		esac
		if [ -n "$calls" ]; then
			got=$(echo "$line" | sed 's/.*got "ping" *\([0-9]*\).*/\1/')
			[ "$got" = "$calls" ] ||
				fail "io-models: $model made $got calls, the tour says $calls"
		fi
	done
	has "$work/out" "io_submit itself waited"
}

check_zero_file() {
	need zero-file || return
	printf '1234567890\n' >"$work/file_with_stuff"
	if ! "$ex/zero-file" "$work/file_with_stuff" >"$work/out" 2>"$work/err"; then
		fail "zero-file exited non-zero: $(cat "$work/err")"
		return
	fi
	printf '\000\000\000\000\000%s\n' 67890 >"$work/want"
	same "$work/want" "$work/file_with_stuff" "zero-file"
	has "$work/out" "zeroed 5 bytes at offset 0 of $work/file_with_stuff"
	# In the VM the kernel carries the ZERO patch: the fallback would be
	# a failure there (vm/init sets RZ_EXPECT_NATIVE_ZERO).
	if [ "${RZ_EXPECT_NATIVE_ZERO:-0}" = 1 ]; then
		has "$work/out" "method: native IORING_OP_ZERO"
	fi
	"$ex/zero-file" "$work/missing" >/dev/null 2>"$work/err"
	rc=$?
	[ "$rc" -eq 1 ] || fail "zero-file of a missing file exited $rc, expected 1"
	has "$work/err" "$work/missing: No such file or directory"
}

# exactly PROGRAM: PROGRAM's output is, line for line, standard input.
exactly() {
	cat >"$work/want"
	if ! "$ex/$1" >"$work/got" 2>"$work/err"; then
		fail "$1 exited non-zero: $(cat "$work/err")"
		return
	fi
	cmp -s "$work/want" "$work/got" || {
		fail "$1 printed something else than expected:"
		diff "$work/want" "$work/got" | sed 's/^/    /' >&2
	}
}

# Where a request runs: inline, a poll, task work, an io-wq worker.
check_where_it_runs() {
	need where-it-runs || return
	exactly where-it-runs <<'END'
1. inline: a NOP, and a receive on a socket that holds a byte
  after io_uring_submit():           CQEs ready 2, io-wq workers 0
  cqe: user_data 1, res 0
  cqe: user_data 2, res 1
2. poll: a receive on an empty socket
  after io_uring_submit():           CQEs ready 0, io-wq workers 0
3. task work: the other end sends a byte
  after send(), no io_uring_enter(): CQEs ready 1, io-wq workers 0
  cqe: user_data 3, res 1
4. io-wq: fsync of a file
  before:                            CQEs ready 0, io-wq workers 0
  after its completion:              CQEs ready 1, io-wq workers 1
  cqe: user_data 4, res 0
END
}

# When a CQE appears: DEFER_TASKRUN, CQ overflow with NODROP, a drain.
check_when_it_appears() {
	need when-it-appears || return
	exactly when-it-appears <<'END'
1. DEFER_TASKRUN: a receive, then the data it waits for
  after send():                       CQEs ready  0
  after another system call:          CQEs ready  0
  after io_uring_submit() of a NOP:   CQEs ready  1
  after io_uring_get_events():        CQEs ready  2
2. CQ overflow: 24 NOPs into a CQ ring of 16 entries, nothing reaped
  after 3 x 8 NOPs:                   CQEs ready 16, IORING_SQ_CQ_OVERFLOW set, overflow counter 0
  after reaping all the ring holds:   CQEs ready  0, IORING_SQ_CQ_OVERFLOW set, overflow counter 0
  after io_uring_get_events():        CQEs ready  8, IORING_SQ_CQ_OVERFLOW clear, overflow counter 0
3. IOSQE_IO_DRAIN: a receive, then a NOP that drains
  after io_uring_submit():            CQEs ready  0
  cqe: the receive, res 1
  cqe: the NOP, res 0
END
}

# The seccomp wrapper: io_uring refused with the errno asked for, every
# other call allowed, the command's exit status passed on.
check_no_io_uring() {
	need no-io-uring || return
	need hello-writev || return
	for e in EPERM ENOSYS; do
		"$ex/no-io-uring" -e "$e" "$ex/hello-writev" "$work/greeting" \
			>"$work/out" 2>"$work/err"
		rc=$?
		[ "$rc" -eq 1 ] || fail "hello-writev under no-io-uring -e $e exited $rc, expected 1"
		case $e in
		EPERM) has "$work/err" "io_uring_queue_init: Operation not permitted" ;;
		ENOSYS) has "$work/err" "io_uring_queue_init: Function not implemented" ;;
		esac
		[ ! -s "$work/greeting" ] || fail "hello-writev under no-io-uring -e $e wrote its file"
	done
	# Without -e: EPERM, and the filter reaches the command's children.
	"$ex/no-io-uring" sh -c "\"$ex/hello-writev\" \"$work/greeting\"" \
		>"$work/out" 2>"$work/err"
	has "$work/err" "io_uring_queue_init: Operation not permitted"
	"$ex/no-io-uring" sh -c 'exit 7'
	rc=$?
	[ "$rc" -eq 7 ] || fail "no-io-uring sh -c 'exit 7' exited $rc"
	"$ex/no-io-uring" "$work/no-such-command" 2>"$work/err"
	rc=$?
	[ "$rc" -eq 127 ] || fail "no-io-uring of a missing command exited $rc, expected 127"
	"$ex/no-io-uring" -e EFOO true 2>"$work/err"
	rc=$?
	[ "$rc" -eq 2 ] || fail "no-io-uring -e EFOO exited $rc, expected 2"
	has "$work/err" "-e EFOO: not one of EPERM, ENOSYS"
}

# The checks, by example name; a new example adds its row and function.
checks="rings-by-hand:check_rings_by_hand cat:check_cat cp:check_cp
timeouts:check_timeouts io-models:check_io_models zero-file:check_zero_file
where-it-runs:check_where_it_runs when-it-appears:check_when_it_appears
no-io-uring:check_no_io_uring"

for row in $checks; do
	name=${row%%:*}
	# Run the check when the example exists in the sources, or, where
	# there are no sources (the VM guest), when it was built.
	if [ -f "$src/examples/$name.c" ] || { [ ! -d "$src/examples" ] && [ -e "$ex/$name" ]; }; then
		"${row#*:}"
	fi
done

# Every example in the sources is run by this file or by another test.
if [ -d "$src/examples" ]; then
	for f in "$src"/examples/*.c; do
		[ -f "$f" ] || continue
		name=$(basename "$f" .c)
		case " $(echo $checks) " in *" $name:"*) continue ;; esac
		grep -qs "examples/$name\b" "$src"/test/*.sh "$src"/test/*.c ||
			fail "examples/$name.c is not run by any test"
	done
fi

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "examples: all checks passed"
