#!/bin/sh
# SPDX-License-Identifier: MIT
# Description: `ringzero zero` from the shell: the seed's scenario (5 zero
# bytes, then "67890\n"), unaligned and default ranges, growth past EOF and
# --keep-size (the report counts what reads as zeroes: "zeroed 2 bytes"
# when 8 of the 10 asked lie past the end; "1 byte", not "1 bytes"), every
# method (auto picks native / fallocate and, where the filesystem refuses
# ZERO_RANGE, punches holes), targets that are not stored data (a
# character device, /proc and /sys files) refused before anything is
# written, names with control characters quoted as GNU tools quote them,
# and bad input to every option and operand: exit 2 for usage, 1 for a
# file that cannot be zeroed, a message naming the problem, and the file's
# bytes unchanged. POSIX sh + busybox, so that it runs in the VM guest too;
# works in $TMPDIR. test/zero-fs.sh covers tmpfs, ramfs, loop devices and
# signals.

dir=$(mktemp -d "${TMPDIR:-/tmp}/rz-zero-cli.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/zero-lib.inc"
out=$dir/out
err=$dir/err

printf '1234567890\n' >"$dir/probe"
# Does this filesystem zero ranges in place? (tmpfs does not.)
if "$RINGZERO" zero --method fallocate --length 1 "$dir/probe" >"$out" 2>"$err"
then
	fs_zeroes=1 auto=fallocate
else
	grep -q "Operation not supported" "$err" ||
		fail "fallocate probe failed for another reason: $(cat "$err")"
	fs_zeroes=0 auto=punch	# tmpfs: no ZERO_RANGE, but holes
fi
native=0
if "$RINGZERO" zero --method native --length 1 "$dir/probe" >"$out" 2>"$err"
then
	native=1
elif grep -q "Operation not supported" "$err"; then
	native=1	# native ZERO ran; the filesystem refused it (tmpfs)
else
	grep -q "has no IORING_OP_ZERO" "$err" ||
		fail "native probe failed for another reason: $(cat "$err")"
fi
if [ "${RZ_EXPECT_NATIVE_ZERO:-0}" = 1 ] && [ $native = 0 ]; then
	fail "RZ_EXPECT_NATIVE_ZERO=1 but --method native is unavailable"
fi
[ $native = 1 ] && [ $fs_zeroes = 1 ] && auto=native
echo "filesystem zeroes ranges: $fs_zeroes, native ZERO: $native," \
	"auto should pick: $auto"

# --- The seed's scenario: 5 zero bytes, then "67890\n". ---
f=$dir/file_with_stuff
printf '1234567890\n' >"$f"
if run 0 "method: $auto" --offset 0 --length 5 "$f"; then
	[ "$(hex "$f")" = "00 00 00 00 00 36 37 38 39 30 0a" ] ||
		fail "seed scenario: got $(hex "$f")"
fi

# --- Every method that this machine has, on the same scenario. ---
for m in write punch fallocate native; do
	case $m in
	fallocate) [ $fs_zeroes = 1 ] || continue ;;
	native) [ $native = 1 ] && [ $fs_zeroes = 1 ] || continue ;;
	esac
	printf '1234567890\n' >"$f"
	run 0 "method: $m" --method "$m" --offset 2 --length 3 "$f" &&
		{ [ "$(hex "$f")" = "31 32 00 00 00 36 37 38 39 30 0a" ] ||
			fail "--method $m: got $(hex "$f")"; }
done
if [ $fs_zeroes = 0 ]; then
	refuse 1 "Operation not supported" "$f" --method fallocate -l 1 "$f"
	grep -q -F -e "--method write" "$err" ||
		fail "tmpfs refusal does not suggest --method write"
	[ $native = 1 ] &&
		refuse 1 "Operation not supported" "$f" --method native -l 1 "$f"
fi
if [ $native = 0 ]; then
	refuse 1 "has no IORING_OP_ZERO" "$f" --method native -l 1 "$f"
fi

# --- Unaligned ranges zero exactly their bytes (auto and write). ---
src=$dir/pattern
i=0
: >"$src"
while [ $i -lt 40 ]; do
	printf 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%%^&*()_+-=[]{}|;:,.<>?/~`ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmno\n' >>"$src"
	i=$((i + 1))
done
for range in "4095 3" "1 1" "511 4098" "5000 160" "0 1K"; do
	set -- $range
	for m in auto punch write; do
		cp "$src" "$f"
		cp "$src" "$dir/want"
		count=$2 unit=bytes
		[ "$count" = 1K ] && count=1024
		[ "$count" = 1 ] && unit=byte
		dd if=/dev/zero of="$dir/want" bs=1 seek="$1" count="$count" \
			conv=notrunc 2>/dev/null
		run 0 "zeroed $count $unit at offset $1" --method $m \
			--offset "$1" --length "$2" "$f" &&
			{ cmp -s "$f" "$dir/want" ||
				fail "--offset $1 --length $2 ($m): wrong bytes"; }
	done
done

# --- No --length: from the offset to the end of the file. ---
printf '1234567890\n' >"$f"
run 0 "zeroed 8 bytes at offset 3" -o 3 "$f" &&
	{ [ "$(hex "$f")" = "31 32 33 00 00 00 00 00 00 00 00" ] ||
		fail "default length: got $(hex "$f")"; }
refuse 2 "nothing to zero" "$f" --offset 11 "$f"
: >"$dir/empty"
refuse 2 "nothing to zero" "$dir/empty" "$dir/empty"

# --- Past EOF: grows with zeroes, unless --keep-size; the report says
# what reads as zeroes now, not what was asked. ---
for m in auto punch write; do
	printf 'abcdef' >"$f"
	run 0 "zeroed 2 bytes at offset 4" --method $m --offset 4 \
		--length 10 --keep-size "$f"
	grep -q "8 bytes past the end of the file left alone (--keep-size)" \
		"$out" || fail "--keep-size ($m): report: $(cat "$out")"
	[ "$(hex "$f")" = "61 62 63 64 00 00" ] ||
		fail "--keep-size ($m): got $(hex "$f")"
	run 0 "zeroed 0 bytes at offset 20" --method $m --offset 20 \
		--length 4 --keep-size "$f"
	[ "$(size "$f")" = 6 ] || fail "--keep-size ($m) grew the file"
	run 0 "zeroed 8 bytes at offset 4" --method $m --offset 4 --length 8 \
		"$f"
	case $m in
	auto) ;;
	*) grep -q "method: $m+extend, .*ftruncate from 6 to 12 bytes" \
		"$out" || fail "growth by $m: report: $(cat "$out")" ;;
	esac
	[ "$(hex "$f")" = "61 62 63 64 00 00 00 00 00 00 00 00" ] ||
		fail "past EOF ($m): got $(hex "$f")"
done

# --- Bad input: usage errors (exit 2), the file untouched. ---
printf '1234567890\n' >"$f"
for bad in -1 -5K abc '' 1.5K 0x10 4KB 1X ' 1' 99999999999999999999 \
	9000000000000000000000K 8589934592G 8E 1P; do
	refuse 2 "invalid --offset" "$f" --offset "$bad" --length 1 "$f"
	refuse 2 "invalid --length" "$f" --length "$bad" "$f"
done
refuse 2 "larger than the largest file offset" "$f" -o 9223372036854775808 "$f"
refuse 2 "invalid --length '0'" "$f" --length 0 "$f"
refuse 2 "past the largest file offset" "$f" \
	--offset 9223372036854775807 --length 1 "$f"
refuse 2 "past the largest file offset" "$f" --offset 4611686018427387904 \
	--length 4611686018427387904 "$f"
refuse 2 "invalid --method 'fast': choose auto, native, fallocate, punch or write" \
	"$f" --method fast -l 1 "$f"
refuse 2 "unrecognized option '--bogus'" "$f" --bogus "$f"
refuse 2 "invalid option -- 'x'" "$f" -x "$f"
refuse 2 "doesn't allow an argument" "$f" --keep-size=yes -l 1 "$f"
refuse 2 "requires an argument" "$f" "$f" --length
refuse 2 "missing FILE operand" "$f" --length 1
refuse 2 "extra operand" "$f" --length 1 "$f" "$f"

# --- Files that cannot be zeroed (exit 1), named with the cause. ---
refuse 1 "No such file or directory" "$f" -l 1 "$dir/missing"
mkdir "$dir/dir"
run 1 "is a directory" -l 1 "$dir/dir"
run 1 "is a directory" "$dir/dir"
mkfifo "$dir/fifo"
run 1 "is a FIFO" -l 1 "$dir/fifo"
run 1 "is a FIFO" "$dir/fifo"
refuse 1 "Not a directory" "$f" -l 1 "$f/inside"
refuse 1 "No such file or directory" "$f" -l 1 "$dir/no/such/dir/file"
# Read-only: by permission for a normal user; as root (who may write any
# mode), through a read-only bind mount in a private mount namespace.
if [ "$(id -u)" != 0 ]; then
	chmod 444 "$f"
	refuse 1 "Permission denied" "$f" -l 1 "$f"
	chmod 644 "$f"
elif unshare -m sh -c "mount --bind '$f' '$f' &&
			mount -o remount,bind,ro '$f'" 2>/dev/null; then
	before=$(sum "$f")
	unshare -m sh -c "mount --bind '$f' '$f' &&
		mount -o remount,bind,ro '$f' &&
		exec '$RINGZERO' zero -l 1 '$f'" >"$out" 2>"$err"
	rc=$?
	[ $rc = 1 ] || fail "read-only file: exit $rc, expected 1"
	grep -q "cannot open '$f' for writing: Read-only file system" "$err" ||
		fail "read-only file: message: $(cat "$err")"
	[ "$(sum "$f")" = "$before" ] || fail "read-only file changed"
else
	echo "note: no private mount namespace: read-only case not run"
fi

# Not stored data: writing zeroes there would be a command, not zeroing.
run 1 "is a character device" -l 1 /dev/null
[ -w /dev/null ] && [ -c /dev/null ] || fail "zeroing touched /dev/null"
if [ -e /proc/self/comm ]; then
	run 1 "'/proc/self/comm' is on proc, a filesystem whose files are kernel interfaces" \
		/proc/self/comm
fi
if [ -e /sys/kernel/uevent_seqnum ]; then
	run 1 "is on sysfs, a filesystem whose files are kernel interfaces" \
		-l 1 /sys/kernel/uevent_seqnum
fi

# --- Names with control characters: quoted as GNU tools quote them. ---
nl='
'
name="$dir/a${nl}b"
printf 'xyz' >"$name"
run 0 "'$dir/a'\$'\\n''b': zeroed 1 byte at offset 1" -o 1 -l 1 "$name"
[ "$(hex "$name")" = "78 00 7a" ] || fail "quoted name: got $(hex "$name")"
tab=$(printf '\t')
run 1 "cannot access" -l 1 "$dir/no${tab}pe"
grep -q -F "cannot access '$dir/no'\$'\\t''pe': No such file" "$err" ||
	fail "tab in a name: $(cat "$err")"
printf 'xyz' >"$dir/it's"
run 0 "\"$dir/it's\": zeroed 2 bytes at offset 0" -l 2 "$dir/it's"
printf 'xyz' >"$dir/plain"
run 0 "$dir/plain: zeroed 3 bytes" "$dir/plain"
if ls --quoting-style=shell-escape / >/dev/null 2>&1; then
	# GNU ls is the reference: the same names, the same quoting, in the
	# C locale and (where there is one) in a UTF-8 locale.
	mkdir "$dir/q"
	for n in "a${nl}b" "a b" "it's" "a'b${nl}c" "#a" "a#" "~a" "a~" "{" \
		"a{" "}" "a=b" "a\\b" "-x" "a*" "a?b" "a:b,c+d@e%f" \
		"$(printf 'x\001y')" "$(printf 'caf\303\251')" \
		"$(printf 'bad\377byte')" "$(printf 'del\177')" "a!b" \
		"it's\$" "$(printf 'a\tb')" "a]b" "a[b"; do
		printf 'xyz' >"$dir/q/$n"
		for loc in C C.UTF-8; do
			want=$(LC_ALL=$loc ls --quoting-style=shell-escape \
				-d "$dir/q/$n")
			LC_ALL=$loc "$RINGZERO" zero -l 1 "$dir/q/$n" >"$out" \
				2>"$err" || fail "quoting: exit $?"
			grep -q -F -e "$want: zeroed 1 byte" "$out" ||
				fail "LC_ALL=$loc: $(cat "$out") is not quoted as $want"
		done
	done
fi

# --- --help and --version, GNU style. ---
run 0 "Usage: ringzero zero [OPTION]... FILE" --help
grep -q -e "--keep-size" "$out" || fail "--help lacks --keep-size"
run 0 "ringzero zero (ringzero) " --version

finish
