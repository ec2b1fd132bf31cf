/* textdiff.h - where two texts that print alike differ. `check` quotes an
 * author's expected text beside what the interpreter gave; when they
 * differ only by what does not show (a combining accent against a
 * precomposed letter, a zero-width or no-break space, a Cyrillic letter
 * that looks Latin), the two quotes read the same and the author cannot
 * tell what to fix. */
#ifndef PYDRILL_TEXTDIFF_H
#define PYDRILL_TEXTDIFF_H

#include <stddef.h>

/* How many code points of each side a note spells out. */
#define TEXTDIFF_SHOWN 8

/* Where a and b (UTF-8; invalid bytes count as one character each) first
 * differ, with the differing stretch of each spelled as code points:
 * "differs at column 4: U+0065 U+0301 vs U+00E9" (column counts code
 * points from 1; "nothing" for a side with no stretch). NULL when the
 * texts are equal, or when both stretches are printable ASCII and neither
 * is only spaces: a reader sees that difference. Caller frees. */
char *textdiff_hidden(const char *a, size_t alen, const char *b, size_t blen);

#endif
