// SPDX-License-Identifier: MIT
/*
 * cmd_probe.c - `ringzero probe [--json]`: what the running kernel's
 * io_uring can do, or why it cannot be used at all.
 *
 * Everything is asked of the kernel, never assumed from its version, except
 * the register opcodes of kernels without IORING_REGISTER_QUERY (see
 * ringzero_register_ops()). Names and first versions come from the
 * library's tables (ringzero/diag.h). The report goes to standard output;
 * when io_uring is unavailable the command still prints the report, with
 * the diagnosis, names the cause on standard error and exits 1.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "ringzero.h"
#include "cmd.h"

/* Everything the report shows, gathered before anything is printed. */
struct report {
	struct utsname uts;
	struct ringzero_sysinfo si;
	int setup_err;			/* 0: io_uring works */
	struct ringzero_diagnosis diag;

	unsigned features;
	struct io_uring_probe *probe;	/* NULL if the kernel has none */
	int query_err;			/* 0: query below is valid */
	struct io_uring_query_opcode query;
	int setup_try[32];		/* ringzero_try_setup_flag per bit */
	unsigned long long register_known;
	int register_count;		/* or -errno */
	int register_method;
	int zero;			/* io_uring_zero_opcode(): opcode or -errno */
};

static const char *vstr(unsigned v, char *buf, size_t len)
{
	snprintf(buf, len, "%u.%u", RINGZERO_KVER_MAJOR(v),
		 RINGZERO_KVER_MINOR(v));
	return buf;
}

static const char *err_name(int err)
{
	const char *name = ringzero_errno_name(err);

	return name ? name : "error";
}

static int bit_index(unsigned long long bit)
{
	return __builtin_ctzll(bit);
}

static void gather(struct report *r)
{
	const struct ringzero_name *rows;
	struct io_uring ring;
	unsigned nr, i;

	memset(r, 0, sizeof(*r));
	uname(&r->uts);
	ringzero_sysinfo_read(&r->si);
	r->setup_err = io_uring_queue_init(4, &ring, 0);
	ringzero_diagnose(r->setup_err, 4, NULL, &r->si, &r->diag);
	if (r->setup_err)
		return;

	r->features = ring.features;
	r->probe = io_uring_get_probe_ring(&ring);
	io_uring_queue_exit(&ring);

	r->query_err = ringzero_query_opcodes(&r->query);
	rows = ringzero_names(RINGZERO_NAMES_SETUP, &nr);
	for (i = 0; i < nr; i++)
		r->setup_try[bit_index(rows[i].value)] =
			ringzero_try_setup_flag((unsigned)rows[i].value);
	r->register_count = ringzero_register_ops(&r->register_known,
						  &r->register_method);
	r->zero = io_uring_zero_opcode();
}

/*
 * The row naming opcode op on this kernel: the table's, except for the
 * number a patched kernel gave IORING_OP_ZERO, which upstream uses for a
 * later opcode (since 0: no mainline kernel has it).
 */
static const struct ringzero_name *op_row(const struct report *r, unsigned op)
{
	static const struct ringzero_name zero_row = { 0, "ZERO", 0, 0, 0 };

	if (r->zero >= 0 && op == (unsigned)r->zero)
		return &zero_row;
	return ringzero_name_find(RINGZERO_NAMES_OP, op);
}

/* "6.18", or "patch" for the ZERO row, or "-" for an unknown opcode. */
static const char *op_since(const struct ringzero_name *row, char *buf,
			    size_t len)
{
	if (!row)
		return "-";
	if (!row->since)
		return "patch";
	return vstr(row->since, buf, len);
}

static int op_supported(const struct report *r, unsigned op)
{
	return r->probe && op <= r->probe->last_op &&
	       op < r->probe->ops_len &&
	       (r->probe->ops[op].flags & IO_URING_OP_SUPPORTED);
}

/* Opcodes the kernel's probe lists: up to its last_op (inclusive). */
static unsigned kernel_op_count(const struct report *r)
{
	if (!r->probe)
		return 0;
	return r->probe->last_op + 1U < r->probe->ops_len ?
	       r->probe->last_op + 1U : r->probe->ops_len;
}

static const char *zero_text(const struct report *r, char *buf, size_t len)
{
	if (r->zero >= 0)
		snprintf(buf, len, "yes (opcode %d)", r->zero);
	else if (r->zero == -EOPNOTSUPP)
		snprintf(buf, len, "no (kernel without the IORING_OP_ZERO "
				   "patch; zeroing uses FALLOCATE)");
	else
		snprintf(buf, len, "unknown (%s: %s)", err_name(r->zero),
			 strerror(-r->zero));
	return buf;
}

static const char *memlock_text(unsigned long long v, char *buf, size_t len)
{
	if (v == ~0ULL)
		snprintf(buf, len, "unlimited");
	else
		snprintf(buf, len, "%llu KiB", v / 1024);
	return buf;
}

static const char *seccomp_text(int mode)
{
	static const char *const names[] = { "off", "strict", "filter" };

	return mode >= 0 && mode <= 2 ? names[mode] : "unknown";
}

/*
 * Text
 */

static void print_text_system(const struct report *r)
{
	char v[16], ml[32];

	printf("kernel:      %s (%s), Linux %s\n", r->uts.release,
	       r->uts.machine, r->si.kernel_version ?
	       vstr(r->si.kernel_version, v, sizeof(v)) : "?");
	printf("system:      kernel.io_uring_disabled=");
	if (r->si.io_uring_disabled < 0)
		printf("absent");
	else
		printf("%d", r->si.io_uring_disabled);
	printf(", io_uring_group=%lld, seccomp=%s, CAP_SYS_ADMIN=%s, "
	       "RLIMIT_MEMLOCK=%s\n", r->si.io_uring_group,
	       seccomp_text(r->si.seccomp),
	       r->si.cap_sys_admin < 0 ? "unknown" :
	       r->si.cap_sys_admin ? "yes" : "no",
	       memlock_text(r->si.memlock_cur, ml, sizeof(ml)));
}

static void print_text_unavailable(const struct report *r)
{
	char text[4096];

	ringzero_diagnosis_format(&r->diag, text, sizeof(text));
	printf("io_uring:    UNAVAILABLE\n\n%s", text);
}

static void print_text_features(const struct report *r)
{
	const struct ringzero_name *rows;
	unsigned long long known = 0;
	unsigned nr, i, have = 0;
	char v[16];

	rows = ringzero_names(RINGZERO_NAMES_FEATURE, &nr);
	for (i = 0; i < nr; i++) {
		known |= rows[i].value;
		have += !!(r->features & rows[i].value);
	}
	printf("\nfeatures (%u of the %u ringzero knows):\n", have, nr);
	for (i = 0; i < nr; i++)
		printf("  %-18s %-6s %s\n", rows[i].name,
		       vstr(rows[i].since, v, sizeof(v)),
		       (r->features & rows[i].value) ? "yes" : "no");
	if (r->features & ~known)
		printf("  (and bits %#llx ringzero has no name for)\n",
		       (unsigned long long)(r->features & ~known));
}

static void print_text_opcodes(const struct report *r)
{
	unsigned nr, op, supported = 0, last;
	char v[16];

	ringzero_names(RINGZERO_NAMES_OP, &nr);
	last = kernel_op_count(r) > nr ? kernel_op_count(r) : nr;
	for (op = 0; op < last; op++)
		supported += op_supported(r, op);
	printf("\nopcodes (%u supported; the kernel knows %u, ringzero %u):\n",
	       supported, kernel_op_count(r), nr);
	if (!r->probe)
		printf("  (the kernel has no IORING_REGISTER_PROBE: before 5.6)\n");
	for (op = 0; op < last; op++) {
		const struct ringzero_name *row = op_row(r, op);

		printf("  %3u %-18s %-6s %s\n", op, row ? row->name : "?",
		       op_since(row, v, sizeof(v)),
		       op_supported(r, op) ? "yes" : "no");
	}
}

static void print_text_setup(const struct report *r)
{
	const struct ringzero_name *rows;
	unsigned nr, i;
	char v[16], with[64];

	rows = ringzero_names(RINGZERO_NAMES_SETUP, &nr);
	printf("\nsetup flags (each tried on a throwaway ring):\n");
	for (i = 0; i < nr; i++) {
		int ret = r->setup_try[bit_index(rows[i].value)];

		printf("  %-18s %-6s %s", rows[i].name,
		       vstr(rows[i].since, v, sizeof(v)),
		       ret ? "refused" : "accepted");
		if (ret)
			printf(" (%s)", err_name(ret));
		if (rows[i].needs) {
			ringzero_flags_name(RINGZERO_NAMES_SETUP,
					    rows[i].needs & -rows[i].needs,
					    with, sizeof(with));
			printf(", tried with %s", with);
		}
		if (!r->query_err)
			printf("%s", (r->query.ring_setup_flags &
				      rows[i].value) ? "" :
				     ", unknown to the kernel's query");
		printf("\n");
	}
}

static void print_text_register(const struct report *r)
{
	const struct ringzero_name *rows;
	unsigned nr, i, last;
	char v[16];

	rows = ringzero_names(RINGZERO_NAMES_REGISTER, &nr);
	if (r->register_count < 0) {
		printf("\nregister opcodes: unknown (%s)\n",
		       strerror(-r->register_count));
		return;
	}
	if (r->register_method == RINGZERO_REGISTER_BY_QUERY)
		printf("\nregister opcodes (the kernel knows %d, by "
		       "IORING_REGISTER_QUERY):\n", r->register_count);
	else
		printf("\nregister opcodes (%d, estimated from the kernel "
		       "version: no IORING_REGISTER_QUERY before 6.18):\n",
		       r->register_count);
	last = (unsigned)r->register_count > nr ?
	       (unsigned)r->register_count : nr;
	for (i = 0; i < last && i < 64; i++)
		printf("  %3u %-26s %-6s %s\n", i,
		       i < nr ? rows[i].name : "?",
		       i < nr ? vstr(rows[i].since, v, sizeof(v)) : "-",
		       (r->register_known >> i) & 1 ? "yes" : "no");
}

static void print_text(const struct report *r)
{
	char z[128];

	print_text_system(r);
	if (r->setup_err) {
		print_text_unavailable(r);
		return;
	}
	printf("io_uring:    works\n");
	printf("native ZERO: %s\n", zero_text(r, z, sizeof(z)));
	print_text_features(r);
	print_text_opcodes(r);
	print_text_setup(r);
	print_text_register(r);
}

/*
 * JSON
 */

static void json_str(const char *s)
{
	putchar('"');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void json_version(unsigned v)
{
	char buf[16];

	json_str(vstr(v, buf, sizeof(buf)));
}

static void print_json_names(const char *key, int table, unsigned long long
			     have, int have_valid)
{
	const struct ringzero_name *rows;
	unsigned nr, i;

	rows = ringzero_names(table, &nr);
	printf(",\n  \"%s\": [", key);
	for (i = 0; i < nr; i++) {
		printf("%s\n    {\"name\": ", i ? "," : "");
		json_str(rows[i].name);
		printf(", \"value\": %llu, \"since\": ", rows[i].value);
		json_version(rows[i].since);
		if (have_valid)
			printf(", \"present\": %s",
			       (have & rows[i].value) ? "true" : "false");
		printf("}");
	}
	printf("\n  ]");
}

static void print_json_opcodes(const struct report *r)
{
	unsigned nr, op, last;

	ringzero_names(RINGZERO_NAMES_OP, &nr);
	last = kernel_op_count(r) > nr ? kernel_op_count(r) : nr;
	printf(",\n  \"kernel_opcodes\": %u,\n  \"opcodes\": [",
	       kernel_op_count(r));
	for (op = 0; op < last; op++) {
		const struct ringzero_name *row = op_row(r, op);

		printf("%s\n    {\"op\": %u, \"name\": ", op ? "," : "", op);
		if (row)
			json_str(row->name);
		else
			printf("null");
		printf(", \"since\": ");
		if (row && row->since)
			json_version(row->since);
		else
			printf("null");
		printf(", \"supported\": %s}",
		       op_supported(r, op) ? "true" : "false");
	}
	printf("\n  ]");
}

static void print_json_setup(const struct report *r)
{
	const struct ringzero_name *rows;
	unsigned nr, i;

	rows = ringzero_names(RINGZERO_NAMES_SETUP, &nr);
	printf(",\n  \"setup_flags\": [");
	for (i = 0; i < nr; i++) {
		int ret = r->setup_try[bit_index(rows[i].value)];

		printf("%s\n    {\"name\": ", i ? "," : "");
		json_str(rows[i].name);
		printf(", \"value\": %llu, \"since\": ", rows[i].value);
		json_version(rows[i].since);
		printf(", \"accepted\": %s, \"error\": ",
		       ret ? "false" : "true");
		if (ret)
			json_str(err_name(ret));
		else
			printf("null");
		printf(", \"kernel_knows\": ");
		if (r->query_err)
			printf("null");
		else
			printf("%s", (r->query.ring_setup_flags &
				      rows[i].value) ? "true" : "false");
		printf("}");
	}
	printf("\n  ]");
}

static void print_json_register(const struct report *r)
{
	const struct ringzero_name *rows;
	unsigned nr, i;

	rows = ringzero_names(RINGZERO_NAMES_REGISTER, &nr);
	printf(",\n  \"register_opcodes\": {\"method\": ");
	if (r->register_count < 0) {
		printf("null, \"error\": ");
		json_str(err_name(r->register_count));
		printf("}");
		return;
	}
	json_str(r->register_method == RINGZERO_REGISTER_BY_QUERY ?
		 "query" : "version");
	printf(", \"known\": %d, \"ops\": [", r->register_count);
	for (i = 0; i < nr; i++) {
		printf("%s\n    {\"op\": %u, \"name\": ", i ? "," : "", i);
		json_str(rows[i].name);
		printf(", \"since\": ");
		json_version(rows[i].since);
		printf(", \"known\": %s}",
		       (r->register_known >> i) & 1 ? "true" : "false");
	}
	printf("\n  ]}");
}

static void print_json_diag(const struct report *r)
{
	unsigned i;

	printf(",\n  \"io_uring\": {\"works\": %s",
	       r->setup_err ? "false" : "true");
	if (r->setup_err) {
		printf(", \"error\": ");
		json_str(err_name(r->setup_err));
		printf(", \"errno\": %d, \"causes\": [", -r->setup_err);
		for (i = 0; i < r->diag.nr; i++) {
			printf("%s\n    {\"cause\": ", i ? "," : "");
			json_str(ringzero_cause_name(r->diag.causes[i].cause));
			printf(", \"what\": ");
			json_str(r->diag.causes[i].what);
			printf(", \"remedy\": ");
			json_str(r->diag.causes[i].remedy);
			printf("}");
		}
		printf("\n  ]");
	}
	printf("}");
}

static void print_json(const struct report *r)
{
	char z[128];

	printf("{\n  \"ringzero\": ");
	json_str(ringzero_version());
	printf(",\n  \"kernel\": {\"release\": ");
	json_str(r->uts.release);
	printf(", \"machine\": ");
	json_str(r->uts.machine);
	printf(", \"version\": ");
	if (r->si.kernel_version)
		json_version(r->si.kernel_version);
	else
		printf("null");
	printf("},\n  \"system\": {\"io_uring_disabled\": %d, "
	       "\"io_uring_group\": %lld, \"seccomp\": ",
	       r->si.io_uring_disabled, r->si.io_uring_group);
	json_str(seccomp_text(r->si.seccomp));
	printf(", \"cap_sys_admin\": %s, \"memlock\": ",
	       r->si.cap_sys_admin < 0 ? "null" :
	       r->si.cap_sys_admin ? "true" : "false");
	if (r->si.memlock_cur == ~0ULL)
		printf("null");
	else
		printf("%llu", r->si.memlock_cur);
	printf("}");
	print_json_diag(r);
	if (!r->setup_err) {
		printf(",\n  \"native_zero\": {\"present\": %s, \"opcode\": ",
		       r->zero >= 0 ? "true" : "false");
		if (r->zero >= 0)
			printf("%d", r->zero);
		else
			printf("null");
		printf(", \"detail\": ");
		json_str(zero_text(r, z, sizeof(z)));
		printf("}");
		print_json_names("features", RINGZERO_NAMES_FEATURE,
				 r->features, 1);
		print_json_opcodes(r);
		print_json_setup(r);
		print_json_register(r);
	}
	printf("\n}\n");
}

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: ringzero probe [OPTION]...\n"
		"Report what the running kernel's io_uring supports: kernel "
		"version, whether\nio_uring works (and if not, why and what to "
		"do), features, every opcode\nwith the kernel version that "
		"brought it, the setup flags and register\nopcodes the kernel "
		"accepts, and whether native IORING_OP_ZERO is present.\n\n"
		"  -j, --json     print the report as JSON\n"
		"  -h, --help     display this help and exit\n"
		"  -V, --version  output version information and exit\n\n"
		"Exit status: 0 if io_uring works, 1 if it is unavailable "
		"(the report says\nwhy), 2 for bad usage.\n");
}

int cmd_probe(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct report r;
	int json = 0, c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+jhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			print_version("ringzero probe");
			return EXIT_OK;
		default:
			fprintf(stderr, "ringzero probe: unrecognized option "
				"'%s'\nTry 'ringzero probe --help' for more "
				"information.\n", argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "ringzero probe: unexpected argument '%s'\n"
			"Try 'ringzero probe --help' for more information.\n",
			argv[optind]);
		return EXIT_USAGE;
	}

	gather(&r);
	if (json)
		print_json(&r);
	else
		print_text(&r);
	io_uring_free_probe(r.probe);
	/* A report that cannot be written: main()'s close_stdout says so. */
	if (r.setup_err) {
		/* The report first, then the verdict, also through a pipe. */
		fflush(stdout);
		fprintf(stderr, "ringzero probe: io_uring is unavailable: %s "
			"(%s): %s\n", strerror(-r.setup_err),
			err_name(r.setup_err), r.diag.causes[0].what);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
