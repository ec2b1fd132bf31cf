/* cmd_report.c - pydrill report: the JSON Lines of one or more shards of a
 * batch, rendered again in any format without grading again (SPEC 4).
 *
 * Shards are proved complete before anything is written: every line names
 * its submission's place in the sorted batch and the batch's size
 * (position, total), so the lines together must hold each position from 1
 * to total exactly once. A missing shard, a shard given twice, or shards
 * of two different batches are refused with the positions named. Lines
 * are read twice: once to check them and note where each position is, then
 * in position order to feed the report writer, so the whole batch is never
 * held as parsed JSON; what a format keeps is its own compact record
 * (report.h). A `report --format json` of the shards is therefore exactly
 * the `grade --format json` of the whole batch. */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "jsontext.h"
#include "report.h"
#include "util.h"

/* A line longer than this is not one of ours. */
#define REPORT_LINE_MAX ((size_t)256 << 20)
/* Missing positions listed before "and N more". */
#define MISSING_LISTED 20
/* Errors said of one shard before the rest of it is skipped: a file that
 * is not jsonl at all would otherwise give one a line. */
#define ERRORS_PER_SHARD 5
/* What is copied of a pipe before giving up on it (an endless source). */
#define PIPE_COPY_MAX ((off_t)4 << 30)

static const char report_usage[] =
    "usage: pydrill report [--catalog F | --pack F ...] [--format FMT] [-o FILE]\n"
    "                      SHARD.jsonl...\n"
    "\n"
    "Renders the JSON Lines of one or more shards of a batch (pydrill grade\n"
    "--shard K/N --format jsonl) as one report, without grading again: its json is\n"
    "exactly what one unsharded grade writes. The shards must together hold every\n"
    "submission of the batch once; a missing or repeated one is refused with its\n"
    "positions named, and nothing is written. A SHARD of - is read from standard\n"
    "input.\n"
    "\n"
    "  --format FMT        text (default), json, jsonl, junit, tap, html, csv,\n"
    "                      gradescope, prairielearn\n"
    "  -o, --output FILE   write the report to FILE (replaced whole, never\n"
    "                      half-written)\n"
    "  --catalog FILE      take the report's title from this catalog, and drill\n"
    "  --pack FILE         titles and topics that the lines lack (optional)\n"
    "  -h, --help          this help\n"
    "\n"
    "Exit status: as the unsharded grade: 0 every answer passed; 1 an answer did not\n"
    "pass; 2 a submission could not be read, or a usage error, or shards that are\n"
    "incomplete, repeated, or not pydrill's.\n";

/* Where one line of the shards is. */
typedef struct {
    size_t position;
    size_t file;
    size_t line; /* 1-based */
    off_t offset;
    size_t len;
    char *source;     /* the submission's path: one batch sorted them so */
} entry;

typedef struct {
    const char *name; /* as given */
    int fd;
} shard;

static int by_position(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->position != y->position)
        return x->position < y->position ? -1 : 1;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

/* A shard as a file that can be read at any offset: standard input and
 * pipes are copied to an unnamed temporary file first. */
static int open_shard(shard *sh, char **err)
{
    int fd = -1;
    struct stat st;
    if (!strcmp(sh->name, "-"))
        fd = dup(STDIN_FILENO);
    else
        fd = open(sh->name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        *err = xasprintf("%s: error: cannot open: %s", sh->name, strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) < 0 || S_ISDIR(st.st_mode)) {
        *err = xasprintf("%s: error: %s", sh->name, S_ISDIR(st.st_mode) ? "is a folder, not a file"
                                                                         : strerror(errno));
        close(fd);
        return -1;
    }
    if (S_ISREG(st.st_mode)) {
        sh->fd = fd;
        return 0;
    }
    if (!S_ISFIFO(st.st_mode) && !S_ISSOCK(st.st_mode) && strcmp(sh->name, "-")) {
        *err = xasprintf("%s: error: is a %s, not a file of pydrill grade --format jsonl", sh->name,
                         S_ISCHR(st.st_mode) ? "character device" : S_ISBLK(st.st_mode) ? "block device"
                                                                      : "special file");
        close(fd);
        return -1;
    }
    /* a pipe or a terminal: waiting for it is what was asked */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    FILE *tmp = tmpfile();
    if (!tmp) {
        *err = xasprintf("%s: error: cannot keep a copy: %s", sh->name, strerror(errno));
        close(fd);
        return -1;
    }
    char buf[65536];
    for (off_t copied = 0;; ) {
        if (copied > PIPE_COPY_MAX) {
            *err = xasprintf("%s: error: more than %lld GiB and no end: not a shard", sh->name,
                             (long long)(PIPE_COPY_MAX >> 30));
            fclose(tmp);
            close(fd);
            return -1;
        }
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            *err = xasprintf("%s: error: cannot read: %s", sh->name, strerror(errno));
            fclose(tmp);
            close(fd);
            return -1;
        }
        if (r == 0)
            break;
        copied += r;
        if (fwrite(buf, 1, (size_t)r, tmp) != (size_t)r) {
            *err = xasprintf("%s: error: cannot keep a copy: %s", sh->name, strerror(errno));
            fclose(tmp);
            close(fd);
            return -1;
        }
    }
    close(fd);
    fflush(tmp);
    sh->fd = dup(fileno(tmp));
    fclose(tmp);
    if (sh->fd < 0 || lseek(sh->fd, 0, SEEK_SET) < 0) {
        *err = xasprintf("%s: error: cannot keep a copy: %s", sh->name, strerror(errno));
        return -1;
    }
    return 0;
}

/* Pass 1's reader of a shard: lines of at most REPORT_LINE_MAX + 1 bytes
 * are kept, so a file of one endless line is read through, not into
 * memory. */
typedef struct {
    int fd;
    off_t at;   /* where the next read starts (pread: fd's offset is left alone) */
    char chunk[65536];
    size_t pos, end;
    char *buf;  /* the line */
    size_t cap;
} linereader;

/* The next line: *took is what it spans of the file (its newline
 * included), *len its length without its line end; lr->buf holds it
 * whole when *len <= REPORT_LINE_MAX. 1, 0 at the end of the file, or -1
 * when reading failed (errno). */
static int next_line(linereader *lr, size_t *took, size_t *len)
{
    size_t n = 0, kept = 0;
    int nl = 0;
    while (!nl) {
        if (lr->pos == lr->end) {
            ssize_t r = pread(lr->fd, lr->chunk, sizeof lr->chunk, lr->at);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0)
                return -1;
            if (r == 0)
                break;
            lr->at += r;
            lr->pos = 0;
            lr->end = (size_t)r;
        }
        const char *p = lr->chunk + lr->pos;
        size_t avail = lr->end - lr->pos;
        const char *e = memchr(p, '\n', avail);
        size_t span = e ? (size_t)(e - p) : avail;
        nl = e != NULL;
        lr->pos += span + nl;
        n += span + nl;
        /* kept up to one byte past the limit: enough to say it is over */
        size_t keep = kept > REPORT_LINE_MAX ? 0 : span < REPORT_LINE_MAX + 1 - kept ? span
                                                                                      : REPORT_LINE_MAX + 1 - kept;
        if (kept + keep + 1 > lr->cap) {
            size_t cap = lr->cap ? lr->cap : 4096;
            while (cap < kept + keep + 1)
                cap *= 2;
            if (cap > REPORT_LINE_MAX + 2)
                cap = REPORT_LINE_MAX + 2;
            lr->buf = xrealloc(lr->buf, cap);
            lr->cap = cap;
        }
        memcpy(lr->buf + kept, p, keep);
        kept += keep;
    }
    if (!n)
        return 0;
    size_t l = n - nl;
    if (l <= kept) {
        while (l && lr->buf[l - 1] == '\r')
            l--;
        lr->buf[l] = '\0';
    }
    *took = n;
    *len = l;
    return 1;
}

/* Parses one line; NULL with a "FILE:LINE:COL: error: ..." message. */
static cJSON *parse_line(const shard *sh, size_t lineno, const char *text, size_t len, diag *d)
{
    diag pd;
    diag_init(&pd);
    cJSON *j = jsontext_parse(sh->name, text, len, &pd);
    if (!j) {
        /* jsontext locates within the text it was given: line 1 */
        size_t n = strlen(sh->name);
        for (size_t i = 0; i < pd.n; i++) {
            const char *m = pd.msgs[i];
            if (!strncmp(m, sh->name, n) && !strncmp(m + n, ":1:", 3))
                diag_add(d, "%s:%zu:%s", sh->name, lineno, m + n + 3);
            else
                diag_add(d, "%s:%zu: %s", sh->name, lineno, m);
        }
    }
    diag_free(&pd);
    return j;
}

/* "3, 5-9, 12" of the positions in 1..total that no entry holds. */
static char *missing_positions(const entry *e, size_t n, size_t total, size_t *count)
{
    sbuf sb;
    size_t listed = 0, next = 1;
    *count = 0;
    sbuf_init(&sb);
    for (size_t i = 0; i <= n; i++) {
        size_t upto = i < n ? e[i].position : total + 1;
        if (upto > next) {
            *count += upto - next;
            if (listed++ < MISSING_LISTED) {
                if (sb.len)
                    sbuf_addstr(&sb, ", ");
                if (upto - 1 == next)
                    sbuf_addf(&sb, "%zu", next);
                else
                    sbuf_addf(&sb, "%zu-%zu", next, upto - 1);
            }
        }
        if (i < n && e[i].position + 1 > next)
            next = e[i].position + 1;
    }
    if (listed > MISSING_LISTED)
        sbuf_addf(&sb, " and %zu more range%s", listed - MISSING_LISTED, listed - MISSING_LISTED == 1 ? "" : "s");
    return sbuf_detach(&sb, NULL);
}

/* A value every line of the shards must carry alike ("packs", "batch"):
 * the first one seen and where, and the shards already told they differ. */
typedef struct {
    char *value;
    size_t file, line;
    unsigned char *said;
} agreed;

/* 1 the first time a line of shard f carries a string other than the
 * first seen (lines without one, from older versions, are let be). */
static int disagrees(agreed *a, const cJSON *v, size_t f, size_t line)
{
    if (!cJSON_IsString(v))
        return 0;
    if (!a->value) {
        a->value = xstrdup(v->valuestring);
        a->file = f;
        a->line = line;
        return 0;
    }
    return strcmp(a->value, v->valuestring) != 0 && !a->said[f]++;
}

static void agreed_free(agreed *a)
{
    free(a->value);
    free(a->said);
}

/* The drills of the first line read: grade writes every drill it loaded,
 * in the same order, in every line of a batch. */
typedef struct {
    sbuf ids; /* "id\n" each */
    int set;
    size_t file, line; /* where they were read; line 0: the packs given */
} drill_list;

static void drill_ids(const report_sub *s, sbuf *out)
{
    for (size_t i = 0; i < s->ndrills; i++)
        sbuf_addf(out, "%s\n", s->drills[i].id);
}

/* Why a line does not hold together, or NULL: totals that are not the sums
 * of its drills, or other drills than the first line's. report checks the
 * types and ranges of each field; a line edited or damaged within them
 * (a drill's column gone, a status flipped, a score of 99 of 3) would
 * otherwise change a gradebook without a word. Caller frees. */
static char *line_disagrees(const report_sub *s, drill_list *first, const shard *shards, size_t f, size_t lineno)
{
    if (s->error && !s->ndrills)
        return NULL; /* unreadable: no drills, nothing to add up */
    double score = 0, max = 0;
    int passed = 0;
    for (size_t i = 0; i < s->ndrills; i++) {
        if (s->drills[i].st == ST_SKIPPED)
            continue;
        score += s->drills[i].score;
        max += 1;
        passed += s->drills[i].st == ST_PASS;
    }
    /* each drill's score is rounded to 4 decimals, as is their sum */
    double slack = ((double)s->ndrills + 1) * 5e-5 + 1e-9;
    if (fabs(score - s->score) > slack || max != s->max || passed != s->passed)
        return xasprintf("its totals (score %g, max %g, passed %d) are not those of its drills (%g, %g, %d): "
                         "the line was edited or damaged",
                         s->score, s->max, s->passed, score, max, passed);
    sbuf here;
    sbuf_init(&here);
    drill_ids(s, &here);
    char *why = NULL;
    if (!first->set) {
        first->ids = here;
        first->set = 1;
        first->file = f;
        first->line = lineno;
        return NULL;
    }
    if (strcmp(here.buf ? here.buf : "", first->ids.buf ? first->ids.buf : "") != 0) {
        char *of = first->line ? xasprintf("%s:%zu", shards[first->file].name, first->line)
                               : xstrdup("the packs given, which these lines were graded with");
        why = xasprintf("its drills are not those of %s (a drill missing, added, repeated, renamed or moved): "
                        "the line was edited or damaged, or the shards are of other batches",
                        of);
        free(of);
    }
    sbuf_release(&here);
    return why;
}

/* Reads a line back by where pass 1 found it. */
static char *read_entry(const shard *sh, const entry *e)
{
    char *buf = xmalloc(e->len + 1);
    size_t got = 0;
    while (got < e->len) {
        ssize_t r = pread(sh->fd, buf + got, e->len - got, e->offset + (off_t)got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    buf[got] = '\0';
    return buf;
}

/* Drill titles and topics the lines lack, from the catalog given. */
static void fill_from_catalog(const catalog *c, report_view *v)
{
    for (size_t i = 0; i < v->sub.ndrills; i++) {
        report_drill *d = &v->drills[i];
        const drill *dr = catalog_find(c, d->id);
        if (!dr)
            continue;
        if (!d->title)
            d->title = dr->title;
        if (!d->topic)
            d->topic = dr->topic;
    }
}

enum { OPT_FORMAT = CMD_OPT_FIRST_FREE };

int cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        CMD_SOURCE_OPTIONS,
        { "format", required_argument, NULL, OPT_FORMAT },
        { "output", required_argument, NULL, 'o' },
        CMD_COMMON_OPTIONS,
    };
    cmd_source src;
    cmd_source_init(&src);
    const char *format = "text", *output = NULL;
    int rc = EXIT_OK, opt;
    catalog c;
    catalog_init(&c);
    shard *shards = NULL;
    size_t nshards = 0;
    entry *entries = NULL;
    size_t nentries = 0, cap = 0;
    char *python = NULL, *title = NULL, *err = NULL;
    /* the packs each shard was graded with ("packs" of a line; older
     * shards have none): one shard of a class graded with a drill fixed in
     * between is one part of the class graded otherwise; and the list of
     * submissions it was cut from ("batch") */
    agreed packs = { 0 }, batch = { 0 };
    drill_list first_drills = { 0 };
    char loaded[CATALOG_DIGEST_HEX] = "";
    linereader *lr = xcalloc(1, sizeof *lr);
    diag d;
    diag_init(&d);

    cmd_args a;
    cmd_args_init(&a, "report", report_usage, argc, argv, "o:h", longopts);
    while ((opt = cmd_args_next(&a)) != -1) {
        if (cmd_source_take(&src, opt, optarg))
            continue;
        if (opt == OPT_FORMAT)
            format = optarg;
        else if (opt == 'o')
            output = optarg;
        else {
            rc = opt == 'h' ? cmd_help(&a) : EXIT_USAGE;
            goto out;
        }
    }
    if (!report_format_known(format)) {
        rc = cmd_args_error(&a, "unknown format \"%s\" (%s)", format, report_format_names());
        goto out;
    }
    if (optind >= argc) {
        rc = cmd_args_error(&a, "no shards given (the jsonl files of pydrill grade --format jsonl)");
        goto out;
    }
    shards = xcalloc((size_t)(argc - optind), sizeof *shards);
    for (int i = optind; i < argc; i++) {
        for (size_t k = 0; k < nshards; k++)
            if (!strcmp(argv[i], "-") && !strcmp(shards[k].name, "-")) {
                rc = cmd_args_error(&a, "- (standard input) can be given once");
                goto out;
            }
        shards[nshards].name = argv[i];
        shards[nshards].fd = -1;
        nshards++;
    }
    if ((src.catalog || src.npacks) && cmd_load(&src, &c) == 2) {
        rc = EXIT_USAGE;
        goto out;
    }
    {
        /* -o must not replace a shard (the only record of its grading) or a pack */
        size_t nin = 0;
        const char **in = xcalloc(nshards + src.npacks + 1, sizeof *in);
        for (size_t i = 0; i < nshards; i++)
            in[nin++] = shards[i].name;
        for (size_t i = 0; i < src.npacks; i++)
            in[nin++] = src.packs[i];
        in[nin++] = src.catalog;
        int bad = cmd_check_output(output, in, nin);
        free(in);
        if (bad) {
            rc = EXIT_USAGE;
            goto out;
        }
    }

    if (src.catalog || src.npacks)
        catalog_digest_hex(&c, loaded);
    /* Pass 1: every line checked, and where each position is. */
    size_t total = 0, total_line = 0, total_file = 0;
    int python_differs = 0;
    size_t python_file = 0, python_line = 0;
    char other_python[512] = "";
    packs.said = xcalloc(nshards ? nshards : 1, 1);
    batch.said = xcalloc(nshards ? nshards : 1, 1);
    int reveal = 0, reveal_said = 0;
    size_t reveal_file = 0, reveal_line = 0;
    report_view v;
    report_view_init(&v);
    for (size_t f = 0; f < nshards; f++) {
        if (open_shard(&shards[f], &err) < 0) {
            diag_take(&d, err);
            continue;
        }
        lr->fd = shards[f].fd;
        lr->at = 0;
        lr->pos = lr->end = 0;
        off_t offset = 0;
        size_t lineno = 0, said = d.n, entries_before = nentries, n, len;
        int got;
        while ((got = next_line(lr, &n, &len)) != 0) {
            if (got < 0) {
                diag_add(&d, "%s:%zu: error: cannot read: %s", shards[f].name, lineno + 1, strerror(errno));
                break;
            }
            if (d.n - said >= ERRORS_PER_SHARD) {
                diag_add(&d, "%s: error: the rest of it is skipped%s", shards[f].name,
                         nentries == entries_before
                             ? ": it holds no line of pydrill grade --format jsonl (a json report is one "
                               "document; grade with --format jsonl to have shards)"
                             : "");
                break;
            }
            off_t here = offset;
            offset += (off_t)n;
            lineno++;
            const char *line = lr->buf;
            if (!len)
                continue;
            if (len > REPORT_LINE_MAX) {
                diag_add(&d, "%s:%zu: error: a line of %zu bytes is not one of pydrill's", shards[f].name, lineno, len);
                continue;
            }
            cJSON *j = parse_line(&shards[f], lineno, line, len, &d);
            if (!j)
                continue;
            const report_sub *s = report_view_of_json(&v, j, &err);
            if (!s) {
                diag_add(&d, "%s:%zu: error: not a submission line of pydrill grade --format jsonl: %s",
                         shards[f].name, lineno, err);
                free(err);
                cJSON_Delete(j);
                continue;
            }
            if (!first_drills.set && loaded[0]) {
                /* graded with the packs given: their drills, in order, are
                 * what every line holds (the first line may be the odd one) */
                const cJSON *pk = cJSON_GetObjectItemCaseSensitive(j, "packs");
                if (cJSON_IsString(pk) && !strcmp(pk->valuestring, loaded)) {
                    for (size_t k = 0; k < c.ndrills; k++)
                        sbuf_addf(&first_drills.ids, "%s\n", c.drills[k].id);
                    first_drills.set = 1;
                }
            }
            char *odd = line_disagrees(s, &first_drills, shards, f, lineno);
            if (odd) {
                diag_add(&d, "%s:%zu: error: %s", shards[f].name, lineno, odd);
                free(odd);
            }
            if (!total) {
                total = s->total;
                total_file = f;
                total_line = lineno;
            } else if (s->total != total) {
                diag_add(&d, "%s:%zu: error: a batch of %zu submissions, but %s:%zu is of a batch of %zu: "
                             "shards of different batches",
                         shards[f].name, lineno, s->total, shards[total_file].name, total_line, total);
            }
            /* a revealed shard beside others would show hidden tests to
             * part of the class, and match no grade of the whole batch */
            if (nentries == 0) {
                reveal = s->reveal_hidden;
                reveal_file = f;
                reveal_line = lineno;
            } else if (s->reveal_hidden != reveal && !reveal_said++) {
                diag_add(&d, "%s:%zu: error: graded %s --reveal-hidden, but %s:%zu %s: grade every shard the "
                             "same way",
                         shards[f].name, lineno, s->reveal_hidden ? "with" : "without", shards[reveal_file].name,
                         reveal_line, reveal ? "was" : "was not");
            }
            const cJSON *py = cJSON_GetObjectItemCaseSensitive(j, "python");
            const cJSON *ti = cJSON_GetObjectItemCaseSensitive(j, "title");
            if (cJSON_IsString(py)) {
                if (!python) {
                    python = xstrdup(py->valuestring);
                    python_file = f;
                    python_line = lineno;
                } else if (strcmp(python, py->valuestring) && !python_differs++) {
                    snprintf(other_python, sizeof other_python, "%s:%zu with %.40s", shards[f].name, lineno,
                                             py->valuestring);
                }
            }
            if (cJSON_IsString(ti) && !title)
                title = xstrdup(ti->valuestring);
            if (disagrees(&batch, cJSON_GetObjectItemCaseSensitive(j, "batch"), f, lineno))
                diag_add(&d, "%s:%zu: error: graded from another list of submissions than %s:%zu (the "
                             "folder changed between the two runs?): grade every shard from the same list",
                         shards[f].name, lineno, shards[batch.file].name, batch.line);
            if (disagrees(&packs, cJSON_GetObjectItemCaseSensitive(j, "packs"), f, lineno))
                diag_add(&d, "%s:%zu: error: graded with other packs than %s:%zu (a pack changed between "
                             "the two runs, or another --drill?): grade every shard with the same packs",
                         shards[f].name, lineno, shards[packs.file].name, packs.line);
            if (nentries == cap) {
                cap = cap ? 2 * cap : 256;
                entries = xrealloc(entries, cap * sizeof *entries);
            }
            entries[nentries++] = (entry){ .position = s->position, .file = f, .line = lineno,
                                           .offset = here, .len = len,
                                           .source = xstrdup(s->source ? s->source : "") };
            cJSON_Delete(j);
        }
    }
    report_view_release(&v);
    if (packs.value && (src.catalog || src.npacks)) {
        if (strcmp(loaded, packs.value))
            diag_add(&d, "pydrill: error: report: the shards were graded with other packs than those given "
                         "here, or with --drill (%s:%zu): give the packs they were graded with, or give none",
                     shards[packs.file].name, packs.line);
    }
    if (d.n) {
        cmd_print_diag(&d);
        fprintf(stderr, "pydrill: error: report: nothing written\n");
        rc = EXIT_USAGE;
        goto out;
    }
    if (!nentries) {
        /* (one empty shard among others is fine: more shards than
         * submissions leaves some empty) */
        rc = nshards == 1 ? cmd_usage_error("report: %s holds no submission", shards[0].name)
                          : cmd_usage_error("report: none of the %zu shards holds a submission", nshards);
        goto out;
    }
    qsort(entries, nentries, sizeof *entries, by_position);
    size_t repeated = 0, disordered = 0;
    for (size_t i = 1; i < nentries; i++) {
        const entry *a = &entries[i - 1], *e = &entries[i];
        if (e->position == a->position) {
            /* one line for a whole shard given twice */
            if (a->file != e->file && !strcmp(shards[a->file].name, shards[e->file].name)) {
                if (a->line == e->line && e->line == 1 && repeated++ < MISSING_LISTED)
                    diag_add(&d, "pydrill: error: report: %s is given twice", shards[e->file].name);
            } else if (repeated++ < MISSING_LISTED) {
                diag_add(&d, "pydrill: error: report: position %zu of %zu is in %s:%zu and again in %s:%zu",
                         e->position, total, shards[a->file].name, a->line, shards[e->file].name, e->line);
            }
        } else if (!batch.value && strcmp(a->source, e->source) > 0 && disordered++ < MISSING_LISTED) {
            /* grade sorts a batch by path: positions out of that order
             * come from batches of the same size, but not the same. Lines
             * that carry the batch's digest were checked by it instead: a
             * name as shown (\xNN) does not sort as its bytes did. */
            diag_add(&d, "pydrill: error: report: position %zu (%s, in %s:%zu) sorts after position %zu (%s, "
                         "in %s:%zu): shards of different batches",
                     a->position, a->source, shards[a->file].name, a->line, e->position, e->source,
                     shards[e->file].name, e->line);
        }
    }
    size_t nmissing;
    char *missing = missing_positions(entries, nentries, total, &nmissing);
    if (nmissing)
        diag_add(&d, "pydrill: error: report: the shards are incomplete: position%s %s of %zu %s missing "
                     "(a shard that failed, or was not given)",
                 nmissing == 1 ? "" : "s", missing, total, nmissing == 1 ? "is" : "are");
    free(missing);
    if (d.n) {
        cmd_print_diag(&d);
        fprintf(stderr, "pydrill: error: report: nothing written\n");
        rc = EXIT_USAGE;
        goto out;
    }
    if (python_differs)
        fprintf(stderr, "pydrill: warning: report: the shards were graded with different Pythons (%s:%zu with "
                        "%s, %s): verdicts can differ between versions; the report names the first\n",
                shards[python_file].name, python_line, python, other_python);
    if (report_format_single(format) && nentries != 1) {
        rc = cmd_args_error(&a, "--format %s reports exactly one submission (the platform grades one "
                                "student per run), not %zu",
                            format, nentries);
        goto out;
    }

    /* Pass 2: in position order, into the writer. */
    util_out out;
    if (util_out_open(&out, output, &err) < 0) {
        cmd_print_msg(err);
        free(err);
        rc = EXIT_USAGE;
        goto out;
    }
    report_options ropt = { .format = format, .python_version = python, .title = c.title ? c.title : title,
                            .packs = packs.value, .batch = batch.value };
    report_writer *w = report_writer_new(&ropt, &out, &err);
    int unreadable = 0, all_pass = 1;
    report_view_init(&v);
    for (size_t i = 0; i < nentries; i++) {
        char *text = read_entry(&shards[entries[i].file], &entries[i]);
        /* a file that shrank since pass 1 gave fewer bytes: parse those */
        cJSON *j = cJSON_ParseWithLength(text, strlen(text));
        const report_sub *s = j ? report_view_of_json(&v, j, &err) : NULL;
        if (!s) { /* it was fine a moment ago: the file changed */
            if (j)
                free(err);
            char *msg = xasprintf("%s:%zu: error: changed while the report was written", shards[entries[i].file].name,
                                  entries[i].line);
            cmd_print_msg(msg);
            free(msg);
            unreadable = 1;
        } else {
            if (c.ndrills)
                fill_from_catalog(&c, &v);
            unreadable |= s->error != NULL;
            for (size_t k = 0; k < s->ndrills; k++)
                if (report_status_failed(s->drills[k].st))
                    all_pass = 0;
            report_writer_add(w, s);
        }
        cJSON_Delete(j);
        free(text);
    }
    report_view_release(&v);
    int bad = 0;
    if (report_writer_finish(w, &err) < 0) {
        cmd_print_msg(err);
        free(err);
        bad = 1;
    }
    report_writer_free(w);
    if (bad) /* a report that could not be made whole is not put in place */
        util_out_abandon(&out);
    else if (util_out_close(&out, &err) < 0) {
        cmd_print_msg(err);
        free(err);
        bad = 1;
    }
    rc = bad || unreadable ? EXIT_USAGE : all_pass ? EXIT_OK : EXIT_FAIL;

out:
    for (size_t f = 0; f < nshards; f++)
        if (shards[f].fd >= 0)
            close(shards[f].fd);
    free(shards);
    for (size_t i = 0; i < nentries; i++)
        free(entries[i].source);
    free(entries);
    if (lr)
        free(lr->buf);
    free(lr);
    free(python);
    sbuf_release(&first_drills.ids);
    agreed_free(&packs);
    agreed_free(&batch);
    free(title);
    diag_free(&d);
    catalog_free(&c);
    cmd_source_free(&src);
    return rc;
}
