// SPDX-License-Identifier: MIT
/*
 * quote.c - quoting file names for messages the way GNU tools do (the
 * shell-escape style of gnulib's quotearg; see quote.h for the contract).
 *
 * A name is cut into units: one byte, or one multibyte character where the
 * locale has them. Each unit has a class saying whether it forces quotes
 * and how it is written inside them. A second property, "same meaning in
 * double quotes", decides whether a name with a single quote in it may be
 * written as "it's" (every unit keeps its meaning between double quotes)
 * or needs 'it'\''s'.
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "quote.h"

#define QUOTE_SLOTS	4

enum unit_kind {
	U_BARE,		/* written as it is, inside quotes or not */
	U_SINGLE_QUOTE,	/* ' : forces quotes, written as '\'' in them */
	U_LETTER_ESC,	/* \n and friends: $'\n' */
	U_OCTAL_ESC,	/* any other byte that is not printable: $'\ooo' */
};

struct unit {
	enum unit_kind kind;
	size_t len;		/* bytes of the name it covers */
	char letter;		/* for U_LETTER_ESC */
	bool forces_quotes;
	bool dq_safe;		/* means the same between double quotes */
};

/* Control characters with a one-letter escape, as in C and bash's $''. */
static char letter_escape(unsigned char c)
{
	static const char from[] = "\a\b\f\n\r\t\v";
	static const char to[] = "abfnrtv";
	const char *p = c ? strchr(from, c) : NULL;

	return p ? to[p - from] : 0;
}

/* Characters a shell treats specially anywhere in a word. */
static bool shell_special(unsigned char c)
{
	return c && strchr("!\"$&()*;<=>?[\\^`|", c);
}

/* Characters that need nothing, and read the same in double quotes. */
static bool plain_safe(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr("%+,-./:@]_", c));
}

/* Classify the unit at name[i], name being n bytes long. */
static struct unit next_unit(const char *name, size_t i, size_t n,
			     mbstate_t *mbs)
{
	unsigned char c = (unsigned char)name[i];
	struct unit u = { .kind = U_BARE, .len = 1 };

	if (c == '\'') {
		u.kind = U_SINGLE_QUOTE;
		u.forces_quotes = u.dq_safe = true;
	} else if ((u.letter = letter_escape(c))) {
		u.kind = U_LETTER_ESC;
		u.forces_quotes = true;
	} else if (c == ' ' || ((c == '#' || c == '~') && i == 0) ||
		   ((c == '{' || c == '}') && n == 1)) {
		/* Special only here: a comment or ~ at the start, a lone {. */
		u.forces_quotes = u.dq_safe = true;
	} else if (shell_special(c)) {
		u.forces_quotes = true;
	} else if (c == '#' || c == '~' || c == '{' || c == '}') {
		/* Harmless here, but not kept as is by "it's" quoting. */
	} else if (plain_safe(c)) {
		u.dq_safe = true;
	} else if (c < 0x80 || MB_CUR_MAX == 1) {
		/* Unibyte: DEL, other controls, and in the C locale >= 0x80. */
		u.kind = U_OCTAL_ESC;
		u.forces_quotes = true;
	} else {
		wchar_t wc;
		size_t m = mbrtowc(&wc, name + i, n - i, mbs);

		if (m == (size_t)-1 || m == (size_t)-2 || m == 0 ||
		    !iswprint((wint_t)wc)) {
			/* Invalid, cut short or unprintable: escape this byte. */
			memset(mbs, 0, sizeof(*mbs));
			u.kind = U_OCTAL_ESC;
			u.forces_quotes = true;
		} else {
			u.len = m;
			u.dq_safe = true;
		}
	}
	return u;
}

/* Output into a buffer that may be too small; len counts everything. */
struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++, o->len++)
		if (o->len + 1 < o->size)
			o->buf[o->len] = s[i];
}

static void puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

size_t quote_name_buf(char *buf, size_t size, const char *name, bool always)
{
	struct out o = { .buf = buf, .size = size };
	bool need = always, dq_ok = true, single = false, in_esc = false;
	size_t n = strlen(name), i;
	mbstate_t mbs;

	/* First pass: does it need quotes, and which kind. */
	memset(&mbs, 0, sizeof(mbs));
	for (i = 0; i < n;) {
		struct unit u = next_unit(name, i, n, &mbs);

		need |= u.forces_quotes;
		dq_ok &= u.dq_safe;
		single |= u.kind == U_SINGLE_QUOTE;
		i += u.len;
	}
	if (!n)
		need = true;	/* an empty name shows as '' */

	if (!need) {
		put(&o, name, n);
	} else if (single && dq_ok) {
		/* Only single quotes to worry about: "it's". */
		puts_(&o, "\"");
		put(&o, name, n);
		puts_(&o, "\"");
	} else {
		puts_(&o, "'");
		memset(&mbs, 0, sizeof(mbs));
		for (i = 0; i < n;) {
			struct unit u = next_unit(name, i, n, &mbs);
			unsigned char c = (unsigned char)name[i];
			char oct[5];

			switch (u.kind) {
			case U_SINGLE_QUOTE:
				/* Close, an escaped quote, reopen. */
				puts_(&o, "'\\''");
				in_esc = false;
				break;
			case U_LETTER_ESC:
			case U_OCTAL_ESC:
				/* Close the plain quotes, open a $'...' run. */
				if (!in_esc)
					puts_(&o, "'$'");
				in_esc = true;
				if (u.kind == U_LETTER_ESC) {
					oct[0] = '\\';
					oct[1] = u.letter;
					put(&o, oct, 2);
				} else {
					oct[0] = '\\';
					oct[1] = (char)('0' + (c >> 6));
					oct[2] = (char)('0' + ((c >> 3) & 7));
					oct[3] = (char)('0' + (c & 7));
					put(&o, oct, 4);
				}
				break;
			case U_BARE:
				/* End a $'...' run: '' closes it, opens '. */
				if (in_esc)
					puts_(&o, "''");
				in_esc = false;
				put(&o, name + i, u.len);
				break;
			}
			i += u.len;
		}
		puts_(&o, "'");
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

const char *quote_name(const char *name, bool always)
{
	static char *slots[QUOTE_SLOTS];
	static unsigned next;
	size_t len = quote_name_buf(NULL, 0, name, always);
	char *buf;

	buf = malloc(len + 1);
	if (!buf)
		return "(file name: out of memory)";
	quote_name_buf(buf, len + 1, name, always);
	free(slots[next]);
	slots[next] = buf;
	next = (next + 1) % QUOTE_SLOTS;
	return buf;
}
