/* value.h - plain values (SPEC 2.5): their wire form, comparison and display.
 *
 * A plain value is a tree of exact built-in Python types. The child encodes
 * the value of an expression into the wire form (JSON, see below); the
 * parent decodes it here and compares it with trusted C code, so no object
 * of the answer's is ever asked whether it is equal to anything.
 *
 * Wire form (one JSON value per plain value):
 *   null                         None
 *   true / false                 bool
 *   {"i": "-123"}                int, canonical decimal (no '+', no leading 0)
 *   {"f": "0x1.8p+1"}            float as C99 hex ("%a"), or "inf", "-inf", "nan"
 *   {"s": "text"}                str whose UTF-8 has no NUL and no surrogate
 *   {"sx": "68690a"}             any other str: hex of its UTF-8 with surrogatepass
 *   {"b": "00ff"}                bytes, hex
 *   {"l": [v, ...]}              list
 *   {"t": [v, ...]}              tuple
 *   {"d": [[k, v], ...]}         dict
 *   {"S": [v, ...]}              set
 *   {"F": [v, ...]}              frozenset
 * Limits: depth <= VALUE_MAX_DEPTH, total items <= VALUE_MAX_ITEMS. Depth
 * counts containers: 1 is [1], 2 is [[1]]; a scalar alone is depth 0. Items
 * add up Python's len() of every container (a dict entry counts once), so a
 * list of 100,000 ints is within the limit. Dict keys and set members must
 * be hashable as in Python: no list, dict or set, nor a tuple holding one.
 * Duplicate members are not rejected (two NaNs are distinct in Python). */
#ifndef PYDRILL_VALUE_H
#define PYDRILL_VALUE_H

#include <cjson/cJSON.h>
#include <stddef.h>

#define VALUE_MAX_DEPTH 100
#define VALUE_MAX_ITEMS 100000

typedef enum {
    VAL_NONE,
    VAL_BOOL,
    VAL_INT,
    VAL_FLOAT,
    VAL_STR,
    VAL_BYTES,
    VAL_LIST,
    VAL_TUPLE,
    VAL_DICT,
    VAL_SET,
    VAL_FROZENSET,
} value_type;

typedef struct value {
    value_type type;
    int b;          /* VAL_BOOL */
    double f;       /* VAL_FLOAT */
    char *text;     /* VAL_INT: canonical decimal; VAL_STR: UTF-8 (surrogatepass);
                       VAL_BYTES: raw bytes; always NUL-terminated */
    size_t len;     /* bytes in text */
    struct value **items; /* containers; VAL_DICT: 2*n entries, key then value */
    size_t n;             /* number of elements (dict: number of pairs) */
} value;

/* Decodes the wire form. Returns NULL and sets *err (caller frees) on any
 * malformed input; never crashes, whatever j holds. */
value *value_from_json(const cJSON *j, char **err);
/* Parses JSON text (len bytes) and decodes it, as value_from_json. */
value *value_parse(const char *text, size_t len, char **err);
/* Encodes to the wire form (for tests, fuzzing, and the report). */
cJSON *value_to_json(const value *v);
void value_free(value *v);
value *value_clone(const value *v);

/* Python-like equality over plain values: dict/set/frozenset ignore order;
 * bool and int are distinct types, and so are int and float; NaN equals
 * NaN; 0.0 equals -0.0. tolerance > 0 compares floats with relative
 * tolerance (|a-b| <= tol * max(|a|,|b|)) at any depth. Returns 1 if equal. */
int value_equal(const value *a, const value *b, double tolerance);

/* Python-like repr (sets and dicts in a canonical order), cut to about
 * maxlen bytes with "..." when longer (maxlen 0: no limit). Caller frees. */
char *value_repr(const value *v, size_t maxlen);
/* "int", "list", ... */
const char *value_type_name(value_type t);

#endif
