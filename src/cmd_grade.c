/* cmd_grade.c - pydrill grade: every submission against every drill, over
 * -j worker processes, into one report (SPEC 3.4, 4).
 *
 * What does not depend on an answer (truths, expected values, requires) is
 * planned once for the batch; choice, explain and predict answers are
 * graded without a child; results are placed by (submission, drill) index,
 * so the report does not depend on -j or completion order.
 *
 * Output: each submission goes to the report writer (report.h) as soon as
 * its last answer is graded and every submission before it in the sorted
 * order has gone, then it is freed; streaming formats write it at once.
 * Submissions are loaded a window at a time, so what is held back to keep
 * the order is bounded by the window. */
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "answers.h"
#include "cmd.h"
#include "cpus.h"
#include "engine.h"
#include "report.h"
#include "util.h"

/* Submissions loaded and not yet graded, per worker. */
#define LOAD_WINDOW_PER_JOB 16

typedef struct {
    const char **paths;
    size_t npaths;
    const char *from;   /* --from: a file listing submissions, or - */
    char *from_text;    /* its text, which paths point into */
    const char **drills; /* --drill: only these */
    size_t ndrills;
    int jobs;
    const char *format;
    const char *output;
    int shard_k, shard_n;
    int reveal_hidden;
    int quiet;
} grade_opts;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A whole number in [lo, hi], nothing else. */
static int parse_long(const char *s, long lo, long hi, long *out)
{
    return util_parse_long(s, lo, hi, out);
}

/* The largest -j and N of --shard. */
#define GRADE_MAX_JOBS 100000
/* The workers -j may start: at most this many per CPU (a worker waits on
 * its answer's child about half the time), and never fewer than the
 * floor; never more than the answers there are to run. */
#define GRADE_JOBS_PER_CPU 4
/* --from's list: a path a line, a million lines of long paths */
#define FROM_LIST_MAX ((size_t)256 << 20)
#define GRADE_JOBS_FLOOR 16

/* --shard auto: K and N from the scheduler running this process. Slurm
 * numbers a job array's tasks from SLURM_ARRAY_TASK_MIN in steps of
 * SLURM_ARRAY_TASK_STEP (--array=0-15:4 runs 0, 4, 8, 12); a Kubernetes
 * Indexed Job numbers its pods from 0 and says nothing of their count,
 * which PYDRILL_SHARDS gives. */
static int shard_auto(const cmd_args *a, grade_opts *o)
{
    const char *id = getenv("SLURM_ARRAY_TASK_ID"), *idx = getenv("JOB_COMPLETION_INDEX");
    long k, n, min, step = 1, max;
    if (id && *id) {
        const char *smin = getenv("SLURM_ARRAY_TASK_MIN"), *scount = getenv("SLURM_ARRAY_TASK_COUNT");
        const char *sstep = getenv("SLURM_ARRAY_TASK_STEP"), *smax = getenv("SLURM_ARRAY_TASK_MAX");
        /* each variable named with what is wrong with it */
        static const char *const why = "--shard auto: %s must be %s, not \"%s\"";
        if (parse_long(id, 0, 1L << 30, &k) < 0)
            return cmd_args_error(a, why, "SLURM_ARRAY_TASK_ID", "a whole number", id);
        if (parse_long(smin, 0, 1L << 30, &min) < 0)
            return cmd_args_error(a, why, "SLURM_ARRAY_TASK_MIN", "a whole number", smin ? smin : "");
        if (parse_long(scount, 1, GRADE_MAX_JOBS, &n) < 0)
            return cmd_args_error(a, why, "SLURM_ARRAY_TASK_COUNT", "a whole number from 1", scount ? scount : "");
        if (sstep && *sstep && parse_long(sstep, 1, 1L << 30, &step) < 0)
            return cmd_args_error(a, why, "SLURM_ARRAY_TASK_STEP", "a whole number from 1", sstep);
        if (smax && *smax && parse_long(smax, 0, 1L << 30, &max) < 0)
            return cmd_args_error(a, why, "SLURM_ARRAY_TASK_MAX", "a whole number", smax);
        if ((smax && *smax && (max - min) / step + 1 != n) || (k >= min && (k - min) % step))
            return cmd_args_error(a, "--shard auto: task %ld of a Slurm array that is not evenly numbered "
                                     "(--array=MIN-MAX or MIN-MAX:STEP); give --shard K/N",
                                  k);
        if (k < min || (k - min) / step >= n)
            return cmd_args_error(a, "--shard auto: SLURM_ARRAY_TASK_ID %ld is outside the array (%ld tasks "
                                     "from %ld in steps of %ld); give --shard K/N",
                                  k, n, min, step);
        o->shard_k = (int)((k - min) / step + 1);
        o->shard_n = (int)n;
        return 0;
    }
    if (idx && *idx) {
        const char *shards = getenv("PYDRILL_SHARDS");
        if (parse_long(idx, 0, GRADE_MAX_JOBS, &k) < 0)
            return cmd_args_error(a, "--shard auto: JOB_COMPLETION_INDEX must be a whole number, not \"%s\"", idx);
        if (parse_long(shards, 1, GRADE_MAX_JOBS, &n) < 0)
            return cmd_args_error(a, "--shard auto: in a Kubernetes Indexed Job, set PYDRILL_SHARDS to the "
                                     "Job's completions (found \"%s\")",
                                  shards ? shards : "");
        if (k >= n)
            return cmd_args_error(a, "--shard auto: JOB_COMPLETION_INDEX %ld is not below PYDRILL_SHARDS %ld", k, n);
        o->shard_k = (int)k + 1;
        o->shard_n = (int)n;
        return 0;
    }
    return cmd_args_error(a, "--shard auto: not in a Slurm job array (SLURM_ARRAY_TASK_ID) nor a Kubernetes "
                             "Indexed Job (JOB_COMPLETION_INDEX with PYDRILL_SHARDS)");
}

static int parse_shard(const cmd_args *a, const char *val, grade_opts *o)
{
    if (!strcmp(val, "auto"))
        return shard_auto(a, o);
    const char *slash = strchr(val, '/');
    char kbuf[16];
    long k, n;
    if (!slash || (size_t)(slash - val) >= sizeof kbuf)
        return cmd_args_error(a, "--shard needs K/N, like 2/4, or auto");
    memcpy(kbuf, val, (size_t)(slash - val));
    kbuf[slash - val] = '\0';
    if (parse_long(kbuf, 1, GRADE_MAX_JOBS, &k) < 0 || parse_long(slash + 1, 1, GRADE_MAX_JOBS, &n) < 0 || k > n)
        return cmd_args_error(a, "--shard K/N needs 1 <= K <= N, not \"%s\"", val);
    o->shard_k = (int)k;
    o->shard_n = (int)n;
    return 0;
}

static char *grade_usage(int jobs)
{
    return xasprintf(
        "usage: pydrill grade [--catalog F | --pack F ...] [-j N] [--format FMT]\n"
        "                     [-o FILE] [--shard K/N | --shard auto] [--reveal-hidden]\n"
        "                     [--quiet] [--drill ID ...] [--from LIST] SUBMISSION...\n"
        "\n"
        "Grades every submission against every drill loaded and writes one report.\n"
        "A SUBMISSION is an answers file (pydrill-answers/1), a folder of <id>.py and\n"
        "<id>.txt files, or - for an answers file on standard input.\n"
        "\n"
        "  --catalog FILE      the catalog (default: $PYDRILL_CATALOG, ./drills.json,\n"
        "                      else the installed one)\n"
        "  --pack FILE         a pack to load without a catalog (repeatable)\n"
        "  -j, --jobs N        answers graded at once (default here: %d, the CPUs\n"
        "                      this process may use)\n"
        "  --format FMT        text (default), json, jsonl, junit, tap, html, csv,\n"
        "                      gradescope, prairielearn (the last two: exactly one\n"
        "                      submission)\n"
        "  -o, --output FILE   write the report to FILE (replaced whole, never\n"
        "                      half-written)\n"
        "  --from LIST         also grade the submissions LIST names, one path a line\n"
        "                      (- reads them from standard input): more than a\n"
        "                      command line holds\n"
        "  --shard K/N         grade only the submissions at sorted positions p with\n"
        "                      (p - 1) mod N = K - 1; merge the shards with\n"
        "                      pydrill report\n"
        "  --shard auto        K and N from a Slurm job array (SLURM_ARRAY_TASK_*) or\n"
        "                      a Kubernetes Indexed Job (JOB_COMPLETION_INDEX,\n"
        "                      PYDRILL_SHARDS)\n"
        "  --drill ID          grade only this drill of those loaded (repeatable): one\n"
        "                      question of a platform, one assignment of a course\n"
        "  --reveal-hidden     show hidden tests' expected and actual values (not for\n"
        "                      candidates)\n"
        "  -q, --quiet         no progress bar, even on a terminal\n"
        "  -h, --help          this help\n"
        "\n"
        "Exit status: 0 every answer passed; 1 an answer did not pass; 2 a usage error,\n"
        "or an input that could not be read or an output that could not be written\n"
        "(everything readable is still graded and reported). See pydrill(1).\n",
        jobs);
}

enum { OPT_FORMAT = CMD_OPT_FIRST_FREE, OPT_SHARD, OPT_REVEAL, OPT_FROM, OPT_DRILL };

/* Reads the list --from names (- : standard input) into *text as its
 * paths, each ended by a NUL, in order; empty lines are skipped and a line
 * ending in CR LF loses its CR. -1 with the message printed (located: the
 * list and the line) when it cannot be read or holds a NUL byte. */
static int read_list(const char *from, char **text, size_t *n)
{
    int is_stdin = !strcmp(from, "-");
    const char *shown = is_stdin ? "--from - (standard input)" : from;
    char *data = NULL;
    size_t len = 0;
    char lim[32], *err = NULL;
    int e = is_stdin ? util_read_fd(STDIN_FILENO, FROM_LIST_MAX, &data, &len)
                     : util_read_named(from, FROM_LIST_MAX, &data, &len, &err);
    if (err) {
        /* "PATH: error: WHY": said as the list it is */
        size_t n = strlen(from);
        const char *why = !strncmp(err, from, n) && !strncmp(err + n, ": error: ", 9) ? err + n + 9 : err;
        if (!strncmp(why, "cannot open: ", 13))
            why += 13;
        cmd_usage_error("%s: cannot read the list of submissions: %s", shown, why);
        free(err);
        return -1;
    }
    if (e) {
        if (e == EFBIG)
            cmd_usage_error("%s: cannot read the list of submissions: over the limit of %s", shown,
                            util_fmt_size(lim, FROM_LIST_MAX));
        else
            cmd_usage_error("%s: cannot read the list of submissions: %s", shown, strerror(e));
        return -1;
    }
    char *w = data;
    size_t lineno = 0;
    *n = 0;
    for (size_t i = 0; i < len;) {
        lineno++;
        const char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len, l = end - i;
        if (memchr(data + i, '\0', l)) {
            cmd_usage_error("%s:%zu: a NUL byte in a path", shown, lineno);
            free(data);
            return -1;
        }
        if (l && data[i + l - 1] == '\r')
            l--;
        if (l) {
            memmove(w, data + i, l);
            w += l;
            *w++ = '\0';
            ++*n;
        }
        i = end + 1;
    }
    *text = data;
    return 0;
}

/* A submission given twice (a path in the --from list and on the command
 * line, "subs/a.json" and "subs/./a.json") is graded once: twice would be
 * two rows of one student in a gradebook. paths is sorted; the first of
 * each is kept, and each other is named. A symbolic link is never a
 * repeat (lstat): it is refused as a submission of its own, and must not
 * take the place of the file it names. */
typedef struct {
    dev_t dev;
    ino_t ino;
    size_t index;
} file_id;

static int cmp_file_id(const void *a, const void *b)
{
    const file_id *x = a, *y = b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void drop_repeats(grade_opts *o)
{
    file_id *ids = xcalloc(o->npaths ? o->npaths : 1, sizeof *ids);
    unsigned char *drop = xcalloc(o->npaths ? o->npaths : 1, 1);
    size_t n = 0;
    struct stat st;
    for (size_t i = 0; i < o->npaths; i++)
        if (strcmp(o->paths[i], "-") && lstat(o->paths[i], &st) == 0)
            ids[n++] = (file_id){ st.st_dev, st.st_ino, i };
    qsort(ids, n, sizeof *ids, cmp_file_id);
    for (size_t k = 1; k < n; k++)
        if (ids[k].dev == ids[k - 1].dev && ids[k].ino == ids[k - 1].ino) {
            size_t first = k - 1;
            while (first > 0 && ids[first - 1].dev == ids[k].dev && ids[first - 1].ino == ids[k].ino)
                first--;
            drop[ids[k].index] = 1;
            const char *a = o->paths[ids[first].index], *b = o->paths[ids[k].index];
            /* the same spelling twice sorts next to itself */
            char *msg = strcmp(o->paths[ids[k - 1].index], b)
                            ? xasprintf("pydrill: warning: %s is %s again: graded once", b, a)
                            : xasprintf("pydrill: warning: %s is given twice: graded once", b);
            cmd_print_msg(msg);
            free(msg);
        }
    size_t w = 0;
    for (size_t i = 0; i < o->npaths; i++)
        if (!drop[i])
            o->paths[w++] = o->paths[i];
    o->npaths = w;
    free(drop);
    free(ids);
}

/* The digest of the sorted list of submissions, in every jsonl line: the
 * shards of one batch have the same, so that report refuses shards of two
 * lists that only happen to be as long (a student gone, another come). */
#define BATCH_DIGEST_HEX 17

static void batch_digest_hex(const grade_opts *o, char out[BATCH_DIGEST_HEX])
{
    sbuf sb;
    sbuf_init(&sb);
    for (size_t i = 0; i < o->npaths; i++)
        sbuf_add(&sb, o->paths[i], strlen(o->paths[i]) + 1);
    snprintf(out, BATCH_DIGEST_HEX, "%016llx", (unsigned long long)util_fnv1a64(sb.buf ? sb.buf : "", sb.len));
    sbuf_release(&sb);
}

/* -o must not name an input: the catalog, a pack, the --from list, a
 * submission, nor lie in a submissions folder. */
static int check_output(const grade_opts *o, const cmd_source *src, const catalog *c)
{
    size_t n = 0, cap = 2 + src->npacks + c->ndrills + o->npaths;
    const char **in = xcalloc(cap, sizeof *in);
    in[n++] = c->path ? c->path : src->catalog;
    in[n++] = o->from;
    for (size_t i = 0; i < src->npacks; i++)
        in[n++] = src->packs[i];
    for (size_t i = 0; i < c->ndrills; i++)
        if (!i || !c->drills[i - 1].pack_path || !c->drills[i].pack_path ||
            strcmp(c->drills[i - 1].pack_path, c->drills[i].pack_path))
            in[n++] = c->drills[i].pack_path;
    for (size_t i = 0; i < o->npaths; i++)
        in[n++] = o->paths[i];
    int rc = cmd_check_output(o->output, in, n);
    free(in);
    return rc;
}

/* Parses argv into o; returns -1 (message printed) on a usage error, 1
 * when --help was given. */
static int parse_args(int argc, char **argv, cmd_source *src, grade_opts *o)
{
    static const struct option longopts[] = {
        CMD_SOURCE_OPTIONS,
        { "jobs", required_argument, NULL, 'j' },
        { "format", required_argument, NULL, OPT_FORMAT },
        { "output", required_argument, NULL, 'o' },
        { "shard", required_argument, NULL, OPT_SHARD },
        { "reveal-hidden", no_argument, NULL, OPT_REVEAL },
        { "from", required_argument, NULL, OPT_FROM },
        { "drill", required_argument, NULL, OPT_DRILL },
        { "quiet", no_argument, NULL, 'q' },
        CMD_COMMON_OPTIONS,
    };
    o->jobs = cpus_available(NULL);
    o->format = "text";
    char *usage = grade_usage(o->jobs);
    cmd_args a;
    cmd_args_init(&a, "grade", usage, argc, argv, "j:o:qh", longopts);
    int c, rc = 0;
    long v;
    while (rc == 0 && (c = cmd_args_next(&a)) != -1) {
        if (cmd_source_take(src, c, optarg))
            continue;
        switch (c) {
        case 'h':
            cmd_help(&a);
            rc = 1;
            break;
        case 'j':
            if (parse_long(optarg, 1, GRADE_MAX_JOBS, &v) < 0)
                rc = (cmd_args_error(&a, "-j needs a number from 1 to %d, not \"%s\"", GRADE_MAX_JOBS, optarg), -1);
            else
                o->jobs = (int)v;
            break;
        case OPT_FORMAT:
            o->format = optarg;
            break;
        case 'o':
            o->output = optarg;
            break;
        case OPT_SHARD:
            if (parse_shard(&a, optarg, o) != 0)
                rc = -1;
            break;
        case OPT_REVEAL:
            o->reveal_hidden = 1;
            break;
        case OPT_FROM:
            o->from = optarg;
            break;
        case OPT_DRILL:
            o->drills = xrealloc(o->drills, (o->ndrills + 1) * sizeof *o->drills);
            o->drills[o->ndrills++] = optarg;
            break;
        case 'q':
            o->quiet = 1;
            break;
        default:
            rc = -1;
        }
    }
    size_t nlisted = 0;
    if (rc == 0 && o->from && read_list(o->from, &o->from_text, &nlisted) < 0)
        rc = -2;
    if (rc == 0) {
        o->paths = xcalloc((size_t)argc + nlisted + 1, sizeof *o->paths);
        int stdin_seen = o->from && !strcmp(o->from, "-");
        for (int i = optind; i < argc; i++)
            o->paths[o->npaths++] = argv[i];
        /* the list's lines, each ended by a NUL read_list put there */
        const char *line = o->from_text;
        /* a list names files: a line "-" is the file of that name (ls
         * makes such lines), never standard input */
        for (size_t i = 0; i < nlisted; i++, line += strlen(line) + 1)
            o->paths[o->npaths++] = strcmp(line, "-") ? line : "./-";
        for (size_t i = 0; i < o->npaths; i++)
            if (!strcmp(o->paths[i], "-") && stdin_seen++) {
                rc = (cmd_args_error(&a, "- (standard input) can be given once, and not with --from -"), -1);
                break;
            }
    }
    if (rc == 0 && !report_format_known(o->format))
        rc = (cmd_args_error(&a, "unknown format \"%s\" (%s)", o->format, report_format_names()), -1);
    if (rc == 0 && !o->npaths)
        rc = (cmd_args_error(&a, "no submissions given (answers files or folders)"), -1);
    if (rc == 0 && report_format_single(o->format) && o->npaths != 1)
        rc = (cmd_args_error(&a, "--format %s reports exactly one submission (the platform grades one "
                                   "student per run), not %zu",
                               o->format, o->npaths), -1);
    free(usage);
    return rc;
}

/* The progress bar on stderr. */
typedef struct {
    int show;     /* stderr is a terminal, there is something to count, no --quiet */
    int shares;   /* the report streams to the same terminal: the bar is erased
                   * before each piece of it, drawn again below, and gives way
                   * at the end instead of ending its line */
    size_t total; /* answers */
    double start;
} progress_bar;

static void progress(const progress_bar *b, size_t done)
{
    if (!b->show)
        return;
    size_t total = b->total;
    double el = (util_now_ms() - b->start) / 1000.0;
    double rate = el > 0 ? (double)done / el : 0;
    double eta = rate > 0 ? (double)(total - done) / rate : 0;
    int width = 30, fill = total ? (int)((double)width * (double)done / (double)total) : width;
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu answers  %.0f/s  ETA %.0fs ", fill,
            "##############################", width - fill, "", done, total, rate, eta);
    if (done == total && !b->shares)
        fputc('\n', stderr);
    fflush(stderr);
}

/* Answers for drills that are not loaded: one warning in the report for
 * each submission that has any, and one line on stderr for the batch. */
#define UNKNOWN_LISTED 10

typedef struct {
    size_t answers, subs;
    char *first; /* "PATH: \"ID\"" */
    /* the ids --drill left out, sorted: their answers are expected (a
     * student's folder holds the whole assignment), not unknown */
    char **left_out;
    size_t nleft_out;
} unknown_tally;

static void note_unknown(const catalog *c, const submission *sub, const char *path, submission_verdict *sv,
                         unknown_tally *t)
{
    sbuf sb;
    size_t n = 0;
    sbuf_init(&sb);
    for (size_t a = 0; a < sub->n; a++) {
        const char *id = sub->items[a].id;
        if (catalog_find(c, id) || (t->nleft_out && bsearch(&id, t->left_out, t->nleft_out, sizeof *t->left_out,
                                                            cmp_str)))
            continue;
        if (n < UNKNOWN_LISTED)
            sbuf_addf(&sb, "%s\"%s\"", n ? ", " : "", sub->items[a].id);
        if (!t->first)
            t->first = xasprintf("%s: \"%s\"", path, sub->items[a].id);
        n++;
    }
    /* a folder named like an answer to a drill graded here, and no answer */
    for (size_t f = 0; f < sub->nfolder_answers; f++)
        if (catalog_find(c, sub->folder_answers[f].id) && !submission_get(sub, sub->folder_answers[f].id)) {
            char *shown = util_name_shown(sub->folder_answers[f].path);
            diag_add(&sv->warnings, "%s: warning: is a folder, not an answer file: drill %s has no answer", shown,
                     sub->folder_answers[f].id);
            free(shown);
        }
    if (n > UNKNOWN_LISTED)
        sbuf_addf(&sb, " and %zu more", n - UNKNOWN_LISTED);
    if (n) {
        if (n == 1)
            diag_add(&sv->warnings, "%s: warning: answer for unknown drill %s", path, sb.buf);
        else
            diag_add(&sv->warnings, "%s: warning: answers for unknown drills %s", path, sb.buf);
        t->answers += n;
        t->subs++;
    }
    sbuf_release(&sb);
}

static void print_unknown(const unknown_tally *t)
{
    if (!t->answers)
        return;
    char *msg = xasprintf("pydrill: warning: %zu answer%s in %zu submission%s %s for drills that are not loaded "
                          "(the first: %s); each report lists them",
                          t->answers, t->answers == 1 ? "" : "s", t->subs, t->subs == 1 ? "" : "s",
                          t->answers == 1 ? "is" : "are", t->first);
    cmd_print_msg(msg);
    free(msg);
}

/* What the report writer needs while the batch is graded: submissions are
 * handed over in sorted order as soon as each one is done, then freed. */
typedef struct {
    report_writer *w;
    report_view view;
    submission_verdict *sv;
    unsigned char *done;
    size_t *position;  /* 1-based place of each graded submission in the sorted batch */
    size_t next, n, total;
    int reveal_hidden;
    int all_pass;
    int lost;          /* a submission could not be graded (the grader failed): exit 2 */
} emitter;

static void emit_ready(emitter *e)
{
    while (e->next < e->n && e->done[e->next]) {
        size_t s = e->next++;
        if (e->sv[s].error && e->sv[s].ndrills) {
            /* the engine could not grade it: reported like a submission
             * that could not be read, with no grades to hold against it */
            fprintf(stderr, "%s: error: %s\n", e->sv[s].source, e->sv[s].error);
            for (size_t d = 0; d < e->sv[s].ndrills; d++)
                drill_verdict_free(&e->sv[s].drills[d]);
            free(e->sv[s].drills);
            e->sv[s].drills = NULL;
            e->sv[s].ndrills = 0;
            e->lost = 1;
        }
        submission_verdict_total(&e->sv[s]);
        for (size_t d = 0; d < e->sv[s].ndrills; d++)
            if (report_status_failed(e->sv[s].drills[d].st))
                e->all_pass = 0;
        report_writer_add(e->w, report_view_of_verdict(&e->view, &e->sv[s], e->position[s], e->total,
                                                       e->reveal_hidden));
        submission_verdict_free(&e->sv[s]);
    }
}

int cmd_grade(int argc, char **argv)
{
    cmd_source src;
    cmd_source_init(&src);
    grade_opts o = { 0 };
    int rc = EXIT_OK, bad_input = 0, out_open = 0;
    catalog c;
    catalog_init(&c);
    submission_verdict *sv = NULL;
    size_t nsubs = 0;
    util_out out;
    emitter em = { 0 };
    unknown_tally unknown = { 0 };
    engine_batch *batch = NULL;
    char *err = NULL;

    int prc = parse_args(argc, argv, &src, &o);
    if (prc != 0) {
        rc = prc > 0 ? EXIT_OK : EXIT_USAGE;
        goto out;
    }
    qsort(o.paths, o.npaths, sizeof *o.paths, cmp_str);
    drop_repeats(&o);
    int lrc = cmd_load(&src, &c);
    if (lrc == 2) {
        rc = EXIT_USAGE;
        goto out;
    }
    bad_input = lrc != 0;
    if (o.ndrills) {
        unknown.left_out = xcalloc(c.ndrills ? c.ndrills : 1, sizeof *unknown.left_out);
        for (size_t i = 0; i < c.ndrills; i++)
            unknown.left_out[unknown.nleft_out++] = xstrdup(c.drills[i].id);
        qsort(unknown.left_out, unknown.nleft_out, sizeof *unknown.left_out, cmp_str);
    }
    if (o.ndrills && catalog_keep(&c, (const char *const *)o.drills, o.ndrills, &err) < 0) {
        rc = cmd_usage_error("--drill: %s", err);
        free(err);
        err = NULL;
        goto out;
    }
    if (cmd_start_runner() < 0) {
        rc = EXIT_USAGE;
        goto out;
    }
    diag dg;
    diag_init(&dg);
    if (engine_plan(&c, &dg) < 0)
        bad_input = 1;
    cmd_print_diag(&dg);
    diag_free(&dg);
    if (cmd_grader_failed()) {
        rc = EXIT_USAGE;
        goto out;
    }

    /* The output first: a report that cannot be written is known before
     * anything is graded. */
    if (check_output(&o, &src, &c) < 0) {
        rc = EXIT_USAGE;
        goto out;
    }
    if (util_out_open(&out, o.output, &err) < 0) {
        cmd_print_msg(err);
        free(err);
        rc = EXIT_USAGE;
        goto out;
    }
    out_open = 1;
    const char **columns = xcalloc(c.ndrills + 1, sizeof *columns);
    for (size_t i = 0; i < c.ndrills; i++)
        columns[i] = c.drills[i].id;
    char packs[CATALOG_DIGEST_HEX], list[BATCH_DIGEST_HEX];
    catalog_digest_hex(&c, packs);
    batch_digest_hex(&o, list);
    report_options ropt = { .format = o.format, .python_version = engine_python_version(), .title = c.title,
                            .drill_ids = columns, .ndrill_ids = c.ndrills, .packs = packs, .batch = list };
    em.w = report_writer_new(&ropt, &out, &err);
    free(columns);
    report_view_init(&em.view);

    /* The positions this run grades (all, or one shard's). */
    em.position = xcalloc(o.npaths ? o.npaths : 1, sizeof *em.position);
    for (size_t p = 0; p < o.npaths; p++)
        if (!o.shard_n || (int)(p % (size_t)o.shard_n) == o.shard_k - 1)
            em.position[nsubs++] = p + 1;
    sv = xcalloc(nsubs ? nsubs : 1, sizeof *sv);
    em.sv = sv;
    em.n = nsubs;
    em.total = o.npaths;
    em.done = xcalloc(nsubs ? nsubs : 1, 1);
    em.reveal_hidden = o.reveal_hidden;
    em.all_pass = 1;
    size_t child_drills = 0;
    for (size_t d = 0; d < c.ndrills; d++)
        child_drills += engine_runs_answer(&c.drills[d]) && !c.drills[d].skip_reason;

    /* More workers than answers to run, or than this machine can keep
     * busy, only cost time and processes to start: a worker forks the
     * coordinator, and -j 5000 would start 5000 of them. */
    size_t cap = (size_t)cpus_available(NULL) * GRADE_JOBS_PER_CPU;
    if (cap < GRADE_JOBS_FLOOR)
        cap = GRADE_JOBS_FLOOR;
    size_t answers = nsubs * child_drills;
    if (answers < cap)
        cap = answers > 0 ? answers : 1;
    if ((size_t)o.jobs > cap)
        o.jobs = (int)cap;
    /* Workers are forked now, before any submission is loaded. */
    batch = nsubs ? engine_batch_start(&c, o.jobs, &err) : NULL;
    if (nsubs && !batch) {
        cmd_usage_error("%s", err);
        free(err);
        rc = EXIT_USAGE;
        goto out;
    }

    /* Submissions are loaded as they are queued, a window at a time, and
     * their answers dropped once handed to the engine. */
    size_t window = (size_t)o.jobs * LOAD_WINDOW_PER_JOB;
    size_t next_load = 0, ndone = 0;
    size_t *ids = xcalloc(window, sizeof *ids);
    size_t total = nsubs * child_drills, unreadable = 0, shown = 0;
    progress_bar bar = { .show = !o.quiet && isatty(2) && total, .total = total, .start = util_now_ms() };
    bar.shares = bar.show && !o.output && isatty(1);
    progress(&bar, 0);
    while (ndone < nsubs) {
        /* what is held back to keep the sorted order counts in the window */
        while (next_load < nsubs && next_load - em.next < window) {
            size_t s = next_load++;
            const char *path = o.paths[em.position[s] - 1];
            submission sub;
            submission_init(&sub);
            submission_verdict_init(&sv[s]);
            diag ad;
            diag_init(&ad);
            if (answers_load(&sub, path, &ad) < 0) {
                sbuf sb;
                sbuf_init(&sb);
                for (size_t i = 0; i < ad.n; i++)
                    sbuf_addf(&sb, "%s%s", i ? "; " : "", ad.msgs[i]);
                /* the path in it written as the source is (bad\xff), so
                 * reports name it once, not a second time mangled */
                sv[s].error = util_name_shown(sb.buf ? sb.buf : "");
                sbuf_release(&sb);
                cmd_print_diag(&ad);
                bad_input = 1;
            }
            diag_free(&ad);
            sv[s].candidate = util_name_shown(sub.candidate ? sub.candidate : path);
            sv[s].source = util_name_shown(path);
            if (sv[s].error) {
                submission_free(&sub);
                em.done[s] = 1;
                ndone++;
                unreadable += child_drills;
                continue;
            }
            note_unknown(&c, &sub, sv[s].source, &sv[s], &unknown); /* the path as shown */
            engine_batch_add(batch, s, &sub, &sv[s]);
            submission_free(&sub);
        }
        if (bar.shares)
            fputs("\r\033[K", stderr);
        emit_ready(&em);
        if (bar.shares) {
            util_out_flush(&out);
            progress(&bar, shown);
        }
        if (ndone == nsubs)
            break;
        size_t n = engine_batch_wait(batch, ids, window, -1);
        for (size_t i = 0; i < n; i++)
            em.done[ids[i]] = 1;
        ndone += n;
        size_t now = engine_batch_graded(batch) + unreadable;
        if (bar.shares) {
            fputs("\r\033[K", stderr);
            emit_ready(&em);
            util_out_flush(&out);
            progress(&bar, shown = now);
        } else {
            emit_ready(&em);
            if (now != shown)
                progress(&bar, shown = now);
        }
        if (out.err) /* the report cannot arrive whole: grading on is wasted */
            break;
    }
    if (bar.shares)
        fputs("\r\033[K", stderr); /* the bar gives way to the report's summary */
    emit_ready(&em);
    free(ids);
    engine_batch_free(batch);
    batch = NULL;
    if (out.err && ndone < nsubs)
        fprintf(stderr, "pydrill: grading stopped after %zu of %zu submissions: the report could not be written\n",
                ndone, nsubs);
    print_unknown(&unknown);

    int unmade = report_writer_finish(em.w, &err) < 0;
    if (unmade) {
        cmd_print_msg(err);
        free(err);
        bad_input = 1;
    }
    out_open = 0;
    if (unmade) /* a report that could not be made whole is not put in place */
        util_out_abandon(&out);
    else if (util_out_close(&out, &err) < 0) {
        cmd_print_msg(err);
        free(err);
        bad_input = 1;
    }
    rc = bad_input || em.lost ? EXIT_USAGE : em.all_pass ? EXIT_OK : EXIT_FAIL;

out:
    if (batch)
        engine_batch_free(batch);
    if (out_open)
        util_out_abandon(&out);
    report_writer_free(em.w);
    report_view_release(&em.view);
    for (size_t s = em.next; s < nsubs; s++)
        submission_verdict_free(&sv[s]);
    free(sv);
    free(em.position);
    free(em.done);
    free(unknown.first);
    free(o.paths);
    free(o.from_text);
    free(o.drills);
    for (size_t i = 0; i < unknown.nleft_out; i++)
        free(unknown.left_out[i]);
    free(unknown.left_out);
    catalog_free(&c);
    cmd_source_free(&src);
    return rc;
}
