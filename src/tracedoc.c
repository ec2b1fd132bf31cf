/* tracedoc.c - the trace document: built from the tracer's records, and
 * read back. See tracedoc.h. */
#include "tracedoc.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util.h"

/* Far past the tracer's own step budget: what a document may hold. */
#define TRACEDOC_MAX_STEPS 100000
/* An object id is "o" and at most this many digits. */
#define ID_DIGITS 9

static const char *const budget_names[] = { "steps", "objects", "items", "depth",
                                            "repr",  "frames",  "names", "output" };
static const char *const events[] = { "line", "return", "exception" };
static const char *const statuses[] = { "ok", "raised", "timeout", "memory", "output", "denied", "crash" };

/* names[i] when s is one of the n names, else NULL. */
static const char *known_str(const char *s, const char *const *names, size_t n)
{
    for (size_t i = 0; s && i < n; i++)
        if (!strcmp(s, names[i]))
            return names[i];
    return NULL;
}

static const char *known(const cJSON *v, const char *const *names, size_t n)
{
    return cJSON_IsString(v) ? known_str(v->valuestring, names, n) : NULL;
}

/* "o" and 1 to ID_DIGITS digits, no leading zero: its number, else 0. */
static long id_number(const char *s)
{
    if (!s || s[0] != 'o' || s[1] < '1' || s[1] > '9')
        return 0;
    long n = 0;
    size_t i = 1;
    for (; s[i]; i++) {
        if (s[i] < '0' || s[i] > '9' || i > ID_DIGITS)
            return 0;
        n = n * 10 + (s[i] - '0');
    }
    return n;
}

static int is_id(const cJSON *v)
{
    return cJSON_IsString(v) && id_number(v->valuestring) > 0;
}

static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int int_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0 && v->valuedouble <= 1e8))
        return 0;
    return (int)v->valuedouble;
}

/* ---- building --------------------------------------------------------- */

static cJSON *clean_ids(const cJSON *src)
{
    cJSON *a = cJSON_CreateArray();
    const cJSON *e;
    cJSON_ArrayForEach(e, src)
    {
        if (is_id(e))
            cJSON_AddItemToArray(a, cJSON_CreateString(e->valuestring));
    }
    return a;
}

static cJSON *clean_names(const cJSON *src)
{
    cJSON *o = cJSON_CreateObject();
    const cJSON *e;
    cJSON_ArrayForEach(e, src)
    {
        if (e->string && is_id(e))
            cJSON_AddStringToObject(o, e->string, e->valuestring);
    }
    return o;
}

static cJSON *clean_state(const cJSON *src)
{
    cJSON *s = cJSON_CreateObject();
    const char *type = str_of(src, "type"), *repr = str_of(src, "repr");
    cJSON_AddStringToObject(s, "type", type ? type : "?");
    cJSON_AddStringToObject(s, "repr", repr ? repr : "?");
    static const char *const lists[] = { "items", "keys", "defaults" };
    static const char *const maps[] = { "attrs", "kwdefaults", "closure" };
    for (size_t i = 0; i < ARRAY_SIZE(lists); i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(src, lists[i]);
        if (cJSON_IsArray(v))
            cJSON_AddItemToObject(s, lists[i], clean_ids(v));
    }
    for (size_t i = 0; i < ARRAY_SIZE(maps); i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(src, maps[i]);
        if (cJSON_IsObject(v))
            cJSON_AddItemToObject(s, maps[i], clean_names(v));
    }
    int more = int_of(src, "more");
    if (more > 0)
        cJSON_AddNumberToObject(s, "more", more);
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(src, "deep")))
        cJSON_AddBoolToObject(s, "deep", 1);
    return s;
}

static cJSON *clean_frame(const cJSON *src)
{
    cJSON *f = cJSON_CreateObject();
    const char *fn = str_of(src, "function");
    cJSON_AddStringToObject(f, "function", fn ? fn : "?");
    cJSON_AddNumberToObject(f, "line", int_of(src, "line"));
    cJSON_AddItemToObject(f, "names", clean_names(cJSON_GetObjectItemCaseSensitive(src, "names")));
    int more = int_of(src, "more");
    if (more > 0)
        cJSON_AddNumberToObject(f, "more", more);
    return f;
}

/* ---- every reference resolves within its step ------------------------- */

static int resolves(const cJSON *objects, const cJSON *id)
{
    return cJSON_IsString(id) && cJSON_GetObjectItemCaseSensitive(objects, id->valuestring) != NULL;
}

/* Adds n to holder's "more". */
static void add_more(cJSON *holder, int n)
{
    if (n <= 0)
        return;
    cJSON *m = cJSON_GetObjectItemCaseSensitive(holder, "more");
    if (cJSON_IsNumber(m))
        cJSON_SetNumberValue(m, m->valuedouble + n);
    else
        cJSON_AddNumberToObject(holder, "more", n);
}

/* The first index of array a (up to its size) whose id does not resolve. */
static int first_unresolved(const cJSON *objects, const cJSON *a)
{
    int i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, a)
    {
        if (!resolves(objects, e))
            break;
        i++;
    }
    return i;
}

static int truncate_array(cJSON *a, int n)
{
    int cut = 0;
    while (cJSON_GetArraySize(a) > n) {
        cJSON_DeleteItemFromArray(a, cJSON_GetArraySize(a) - 1);
        cut++;
    }
    return cut;
}

/* Drops the names of map m whose ids do not resolve; how many. */
static int drop_unresolved(const cJSON *objects, cJSON *m)
{
    int cut = 0;
    cJSON *e = m ? m->child : NULL;
    while (e) {
        cJSON *next = e->next;
        if (!resolves(objects, e)) {
            cJSON_Delete(cJSON_DetachItemViaPointer(m, e));
            cut++;
        }
        e = next;
    }
    return cut;
}

/* A step refers only to objects it describes. The tracer describes at
 * most TRACE_MAX_OBJECTS a step, so the objects the last ones hold may go
 * undescribed: such a reference is cut the way the items budget cuts,
 * counted in its holder's "more" (a container's listed items stay a
 * prefix, a dict's keys in step with its values; a frame's names and an
 * object's attrs, kwdefaults and closure lose the name), and the step
 * says "objects" in its cut. Returns how many were cut. */
static int cut_unresolved(cJSON *step)
{
    const cJSON *objects = cJSON_GetObjectItemCaseSensitive(step, "objects");
    int cut = 0;
    cJSON *o;
    cJSON_ArrayForEach(o, objects)
    {
        cJSON *items = cJSON_GetObjectItemCaseSensitive(o, "items");
        cJSON *keys = cJSON_GetObjectItemCaseSensitive(o, "keys");
        int n = first_unresolved(objects, items);
        if (keys) {
            int k = first_unresolved(objects, keys);
            n = k < n ? k : n;
            int c = truncate_array(keys, n);
            cut += c;
            if (!items)
                add_more(o, c);
        }
        int c = truncate_array(items, n);
        add_more(o, c);
        cut += c;
        cJSON *defaults = cJSON_GetObjectItemCaseSensitive(o, "defaults");
        c = truncate_array(defaults, first_unresolved(objects, defaults));
        static const char *const maps[] = { "attrs", "kwdefaults", "closure" };
        for (size_t i = 0; i < ARRAY_SIZE(maps); i++)
            c += drop_unresolved(objects, cJSON_GetObjectItemCaseSensitive(o, maps[i]));
        add_more(o, c);
        cut += c;
    }
    cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(step, "frames"))
    {
        int c = drop_unresolved(objects, cJSON_GetObjectItemCaseSensitive(f, "names"));
        add_more(f, c);
        cut += c;
    }
    const cJSON *ret = cJSON_GetObjectItemCaseSensitive(step, "return");
    if (ret && !resolves(objects, ret)) {
        cJSON_DeleteItemFromObjectCaseSensitive(step, "return");
        cut++;
    }
    return cut;
}

static cJSON *clean_step(const cJSON *rec)
{
    cJSON *s = cJSON_CreateObject();
    const char *ev = known(cJSON_GetObjectItemCaseSensitive(rec, "event"), events, ARRAY_SIZE(events));
    cJSON_AddNumberToObject(s, "line", int_of(rec, "line"));
    cJSON_AddStringToObject(s, "event", ev ? ev : "line");
    cJSON *frames = cJSON_CreateArray();
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(rec, "frames"))
    {
        if (cJSON_IsObject(e))
            cJSON_AddItemToArray(frames, clean_frame(e));
    }
    cJSON *objects = cJSON_CreateObject();
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(rec, "objects"))
    {
        if (e->string && id_number(e->string) > 0 && cJSON_IsObject(e) &&
            !cJSON_GetObjectItemCaseSensitive(objects, e->string))
            cJSON_AddItemToObject(objects, e->string, clean_state(e));
    }
    /* the innermost frame's names are the step's (SPEC 4), once every
     * reference resolves */
    int nf = cJSON_GetArraySize(frames);
    cJSON *inner = nf ? cJSON_GetArrayItem(frames, nf - 1) : NULL;
    cJSON_AddStringToObject(s, "function", inner ? str_of(inner, "function") : "?");
    cJSON *names = cJSON_AddObjectToObject(s, "names");
    cJSON_AddItemToObject(s, "frames", frames);
    cJSON_AddItemToObject(s, "objects", objects);
    const cJSON *ret = cJSON_GetObjectItemCaseSensitive(rec, "return");
    if (is_id(ret))
        cJSON_AddStringToObject(s, "return", ret->valuestring);
    int unresolved = cut_unresolved(s);
    const cJSON *inner_names = inner ? cJSON_GetObjectItemCaseSensitive(inner, "names") : NULL;
    cJSON_ArrayForEach(e, inner_names)
    {
        cJSON_AddStringToObject(names, e->string, e->valuestring);
    }
    const char *exc = str_of(rec, "exception"), *out = str_of(rec, "out");
    if (exc)
        cJSON_AddStringToObject(s, "exception", exc);
    if (out)
        cJSON_AddStringToObject(s, "out", out);
    const cJSON *cuts = cJSON_GetObjectItemCaseSensitive(rec, "cut");
    if (cJSON_IsArray(cuts) || unresolved) {
        cJSON *c = cJSON_AddArrayToObject(s, "cut");
        int objs = 0;
        cJSON_ArrayForEach(e, cuts)
        {
            const char *b = known(e, budget_names, ARRAY_SIZE(budget_names));
            int seen = 0;
            const cJSON *p;
            cJSON_ArrayForEach(p, c) seen |= b && !strcmp(p->valuestring, b);
            if (b && !seen)
                cJSON_AddItemToArray(c, cJSON_CreateString(b));
            objs |= b && !strcmp(b, "objects");
        }
        if (unresolved && !objs)
            cJSON_AddItemToArray(c, cJSON_CreateString("objects"));
    }
    return s;
}

/* Each object as last seen: the steps' states, the later over the earlier. */
static cJSON *last_states(const cJSON *steps)
{
    const cJSON **last = NULL;
    size_t cap = 0;
    const cJSON *step, *o;
    cJSON_ArrayForEach(step, steps)
    {
        cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(step, "objects"))
        {
            size_t n = (size_t)id_number(o->string);
            if (n >= cap) {
                size_t ncap = cap ? cap : 256;
                while (ncap <= n)
                    ncap *= 2;
                last = xrealloc(last, ncap * sizeof *last);
                memset(last + cap, 0, (ncap - cap) * sizeof *last);
                cap = ncap;
            }
            last[n] = o;
        }
    }
    cJSON *objects = cJSON_CreateObject();
    for (size_t i = 0; i < cap; i++)
        if (last[i])
            cJSON_AddItemToObject(objects, last[i]->string, cJSON_Duplicate(last[i], 1));
    free(last);
    return objects;
}

char *tracedoc_build(const tracedoc_run *run)
{
    cJSON *steps = cJSON_CreateArray(), *cuts = cJSON_CreateArray();
    cJSON *end = NULL;
    int nsteps = 0;
    const char *p = run->records ? run->records : "", *stop = p + run->records_len;
    while (p < stop) {
        const char *nl = memchr(p, '\n', (size_t)(stop - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(stop - p);
        cJSON *rec = cJSON_ParseWithLength(p, n);
        p += n + (nl != NULL);
        const char *k = str_of(rec, "k");
        if (!k) {
        } else if (!strcmp(k, "step") && nsteps < TRACEDOC_MAX_STEPS) {
            cJSON_AddItemToArray(steps, clean_step(rec));
            nsteps++;
        } else if (!strcmp(k, "cut")) {
            const char *b = known(cJSON_GetObjectItemCaseSensitive(rec, "budget"), budget_names,
                                  ARRAY_SIZE(budget_names));
            int seen = 0;
            const cJSON *c;
            cJSON_ArrayForEach(c, cuts) seen |= b && !strcmp(str_of(c, "budget"), b);
            if (b && !seen) {
                cJSON *c2 = cJSON_CreateObject();
                cJSON_AddStringToObject(c2, "budget", b);
                cJSON_AddNumberToObject(c2, "limit", int_of(rec, "limit"));
                cJSON_AddItemToArray(cuts, c2);
            }
        } else if (!strcmp(k, "end") && !end) {
            end = rec;
            rec = NULL;
        }
        cJSON_Delete(rec);
    }

    const char *status = known_str(run->status, statuses, ARRAY_SIZE(statuses));
    const char *message = run->message, *exception = NULL;
    if (!status)
        status = "crash";
    if (!strcmp(status, "ok")) {
        if (!end) {
            status = "crash";
            message = "the trace ended without its last record";
        } else if (str_of(end, "error")) {
            status = "crash";
            message = str_of(end, "error");
        } else if ((exception = str_of(end, "exception")) != NULL) {
            status = "raised";
        }
    }

    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "format", TRACEDOC_FORMAT);
    cJSON_AddStringToObject(doc, "drill", run->drill ? run->drill : "");
    cJSON_AddStringToObject(doc, "python", run->python ? run->python : "");
    cJSON_AddStringToObject(doc, "status", status);
    if (message && strcmp(status, "ok") && strcmp(status, "raised"))
        cJSON_AddStringToObject(doc, "message", message);
    if (exception) {
        cJSON_AddStringToObject(doc, "exception", exception);
        /* where the code did not compile: no step shows it */
        const cJSON *at = cJSON_GetObjectItemCaseSensitive(end, "at");
        int line = int_of(at, "line"), column = int_of(at, "column");
        if (line > 0) {
            cJSON *a = cJSON_AddObjectToObject(doc, "exception_at");
            cJSON_AddNumberToObject(a, "line", line);
            if (column > 0)
                cJSON_AddNumberToObject(a, "column", column);
        }
    }
    cJSON_AddItemToObject(doc, "cut", cuts);
    char *code = util_utf8_sanitize(run->code ? run->code : "", run->code ? strlen(run->code) : 0, NULL);
    cJSON_AddStringToObject(doc, "code", code);
    free(code);
    /* what it printed: as its end reported, else as its steps saw it */
    const char *out = str_of(end, "out");
    sbuf sb;
    sbuf_init(&sb);
    if (out) {
        sbuf_addstr(&sb, out);
    } else if (run->out && *run->out) {
        sbuf_addstr(&sb, run->out);
    } else {
        const cJSON *s;
        cJSON_ArrayForEach(s, steps)
        {
            const char *o = str_of(s, "out");
            if (o)
                sbuf_addstr(&sb, o);
        }
    }
    char *clean = util_utf8_sanitize(sb.buf, sb.len, NULL);
    cJSON_AddStringToObject(doc, "output", clean);
    free(clean);
    sbuf_release(&sb);
    cJSON_AddItemToObject(doc, "steps", steps);
    cJSON_AddItemToObject(doc, "objects", last_states(steps));
    cJSON_Delete(end);
    char *json = cJSON_Print(doc);
    cJSON_Delete(doc);
    if (!json)
        abort(); /* cJSON fails only when out of memory */
    return json;
}

/* ---- reading ---------------------------------------------------------- */

void tracedoc_init(tracedoc *doc)
{
    memset(doc, 0, sizeof *doc);
}

static void free_strv(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void free_names(tracedoc_name *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].name);
        free(v[i].id);
    }
    free(v);
}

static void free_step(tracedoc_step *s)
{
    for (size_t i = 0; i < s->nframes; i++) {
        free(s->frames[i].function);
        free_names(s->frames[i].names, s->frames[i].nnames);
    }
    free(s->frames);
    for (size_t i = 0; i < s->nobjs; i++) {
        tracedoc_obj *o = &s->objs[i];
        free(o->id);
        free(o->type);
        free(o->repr);
        free_strv(o->items, o->nitems);
        free_strv(o->keys, o->nkeys);
        free_names(o->attrs, o->nattrs);
        free(o->attr_kinds);
        free_strv(o->defaults, o->ndefaults);
    }
    free(s->objs);
    free(s->event);
    free(s->ret);
    free(s->exception);
    free(s->out);
    free_strv(s->cuts, s->ncuts);
}

void tracedoc_free(tracedoc *doc)
{
    free(doc->drill);
    free(doc->python);
    free(doc->status);
    free(doc->message);
    free(doc->exception);
    free(doc->code);
    free(doc->output);
    for (size_t i = 0; i < doc->nsteps; i++)
        free_step(&doc->steps[i]);
    free(doc->steps);
    for (size_t i = 0; i < doc->ncuts; i++)
        free(doc->cuts[i].budget);
    free(doc->cuts);
    tracedoc_init(doc);
}

static char *dup_of(const cJSON *o, const char *key)
{
    const char *s = str_of(o, key);
    return s ? xstrdup(s) : NULL;
}

/* The value if it is an array (an object), else NULL: what is counted to
 * size a table must be what is walked to fill it. cJSON_ArrayForEach walks
 * an object's members as readily as an array's elements, so a "frames"
 * object of 3 members filled a table sized for none (fuzz_tracedoc). */
static const cJSON *as_array(const cJSON *v)
{
    return cJSON_IsArray(v) ? v : NULL;
}

static const cJSON *as_object(const cJSON *v)
{
    return cJSON_IsObject(v) ? v : NULL;
}

static char **read_ids(const cJSON *a, size_t *n)
{
    *n = 0;
    a = as_array(a);
    int size = a ? cJSON_GetArraySize(a) : 0;
    char **v = xcalloc((size_t)size + 1, sizeof *v);
    const cJSON *e;
    cJSON_ArrayForEach(e, a)
    {
        if (is_id(e))
            v[(*n)++] = xstrdup(e->valuestring);
    }
    return v;
}

static tracedoc_name *read_names(const cJSON *o, size_t *n)
{
    *n = 0;
    o = as_object(o);
    int size = o ? cJSON_GetArraySize(o) : 0;
    tracedoc_name *v = xcalloc((size_t)size + 1, sizeof *v);
    const cJSON *e;
    cJSON_ArrayForEach(e, o)
    {
        if (e->string && is_id(e)) {
            v[*n].name = xstrdup(e->string);
            v[*n].id = xstrdup(e->valuestring);
            (*n)++;
        }
    }
    return v;
}

static void read_obj(const cJSON *src, tracedoc_obj *o)
{
    o->id = xstrdup(src->string);
    o->type = dup_of(src, "type");
    o->repr = dup_of(src, "repr");
    if (!o->type)
        o->type = xstrdup("?");
    if (!o->repr)
        o->repr = xstrdup("?");
    o->items = read_ids(cJSON_GetObjectItemCaseSensitive(src, "items"), &o->nitems);
    o->keys = read_ids(cJSON_GetObjectItemCaseSensitive(src, "keys"), &o->nkeys);
    o->defaults = read_ids(cJSON_GetObjectItemCaseSensitive(src, "defaults"), &o->ndefaults);
    static const char *const kinds[] = { "attrs", "kwdefaults", "closure" };
    for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
        size_t n;
        tracedoc_name *v = read_names(cJSON_GetObjectItemCaseSensitive(src, kinds[k]), &n);
        o->attrs = xrealloc(o->attrs, (o->nattrs + n + 1) * sizeof *o->attrs);
        o->attr_kinds = xrealloc(o->attr_kinds, (o->nattrs + n + 1) * sizeof *o->attr_kinds);
        for (size_t i = 0; i < n; i++) {
            o->attrs[o->nattrs] = v[i];
            o->attr_kinds[o->nattrs++] = kinds[k];
        }
        free(v);
    }
    o->more = int_of(src, "more");
    o->deep = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(src, "deep"));
}

static void count_ref(tracedoc_step *s, const char *id)
{
    for (size_t i = 0; i < s->nobjs; i++)
        if (!strcmp(s->objs[i].id, id)) {
            s->objs[i].refs++;
            return;
        }
}

static void read_step(const cJSON *src, tracedoc_step *s)
{
    s->line = int_of(src, "line");
    s->event = dup_of(src, "event");
    if (!s->event)
        s->event = xstrdup("line");
    const cJSON *frames = as_array(cJSON_GetObjectItemCaseSensitive(src, "frames"));
    s->frames = xcalloc((size_t)(frames ? cJSON_GetArraySize(frames) : 0) + 1, sizeof *s->frames);
    const cJSON *e;
    cJSON_ArrayForEach(e, frames)
    {
        if (!cJSON_IsObject(e))
            continue;
        tracedoc_frame *f = &s->frames[s->nframes++];
        f->function = dup_of(e, "function");
        if (!f->function)
            f->function = xstrdup("?");
        f->line = int_of(e, "line");
        f->names = read_names(cJSON_GetObjectItemCaseSensitive(e, "names"), &f->nnames);
        f->more = int_of(e, "more");
    }
    const cJSON *objects = as_object(cJSON_GetObjectItemCaseSensitive(src, "objects"));
    s->objs = xcalloc((size_t)(objects ? cJSON_GetArraySize(objects) : 0) + 1, sizeof *s->objs);
    cJSON_ArrayForEach(e, objects)
    {
        if (e->string && id_number(e->string) > 0 && cJSON_IsObject(e))
            read_obj(e, &s->objs[s->nobjs++]);
    }
    const cJSON *ret = cJSON_GetObjectItemCaseSensitive(src, "return");
    s->ret = is_id(ret) ? xstrdup(ret->valuestring) : NULL;
    s->exception = dup_of(src, "exception");
    s->out = dup_of(src, "out");
    const cJSON *cuts = as_array(cJSON_GetObjectItemCaseSensitive(src, "cut"));
    s->cuts = xcalloc((size_t)(cuts ? cJSON_GetArraySize(cuts) : 0) + 1, sizeof *s->cuts);
    cJSON_ArrayForEach(e, cuts)
    {
        if (cJSON_IsString(e))
            s->cuts[s->ncuts++] = xstrdup(e->valuestring);
    }
    /* who refers to what, at this step */
    for (size_t i = 0; i < s->nframes; i++)
        for (size_t j = 0; j < s->frames[i].nnames; j++)
            count_ref(s, s->frames[i].names[j].id);
    for (size_t i = 0; i < s->nobjs; i++) {
        tracedoc_obj *o = &s->objs[i];
        for (size_t j = 0; j < o->nitems; j++)
            count_ref(s, o->items[j]);
        for (size_t j = 0; j < o->nkeys; j++)
            count_ref(s, o->keys[j]);
        for (size_t j = 0; j < o->ndefaults; j++)
            count_ref(s, o->defaults[j]);
        for (size_t j = 0; j < o->nattrs; j++)
            count_ref(s, o->attrs[j].id);
    }
}

int tracedoc_parse(const char *json, tracedoc *doc, char **err)
{
    tracedoc_init(doc);
    cJSON *root = cJSON_Parse(json ? json : "");
    const char *format = str_of(root, "format");
    if (!format || strcmp(format, TRACEDOC_FORMAT) != 0) {
        cJSON_Delete(root);
        *err = xstrdup("not a " TRACEDOC_FORMAT " document");
        return -1;
    }
    doc->drill = dup_of(root, "drill");
    doc->python = dup_of(root, "python");
    doc->status = dup_of(root, "status");
    if (!doc->status)
        doc->status = xstrdup("crash");
    doc->message = dup_of(root, "message");
    doc->exception = dup_of(root, "exception");
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(root, "exception_at");
    doc->exception_line = int_of(at, "line");
    doc->exception_column = doc->exception_line ? int_of(at, "column") : 0;
    doc->code = dup_of(root, "code");
    doc->output = dup_of(root, "output");
    const cJSON *steps = as_array(cJSON_GetObjectItemCaseSensitive(root, "steps"));
    doc->steps = xcalloc((size_t)(steps ? cJSON_GetArraySize(steps) : 0) + 1, sizeof *doc->steps);
    const cJSON *e;
    cJSON_ArrayForEach(e, steps)
    {
        if (cJSON_IsObject(e))
            read_step(e, &doc->steps[doc->nsteps++]);
    }
    const cJSON *cuts = as_array(cJSON_GetObjectItemCaseSensitive(root, "cut"));
    doc->cuts = xcalloc((size_t)(cuts ? cJSON_GetArraySize(cuts) : 0) + 1, sizeof *doc->cuts);
    cJSON_ArrayForEach(e, cuts)
    {
        const char *b = str_of(e, "budget");
        if (b) {
            doc->cuts[doc->ncuts].budget = xstrdup(b);
            doc->cuts[doc->ncuts++].limit = int_of(e, "limit");
        }
    }
    cJSON_Delete(root);
    return 0;
}

const tracedoc_obj *tracedoc_find(const tracedoc_step *s, const char *id)
{
    for (size_t i = 0; id && i < s->nobjs; i++)
        if (!strcmp(s->objs[i].id, id))
            return &s->objs[i];
    return NULL;
}

int tracedoc_shared(const tracedoc_obj *o)
{
    /* immutable scalars are shared all the time, and harmlessly: their ids
     * still say so to whoever asks about `is` */
    static const char *const plain[] = { "NoneType", "bool", "int", "float", "complex", "str", "bytes",
                                         "ellipsis", "NotImplementedType", "range" };
    if (o->refs < 2)
        return 0;
    for (size_t i = 0; i < ARRAY_SIZE(plain); i++)
        if (!strcmp(o->type, plain[i]))
            return 0;
    return 1;
}

int tracedoc_stopped(const tracedoc *doc)
{
    return strcmp(doc->status, "ok") != 0 && strcmp(doc->status, "raised") != 0;
}
