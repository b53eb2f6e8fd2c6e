#!/bin/bash
# SPDX-License-Identifier: MIT
# boot.sh BZIMAGE DIR - boot BZIMAGE in QEMU with DIR/initramfs.cpio and the
# disks DIR/{ext4,xfs,btrfs}.img, show the serial console as it comes and
# keep it in DIR/console.log, then judge the run:
#   - the guest's "RZ-VM-RESULT: N" line is the exit status (N = 0: passed);
#   - no such line (a crash, a hang past RZ_VM_TIMEOUT seconds, default 900)
#     fails;
#   - any kernel BUG, WARNING, Oops, panic, UBSAN or KASAN report fails,
#     even when every test passed.
# Either way it reports the method `ringzero zero` used in the guest.
# RZ_VM_DEMO=1 boots the guest into the seed's scenario instead of the suite.
# TCG only: KVM guests hang at boot on the machines this runs on. The disks
# use aio=io_uring; RZ_VM_LIBURING=FOLDER runs QEMU on the liburing.so.2 in
# FOLDER (ringzero's, see docs/compat.md) and fails unless the loader
# mapped it.

set -uo pipefail

die() { echo "vm: $*" >&2; exit 1; }

kernel=${1:?usage: boot.sh BZIMAGE DIR}
dir=${2:?usage: boot.sh BZIMAGE DIR}
timeout_s=${RZ_VM_TIMEOUT:-900}
log=$dir/console.log

[ -f "$kernel" ] || die "$kernel missing"
[ -f "$dir/initramfs.cpio" ] || die "$dir/initramfs.cpio missing"

# The disks go through io_uring in QEMU (aio=io_uring). With RZ_VM_LIBURING
# naming the folder of ringzero's liburing.so.2 (make vm-check sets it), QEMU
# runs on that library instead of Debian's: the loader's trace, kept in
# DIR/ld-trace.*, must show it was the one mapped.
qemu_env=()
if [ -n "${RZ_VM_LIBURING:-}" ]; then
	lib=$(readlink -f "$RZ_VM_LIBURING/liburing.so.2") ||
		die "$RZ_VM_LIBURING/liburing.so.2 missing"
	[ -f "$lib" ] || die "$RZ_VM_LIBURING/liburing.so.2 missing"
	rm -f "$dir"/ld-trace.*
	qemu_env=(env LD_LIBRARY_PATH="$(dirname "$lib")" LD_DEBUG=libs
		LD_DEBUG_OUTPUT="$dir/ld-trace")
fi

drives=()
for fs in ext4 xfs btrfs; do
	[ -f "$dir/$fs.img" ] || die "$dir/$fs.img missing"
	# The serial tells the guest which filesystem the disk holds.
	drives+=(-drive "file=$dir/$fs.img,format=raw,if=none,id=$fs,cache=unsafe,aio=io_uring"
		-device "virtio-blk-pci,drive=$fs,serial=$fs")
done

# panic=-1 and oops=panic turn a crash into an immediate reboot, which
# -no-reboot turns into QEMU's exit: a dead guest never waits for the
# timeout. The lockup detectors are off: TCG on a busy host is slow enough
# to look like a lockup.
append="console=ttyS0 panic=-1 oops=panic nowatchdog rdinit=/init"
if [ -n "${RZ_VM_TESTS:-}" ]; then
	append="$append RZ_VM_TESTS=$RZ_VM_TESTS"
fi
if [ "${RZ_VM_DEMO:-0}" = 1 ]; then
	append="$append RZ_VM_DEMO=1"	# the seed's scenario, not the suite
fi

# qboot instead of SeaBIOS: without ACPI in the kernel, the guest learns of
# its CPUs from the MP table, and SeaBIOS's lists only the first one. qboot
# lists them all, and starts faster too.
bios=()
if [ -f /usr/share/qemu/qboot.rom ]; then
	bios=(-bios /usr/share/qemu/qboot.rom)
fi

echo "vm: booting $kernel (TCG, timeout ${timeout_s} s), console in $log" >&2
start=$(date +%s)
timeout -k 10 "$timeout_s" "${qemu_env[@]}" qemu-system-x86_64 \
	-accel tcg -machine pc "${bios[@]}" -smp 2 -m 2G \
	-nodefaults -display none -serial stdio -no-reboot \
	-kernel "$kernel" -initrd "$dir/initramfs.cpio" -append "$append" \
	"${drives[@]}" </dev/null | tee "$log"
qemu_rc=${PIPESTATUS[0]}
secs=$(($(date +%s) - start))

# Kernel messages carry a [seconds.micros] stamp; matching on it keeps a
# test that prints "WARNING:" itself from failing the run.
stamp='\[ *[0-9]+\.[0-9]+\] '
reports=$(tr -d '\r' <"$log" | grep -aE "$stamp.*(BUG:|WARNING:|Oops|Kernel panic|kernel BUG at|general protection fault|UBSAN:|KASAN:)")
result=$(tr -d '\r' <"$log" | sed -n 's/^RZ-VM-RESULT: \([0-9][0-9]*\)$/\1/p' | tail -n 1)

# Which method ZERO used in the guest (vm/init's report on ext4).
method=$(tr -d '\r' <"$log" | sed -n 's/^RZ-VM: ZERO in the guest: .*(method: \([a-z]*\).*/\1/p' | head -n 1)
echo "vm: ZERO in the guest: method ${method:-unknown (see $log)}" >&2

status=0
if [ -n "${RZ_VM_LIBURING:-}" ]; then
	loaded=$(sed -n 's/.*calling init: \(.*liburing\.so\.2\)$/\1/p' "$dir"/ld-trace.* 2>/dev/null |
		head -n 1)
	if [ -z "$loaded" ] || [ "$(readlink -f "$loaded")" != "$lib" ]; then
		echo "vm: QEMU did not run on $lib (loader trace: ${loaded:-no liburing.so.2})" >&2
		status=1
	else
		echo "vm: QEMU's disks ran with aio=io_uring on $lib" >&2
	fi
fi
if [ "$qemu_rc" -eq 124 ] || [ "$qemu_rc" -eq 137 ]; then
	echo "vm: guest did not finish within $timeout_s s" >&2
	status=1
elif [ "$qemu_rc" -ne 0 ]; then
	echo "vm: qemu-system-x86_64 failed (exit $qemu_rc)" >&2
	status=1
fi
if [ -n "$reports" ]; then
	echo "vm: the kernel reported problems:" >&2
	# shellcheck disable=SC2001 # indent every line
	echo "$reports" | sed 's/^/    /' >&2
	status=1
fi
if [ -z "$result" ]; then
	echo "vm: the guest gave no result (crash or hang), see $log" >&2
	status=1
elif [ "$result" -ne 0 ]; then
	echo "vm: tests failed in the guest (status $result), see $log" >&2
	status=1
fi
[ "$status" -eq 0 ] && echo "vm: passed: guest status 0, no kernel reports, ${secs} s" >&2
exit "$status"
