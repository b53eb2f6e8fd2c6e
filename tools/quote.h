/* SPDX-License-Identifier: MIT */
/*
 * quote.h - file names in messages, quoted as GNU tools quote them.
 *
 * A name can hold any byte but '/' and NUL: a newline in a name would
 * split a message in two, an escape sequence would drive the terminal.
 * GNU coreutils print names in their "shell-escape" style (gnulib's
 * quotearg): a name that a shell would take as it is goes out bare, any
 * other in single quotes, with control characters and bytes that are not
 * printable in the locale as $'\n' or $'\303' pieces, so that what is
 * printed pasted into a shell names the same file: a<newline>b prints as
 * 'a'$'\n''b'. A name whose only trouble is a single quote gets double
 * quotes instead: "it's".
 */
#ifndef RINGZERO_TOOLS_QUOTE_H
#define RINGZERO_TOOLS_QUOTE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Quote name in the shell-escape style: bare if the shell would read it
 * as it is, quoted otherwise (GNU's quotef(), `ls --quoting-style=
 * shell-escape`). With always, quoted in every case (GNU's quoteaf(), for
 * names inside a sentence: "cannot open 'f' for writing").
 *
 * Returns a NUL-terminated string that stays valid until the fourth
 * following call (four slots, reused in turn), so that one message can
 * quote a few names. Never fails: should memory run out it returns a
 * fixed placeholder instead of the name.
 *
 * Multibyte characters count as printable when the current LC_CTYPE
 * locale says so (after setlocale(LC_CTYPE, "")); in the C locale every
 * byte above 0x7e is escaped, as GNU tools do there.
 */
const char *quote_name(const char *name, bool always);

/*
 * The same, into buf[size]: returns the length of the whole quoted form
 * (as snprintf does, so a result >= size means it was cut short).
 */
size_t quote_name_buf(char *buf, size_t size, const char *name, bool always);

#endif /* RINGZERO_TOOLS_QUOTE_H */
