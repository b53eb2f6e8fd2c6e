#!/bin/sh
# SPDX-License-Identifier: MIT
# demo.sh RINGZERO - the seed's scenario on this machine's kernel: a file
# holding "1234567890\n" has its first 5 bytes zeroed through io_uring by
# `ringzero zero`, with a hex dump before and after and the method used;
# then `ringzero probe`'s summary where the CLI has that subcommand.
# Needs only coreutils' od (or busybox: `make demo-vm` runs it in the VM
# guest). Exits non-zero if the bytes are not as the seed says they must be.
set -eu

ringzero=${1:?usage: demo.sh PATH_TO_RINGZERO}
file=$(mktemp "${TMPDIR:-/tmp}/file_with_stuff.XXXXXX")
trap 'rm -f "$file"' EXIT

# GNU od shows the characters beside the bytes; busybox's od (the VM guest)
# cannot, and its hexdump -C does the same job.
dump() {
	if od -A d -t x1z -v /dev/null >/dev/null 2>&1; then
		od -A d -t x1z -v "$file"
	else
		hexdump -C "$file"
	fi
}

echo "== IORING_OP_ZERO, the seed's scenario, on Linux $(uname -r) =="
printf '$ printf %s > %s\n' "'1234567890\\n'" "$file"
printf '1234567890\n' >"$file"
echo "before:"
dump
echo "\$ ringzero zero --offset 0 --length 5 $file"
report=$("$ringzero" zero --offset 0 --length 5 "$file")
echo "$report"
echo "after:"
dump

# The seed's expected result: five zero bytes, then "67890\n".
got=$(od -An -v -tx1 "$file" | tr -s ' \n' '  ')
want=" 00 00 00 00 00 36 37 38 39 30 0a "
if [ "$got" != "$want" ]; then
	echo "demo: unexpected bytes:$got (want:$want)" >&2
	exit 1
fi
printf 'ok: 5 zero bytes, then "67890\\n"\n'

# Say why, when the kernel's own ZERO was not the method.
case $report in
*"method: native"*) ;;
*)	why=$("$ringzero" zero --method native --length 5 "$file" 2>&1 \
		>/dev/null | sed -n "s/^ringzero zero: '[^']*': //p")
	[ -z "$why" ] || echo "why not native: $why" ;;
esac

# The probe's summary is its first paragraph (kernel, system, whether
# io_uring works, native ZERO); the full tables are `ringzero probe`.
if "$ringzero" probe --help >/dev/null 2>&1; then
	echo
	echo "\$ ringzero probe | sed '/^\$/q'    # the summary; run it for every table"
	"$ringzero" probe | sed '/^$/q'
fi
