/* SPDX-License-Identifier: MIT */
/*
 * ringzero/diag.h - io_uring explaining itself: the names and first kernel
 * versions of every opcode, flag and register call; what the running kernel
 * accepts; and why io_uring_setup() failed, in words, with the remedy.
 *
 * Three layers, each usable alone:
 *
 *   Names      tables (src/names.c) shared by the CLI, the tests and any
 *              program that wants to print "SQPOLL" instead of 0x2.
 *   Acceptance what this kernel takes (src/accept.c): each setup flag tried
 *              on a throwaway ring; IORING_REGISTER_QUERY (6.18) where the
 *              kernel has it.
 *   Diagnosis  io_uring_diagnose() (src/diag.c): a setup failure (-EPERM,
 *              -ENOSYS, -ENOMEM, -EINVAL, ...) turned into its likely
 *              causes, most likely first, from what the system shows:
 *              kernel.io_uring_disabled, the process's seccomp mode,
 *              RLIMIT_MEMLOCK and CAP_IPC_LOCK, the kernel version, and the
 *              flags asked for.
 *
 * Typical use, in a program's main():
 *
 *	ret = io_uring_queue_init_params(64, &ring, &p);
 *	if (ret < 0) {
 *		char why[1024];
 *
 *		io_uring_diagnose(ret, 64, &p, why, sizeof(why));
 *		fprintf(stderr, "myprog: %s", why);
 *		return 1;
 *	}
 *
 * Included by ringzero.h; not meant to be included on its own.
 */
#ifndef RINGZERO_DIAG_H
#define RINGZERO_DIAG_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A kernel version as one comparable number: RINGZERO_KVER(6, 18). */
#define RINGZERO_KVER(major, minor)	(((major) << 16) | ((minor) << 8))
#define RINGZERO_KVER_MAJOR(v)		((v) >> 16)
#define RINGZERO_KVER_MINOR(v)		(((v) >> 8) & 0xff)

/*
 * Names
 */

/* The tables ringzero_names() hands out. */
enum ringzero_name_table {
	RINGZERO_NAMES_OP,		/* IORING_OP_*, by opcode number */
	RINGZERO_NAMES_REGISTER,	/* IORING_REGISTER_*, by number */
	RINGZERO_NAMES_FEATURE,		/* IORING_FEAT_*, by bit */
	RINGZERO_NAMES_SETUP,		/* IORING_SETUP_*, by bit */
	RINGZERO_NAMES_ENTER,		/* IORING_ENTER_*, by bit */
	RINGZERO_NAMES_SQE_FLAG,	/* IOSQE_*, by bit */
	RINGZERO_NAMES_NR,
};

struct ringzero_name {
	unsigned long long value;	/* the number, or the flag's bit */
	const char *name;		/* without its prefix: "READ", "SQPOLL" */
	unsigned since;			/* RINGZERO_KVER of the first kernel */
	/*
	 * Setup flags only (0 elsewhere): the kernel refuses the flag
	 * unless one of the flags in needs comes with it, and refuses it
	 * together with any flag in conflicts.
	 */
	unsigned long long needs;
	unsigned long long conflicts;
};

/*
 * The rows of table, in increasing value, and their count in *nr (nr may
 * be NULL). Numbered tables (OP, REGISTER) have row i for value i. NULL for
 * a table that does not exist.
 */
const struct ringzero_name *ringzero_names(int table, unsigned *nr);

/* The row for value in table, or NULL if ringzero does not know it. */
const struct ringzero_name *ringzero_name_find(int table,
					       unsigned long long value);

/* "READ" for IORING_OP_READ; NULL for an opcode ringzero does not know. */
const char *ringzero_op_name(int opcode);

/*
 * Write the flags of a bit table as "SQPOLL|SQ_AFF", unknown bits as one
 * hex number at the end ("SQPOLL|0x80000000"), no flags as "0". Works like
 * snprintf: returns the length of the whole text, writes at most len bytes
 * including the NUL (nothing when len is 0). -EINVAL for a table that is
 * not a bit table.
 */
int ringzero_flags_name(int table, unsigned long long flags, char *buf,
			size_t len);

/*
 * The running kernel's version as RINGZERO_KVER (from uname), or -errno.
 * ringzero_parse_kernel_release() does the parsing: "6.18.44-fc" gives
 * RINGZERO_KVER(6, 18); -EINVAL for text that does not start with
 * MAJOR.MINOR.
 */
int ringzero_kernel_version(void);
int ringzero_parse_kernel_release(const char *release, unsigned *version);

/*
 * Acceptance: what this kernel takes
 */

/*
 * Try one setup flag on a throwaway ring of 4 entries, together with what
 * it needs (the table's needs, plus cq_entries for CQSIZE, a ring to share
 * for ATTACH_WQ, a CPU this thread may run on for SQ_AFF, memory for
 * NO_MMAP). Returns 0 if the kernel accepted it, or io_uring_setup()'s
 * -errno: -EINVAL (unknown to this kernel), -EPERM (not allowed for this
 * process, e.g. SQPOLL unprivileged before 5.11), ...
 */
int ringzero_try_setup_flag(unsigned flag);

/*
 * IORING_REGISTER_QUERY (6.18) for the opcode counts and the flag sets the
 * kernel knows; no ring needed. 0 and *out filled, or -errno: -EINVAL or
 * -EBADF on kernels without the query (an unknown opcode, or an fd of -1
 * where the kernel wants a ring), -EPERM/-ENOSYS when io_uring itself is
 * refused.
 */
int ringzero_query_opcodes(struct io_uring_query_opcode *out);

/* How ringzero_register_ops() found its answer. */
enum ringzero_register_method {
	RINGZERO_REGISTER_BY_QUERY,	/* the kernel said (exact) */
	RINGZERO_REGISTER_BY_VERSION,	/* from the version table (estimate) */
};

/*
 * The register opcodes the running kernel knows, as a mask: bit i for
 * opcode i. The kernel answers an unknown register opcode and a known one
 * given a bad argument alike (-EINVAL), so calling each opcode cannot tell
 * them apart. Instead: IORING_REGISTER_QUERY (6.18), where the kernel has
 * it, says how many it knows (exact); before 6.18, the rows of the version
 * table whose first kernel is not newer than the running one, taking as
 * the running version the larger of uname's and what the newest opcode
 * IORING_REGISTER_PROBE reports implies (a distribution kernel with
 * backports may know more: the answer is then a lower bound). Returns how
 * many opcodes the kernel knows and sets *method, or -errno (-EPERM,
 * -ENOSYS: io_uring is refused).
 */
int ringzero_register_ops(unsigned long long *known, int *method);

/*
 * Diagnosis
 */

/* What the system shows about io_uring's availability. */
struct ringzero_sysinfo {
	char release[65];		/* uname -r; "" if unknown */
	unsigned kernel_version;	/* RINGZERO_KVER; 0 if unknown */
	int io_uring_disabled;		/* kernel.io_uring_disabled 0..2;
					 * -1 absent (before 6.6) or unreadable */
	long long io_uring_group;	/* kernel.io_uring_group; -1 none */
	int in_io_uring_group;		/* the process is in that group */
	int cap_sys_admin;		/* CAP_SYS_ADMIN is effective; -1 unknown */
	int seccomp;			/* 0 off, 1 strict, 2 filter; -1 unknown */
	unsigned long long memlock_cur;	/* RLIMIT_MEMLOCK; ~0ULL = unlimited */
	unsigned long long memlock_max;
	int cap_ipc_lock;		/* CAP_IPC_LOCK is effective (the kernel
					 * then charges no RLIMIT_MEMLOCK);
					 * -1 unknown */
};

/* Read the above from uname, /proc and getrlimit. 0, or -errno. */
int ringzero_sysinfo_read(struct ringzero_sysinfo *si);

/* The causes a diagnosis can name. */
enum ringzero_cause {
	RINGZERO_CAUSE_NONE,		/* io_uring works */
	RINGZERO_CAUSE_SYSCTL_DISABLED,	/* kernel.io_uring_disabled = 2 */
	RINGZERO_CAUSE_SYSCTL_GROUP,	/* = 1, and not in io_uring_group */
	RINGZERO_CAUSE_SECCOMP,		/* a seccomp filter refuses it */
	RINGZERO_CAUSE_LSM,		/* an LSM or unknown policy refuses it */
	RINGZERO_CAUSE_NO_SYSCALL,	/* the kernel has no io_uring */
	RINGZERO_CAUSE_OLD_KERNEL,	/* the kernel predates io_uring */
	RINGZERO_CAUSE_MEMLOCK,		/* RLIMIT_MEMLOCK too small (before
					 * 5.12, and since 6.14) */
	RINGZERO_CAUSE_MEMORY,		/* no memory, or the cgroup's limit */
	RINGZERO_CAUSE_ENTRIES,		/* entries or cq_entries out of range */
	RINGZERO_CAUSE_FLAG_TOO_NEW,	/* a flag newer than the kernel */
	RINGZERO_CAUSE_FLAG_UNKNOWN,	/* bits that are no setup flag */
	RINGZERO_CAUSE_FLAG_NEEDS,	/* a flag without its companion */
	RINGZERO_CAUSE_FLAG_CONFLICT,	/* two flags that exclude each other */
	RINGZERO_CAUSE_PARAMS,		/* reserved fields, CPU, wq_fd, ... */
	RINGZERO_CAUSE_FD_LIMIT,	/* out of file descriptors */
	RINGZERO_CAUSE_FAULT,		/* params pointer not readable */
	RINGZERO_CAUSE_UNKNOWN,		/* none of the above fits */
	RINGZERO_CAUSE_NR,
};

/* "seccomp" for RINGZERO_CAUSE_SECCOMP, ...; NULL out of range. */
const char *ringzero_cause_name(int cause);

#define RINGZERO_DIAG_MAX_CAUSES	6

struct ringzero_diagnosis {
	int err;			/* the -errno diagnosed */
	unsigned nr;			/* causes found, most likely first */
	struct ringzero_diag_cause {
		int cause;		/* enum ringzero_cause */
		char what[192];		/* the cause, in a sentence */
		char remedy[192];	/* what to do about it */
	} causes[RINGZERO_DIAG_MAX_CAUSES];
};

/*
 * Diagnose io_uring_setup()'s -errno err for a ring of entries entries and
 * parameters p (NULL if unknown), given the system si. Pure: looks at its
 * arguments only. Always finds at least one cause (RINGZERO_CAUSE_UNKNOWN
 * if nothing fits; RINGZERO_CAUSE_NONE for err 0). Returns d->nr.
 */
int ringzero_diagnose(int err, unsigned entries,
		      const struct io_uring_params *p,
		      const struct ringzero_sysinfo *si,
		      struct ringzero_diagnosis *d);

/*
 * Write d as text, one line for the error and two per cause:
 *
 *	io_uring_setup failed: Operation not permitted (EPERM)
 *	  cause: kernel.io_uring_disabled is 2: io_uring is off ...
 *	  remedy: as root: sysctl -w kernel.io_uring_disabled=0 ...
 *
 * snprintf semantics: returns the whole text's length, writes at most len
 * bytes including the NUL.
 */
int ringzero_diagnosis_format(const struct ringzero_diagnosis *d, char *buf,
			      size_t len);

/*
 * All of the above in one call: read the system, diagnose err for entries
 * and p (p may be NULL), write the text into buf. Returns the text's
 * length (snprintf semantics), or -errno if the system could not be read
 * at all. For programs that only want a message to print.
 */
int io_uring_diagnose(int err, unsigned entries,
		      const struct io_uring_params *p, char *buf, size_t len);

/* "EPERM" for EPERM (positive or negative); NULL if not in our table. */
const char *ringzero_errno_name(int err);

#ifdef __cplusplus
}
#endif

#endif /* RINGZERO_DIAG_H */
