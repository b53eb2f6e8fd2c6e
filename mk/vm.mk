# SPDX-License-Identifier: MIT
# The VM test: boot Debian's Linux with the IORING_OP_ZERO patch from
# kernel/ in QEMU and run the whole test suite, plus the ZERO tests on ext4,
# xfs, btrfs and tmpfs, inside it (see vm/ and kernel/README.md).
#   make vm-check               Linux 6.12 (part of `make check`)
#   make vm-check KERNEL=6.1    Linux 6.1
#   make demo-vm [KERNEL=6.1]   the seed's scenario in the guest only
# The kernel is cached in $(RZ_VM_CACHE) (default /var/cache/ringzero-vm);
# the guest's files and the console log go to build/vm/$(KERNEL)/.

KERNEL ?= 6.12
VM_BUILD := build/static
VM_DIR := build/vm/$(KERNEL)

# Only the VM test needs these, so they stay out of `make deps`: the kernel
# source of the version under test, the kernel's build tools, QEMU (qboot
# comes with it), a static busybox for the guest, the disks' mkfs tools.
VM_PACKAGES := linux-source-$(KERNEL) build-essential flex bison bc \
	libelf-dev libssl-dev cpio xz-utils patch qemu-system-x86 \
	busybox-static e2fsprogs xfsprogs btrfs-progs

.PHONY: vm-check vm-kernel demo-vm

# QEMU itself runs on ringzero's liburing.so.2 (mk/compat.mk), its disks
# with aio=io_uring: vm/boot.sh checks the loader mapped that file.
vm-check: vm-kernel
	$(MAKE) O=$(VM_BUILD) STATIC=1 all
	$(MAKE) compat
	vm/initramfs.sh $(VM_BUILD) $(VM_DIR)/initramfs.cpio
	vm/disks.sh $(VM_DIR)
	RZ_VM_LIBURING=$(COMPAT_DIR) vm/boot.sh $$(cat $(VM_DIR)/kernel-path) $(VM_DIR)

# Installs what is missing, then builds the kernel or finds it in the cache.
vm-kernel:
	scripts/install-deps.sh $(VM_PACKAGES)
	@mkdir -p $(VM_DIR)
	vm/kernel.sh $(KERNEL) > $(VM_DIR)/kernel-path

# The seed's scenario on the patched kernel: `make demo`, in the guest.
# Only the ringzero command is needed there, built static.
demo-vm:
	scripts/install-deps.sh $(VM_PACKAGES)
	$(MAKE) O=$(VM_BUILD) STATIC=1 $(VM_BUILD)/ringzero
	scripts/demo-vm.sh $(KERNEL) $(VM_BUILD) $(VM_DIR)

CHECK_EXTRA += vm-check
