// SPDX-License-Identifier: MIT
/*
 * diag.c - why io_uring_setup() failed, in words, with the remedy.
 *
 * Two halves. ringzero_sysinfo_read() gathers what the system shows
 * (kernel version, kernel.io_uring_disabled and io_uring_group, the seccomp
 * mode, CAP_SYS_ADMIN and CAP_IPC_LOCK from /proc/self/status,
 * RLIMIT_MEMLOCK).
 * ringzero_diagnose() is pure: a table of rules, each naming the errno it
 * explains, when it applies and what it says, is walked in order, so the
 * most likely cause comes first. Keeping the two apart lets the tests and
 * the fuzzer feed the rules any system they like.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/utsname.h>

#include "internal.h"

/* Kernel limits on ring sizes (io_uring/io_uring.h), for the EINVAL rules. */
#define KERN_MAX_ENTRIES	32768U
#define KERN_MAX_CQ_ENTRIES	(2 * KERN_MAX_ENTRIES)
#define CAP_IPC_LOCK_BIT	14
#define CAP_SYS_ADMIN_BIT	21

/*
 * Reading the system
 */

/* Read a small /proc file into buf (NUL-terminated). Bytes read or -errno. */
static ssize_t read_small(const char *path, char *buf, size_t len)
{
	ssize_t n, total = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	while ((size_t)total < len - 1) {
		n = read(fd, buf + total, len - 1 - (size_t)total);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = -errno;

			close(fd);
			return err;
		}
		if (!n)
			break;
		total += n;
	}
	buf[total] = '\0';
	close(fd);
	return total;
}

int __rz_parse_long(const char *text, size_t len, long long *out)
{
	long long v = 0;
	size_t i = 0;
	int neg = 0, digits = 0;

	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	if (i < len && text[i] == '-') {
		neg = 1;
		i++;
	}
	for (; i < len && text[i] >= '0' && text[i] <= '9'; i++) {
		if (v > (0x7fffffffffffffffLL - 9) / 10)
			return -ERANGE;
		v = v * 10 + (text[i] - '0');
		digits++;
	}
	/* A sysctl ends in a newline; anything else after the digits is junk. */
	if (!digits || (i < len && text[i] != '\n' && text[i] != '\0'))
		return -EINVAL;
	*out = neg ? -v : v;
	return 0;
}

/* The value of "Key:\t..." in /proc/self/status text, or NULL. */
static const char *status_field(const char *text, size_t len,
				const char *key, size_t *vlen)
{
	size_t klen = strlen(key), pos = 0;

	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t llen = nl ? (size_t)(nl - line) : len - pos;

		if (llen > klen && !memcmp(line, key, klen) &&
		    line[klen] == ':') {
			size_t v = klen + 1;

			while (v < llen && (line[v] == ' ' || line[v] == '\t'))
				v++;
			*vlen = llen - v;
			return line + v;
		}
		pos += llen + 1;
	}
	return NULL;
}

void __rz_parse_status(const char *text, size_t len, int *seccomp,
		       int *cap_sys_admin, int *cap_ipc_lock)
{
	const char *v;
	size_t vlen, i;
	long long mode;

	*seccomp = -1;
	*cap_sys_admin = -1;
	*cap_ipc_lock = -1;
	v = status_field(text, len, "Seccomp", &vlen);
	if (v && !__rz_parse_long(v, vlen, &mode) && mode >= 0 && mode <= 2)
		*seccomp = (int)mode;

	/*
	 * CapEff is hex, most significant digit first; bit 21 is SYS_ADMIN,
	 * bit 14 IPC_LOCK.
	 */
	v = status_field(text, len, "CapEff", &vlen);
	if (v && vlen >= 6 && vlen <= 16) {
		unsigned long long caps = 0;

		for (i = 0; i < vlen; i++) {
			char c = v[i];
			unsigned d;

			if (c >= '0' && c <= '9')
				d = (unsigned)(c - '0');
			else if (c >= 'a' && c <= 'f')
				d = (unsigned)(c - 'a' + 10);
			else
				return;
			caps = caps << 4 | d;
		}
		*cap_sys_admin = (int)((caps >> CAP_SYS_ADMIN_BIT) & 1);
		*cap_ipc_lock = (int)((caps >> CAP_IPC_LOCK_BIT) & 1);
	}
}

static long long read_sysctl(const char *path)
{
	char buf[32];
	long long v;
	ssize_t n = read_small(path, buf, sizeof(buf));

	if (n <= 0 || __rz_parse_long(buf, (size_t)n, &v))
		return -1;
	return v;
}

static int in_group(long long gid)
{
	gid_t groups[256];
	int n, i;

	if (gid < 0)
		return 0;
	if ((long long)getegid() == gid)
		return 1;
	n = getgroups(256, groups);
	for (i = 0; i < n; i++)
		if ((long long)groups[i] == gid)
			return 1;
	return 0;
}

int ringzero_sysinfo_read(struct ringzero_sysinfo *si)
{
	struct utsname u;
	struct rlimit rl;
	char status[8192];
	ssize_t n;
	long long v;

	memset(si, 0, sizeof(*si));
	if (!uname(&u)) {
		snprintf(si->release, sizeof(si->release), "%s", u.release);
		if (ringzero_parse_kernel_release(u.release,
						  &si->kernel_version))
			si->kernel_version = 0;
	}

	/* Both sysctls arrived in 6.6; before that io_uring is never off. */
	v = read_sysctl("/proc/sys/kernel/io_uring_disabled");
	si->io_uring_disabled = v >= 0 && v <= 2 ? (int)v : -1;
	si->io_uring_group = read_sysctl("/proc/sys/kernel/io_uring_group");
	if (si->io_uring_group < 0)
		si->io_uring_group = -1;
	si->in_io_uring_group = in_group(si->io_uring_group);

	n = read_small("/proc/self/status", status, sizeof(status));
	if (n > 0) {
		__rz_parse_status(status, (size_t)n, &si->seccomp,
				  &si->cap_sys_admin, &si->cap_ipc_lock);
	} else {
		si->seccomp = -1;
		si->cap_sys_admin = -1;
		si->cap_ipc_lock = -1;
	}

	if (!getrlimit(RLIMIT_MEMLOCK, &rl)) {
		si->memlock_cur = rl.rlim_cur == RLIM_INFINITY ? ~0ULL :
				  (unsigned long long)rl.rlim_cur;
		si->memlock_max = rl.rlim_max == RLIM_INFINITY ? ~0ULL :
				  (unsigned long long)rl.rlim_max;
	} else {
		si->memlock_cur = si->memlock_max = ~0ULL;
	}
	return 0;
}

/*
 * An errno of either sign as a positive number. INT_MIN has no positive
 * twin; INT_MAX stands in for it (no errno, so no rule matches it).
 */
static int errno_abs(int err)
{
	if (err == INT_MIN)
		return INT_MAX;
	return err < 0 ? -err : err;
}

/*
 * The rules
 */

struct ctx {
	int err;			/* positive errno */
	unsigned entries;
	const struct io_uring_params *p;	/* NULL: not known */
	const struct ringzero_sysinfo *si;
	struct ringzero_diagnosis *d;
};

/* Add a cause with a fixed remedy and a what formatted from fmt. */
static void addf(struct ctx *c, int cause, const char *remedy,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void addf(struct ctx *c, int cause, const char *remedy,
		 const char *fmt, ...)
{
	struct ringzero_diag_cause *dc;
	va_list ap;

	/* A full diagnosis keeps its first, most likely, causes. */
	if (c->d->nr >= RINGZERO_DIAG_MAX_CAUSES)
		return;
	dc = &c->d->causes[c->d->nr++];
	dc->cause = cause;
	va_start(ap, fmt);
	vsnprintf(dc->what, sizeof(dc->what), fmt, ap);
	va_end(ap);
	snprintf(dc->remedy, sizeof(dc->remedy), "%s", remedy);
}

static unsigned kver(const struct ctx *c)
{
	return c->si->kernel_version;
}

static unsigned setup_flags(const struct ctx *c)
{
	return c->p ? c->p->flags : 0;
}

/* "6.18" into buf[16]. */
static const char *vstr(unsigned v, char *buf)
{
	snprintf(buf, 16, "%u.%u", RINGZERO_KVER_MAJOR(v),
		 RINGZERO_KVER_MINOR(v));
	return buf;
}

static const char *flag_name(unsigned long long flag)
{
	const struct ringzero_name *row =
		ringzero_name_find(RINGZERO_NAMES_SETUP, flag);

	return row ? row->name : "?";
}

/* Conditions, one per rule that has one. */

static bool sysctl_off(const struct ctx *c)
{
	return c->si->io_uring_disabled == 2;
}

static bool sysctl_group(const struct ctx *c)
{
	return c->si->io_uring_disabled == 1 && c->si->cap_sys_admin != 1 &&
	       !c->si->in_io_uring_group;
}

static bool seccomp_filter(const struct ctx *c)
{
	return c->si->seccomp == 2;
}

/* SQPOLL wanted CAP_SYS_ADMIN until 5.11 (IORING_FEAT_SQPOLL_NONFIXED). */
static bool sqpoll_unprivileged(const struct ctx *c)
{
	return (setup_flags(c) & IORING_SETUP_SQPOLL) && kver(c) &&
	       kver(c) < RINGZERO_KVER(5, 11) && c->si->cap_sys_admin != 1;
}

static bool nothing_yet(const struct ctx *c)
{
	return c->d->nr == 0;
}

static bool kernel_too_old(const struct ctx *c)
{
	return kver(c) && kver(c) < RINGZERO_KVER(5, 1);
}

static bool kernel_not_too_old(const struct ctx *c)
{
	return !kernel_too_old(c);
}

/*
 * Whether the kernel charges ring memory to RLIMIT_MEMLOCK. It does for a
 * process without CAP_IPC_LOCK, in two eras: until 5.12, when the rings
 * moved to memory-cgroup accounting; and again since 6.14, where the rings
 * became "regions" (io_create_region()), which charge the user's locked
 * memory like registered buffers always did. On 6.18 an unprivileged
 * `ulimit -l 4` fails io_uring_setup() with -ENOMEM; root does not.
 */
static bool memlock_counts(const struct ctx *c)
{
	unsigned v = kver(c);

	return (!v || v < RINGZERO_KVER(5, 12) || v >= RINGZERO_KVER(6, 14)) &&
	       c->si->memlock_cur != ~0ULL && c->si->cap_ipc_lock != 1;
}

static bool params_unknown(const struct ctx *c)
{
	return !c->p;
}

static bool has_flag(const struct ctx *c, unsigned flag)
{
	return (setup_flags(c) & flag) != 0;
}

static bool wants_sq_aff(const struct ctx *c)
{
	return has_flag(c, IORING_SETUP_SQ_AFF);
}

static bool wants_attach_wq(const struct ctx *c)
{
	return has_flag(c, IORING_SETUP_ATTACH_WQ);
}

static bool wants_no_mmap(const struct ctx *c)
{
	return has_flag(c, IORING_SETUP_NO_MMAP);
}

static bool resv_set(const struct ctx *c)
{
	return c->p && (c->p->resv[0] || c->p->resv[1] || c->p->resv[2]);
}

/* Explanations whose text carries values, or that add several causes. */

static void explain_group(struct ctx *c, int cause)
{
	if (c->si->io_uring_group < 0)
		addf(c, cause,
		     "as root: set kernel.io_uring_group to a group and add "
		     "the user to it, or sysctl -w kernel.io_uring_disabled=0",
		     "kernel.io_uring_disabled is 1 and kernel.io_uring_group "
		     "is -1: only processes with CAP_SYS_ADMIN may use io_uring");
	else
		addf(c, cause,
		     "add the user to that group (and log in again), or as "
		     "root: sysctl -w kernel.io_uring_disabled=0",
		     "kernel.io_uring_disabled is 1: only CAP_SYS_ADMIN and "
		     "members of group %lld (kernel.io_uring_group) may use "
		     "io_uring, and this process is neither",
		     c->si->io_uring_group);
}

static void explain_old_kernel(struct ctx *c, int cause)
{
	char v[16];

	addf(c, cause, "run Linux 5.1 or newer (5.6 or newer for most "
		       "operations)",
	     "the kernel (%s) predates io_uring, which arrived in Linux 5.1",
	     vstr(kver(c), v));
}

static void explain_memlock(struct ctx *c, int cause)
{
	addf(c, cause,
	     "raise the limit: ulimit -l unlimited, LimitMEMLOCK=infinity "
	     "(systemd), --ulimit memlock=-1 (docker); or use fewer entries",
	     "without CAP_IPC_LOCK, ring memory counts against RLIMIT_MEMLOCK "
	     "(before Linux 5.12, and again since 6.14), shared by all of the "
	     "user's processes, and this one may lock only %llu KiB",
	     c->si->memlock_cur / 1024);
}

static void explain_memory(struct ctx *c, int cause)
{
	addf(c, cause,
	     "use fewer entries, free memory, or raise the cgroup's "
	     "memory.max",
	     "the kernel could not allocate the ring for %u entries: memory "
	     "or this cgroup's memory limit is exhausted", c->entries);
}

static void explain_entries(struct ctx *c, int cause)
{
	const struct io_uring_params *p = c->p;
	unsigned clamp = setup_flags(c) & IORING_SETUP_CLAMP;

	if (!c->entries || (c->entries > KERN_MAX_ENTRIES && !clamp))
		addf(c, cause, "ask for 1 to 32768 entries, or set "
			       "IORING_SETUP_CLAMP to have the kernel cap them",
		     "entries is %u; the kernel takes 1 to %u", c->entries,
		     KERN_MAX_ENTRIES);
	if (!p || !(p->flags & IORING_SETUP_CQSIZE))
		return;
	if (!p->cq_entries || (p->cq_entries > KERN_MAX_CQ_ENTRIES && !clamp))
		addf(c, cause, "set cq_entries to 1..65536 with CQSIZE",
		     "IORING_SETUP_CQSIZE with cq_entries %u; the kernel takes "
		     "1 to %u", p->cq_entries, KERN_MAX_CQ_ENTRIES);
	else if (p->cq_entries < c->entries)
		addf(c, cause, "make cq_entries at least entries",
		     "cq_entries (%u) is smaller than entries (%u)",
		     p->cq_entries, c->entries);
}

static void explain_unknown_bits(struct ctx *c, int cause)
{
	const struct ringzero_name *rows;
	unsigned long long known = 0;
	unsigned nr, i;

	rows = ringzero_names(RINGZERO_NAMES_SETUP, &nr);
	for (i = 0; i < nr; i++)
		known |= rows[i].value;
	if (setup_flags(c) & ~known)
		addf(c, cause, "clear the bits that are not IORING_SETUP_* "
			       "flags",
		     "flags %#llx are no io_uring setup flag any kernel up to "
		     "6.18 knows", setup_flags(c) & ~known);
}

static void explain_too_new(struct ctx *c, int cause)
{
	const struct ringzero_name *rows;
	unsigned nr, i;
	char v1[16], v2[16];

	rows = ringzero_names(RINGZERO_NAMES_SETUP, &nr);
	for (i = 0; i < nr; i++)
		if ((setup_flags(c) & rows[i].value) && kver(c) &&
		    rows[i].since > kver(c))
			addf(c, cause, "leave the flag out on this kernel, or "
				       "run a newer one",
			     "IORING_SETUP_%s needs Linux %s; this kernel is %s",
			     rows[i].name, vstr(rows[i].since, v1),
			     vstr(kver(c), v2));
}

static void explain_needs(struct ctx *c, int cause)
{
	const struct ringzero_name *rows;
	unsigned nr, i;
	char needs[96];

	rows = ringzero_names(RINGZERO_NAMES_SETUP, &nr);
	for (i = 0; i < nr; i++) {
		if (!(setup_flags(c) & rows[i].value) || !rows[i].needs ||
		    (setup_flags(c) & rows[i].needs))
			continue;
		ringzero_flags_name(RINGZERO_NAMES_SETUP, rows[i].needs, needs,
				    sizeof(needs));
		addf(c, cause, "add the flag it needs, or drop it",
		     "IORING_SETUP_%s needs %s%s as well", rows[i].name,
		     strchr(needs, '|') ? "one of " : "", needs);
	}
}

static void explain_conflicts(struct ctx *c, int cause)
{
	const struct ringzero_name *rows;
	unsigned nr, i;
	unsigned long long clash;

	rows = ringzero_names(RINGZERO_NAMES_SETUP, &nr);
	for (i = 0; i < nr; i++) {
		if (!(setup_flags(c) & rows[i].value))
			continue;
		clash = setup_flags(c) & rows[i].conflicts;
		/* Name each pair once: from its lower flag. */
		clash &= ~((rows[i].value << 1) - 1);
		while (clash) {
			unsigned long long bit = clash & -clash;

			addf(c, cause, "choose one of the two",
			     "IORING_SETUP_%s and IORING_SETUP_%s exclude each "
			     "other", rows[i].name, flag_name(bit));
			clash &= clash - 1;
		}
	}
}

/*
 * Every rule, by errno, most likely cause first. A rule applies when its
 * condition holds (no condition: always); its text is fixed, or written by
 * its explain function when it carries values or names several flags.
 */
static const struct rule {
	int err;
	int cause;
	bool (*applies)(const struct ctx *c);
	const char *what;
	const char *remedy;
	void (*explain)(struct ctx *c, int cause);
} rules[] = {
	{ EPERM, RINGZERO_CAUSE_SYSCTL_DISABLED, sysctl_off,
	  "kernel.io_uring_disabled is 2: io_uring is switched off for every "
	  "process on this system",
	  "as root: sysctl -w kernel.io_uring_disabled=0 (or 1 to allow "
	  "kernel.io_uring_group only), and persist it in /etc/sysctl.d/",
	  NULL },
	{ EPERM, RINGZERO_CAUSE_SYSCTL_GROUP, sysctl_group, NULL, NULL,
	  explain_group },
	{ EPERM, RINGZERO_CAUSE_SECCOMP, seccomp_filter,
	  "a seccomp filter on this process (a container runtime's default "
	  "profile, systemd's SystemCallFilter=) refuses io_uring_setup",
	  "allow io_uring_setup, io_uring_enter and io_uring_register in the "
	  "profile (docker/podman --security-opt seccomp=FILE)",
	  NULL },
	{ EPERM, RINGZERO_CAUSE_PARAMS, sqpoll_unprivileged,
	  "IORING_SETUP_SQPOLL needs CAP_SYS_ADMIN before Linux 5.11",
	  "run without SQPOLL, with CAP_SYS_ADMIN, or on Linux 5.11+", NULL },
	{ EPERM, RINGZERO_CAUSE_LSM, nothing_yet,
	  "neither kernel.io_uring_disabled nor seccomp explains it: a "
	  "security module policy (SELinux, AppArmor) likely refuses io_uring",
	  "check the audit log (ausearch -m avc, dmesg) for a denial and "
	  "allow io_uring for this program", NULL },

	{ ENOSYS, RINGZERO_CAUSE_SECCOMP, seccomp_filter,
	  "a seccomp filter on this process hides io_uring_setup (answers "
	  "ENOSYS, as sandboxes and container profiles do)",
	  "allow io_uring_setup, io_uring_enter and io_uring_register in the "
	  "profile (docker/podman --security-opt seccomp=FILE)",
	  NULL },
	{ ENOSYS, RINGZERO_CAUSE_OLD_KERNEL, kernel_too_old, NULL, NULL,
	  explain_old_kernel },
	{ ENOSYS, RINGZERO_CAUSE_NO_SYSCALL, kernel_not_too_old,
	  "the kernel was built without io_uring (CONFIG_IO_URING=n), as some "
	  "hardened and embedded kernels are",
	  "use a kernel built with CONFIG_IO_URING=y", NULL },

	{ ENOMEM, RINGZERO_CAUSE_MEMLOCK, memlock_counts, NULL, NULL,
	  explain_memlock },
	{ ENOMEM, RINGZERO_CAUSE_MEMORY, NULL, NULL, NULL, explain_memory },

	{ EINVAL, RINGZERO_CAUSE_ENTRIES, NULL, NULL, NULL, explain_entries },
	{ EINVAL, RINGZERO_CAUSE_FLAG_UNKNOWN, NULL, NULL, NULL,
	  explain_unknown_bits },
	{ EINVAL, RINGZERO_CAUSE_FLAG_TOO_NEW, NULL, NULL, NULL,
	  explain_too_new },
	{ EINVAL, RINGZERO_CAUSE_FLAG_NEEDS, NULL, NULL, NULL, explain_needs },
	{ EINVAL, RINGZERO_CAUSE_FLAG_CONFLICT, NULL, NULL, NULL,
	  explain_conflicts },
	{ EINVAL, RINGZERO_CAUSE_PARAMS, resv_set,
	  "io_uring_params.resv is not zero", "zero the whole io_uring_params "
	  "before filling it in", NULL },
	{ EINVAL, RINGZERO_CAUSE_PARAMS, wants_sq_aff,
	  "IORING_SETUP_SQ_AFF names a CPU (sq_thread_cpu) that is offline or "
	  "outside this process's allowed CPUs",
	  "pick a CPU from the process's affinity mask (taskset -p PID)",
	  NULL },
	{ EINVAL, RINGZERO_CAUSE_PARAMS, wants_attach_wq,
	  "IORING_SETUP_ATTACH_WQ's wq_fd is not an io_uring file descriptor",
	  "pass the ring_fd of a live ring in wq_fd", NULL },
	{ EINVAL, RINGZERO_CAUSE_PARAMS, wants_no_mmap,
	  "IORING_SETUP_NO_MMAP memory (sq_off/cq_off.user_addr) is missing or "
	  "not page-aligned, or too small",
	  "use io_uring_queue_init_mem() with page-aligned memory", NULL },
	{ EINVAL, RINGZERO_CAUSE_FLAG_UNKNOWN, params_unknown,
	  "the kernel refuses the flags or sizes asked for",
	  "run 'ringzero probe' to see which setup flags this kernel takes",
	  NULL },
	{ EINVAL, RINGZERO_CAUSE_UNKNOWN, nothing_yet,
	  "the kernel refuses these parameters for a reason not checked here",
	  "run 'ringzero probe' to see which setup flags this kernel takes",
	  NULL },

	{ EFAULT, RINGZERO_CAUSE_FAULT, NULL,
	  "the io_uring_params pointer (or NO_MMAP memory) is not readable "
	  "and writable memory",
	  "pass a valid struct io_uring_params", NULL },
	{ EMFILE, RINGZERO_CAUSE_FD_LIMIT, NULL,
	  "this process has no file descriptor left for the ring",
	  "close unused descriptors or raise the limit (ulimit -n)", NULL },
	{ ENFILE, RINGZERO_CAUSE_FD_LIMIT, NULL,
	  "the system's file table is full",
	  "close files, or raise fs.file-max", NULL },
	{ EBADF, RINGZERO_CAUSE_PARAMS, wants_attach_wq,
	  "IORING_SETUP_ATTACH_WQ's wq_fd is not an open file descriptor",
	  "pass the ring_fd of a live ring in wq_fd", NULL },
	{ ENXIO, RINGZERO_CAUSE_PARAMS, wants_attach_wq,
	  "IORING_SETUP_ATTACH_WQ's wq_fd is not an open file descriptor",
	  "pass the ring_fd of a live ring in wq_fd", NULL },
};

int ringzero_diagnose(int err, unsigned entries,
		      const struct io_uring_params *p,
		      const struct ringzero_sysinfo *si,
		      struct ringzero_diagnosis *d)
{
	struct ctx c = {
		/* Either sign: the library's -errno, or errno itself. */
		.err = errno_abs(err),
		.entries = entries,
		.p = p,
		.si = si,
		.d = d,
	};
	unsigned i;

	memset(d, 0, sizeof(*d));
	d->err = -c.err;
	if (!c.err) {
		addf(&c, RINGZERO_CAUSE_NONE, "nothing to do", "io_uring works");
		return (int)d->nr;
	}
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		const struct rule *r = &rules[i];

		if (r->err != c.err || (r->applies && !r->applies(&c)))
			continue;
		if (r->explain)
			r->explain(&c, r->cause);
		else
			addf(&c, r->cause, r->remedy, "%s", r->what);
	}
	if (!d->nr)
		addf(&c, RINGZERO_CAUSE_UNKNOWN,
		     "report it, with the output of 'ringzero probe'",
		     "io_uring_setup is not known to fail this way; no "
		     "explanation is on record");
	return (int)d->nr;
}

/*
 * Text
 */

/* Short stable names for the causes, for JSON and scripts. */
static const char *const cause_names[RINGZERO_CAUSE_NR] = {
	[RINGZERO_CAUSE_NONE] = "none",
	[RINGZERO_CAUSE_SYSCTL_DISABLED] = "sysctl_disabled",
	[RINGZERO_CAUSE_SYSCTL_GROUP] = "sysctl_group",
	[RINGZERO_CAUSE_SECCOMP] = "seccomp",
	[RINGZERO_CAUSE_LSM] = "lsm",
	[RINGZERO_CAUSE_NO_SYSCALL] = "no_syscall",
	[RINGZERO_CAUSE_OLD_KERNEL] = "old_kernel",
	[RINGZERO_CAUSE_MEMLOCK] = "memlock",
	[RINGZERO_CAUSE_MEMORY] = "memory",
	[RINGZERO_CAUSE_ENTRIES] = "entries",
	[RINGZERO_CAUSE_FLAG_TOO_NEW] = "flag_too_new",
	[RINGZERO_CAUSE_FLAG_UNKNOWN] = "flag_unknown",
	[RINGZERO_CAUSE_FLAG_NEEDS] = "flag_needs",
	[RINGZERO_CAUSE_FLAG_CONFLICT] = "flag_conflict",
	[RINGZERO_CAUSE_PARAMS] = "params",
	[RINGZERO_CAUSE_FD_LIMIT] = "fd_limit",
	[RINGZERO_CAUSE_FAULT] = "fault",
	[RINGZERO_CAUSE_UNKNOWN] = "unknown",
};

const char *ringzero_cause_name(int cause)
{
	if (cause < 0 || cause >= RINGZERO_CAUSE_NR)
		return NULL;
	return cause_names[cause];
}

static const struct {
	int err;
	const char *name;
} errno_names[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EINTR, "EINTR" },
	{ EIO, "EIO" }, { ENXIO, "ENXIO" }, { EBADF, "EBADF" },
	{ EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
	{ EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" },
	{ ENODEV, "ENODEV" }, { EINVAL, "EINVAL" }, { ENFILE, "ENFILE" },
	{ EMFILE, "EMFILE" }, { ENOSPC, "ENOSPC" }, { ESPIPE, "ESPIPE" },
	{ ERANGE, "ERANGE" }, { ENOSYS, "ENOSYS" }, { EOVERFLOW, "EOVERFLOW" },
	{ EOPNOTSUPP, "EOPNOTSUPP" }, { ECANCELED, "ECANCELED" },
	{ ETIME, "ETIME" }, { EBADFD, "EBADFD" }, { EISDIR, "EISDIR" },
	{ EFBIG, "EFBIG" },
};

const char *ringzero_errno_name(int err)
{
	unsigned i;

	err = errno_abs(err);
	for (i = 0; i < sizeof(errno_names) / sizeof(errno_names[0]); i++)
		if (errno_names[i].err == err)
			return errno_names[i].name;
	return NULL;
}

int ringzero_diagnosis_format(const struct ringzero_diagnosis *d, char *buf,
			      size_t len)
{
	const char *name = ringzero_errno_name(d->err);
	int err = errno_abs(d->err);
	char msg[128], num[24];
	size_t used = 0;
	unsigned i;
	int n;

	if (len)
		buf[0] = '\0';
	if (!d->err) {
		n = snprintf(buf, len, "io_uring works\n");
		return n;
	}
	if (!name) {
		snprintf(num, sizeof(num), "errno %d", err);
		name = num;
	}
	n = snprintf(buf, len, "io_uring_setup failed: %s (%s)\n",
		     strerror_r(err, msg, sizeof(msg)), name);
	used = (size_t)n;
	for (i = 0; i < d->nr && i < RINGZERO_DIAG_MAX_CAUSES; i++) {
		n = snprintf(used < len ? buf + used : NULL,
			     used < len ? len - used : 0,
			     "  cause: %.192s\n  remedy: %.192s\n",
			     d->causes[i].what, d->causes[i].remedy);
		used += (size_t)n;
	}
	return (int)used;
}

int io_uring_diagnose(int err, unsigned entries,
		      const struct io_uring_params *p, char *buf, size_t len)
{
	struct ringzero_sysinfo si;
	struct ringzero_diagnosis d;
	int ret;

	ret = ringzero_sysinfo_read(&si);
	if (ret)
		return ret;
	ringzero_diagnose(err, entries, p, &si, &d);
	return ringzero_diagnosis_format(&d, buf, len);
}
