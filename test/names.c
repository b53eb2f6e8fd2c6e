// SPDX-License-Identifier: MIT
/*
 * Description: the name/version tables agree with themselves and with the
 * running kernel: numbered rows sit at their number, flag rows are single
 * bits, no opcode the kernel supports is dated after the kernel, the
 * kernel's IORING_REGISTER_QUERY sets match the tables, every setup flag
 * the kernel is old enough for is accepted with its companions, and the
 * flag and version decoders print and parse what they should.
 */
#include "helpers.h"

static void check_table_shape(void)
{
	static const int numbered[] = { RINGZERO_NAMES_OP,
					RINGZERO_NAMES_REGISTER };
	static const int bits[] = { RINGZERO_NAMES_FEATURE,
				    RINGZERO_NAMES_SETUP, RINGZERO_NAMES_ENTER,
				    RINGZERO_NAMES_SQE_FLAG };
	const struct ringzero_name *rows;
	unsigned nr, i, k, t;

	CHECK(ringzero_names(RINGZERO_NAMES_NR, &nr) == NULL);
	CHECK(ringzero_names(-1, NULL) == NULL);
	for (t = 0; t < 2; t++) {
		rows = ringzero_names(numbered[t], &nr);
		CHECK(rows != NULL);
		for (i = 0; i < nr; i++) {
			CHECK_EQ(rows[i].value, i);
			CHECK(rows[i].name && rows[i].name[0]);
			CHECK(rows[i].since >= RINGZERO_KVER(5, 1));
			CHECK(ringzero_name_find(numbered[t], i) == &rows[i]);
			for (k = 0; k < i; k++)
				CHECK(strcmp(rows[k].name, rows[i].name));
		}
		CHECK(ringzero_name_find(numbered[t], nr) == NULL);
	}
	CHECK_EQ(nr, IORING_REGISTER_LAST);
	ringzero_names(RINGZERO_NAMES_OP, &nr);
	CHECK_EQ(nr, IORING_OP_LAST);
	/* Opcodes were numbered in order of arrival. */
	rows = ringzero_names(RINGZERO_NAMES_OP, &nr);
	for (i = 1; i < nr; i++)
		CHECK(rows[i].since >= rows[i - 1].since);

	for (t = 0; t < 4; t++) {
		rows = ringzero_names(bits[t], &nr);
		for (i = 0; i < nr; i++) {
			CHECK_EQ(rows[i].value, 1ULL << i);
			CHECK(ringzero_name_find(bits[t], rows[i].value) ==
			      &rows[i]);
		}
	}
	CHECK_EQ(strcmp(ringzero_op_name(IORING_OP_READ), "READ"), 0);
	CHECK_EQ(strcmp(ringzero_op_name(IORING_OP_PIPE), "PIPE"), 0);
	CHECK(ringzero_op_name(-1) == NULL);
	CHECK(ringzero_op_name(IORING_OP_LAST) == NULL);
	CHECK_EQ(strcmp(ringzero_name_find(RINGZERO_NAMES_REGISTER,
		IORING_UNREGISTER_FILES)->name, "UNREGISTER_FILES"), 0);
}

static void check_flags_name(void)
{
	char buf[128];
	int n;

	n = ringzero_flags_name(RINGZERO_NAMES_SETUP, IORING_SETUP_SQPOLL |
				IORING_SETUP_SQ_AFF, buf, sizeof(buf));
	CHECK_EQ(strcmp(buf, "SQPOLL|SQ_AFF"), 0);
	CHECK_EQ(n, 13);
	ringzero_flags_name(RINGZERO_NAMES_SETUP, 0, buf, sizeof(buf));
	CHECK_EQ(strcmp(buf, "0"), 0);
	ringzero_flags_name(RINGZERO_NAMES_SQE_FLAG, IOSQE_IO_LINK | 0x80,
			    buf, sizeof(buf));
	CHECK_EQ(strcmp(buf, "IO_LINK|0x80"), 0);
	ringzero_flags_name(RINGZERO_NAMES_FEATURE, 1ULL << 40, buf,
			    sizeof(buf));
	CHECK_EQ(strcmp(buf, "0x10000000000"), 0);
	/* snprintf semantics: the full length, a truncated prefix. */
	n = ringzero_flags_name(RINGZERO_NAMES_SETUP, IORING_SETUP_SQPOLL |
				IORING_SETUP_SQ_AFF, buf, 5);
	CHECK_EQ(n, 13);
	CHECK_EQ(strcmp(buf, "SQPO"), 0);
	CHECK_EQ(ringzero_flags_name(RINGZERO_NAMES_SETUP, 3, NULL, 0), 13);
	CHECK_EQ(ringzero_flags_name(RINGZERO_NAMES_OP, 1, buf, sizeof(buf)),
		 -EINVAL);
}

static void check_release_parser(void)
{
	static const struct {
		const char *text;
		int ret;
		unsigned version;
	} cases[] = {
		{ "6.18.44-fc-v669", 0, RINGZERO_KVER(6, 18) },
		{ "5.10.0-28-amd64", 0, RINGZERO_KVER(5, 10) },
		{ "6.1", 0, RINGZERO_KVER(6, 1) },
		{ "4.19.0", 0, RINGZERO_KVER(4, 19) },
		{ "6", -EINVAL, 0 },
		{ "6.", -EINVAL, 0 },
		{ ".6", -EINVAL, 0 },
		{ "", -EINVAL, 0 },
		{ "x6.1", -EINVAL, 0 },
		{ "6.256", -EINVAL, 0 },
		{ "99999999999.1", -EINVAL, 0 },
	};
	unsigned i, v;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v = 0;
		if (ringzero_parse_kernel_release(cases[i].text, &v) !=
		    cases[i].ret)
			FAIL("parse \"%s\": expected %d", cases[i].text,
			     cases[i].ret);
		if (!cases[i].ret && v != cases[i].version)
			FAIL("parse \"%s\": got %#x, expected %#x",
			     cases[i].text, v, cases[i].version);
	}
	CHECK_EQ(ringzero_parse_kernel_release(NULL, &v), -EINVAL);
	CHECK(ringzero_kernel_version() >= RINGZERO_KVER(5, 1));
}

/* The flags of a bit table the kernel must know at version kver. */
static unsigned long long table_mask(int table, unsigned kver)
{
	const struct ringzero_name *rows;
	unsigned long long mask = 0;
	unsigned nr, i;

	rows = ringzero_names(table, &nr);
	for (i = 0; i < nr; i++)
		if (rows[i].since <= kver)
			mask |= rows[i].value;
	return mask;
}

/* How many rows of a numbered table the kernel version kver has. */
static unsigned table_count(int table, unsigned kver)
{
	const struct ringzero_name *rows;
	unsigned nr, i, n = 0;

	rows = ringzero_names(table, &nr);
	for (i = 0; i < nr; i++)
		n += rows[i].since <= kver;
	return n;
}

/*
 * Our names against the kernel's own (what fdinfo prints for a queued
 * SQE, read by ringzero_kernel_opcode_name()). The one name the kernel
 * spells differently from the ABI's enum is listed here.
 */
static void check_kernel_names(const struct io_uring_probe *probe, int zero)
{
	static const struct {
		int op;
		const char *kernel;
	} spelled_apart[] = {
		{ IORING_OP_EPOLL_CTL, "EPOLL" },
	};
	unsigned op, k, checked = 0;
	char name[64];
	int ret;

	for (op = 0; op <= probe->last_op && op < IORING_OP_LAST; op++) {
		const char *want = ringzero_op_name((int)op);

		if ((int)op == zero)
			continue;	/* the patched kernel's ZERO */
		ret = ringzero_kernel_opcode_name((int)op, name, sizeof(name));
		if (ret == -ENOENT || ret == -EACCES) {
			printf("names: /proc/self/fdinfo unreadable (%s): "
			       "kernel names not compared\n", strerror(-ret));
			return;
		}
		CHECK_OK(ret);
		for (k = 0; k < sizeof(spelled_apart) /
			    sizeof(spelled_apart[0]); k++)
			if (spelled_apart[k].op == (int)op)
				want = spelled_apart[k].kernel;
		if (strcmp(name, want))
			FAIL("opcode %u: the kernel calls it %s, the table %s",
			     op, name, want);
		checked++;
	}
	printf("names: %u opcode names match the kernel's\n", checked);
}

static void check_against_kernel(void)
{
	unsigned kver = (unsigned)ringzero_kernel_version();
	struct io_uring_query_opcode q;
	const struct ringzero_name *rows;
	struct io_uring_probe *probe;
	unsigned long long known;
	unsigned nr, i;
	int ret, method, zero;

	probe = io_uring_get_probe();
	CHECK(probe != NULL);
	/*
	 * A supported opcode dated after the kernel is a wrong date, except
	 * the number a ringzero-patched kernel gave IORING_OP_ZERO.
	 */
	zero = io_uring_zero_opcode();
	check_kernel_names(probe, zero);
	for (i = 0; i <= probe->last_op && i < probe->ops_len; i++) {
		const struct ringzero_name *row =
			ringzero_name_find(RINGZERO_NAMES_OP, i);

		if (!row || !(probe->ops[i].flags & IO_URING_OP_SUPPORTED) ||
		    (int)i == zero)
			continue;
		if (row->since > kver)
			FAIL("opcode %s is dated %u.%u but this %u.%u kernel "
			     "supports it", row->name,
			     RINGZERO_KVER_MAJOR(row->since),
			     RINGZERO_KVER_MINOR(row->since),
			     RINGZERO_KVER_MAJOR(kver),
			     RINGZERO_KVER_MINOR(kver));
	}
	io_uring_free_probe(probe);

	/* Every setup flag the kernel is old enough for is accepted. */
	rows = ringzero_names(RINGZERO_NAMES_SETUP, &nr);
	for (i = 0; i < nr; i++) {
		if (rows[i].since > kver)
			continue;
		ret = ringzero_try_setup_flag((unsigned)rows[i].value);
		/* -EPERM: not allowed here (SQPOLL unprivileged < 5.11). */
		if (ret && ret != -EPERM)
			FAIL("setup flag %s (Linux %u.%u) refused on %u.%u: %s",
			     rows[i].name, RINGZERO_KVER_MAJOR(rows[i].since),
			     RINGZERO_KVER_MINOR(rows[i].since),
			     RINGZERO_KVER_MAJOR(kver),
			     RINGZERO_KVER_MINOR(kver), strerror(-ret));
	}
	CHECK_EQ(ringzero_try_setup_flag(IORING_SETUP_SQPOLL |
					 IORING_SETUP_IOPOLL), -EINVAL);
	CHECK_EQ(ringzero_try_setup_flag(0), -EINVAL);
	CHECK_EQ(ringzero_try_setup_flag(1U << 31), -EINVAL);

	ret = ringzero_register_ops(&known, &method);
	CHECK_OK(ret);
	CHECK(known & (1ULL << IORING_REGISTER_PROBE));

	ret = ringzero_query_opcodes(&q);
	if (ret) {
		/* Without the query, the estimate is the version table's. */
		CHECK(kver < RINGZERO_KVER(6, 18));
		CHECK_EQ(method, RINGZERO_REGISTER_BY_VERSION);
		printf("no IORING_REGISTER_QUERY (%s); version table used\n",
		       strerror(-ret));
		return;
	}
	CHECK_EQ(method, RINGZERO_REGISTER_BY_QUERY);
	CHECK_EQ(ret, 0);
	/* The kernel's own sets hold at least the tables' rows, and on the
	 * newest kernel the tables know, exactly them. */
	CHECK(q.nr_request_opcodes >= table_count(RINGZERO_NAMES_OP, kver));
	CHECK(q.nr_register_opcodes >=
	      table_count(RINGZERO_NAMES_REGISTER, kver));
	CHECK_EQ(q.feature_flags & table_mask(RINGZERO_NAMES_FEATURE, kver),
		 table_mask(RINGZERO_NAMES_FEATURE, kver));
	CHECK_EQ(q.ring_setup_flags & table_mask(RINGZERO_NAMES_SETUP, kver),
		 table_mask(RINGZERO_NAMES_SETUP, kver));
	CHECK_EQ(q.enter_flags & table_mask(RINGZERO_NAMES_ENTER, kver),
		 table_mask(RINGZERO_NAMES_ENTER, kver));
	CHECK_EQ(q.sqe_flags & table_mask(RINGZERO_NAMES_SQE_FLAG, kver),
		 table_mask(RINGZERO_NAMES_SQE_FLAG, kver));
	/*
	 * On 6.18, the kernel ringzero is tested on, exactly the rows dated
	 * 6.18 or earlier (the tables also know what 6.19 and 7.0 add).
	 */
	if (kver == RINGZERO_KVER(6, 18)) {
		CHECK_EQ(q.nr_request_opcodes,
			 table_count(RINGZERO_NAMES_OP, kver));
		CHECK_EQ(q.nr_register_opcodes,
			 table_count(RINGZERO_NAMES_REGISTER, kver));
		CHECK_EQ(q.feature_flags,
			 table_mask(RINGZERO_NAMES_FEATURE, kver));
		CHECK_EQ(q.ring_setup_flags,
			 table_mask(RINGZERO_NAMES_SETUP, kver));
		CHECK_EQ(q.enter_flags, table_mask(RINGZERO_NAMES_ENTER, kver));
		CHECK_EQ(q.sqe_flags,
			 table_mask(RINGZERO_NAMES_SQE_FLAG, kver));
	}
	CHECK_EQ(ret = ringzero_register_ops(&known, &method),
		 (int)q.nr_register_opcodes);
}

int main(int argc, char **argv)
{
	(void)argc;
	t_init(argv[0]);
	check_table_shape();
	check_flags_name();
	check_release_parser();
	check_against_kernel();
	return T_EXIT_PASS;
}
