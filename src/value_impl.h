/* value_impl.h - what value.c shares with value_repr.c and value_encode.c. */
#ifndef PYDRILL_VALUE_IMPL_H
#define PYDRILL_VALUE_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "value.h"

/* strtod and printf of doubles in the C locale, whatever setlocale() the
 * program did for ncurses. */
double value_c_strtod(const char *s, char **end);
void value_c_snprintf_double(char *buf, size_t n, const char *fmt, int prec, double x);
/* 1 if v holds a set or frozenset (or a dict, when dicts) at any depth. */
int value_has_unordered(const value *v, int dicts);
/* Sorts sets and frozensets (and dicts by key, when dicts) in place. */
void value_canon_sort(value *v, int dicts);

#endif
