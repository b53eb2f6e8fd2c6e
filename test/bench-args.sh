#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: `ringzero bench` refuses every bad argument before it starts, with exit status 2 and a message naming the option, the value and the limit
#
# Each case runs with --dir pointing at an empty directory: a refused
# command must exit 2 and leave it empty (no data file was created, nothing
# ran). Good values next to the limits must be accepted (checked with
# --engines list, which parses everything and runs nothing).
set -u
rz=${RINGZERO:-${RZ_BUILD:?}/ringzero}
dir=$(mktemp -d "${TMPDIR:-/tmp}/rz-bench-args.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
failed=0

fail() {
	echo "FAIL: $*"
	failed=1
}

# refused "EXPECTED TEXT" WORKLOAD ARGS...: exit 2, the text on stderr.
refused() {
	want=$1
	shift
	err=$("$rz" bench "$@" --dir "$dir" --time 10ms --rounds 1 2>&1 >/dev/null)
	rc=$?
	[ "$rc" -eq 2 ] || fail "bench $*: exit status $rc, not 2 ($err)"
	# shellcheck disable=SC2254 # the pattern may hold a * on purpose
	case $err in
	*$want*) ;;
	*) fail "bench $*: message '$err' does not say '$want'" ;;
	esac
	[ -z "$(ls -A "$dir")" ] || fail "bench $*: left files in --dir: $(ls -A "$dir")"
}

# accepted WORKLOAD ARGS...: parsed and taken (nothing runs).
accepted() {
	"$rz" bench "$@" --engines list >/dev/null 2>&1 ||
		fail "bench $* was refused"
}

# --time: not a number, nan, inf, exponent, sign, junk, out of range
for t in nan inf 1e10 -1 +1 0 0.0001 5x "" " 1" 1.5.2 2h 3601 \
	99999999999999999999 18446744073709551616ns; do
	refused "bad --time '$t': a time from 1ms to 1h" file --time "$t"
done
accepted file --time 1ms
accepted file --time 3600
accepted file --time 0.5
accepted file --time 200ms

nofile=$(ulimit -Hn)

# whole-number options: zero, negative, overflow, junk, one past the limit
number_case() {
	opt=$1 max=$2 rule=$3
	shift 3
	for v in 0 -1 "" 4x 0x10 " 7" 1.5 99999999999999999999 $((max + 1)); do
		refused "bad $opt '$v': *$rule" "$@" "$opt" "$v"
	done
	# 10000 connections need 10064 descriptors (a VM guest may allow fewer)
	if [ "$opt" != --conns ] || [ "$nofile" = unlimited ] ||
		[ "$nofile" -ge 10064 ]; then
		accepted "$@" "$opt" "$max"
	fi
	accepted "$@" "$opt" 1
}
number_case --depth 4096 "from 1 to 4096" file
number_case --depth 4096 "from 1 to 4096" zero
number_case --conns 10000 "from 1 to 10000" net
number_case --batch 4096 "from 1 to 4096" nop
number_case --rounds 64 "from 1 to 64" file
number_case --inflight 256 "from 1 to 256" net
number_case --batch-submit 4096 "from 1 to 4096" file
number_case --batch-complete-min 4096 "from 1 to 4096" file
number_case --batch-complete-max 4096 "from 1 to 4096" file
refused "bad --depth '0'" file -d 0

# lists: empty items, too many, a list where one value is wanted
refused "bad --depth '1,,2'" file --depth 1,,2
refused "bad --depth '1,2,'" file --depth 1,2,
refused "bad --depth '1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17'" file \
	--depth 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17
refused "file sweeps --depth only; --conns takes one value" file --conns 1,2
refused "net sweeps --conns only; --depth takes one value" net --depth 1,2
accepted file --depth 1,2,4,8,16,32,64,128,256
accepted net --conns 1,10,100

# sizes: zero, junk, overflow, limits, --bs larger than --size
for v in 0 -1 4X 1.5G "" 99999999999999999999; do
	refused "bad --size '$v'" file --size "$v"
	refused "bad --bs '$v': a byte count from 1 to 64M" file --bs "$v"
done
refused "bad --bs '65M': a byte count from 1 to 64M" file --bs 65M
refused "--bs (8192 bytes) is larger than --size (4096 bytes)" file \
	--size 4K --bs 8K
refused "--bs (2097152 bytes) is larger than --size (1048576 bytes)" zero \
	--size 1M --bs 2M
refused "a net message is at most 16M" net --size 17M
refused "--verify header needs --bs a multiple of 4K" file --bs 512 \
	--verify header
refused "bad --verify 'some'" file --verify some
refused "--batch-complete-min is larger than --batch-complete-max" file \
	--batch-complete-min 8 --batch-complete-max 4
# a buffer per read in flight: 4096 x 64M would be 256 GiB of RAM. Asked
# with --engines list (checked after the settings, runs nothing), so that
# a binary without the check cannot start allocating it.
refused "the read buffers, --depth 4096 x --bs 67108864 x 1 CPU(s), would pass 1G" \
	file --depth 4096 --bs 64M --size 64M --cpus 0 --engines list
refused "the read buffers, --depth 32 x --bs 67108864" file \
	--depth 1,32 --bs 64M --size 64M --engines list
accepted file --depth 16 --bs 64M --size 64M --cpus 0
accepted file --bs 512
accepted file --size 4K --bs 4K
accepted net --size 16M --inflight 1 --conns 16
refused "would pass 256M" net --size 16M --inflight 1 --conns 17

# CPUs that do not exist here, or said twice
refused "CPU 4000 does not exist or is not ours to use" file --cpus 4000
refused "does not exist or is not ours to use" file --cpus 0-4000
refused "CPU 99999999 does not exist" file --cpus 99999999
refused "bad --cpus 'x'" file --cpus x
refused "bad --cpus '1-0'" file --cpus 1-0
refused "bad --cpus '-1'" file --cpus -1
# an empty item is a typo, not "nothing": refused as --depth's are
refused "bad --cpus '0,,1'" file --cpus 0,,1
refused "bad --cpus '0,'" file --cpus 0,
refused "bad --cpus ',0'" file --cpus ,0
refused "bad --cpus ''" file --cpus ""
refused "bad --cpus '0-'" file --cpus 0-
refused "CPU 0 listed twice" file --cpus 0,0
refused "bad --helper-cpu '4000'" file --helper-cpu 4000
refused "bad --helper-cpu '-1'" file --helper-cpu -1
accepted file --cpus 0
accepted file --helper-cpu 0

# more connections than RLIMIT_NOFILE allows (both ends are ours)
if [ "$(ulimit -Hn)" != unlimited ] && [ "$(ulimit -Hn)" -lt 10064 ]; then
	refused "RLIMIT_NOFILE allows" net --conns 10000
else
	# lower the hard limit in a subshell, for this one command only
	err=$( (ulimit -n 200 && "$rz" bench net --conns 1000 --dir "$dir") 2>&1 >/dev/null)
	rc=$?
	[ "$rc" -eq 2 ] || fail "net --conns 1000 under ulimit -n 200: exit $rc"
	case $err in
	*"--conns 1000 needs 1064 file descriptors per process, and RLIMIT_NOFILE allows 200"*) ;;
	*) fail "net --conns 1000 under ulimit -n 200: '$err'" ;;
	esac
fi

# --svg where nothing can be written: refused at once, not after the run
refused "--svg $dir/no/such/dir/chart.svg: No such file or directory" file \
	--svg "$dir/no/such/dir/chart.svg"
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$dir/ro" && chmod 555 "$dir/ro"
	refused "Permission denied" file --svg "$dir/ro/chart.svg"
	rmdir "$dir/ro"
fi

# --dir where no data file can be made (file and zero make one there);
# refused() would add its own --dir, so these ask with --engines list
bad_dir() {
	want=$1
	shift
	err=$("$rz" bench "$@" --engines list 2>&1 >/dev/null)
	rc=$?
	[ "$rc" -eq 2 ] || fail "bench $*: exit status $rc, not 2"
	case $err in
	*"$want"*) ;;
	*) fail "bench $*: message '$err' does not say '$want'" ;;
	esac
}
bad_dir "--dir $dir/none: No such file or directory" file --dir "$dir/none"
bad_dir "--dir $dir/none: No such file or directory" zero --dir "$dir/none"
: >"$dir/plain"
bad_dir "--dir $dir/plain: Not a directory" file --dir "$dir/plain"
rm -f "$dir/plain"
if [ -d /proc/self ]; then	# not writable for root either
	bad_dir "--dir /proc/self: " file --dir /proc/self
fi
accepted net --dir "$dir/none"	# net makes no file
accepted file --dir "$dir/none" --file /dev/null	# nor does --file

# --engines: empty, or an empty item (a typo, not "all" or "these")
refused "bad --engines ''" file --engines ""
refused "bad --engines 'sync,,uring'" file --engines sync,,uring
refused "bad --engines 'sync,'" file --engines sync,
refused "file has no engine 'nope'" file --engines sync,nope

# unknown option or workload, extra arguments
refused "Usage:" file --no-such-option
refused "bad argument 'extra': one workload only" file extra

exit $failed
