// SPDX-License-Identifier: MIT
/*
 * zero_fs.c - which filesystems store data, for `ringzero zero`: its
 * automatic method writes zeroes only on a filesystem known to keep them,
 * and it refuses files of filesystems whose files are kernel interfaces
 * (writing zeroes to /proc/sys/... or /sys/... is a command, not zeroing).
 * Values are statfs(2)'s f_type, as in <linux/magic.h> and statfs(2).
 */
#include <stddef.h>

#include "zero_chain.h"

static const struct zero_fs filesystems[] = {
	/* Filesystems that store what is written. */
	{ 0xef53,	"ext2/ext3/ext4",	true },
	{ 0x58465342,	"xfs",			true },
	{ 0x9123683e,	"btrfs",		true },
	{ 0x01021994,	"tmpfs",		true },
	{ 0x858458f6,	"ramfs",		true },
	{ 0x958458f6,	"hugetlbfs",		true },
	{ 0xf2f52010,	"f2fs",			true },
	{ 0x4d44,	"vfat/msdos",		true },
	{ 0x2011bab0,	"exfat",		true },
	{ 0x5346544e,	"ntfs",			true },
	{ 0x7366746e,	"ntfs3",		true },
	{ 0x6969,	"nfs",			true },
	{ 0xff534d42,	"cifs",			true },
	{ 0xfe534d42,	"smb2",			true },
	{ 0x794c7630,	"overlayfs",		true },
	{ 0x2fc12fc1,	"zfs",			true },
	{ 0xca451a4e,	"bcachefs",		true },
	{ 0x3153464a,	"jfs",			true },
	{ 0x52654973,	"reiserfs",		true },
	{ 0x482b,	"hfsplus",		true },
	{ 0x4244,	"hfs",			true },
	{ 0x15013346,	"udf",			true },
	{ 0x3434,	"nilfs2",		true },
	{ 0x01161970,	"gfs2",			true },
	{ 0x7461636f,	"ocfs2",		true },
	{ 0x00c36400,	"ceph",			true },
	{ 0x24051905,	"ubifs",		true },
	{ 0x72b6,	"jffs2",		true },
	{ 0xf15f,	"ecryptfs",		true },
	{ 0x01021997,	"9p",			true },
	/* Filesystems whose files are kernel interfaces. */
	{ 0x9fa0,	"proc",			false },
	{ 0x62656572,	"sysfs",		false },
	{ 0x64626720,	"debugfs",		false },
	{ 0x74726163,	"tracefs",		false },
	{ 0x0027e0eb,	"cgroup",		false },
	{ 0x63677270,	"cgroup2",		false },
	{ 0x73636673,	"securityfs",		false },
	{ 0xf97cff8c,	"selinuxfs",		false },
	{ 0x43415d53,	"smackfs",		false },
	{ 0xcafe4a11,	"bpf",			false },
	{ 0x6165676c,	"pstore",		false },
	{ 0xde5e81e4,	"efivarfs",		false },
	{ 0x62656570,	"configfs",		false },
	{ 0x65735543,	"fusectl",		false },
	{ 0x1cd1,	"devpts",		false },
	{ 0x42494e4d,	"binfmt_misc",		false },
	{ 0x6e736673,	"nsfs",			false },
	{ 0x19800202,	"mqueue",		false },
	{ 0x07655821,	"resctrl",		false },
	{ 0x50495045,	"pipefs",		false },
	{ 0x534f434b,	"sockfs",		false },
	{ 0x09041934,	"anon_inodefs",		false },
};

const struct zero_fs *zero_fs_find(unsigned long magic)
{
	size_t i;

	for (i = 0; i < sizeof(filesystems) / sizeof(filesystems[0]); i++)
		if (filesystems[i].magic == magic)
			return &filesystems[i];
	return NULL;
}
