/* jsontext.h - JSON text into cJSON, with errors located the way an
 * editor shows them: "FILE:LINE:COL: error: ...". Every input (empty,
 * binary, not UTF-8, truncated, nested 200,000 deep, huge) gets a message,
 * never a crash or a hang. */
#ifndef PYDRILL_JSONTEXT_H
#define PYDRILL_JSONTEXT_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "util.h"

/* Parses text (len bytes, NUL not required); NULL after adding a located
 * message to d when it is not one JSON object. Strict, as RFC 8259 is (no
 * 01, 1., trailing comma, raw control character in a string or lone
 * surrogate escape; a UTF-8 byte order mark is allowed; UTF-16 and UTF-32
 * are named as such): the message is at
 * the line and column of the offending token and says what is wrong.
 * Duplicated keys are left to the caller, which can name them by JSON
 * Pointer (vunique_keys). */
cJSON *jsontext_parse(const char *path, const char *text, size_t len, diag *d);
/* "UTF-16" or "UTF-32" when text is in one of them (a byte order mark,
 * or the NUL bytes of its first characters), else NULL: a file saved as
 * Windows' "Unicode" is named for what it is, not called binary. */
const char *jsontext_wide_encoding(const char *text, size_t len);
/* Maps a byte offset to a 1-based line and column (columns count UTF-8
 * characters). */
void jsontext_linecol(const char *text, size_t len, size_t off, int *line, int *col);
/* "a string", "an array", ... for messages. */
const char *jsontext_type_name(const cJSON *j);

#endif
