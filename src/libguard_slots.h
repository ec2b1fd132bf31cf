/* libguard_slots.h - the parts of library code that no dict holds.
 *
 * A library function's closure cells (fractions.Fraction.__truediv__'s
 * _div) and the code held by the C descriptors in library classes
 * (property's fget, fset and fdel, classmethod's and staticmethod's
 * __func__, functools.partial's func, args and keywords) can be changed in
 * place (cell.cell_contents = f, prop.__init__(f), p.__setstate__(...))
 * with no dict changing and no audit event raised. They are recorded
 * before any answer runs and compared by identity after each phase, on
 * every Python (no dict watcher sees them); libguard.c judges what
 * changed. */
#ifndef PYDRILL_LIBGUARD_SLOTS_H
#define PYDRILL_LIBGUARD_SLOTS_H

#include <Python.h>
#include <stddef.h>

/* Forgets every slot, and reads what the next walk needs (the opcodes
 * that rebind a closure's variable, functools.partial). 0, or -1. */
int libguard_slots_reset(void);

/* Calls fn(op, arg, ctx) for each instruction of code (not of the code
 * nested in it), EXTENDED_ARG folded into the next one's argument. After
 * libguard_slots_reset. */
void libguard_each_op(PyObject *code, void (*fn)(int op, unsigned long arg, void *ctx), void *ctx);

/* Records the cells of library function fn's closure, named after
 * fname ("fractions._operator_fallbacks.<locals>.forward"). */
void libguard_slots_cells(PyObject *fn, const char *fname);

/* If v is a property, classmethod, staticmethod or functools.partial (or
 * of a subclass of one), records its code-bearing slots, named after
 * where ("fractions.Fraction.numerator"), and returns 1; else 0. A
 * partial's keywords dict, changeable in place, is returned in *kw
 * (borrowed, may be NULL) for the caller to watch. */
int libguard_slots_descriptor(PyObject *v, const char *where, PyObject **kw);

typedef struct {
    const char *name;   /* "fractions....forward.__closure__[monomorphic_operator]" */
    PyObject *old;      /* new reference: the value recorded */
    PyObject *now;      /* borrowed: the value now (NULL: an empty cell) */
    int rebound;        /* a closure variable the library's own code rebinds */
    int cell;           /* a closure cell (else a descriptor's member) */
} libguard_slot_change;

/* The next slot from *pos on whose value is not the one recorded, in
 * *out (the caller releases out->old), or 0 when there is none. The value
 * now becomes the recorded one, so a change is told once. */
int libguard_slots_next_change(size_t *pos, libguard_slot_change *out);

/* How many slots are recorded. */
size_t libguard_slots_count(void);

#endif
