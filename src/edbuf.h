/* edbuf.h - the text buffer behind the quiz's answer editor: lines of
 * UTF-8, a cursor, auto-indent, tab as four spaces, the usual line-editing
 * keys, undo and redo. No curses. */
#ifndef PYDRILL_EDBUF_H
#define PYDRILL_EDBUF_H

#include <stddef.h>

typedef struct edbuf edbuf;

edbuf *edbuf_new(const char *text);   /* text may be NULL */
void edbuf_free(edbuf *b);
char *edbuf_text(const edbuf *b);       /* whole text, caller frees */
void edbuf_set_text(edbuf *b, const char *text); /* undoable */
size_t edbuf_lines(const edbuf *b);
const char *edbuf_line(const edbuf *b, size_t i, size_t *len); /* bytes of line i */
void edbuf_cursor(const edbuf *b, size_t *row, size_t *col);   /* col in bytes */
size_t edbuf_cursor_column(const edbuf *b); /* col in screen cells (UTF-8 chars) */

void edbuf_insert(edbuf *b, const char *utf8);  /* a character or a pasted string */
void edbuf_newline(edbuf *b);     /* Enter: keeps indentation, +4 after a line ending in ':' */
void edbuf_tab(edbuf *b);         /* spaces to the next multiple of four */
void edbuf_backspace(edbuf *b);   /* in leading white space: back to the previous multiple of four */
void edbuf_delete(edbuf *b);
void edbuf_move(edbuf *b, int drow, int dcol); /* arrows, by characters, clamped */
void edbuf_home(edbuf *b);        /* first non-blank, then column 0 */
void edbuf_end(edbuf *b);
void edbuf_line_start(edbuf *b);  /* column 0 (Ctrl-A) */
void edbuf_kill_to_end(edbuf *b); /* Ctrl-K; at the end of a line, joins the next */
void edbuf_kill_to_start(edbuf *b); /* Ctrl-U */
void edbuf_kill_word(edbuf *b);   /* Ctrl-W: the blanks and the word before the cursor */
/* Moves the cursor (clamped to the text and to a character boundary). */
void edbuf_set_cursor(edbuf *b, size_t row, size_t col);
int edbuf_undo(edbuf *b);         /* 0 when nothing to undo */
int edbuf_redo(edbuf *b);         /* 0 when nothing to redo; any edit clears what redo had */
/* Changes with every edit, undo and redo (not with moves). */
unsigned long edbuf_version(const edbuf *b);

/* Screen cells taken by n bytes of UTF-8 at the start of a line: East
 * Asian wide characters count two, combining marks zero, a tab reaches the
 * next multiple of four (as the quiz draws it), anything else one. The
 * editor's cursor column and its up/down preferred column are in these
 * units. */
size_t edbuf_cells(const char *s, size_t n);

#endif
