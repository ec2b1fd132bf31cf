/* cmd_trace.c - pydrill trace ID [--code FILE|-] [--format text|json]: runs
 * a drill's code (or FILE) in the sandbox under a line tracer and shows
 * each step: the line, every name in scope and the object it refers to,
 * objects drawn once per step and marked when shared. */
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "answers.h"
#include "cmd.h"
#include "engine.h"
#include "util.h"

static const char trace_usage[] =
    "usage: pydrill trace ID [--code FILE | -] [--format text|json]\n"
    "                     [--catalog F | --pack F ...]\n"
    "\n"
    "Runs the code of drill ID (or FILE, or standard input with -) in the sandbox,\n"
    "under the drill's limits, with a line tracer, and shows each step: the line,\n"
    "the names in scope and the objects they refer to. An object is drawn once a\n"
    "step, by an id that stays with it (o1, o2, ...); one that several names or\n"
    "containers refer to is marked shared.\n"
    "\n"
    "  --code FILE      trace FILE instead of the drill's code (- reads standard\n"
    "                   input)\n"
    "  --format FMT     text (default) or json (pydrill-trace/1, see the README)\n"
    "  --catalog FILE   the catalog (default: $PYDRILL_CATALOG, ./drills.json, else\n"
    "                   the installed one)\n"
    "  --pack FILE      a pack to load without a catalog (repeatable)\n"
    "  -h, --help       this help\n"
    "\n"
    "A drill whose requires this Python does not meet is SKIPPED (exit 0), as by run.\n"
    "\n"
    "Exit status: 0 the code ran to its end (raising an exception counts: the trace\n"
    "shows it) or the drill was skipped, 1 the run was stopped (timeout, memory,\n"
    "output, denied, crash; the trace shows what it got to), 2 usage error, unknown\n"
    "drill, or unreadable code.\n";

enum { OPT_CODE = CMD_OPT_FIRST_FREE, OPT_FORMAT };

/* The glyphs of the text view: UTF-8 where the locale has it. */
typedef struct {
    const char *arrow, *bar, *mark, *dots, *rule;
} glyphs;

static const glyphs utf8_glyphs = { "\xe2\x86\x92", "\xe2\x94\x82", "\xe2\x96\xb6", "\xe2\x80\xa6",
                                    "\xe2\x94\x80" };
static const glyphs ascii_glyphs = { "->", "|", ">", "...", "-" };

/* Writes n bytes of text from the traced code (a name, a key, a type, a
 * repr, an exception, a line of it or a line it printed) escaped by
 * util_escape_controls: control characters as \x1b or \n, bidirectional
 * overrides and isolates as \u202e, so that nothing of the code's can
 * drive the terminal or reorder the line. When tabs is nonzero, tabs are
 * first drawn as spaces to stops of that many columns (a line of code, a
 * line printed); elsewhere a tab is escaped too. */
static void put_safe(const char *s, size_t n, int tabs)
{
    sbuf sb;
    sbuf_init(&sb);
    size_t col = 0;
    for (size_t i = 0; i < n && s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\t' && tabs > 0) {
            do
                sbuf_addch(&sb, ' ');
            while (++col % (size_t)tabs);
            continue;
        }
        sbuf_addch(&sb, (char)c);
        if ((c & 0xC0) != 0x80)
            col++;
    }
    char *e = util_escape_controls(sb.buf);
    fputs(e, stdout);
    free(e);
    sbuf_release(&sb);
}

static void puts_safe(const char *s)
{
    if (s)
        put_safe(s, strlen(s), 0);
}

static char *read_code(const char *file, char **err)
{
    char *data = NULL;
    size_t len = 0;
    if (!strcmp(file, "-")) {
        char lim[32];
        int e = util_read_fd(STDIN_FILENO, ANSWER_MAX, &data, &len);
        if (e == EFBIG) {
            *err = xasprintf("-: error: the code on standard input is over the limit of %s",
                             util_fmt_size(lim, ANSWER_MAX));
            return NULL;
        }
        if (e) {
            *err = xasprintf("-: error: cannot read standard input: %s", strerror(e));
            return NULL;
        }
    } else if (util_read_named(file, ANSWER_MAX, &data, &len, err) < 0) {
        return NULL;
    }
    if (memchr(data, '\0', len) || !util_utf8_valid(data, len)) {
        *err = memchr(data, '\0', len) ? xasprintf("%s: error: a NUL byte in it (source code cannot contain one)", file)
                                        : xasprintf("%s: error: not UTF-8 text", file);
        free(data);
        return NULL;
    }
    return data;
}

/* ---- the text view ---------------------------------------------------- */

/* Line n (1-based) of code, and its length; NULL past the end. */
static const char *code_line(const char *code, int n, size_t *len)
{
    const char *p = code;
    for (int i = 1; p && i < n; i++) {
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    if (!p || n < 1 || (!*p && n > 1))
        return NULL;
    *len = strcspn(p, "\n");
    return p;
}

static void print_names(const tracedoc_frame *f, const glyphs *g)
{
    printf("  ");
    puts_safe(f->function);
    printf(":");
    if (!f->nnames && !f->more)
        printf(" (no names yet)");
    for (size_t i = 0; i < f->nnames; i++) {
        printf("%s ", i ? "," : "");
        puts_safe(f->names[i].name);
        printf(" %s %s", g->arrow, f->names[i].id);
    }
    if (f->more)
        printf("%s %s %ld more", f->nnames ? "," : "", g->dots, f->more);
    printf("\n");
}

/* ids are "o" and digits (tracedoc_parse keeps no other): printed as they are */
static void print_ids(const char *label, char **ids, size_t n)
{
    if (!n)
        return;
    printf("  %s", label);
    for (size_t i = 0; i < n; i++)
        printf(" %s", ids[i]);
}

static void print_object(const tracedoc_obj *o, const glyphs *g)
{
    printf("    %-4s ", o->id);
    puts_safe(o->type);
    printf(" ");
    puts_safe(o->repr);
    if (o->nkeys) {
        printf("  items");
        for (size_t i = 0; i < o->nkeys && i < o->nitems; i++)
            printf(" %s: %s%s", o->keys[i], o->items[i], i + 1 < o->nkeys ? "," : "");
    } else {
        print_ids(strcmp(o->type, "cell") ? "items" : "holds", o->items, o->nitems);
    }
    print_ids("defaults", o->defaults, o->ndefaults);
    const char *kind = NULL;
    for (size_t i = 0; i < o->nattrs; i++) {
        if (o->attr_kinds[i] != kind) {
            kind = o->attr_kinds[i];
            printf("  %s", kind);
        }
        printf(" ");
        puts_safe(o->attrs[i].name);
        printf("=%s", o->attrs[i].id);
    }
    if (o->more)
        printf("  %s %ld more", g->dots, o->more);
    if (o->deep)
        printf("  (not followed: depth budget)");
    if (tracedoc_shared(o))
        printf("  %s shared by %d", g->mark, o->refs);
    printf("\n");
}

/* Characters of a line of code drawn at a step: a step repeats its line,
 * so a long one (a megabyte on one line) is cut, and the end says so. */
#define CODE_LINE_MAX 200

static int code_lines_cut; /* a line was drawn cut */

/* Line n of the code, as "  4 | text" (tabs to stops of four), cut at
 * CODE_LINE_MAX characters. */
static void print_code_line(const tracedoc *doc, int n, const glyphs *g)
{
    size_t len;
    const char *line = doc->code ? code_line(doc->code, n, &len) : NULL;
    if (!line)
        return;
    size_t chars = 0, at = 0;
    for (; at < len; at++)
        if (((unsigned char)line[at] & 0xC0) != 0x80 && chars++ == CODE_LINE_MAX)
            break;
    printf("  %4d %s ", n, g->bar);
    put_safe(line, at, 4);
    if (at < len) {
        printf("%s", g->dots);
        code_lines_cut = 1;
    }
    printf("\n");
}

/* Printed output, line by line, each as the terminal would show it (tabs
 * to stops of eight), the lines after the first under it (indent). */
static void print_printed(const char *indent, const char *out)
{
    const char *p = out;
    while (*p) {
        size_t n = strcspn(p, "\n");
        put_safe(p, n, 8);
        p += n;
        if (*p == '\n' && *++p)
            printf("\n%s", indent);
    }
    printf("\n");
}

static void print_step(const tracedoc *doc, size_t i, const glyphs *g)
{
    const tracedoc_step *s = &doc->steps[i];
    const char *fn = s->nframes ? s->frames[s->nframes - 1].function : "?";
    printf("%s%s%s step %zu of %zu %s ", i ? "\n" : "", g->rule, g->rule, i + 1, doc->nsteps, g->rule);
    if (!strcmp(s->event, "return")) {
        printf("return from ");
        puts_safe(fn);
        printf(", line %d", s->line);
    } else if (!strcmp(s->event, "yield")) {
        printf("yield from ");
        puts_safe(fn);
        printf(", line %d (suspended)", s->line);
    } else if (!strcmp(s->event, "exception")) {
        printf("exception in ");
        puts_safe(fn);
        printf(", line %d", s->line);
    } else {
        printf("line %d, in ", s->line);
        puts_safe(fn);
        if (s->resumed)
            printf(", resumed");
    }
    if (s->nframes > 1) {
        printf(" (called from ");
        puts_safe(s->frames[s->nframes - 2].function);
        printf(" line %d)", s->frames[s->nframes - 2].line);
    }
    printf("\n");
    print_code_line(doc, s->line, g);
    if (s->exception) {
        printf("  raises ");
        puts_safe(s->exception);
        printf("\n");
    }
    if (s->ret)
        printf("  %s %s\n", strcmp(s->event, "yield") ? "returns" : "yields", s->ret);
    for (size_t f = s->nframes; f-- > 0;)
        print_names(&s->frames[f], g);
    if (s->nobjs)
        printf("  objects:\n");
    for (size_t k = 0; k < s->nobjs; k++)
        print_object(&s->objs[k], g);
    if (s->out && *s->out) {
        printf("  printed: ");
        print_printed("           ", s->out);
    }
    if (s->ncuts) {
        printf("  (cut here:");
        for (size_t k = 0; k < s->ncuts; k++) {
            printf(" ");
            puts_safe(s->cuts[k]);
        }
        printf(")\n");
    }
}

static void print_text(const tracedoc *doc, const char *file, const glyphs *g)
{
    printf("trace of ");
    if (file) {
        puts_safe(strcmp(file, "-") ? file : "standard input");
        printf(" (with the limits of ");
        puts_safe(doc->drill ? doc->drill : "?");
        printf(")");
    } else {
        puts_safe(doc->drill ? doc->drill : "?");
    }
    printf(", Python ");
    puts_safe(doc->python ? doc->python : "?");
    printf(": %zu step%s\n", doc->nsteps, doc->nsteps == 1 ? "" : "s");
    for (size_t i = 0; i < doc->nsteps; i++)
        print_step(doc, i, g);
    if (doc->output_after && *doc->output_after) {
        printf("\nprinted after the last step:\n");
        print_printed("  ", doc->output_after);
    }
    printf("\n");
    if (!strcmp(doc->status, "ok")) {
        printf("ended normally\n");
    } else if (!strcmp(doc->status, "raised")) {
        printf("ended by an exception: ");
        puts_safe(doc->exception);
        if (doc->exception_line) {
            /* the code did not compile: no step shows where */
            printf("\n  at line %d", doc->exception_line);
            if (doc->exception_column)
                printf(", column %d", doc->exception_column);
            printf("\n");
            print_code_line(doc, doc->exception_line, g);
        } else {
            printf("\n");
        }
    } else {
        printf("stopped (");
        puts_safe(doc->status);
        printf("): ");
        puts_safe(doc->message ? doc->message : "");
        printf("\n");
    }
    if (code_lines_cut)
        printf("note: lines of code past %d characters are shown cut (%s)\n", CODE_LINE_MAX, g->dots);
    if (doc->ncuts) {
        printf("note: the trace was cut:");
        for (size_t i = 0; i < doc->ncuts; i++) {
            printf("%s ", i ? "," : "");
            if (!strcmp(doc->cuts[i].budget, "tracer")) {
                printf("the code removed the tracer (sys.settrace)");
                continue;
            }
            puts_safe(doc->cuts[i].budget);
            printf(" (%ld)", doc->cuts[i].limit);
        }
        printf("\n");
    }
}

int cmd_trace(int argc, char **argv)
{
    static const struct option longopts[] = {
        CMD_SOURCE_OPTIONS,
        { "code", required_argument, NULL, OPT_CODE },
        { "format", required_argument, NULL, OPT_FORMAT },
        CMD_COMMON_OPTIONS,
    };
    cmd_source src;
    cmd_source_init(&src);
    const char *file = NULL, *format = "text";
    int rc = EXIT_OK;
    cmd_args a;
    cmd_args_init(&a, "trace", trace_usage, argc, argv, "h", longopts);
    int opt;
    while ((opt = cmd_args_next(&a)) != -1) {
        if (cmd_source_take(&src, opt, optarg))
            continue;
        if (opt == OPT_CODE) {
            file = optarg;
            continue;
        }
        if (opt == OPT_FORMAT) {
            format = optarg;
            continue;
        }
        cmd_source_free(&src);
        return opt == 'h' ? cmd_help(&a) : EXIT_USAGE;
    }
    if (strcmp(format, "text") && strcmp(format, "json")) {
        cmd_source_free(&src);
        return cmd_args_error(&a, "unknown format \"%s\" (text or json)", format);
    }
    if (optind >= argc) {
        cmd_source_free(&src);
        return cmd_args_error(&a, "which drill? pydrill trace ID [--code FILE]");
    }
    if (optind + 1 < argc) {
        cmd_source_free(&src);
        return cmd_args_error(&a, "unexpected argument \"%s\"", argv[optind + 1]);
    }
    const char *id = argv[optind];
    catalog c;
    catalog_init(&c);
    int lrc = cmd_load(&src, &c);
    cmd_source_free(&src);
    char *code = NULL, *json = NULL, *err = NULL;
    const drill *d = catalog_find(&c, id);
    if (!d) {
        if (lrc != 2)
            cmd_usage_error("no drill with id \"%s\" (see pydrill list)", id);
        rc = EXIT_USAGE;
        goto out;
    }
    if (file && !(code = read_code(file, &err))) {
        cmd_print_msg(err);
        rc = EXIT_USAGE;
        goto out;
    }
    if (!code && !d->code) {
        cmd_usage_error("drill %s has no code to trace: give some with --code FILE", d->id);
        rc = EXIT_USAGE;
        goto out;
    }
    if (cmd_start_runner() < 0) {
        rc = EXIT_USAGE;
        goto out;
    }
    /* a drill whose requires are unmet is skipped, as run skips it: its
     * code is not what this Python runs (a SyntaxError of 3.12 syntax on
     * 3.11 is no lesson). Planning is what finds it, as for run. */
    diag dg;
    diag_init(&dg);
    engine_plan_drill((drill *)d, &dg);
    diag_free(&dg);
    if (d->skip_reason) {
        tracedoc_run run = { .drill = d->id, .python = engine_python_version(), .code = code ? code : d->code,
                             .status = "skipped", .message = d->skip_reason };
        json = tracedoc_build(&run);
        if (!strcmp(format, "json")) {
            fputs(json, stdout);
            fputc('\n', stdout);
        } else {
            char *why = util_escape_controls(d->skip_reason);
            printf("trace of %s: SKIPPED, %s\n", d->id, why);
            free(why);
        }
        rc = lrc ? EXIT_USAGE : EXIT_OK; /* a failed write: main reports it, once */
        goto out;
    }
    if (engine_trace(d, code, &json, &err) < 0) {
        cmd_usage_error("%s", err);
        rc = EXIT_USAGE;
        goto out;
    }
    tracedoc doc;
    if (tracedoc_parse(json, &doc, &err) < 0) {
        cmd_usage_error("trace: %s", err); /* the engine's own document: cannot happen */
        rc = EXIT_USAGE;
        goto out;
    }
    if (!strcmp(format, "json")) {
        fputs(json, stdout);
        fputc('\n', stdout);
    } else {
        const char *cs = nl_langinfo(CODESET);
        print_text(&doc, file, cs && !strcmp(cs, "UTF-8") ? &utf8_glyphs : &ascii_glyphs);
    }
    rc = tracedoc_stopped(&doc) ? EXIT_FAIL : EXIT_OK;
    tracedoc_free(&doc);
    if (lrc)
        rc = EXIT_USAGE;
    /* a failed write is main's to report (cmd_finish_stdout), once */
out:
    free(err);
    free(json);
    free(code);
    catalog_free(&c);
    return rc;
}
