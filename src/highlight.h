/* highlight.h - Python syntax classes for a piece of source, computed by
 * the embedded interpreter's own tokenize module (so every construct the
 * running Python knows is classed right), in the main interpreter. */
#ifndef PYDRILL_HIGHLIGHT_H
#define PYDRILL_HIGHLIGHT_H

#include <stddef.h>

typedef enum {
    HL_PLAIN,
    HL_KEYWORD,
    HL_BUILTIN,
    HL_STRING,
    HL_NUMBER,
    HL_COMMENT,
    HL_DEFNAME,   /* the name after def / class */
    HL_OP,
} hl_class;

/* Returns one hl_class per byte of src (caller frees), or NULL when Python
 * is not running. Text after a tokenize error stays HL_PLAIN, so a half
 * typed answer is still coloured up to the error. */
unsigned char *highlight_source(const char *src);

#endif
