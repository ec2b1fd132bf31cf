/* answers.c - submissions (SPEC 2.6): an answers file, or a folder of
 * <id>.py / <id>.txt files. Both are untrusted input. */
#define _GNU_SOURCE
#include "answers.h"
#include "jsontext.h"
#include "vctx.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"

/* Messages said of one file's bad or repeated answers: a broken file can
 * have a million of these. */
#define ANSWERS_SHOWN_MAX 100

void submission_init(submission *s)
{
    memset(s, 0, sizeof *s);
}

void submission_free(submission *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->items[i].id);
        free(s->items[i].text);
    }
    free(s->items);
    for (size_t i = 0; i < s->nfolder_answers; i++) {
        free(s->folder_answers[i].path);
        free(s->folder_answers[i].id);
    }
    free(s->folder_answers);
    free(s->candidate);
    free(s->source);
    submission_init(s);
}

static void add_item(submission *s, const char *id, const char *text)
{
    if (s->n >= s->cap) {
        s->cap = 2 * s->n + 1;
        s->items = xrealloc(s->items, s->cap * sizeof *s->items);
    }
    s->items[s->n].id = xstrdup(id);
    s->items[s->n].text = xstrdup(text);
    s->n++;
}

const char *submission_get(const submission *s, const char *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->items[i].id, id) == 0)
            return s->items[i].text;
    return NULL;
}

void submission_set(submission *s, const char *id, const char *text)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->items[i].id, id) == 0) {
            free(s->items[i].text);
            s->items[i].text = xstrdup(text);
            return;
        }
    add_item(s, id, text);
}

static int cmp_answer(const void *a, const void *b)
{
    return strcmp(((const answer *)a)->id, ((const answer *)b)->id);
}

/* Sorted by id, so output and grading order do not depend on how the
 * answers were listed (or on readdir's order). */
static void sort_items(submission *s)
{
    if (s->n > 1)
        qsort(s->items, s->n, sizeof *s->items, cmp_answer);
}

/* Folder or file name without the folders before it and, when ext is
 * given and matches, without ext. */
static char *base_name(const char *path, const char *ext)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t start = n;
    while (start > 0 && path[start - 1] != '/')
        start--;
    size_t len = n - start;
    size_t el = ext ? strlen(ext) : 0;
    if (el && len > el && strncmp(path + n - el, ext, el) == 0)
        len -= el;
    return xstrndup(path + start, len);
}


/* Orders item indexes by id, then by position, so the first of equal ids
 * is the one listed first. */
static int cmp_item_index(const void *a, const void *b, void *arg)
{
    const submission *s = arg;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int r = strcmp(s->items[i].id, s->items[j].id);
    return r ? r : (i > j) - (i < j);
}

/* An empty or blank answer is no answer: the drill is `missing` (SPEC
 * 2.6), as the quiz counts it, not a choice of nothing or code that
 * defines nothing. */
static void drop_blank(submission *s)
{
    size_t kept = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (vctx_blank(s->items[i].text)) {
            free(s->items[i].id);
            free(s->items[i].text);
        } else {
            s->items[kept++] = s->items[i];
        }
    }
    s->n = kept;
}

int answers_load_text(submission *s, const char *path, const char *text, size_t len, diag *d)
{
    free(s->source);
    s->source = xstrdup(path);
    cJSON *root = jsontext_parse(path, text, len, d);
    if (!root)
        return -1;
    int ret = 0;
    /* {"answers": {...}, "answers": {...}}: which one counts would be a
     * guess, as for a duplicated answer below */
    vctx v;
    vctx_init(&v, path, d);
    if (vunique_keys(&v, root))
        ret = -1;
    vctx_release(&v);
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!fmt) {
        diag_add(d, "%s: /format: error: missing required field \"format\"", path);
        ret = -1;
    } else if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, "pydrill-answers/1") != 0) {
        diag_add(d, "%s: /format: error: expected \"pydrill-answers/1\"", path);
        ret = -1;
        goto done; /* another format's answers mean something else */
    }
    const cJSON *cand = cJSON_GetObjectItemCaseSensitive(root, "candidate");
    free(s->candidate);
    s->candidate = NULL;
    if (cand && (!cJSON_IsString(cand) || !cand->valuestring[0])) {
        diag_add(d, "%s: /candidate: error: expected a non-empty string, found %s", path,
                 cJSON_IsString(cand) ? "an empty string" : jsontext_type_name(cand));
        ret = -1;
    } else if (cand) {
        s->candidate = xstrdup(cand->valuestring);
    }
    if (!s->candidate)
        s->candidate = base_name(path, ".json");

    const cJSON *ans = cJSON_GetObjectItemCaseSensitive(root, "answers");
    if (!ans) {
        diag_add(d, "%s: /answers: error: missing required field \"answers\"", path);
        ret = -1;
        goto done;
    }
    if (!cJSON_IsObject(ans)) {
        diag_add(d, "%s: /answers: error: expected an object (id -> answer), found %s", path,
                 jsontext_type_name(ans));
        ret = -1;
        goto done;
    }
    size_t shown = 0;
    for (const cJSON *it = ans->child; it; it = it->next) {
        const char *problem = NULL;
        char lim[32];
        if (!catalog_id_valid(it->string))
            problem = "invalid drill id";
        else if (!cJSON_IsString(it))
            problem = "expected the answer as a string";
        else if (strlen(it->valuestring) > ANSWER_MAX) {
            char *ptr = vctx_pointer_join("/answers", it->string);
            diag_add(d, "%s: %s: error: the answer is over the limit of %s", path, ptr,
                     util_fmt_size(lim, ANSWER_MAX));
            free(ptr);
            ret = -1;
            continue;
        }
        if (!problem) {
            add_item(s, it->string, it->valuestring);
            continue;
        }
        ret = -1;
        if (shown++ >= ANSWERS_SHOWN_MAX)
            continue;
        char *ptr = vctx_pointer_join("/answers", it->string);
        char *q = vctx_quote(it->string);
        if (cJSON_IsString(it))
            diag_add(d, "%s: %s: error: %s %s", path, ptr, problem, q);
        else
            diag_add(d, "%s: %s: error: %s, found %s", path, ptr, problem, jsontext_type_name(it));
        free(q);
        free(ptr);
    }
    /* Duplicated keys: JSON allows them, but which one counts would be a
     * guess, so it is an error and only the first is kept. Sorting keeps
     * this fast for huge files. */
    if (s->n > 1) {
        size_t *order = xmalloc(s->n * sizeof *order);
        char *drop = xcalloc(s->n, 1);
        for (size_t i = 0; i < s->n; i++)
            order[i] = i;
        qsort_r(order, s->n, sizeof *order, cmp_item_index, s);
        for (size_t k = 1; k < s->n; k++) {
            if (strcmp(s->items[order[k]].id, s->items[order[k - 1]].id) != 0)
                continue;
            drop[order[k]] = 1;
            ret = -1;
            if (k >= 2 && strcmp(s->items[order[k]].id, s->items[order[k - 2]].id) == 0)
                continue; /* one message per id */
            if (shown++ >= ANSWERS_SHOWN_MAX)
                continue;
            char *ptr = vctx_pointer_join("/answers", s->items[order[k]].id);
            diag_add(d, "%s: %s: error: more than one answer for %s", path, ptr,
                     s->items[order[k]].id);
            free(ptr);
        }
        size_t kept = 0;
        for (size_t i = 0; i < s->n; i++) {
            if (drop[i]) {
                free(s->items[i].id);
                free(s->items[i].text);
            } else {
                s->items[kept++] = s->items[i];
            }
        }
        s->n = kept;
        free(order);
        free(drop);
    }
    drop_blank(s);
    sort_items(s);
done:
    cJSON_Delete(root);
    return ret;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

const char *answers_text(const char *file, const char *text, size_t *len, char **err)
{
    size_t n = *len;
    const char *wide = jsontext_wide_encoding(text, n);
    if (wide) {
        /* what Windows editors call "Unicode": said as such, not as binary */
        *err = xasprintf("%s:1:1: error: %s text: save it as UTF-8", file, wide);
        return NULL;
    }
    const char *body = text;
    if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        body += 3, n -= 3;
    const char *nul = memchr(body, '\0', n);
    if (nul) {
        int line, col;
        jsontext_linecol(body, n, (size_t)(nul - body), &line, &col);
        *err = xasprintf("%s:%d:%d: error: contains a NUL byte (not a text file)", file, line, col);
        return NULL;
    }
    if (!util_utf8_valid(body, n)) {
        /* Find the first bad byte: the longest valid prefix. */
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo + 1) / 2;
            if (util_utf8_valid(body, mid))
                lo = mid;
            else
                hi = mid - 1;
        }
        size_t off = lo;
        /* A valid prefix may end inside a character; back up to its start. */
        while (off > 0 && ((unsigned char)body[off] & 0xC0) == 0x80)
            off--;
        int line, col;
        jsontext_linecol(body, n, off, &line, &col);
        *err = xasprintf("%s:%d:%d: error: not valid UTF-8 text", file, line, col);
        return NULL;
    }
    *len = n;
    return body;
}

/* Checks one <id>.py / <id>.txt file's text and adds it to s. */
static int add_answer_text(submission *s, const char *file, const char *id, const char *text, size_t len,
                           diag *d)
{
    char *err = NULL;
    const char *body = answers_text(file, text, &len, &err);
    if (!body) {
        diag_take(d, err);
        return -1;
    }
    if (!vctx_blank(body)) /* else no answer: see drop_blank */
        add_item(s, id, body);
    return 0;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Moodle names each student's folder "NAME_ID_assignsubmission_KIND_";
 * the candidate is NAME. Any other name is kept as it is. */
static char *folder_candidate(const char *path)
{
    char *base = base_name(path, NULL);
    char *tag = strstr(base, "_assignsubmission_");
    if (tag && tag > base) {
        char *p = tag;
        while (p > base && p[-1] >= '0' && p[-1] <= '9')
            p--;
        if (p < tag && p > base + 1 && p[-1] == '_') {
            char *name = xstrndup(base, (size_t)(p - 1 - base));
            free(base);
            return name;
        }
    }
    return base;
}

/* An answers file, name under dirfd, shown (and its source) as shown. */
static int load_answers_file(submission *s, int dirfd, const char *name, const char *shown, diag *d)
{
    char *text = NULL, *err = NULL;
    size_t len = 0;
    free(s->source);
    s->source = xstrdup(shown);
    int ret;
    if (util_read_regular(dirfd, name, shown, ANSWERS_FILE_MAX, &text, &len, &err) < 0) {
        diag_take(d, err);
        ret = -1;
    } else {
        ret = answers_load_text(s, shown, text, len, d);
    }
    free(text);
    return ret;
}

/* What a folder holds besides answer files, for the message that refuses
 * a folder of folders. */
typedef struct {
    size_t folders, others, jsons;
    char *example; /* first other file */
    char *json;    /* first .json file */
} folder_rest;

static int load_folder(submission *s, const char *shown, const char *path, diag *d)
{
    char lim[32];
    int dfd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd < 0) {
        diag_add(d, "%s: error: cannot open: %s", shown, strerror(errno));
        return -1;
    }
    int lfd = dup(dfd);
    DIR *dir = lfd >= 0 ? fdopendir(lfd) : NULL;
    if (!dir) {
        diag_add(d, "%s: error: cannot open: %s", shown, strerror(errno));
        if (lfd >= 0)
            close(lfd);
        close(dfd);
        return -1;
    }
    free(s->source);
    s->source = xstrdup(shown);
    free(s->candidate);
    s->candidate = folder_candidate(path);
    char **names = NULL;
    size_t n = 0, cap = 0;
    folder_rest rest = { 0 };
    int ret = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        const char *name = e->d_name;
        if (name[0] == '.')
            continue;
        int answer_name = has_suffix(name, ".py") || has_suffix(name, ".txt");
        int is_dir = e->d_type == DT_DIR;
        if (e->d_type == DT_UNKNOWN) {
            struct stat st;
            is_dir = fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
        }
        if (is_dir && !answer_name) {
            rest.folders++;
            continue;
        }
        if (!answer_name) {
            /* not read, but named should nothing else be there */
            if (!rest.example)
                rest.example = xstrdup(name);
            rest.others++;
            if (has_suffix(name, ".json") && !rest.jsons++)
                rest.json = xstrdup(name);
            continue;
        }
        if (n == ANSWER_FILES_MAX) {
            diag_add(d, "%s: error: holds more than %d answer files", shown, ANSWER_FILES_MAX);
            ret = -1;
            break;
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            names = xrealloc(names, cap * sizeof *names);
        }
        names[n++] = xstrdup(name);
    }
    closedir(dir);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_cstr);
    char *prev = NULL;
    size_t total = 0, answers = 0;
    for (size_t i = 0; i < n; i++) {
        char *id = xstrndup(names[i], strlen(names[i]) - (has_suffix(names[i], ".py") ? 3 : 4));
        /* Files whose names are not drill ids are someone's notes: skip,
         * unread, whatever they are. */
        if (!catalog_id_valid(id)) {
            if (!rest.example)
                rest.example = xstrdup(names[i]);
            rest.others++;
            free(id);
            continue;
        }
        answers++;
        char *file = util_path_join(path, names[i]);
        /* Sorted, and ids have no '.', so id.py comes right before id.txt. */
        if (prev && strcmp(prev, id) == 0) {
            diag_add(d, "%s: error: both %s.py and %s.txt answer drill %s", file, id, id, id);
            ret = -1;
        } else {
            char *text = NULL, *err = NULL;
            size_t len = 0;
            struct stat st;
            /* a folder named like an answer is not an answer; it is kept
             * for the grader to name should the drill be one it grades */
            if (fstatat(dfd, names[i], &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode)) {
                answers--;
                rest.folders++;
                size_t k = s->nfolder_answers++;
                s->folder_answers = xrealloc(s->folder_answers, s->nfolder_answers * sizeof *s->folder_answers);
                s->folder_answers[k].path = xstrdup(file);
                s->folder_answers[k].id = xstrdup(id);
            } else if (util_read_regular(dfd, names[i], file, ANSWER_MAX, &text, &len, &err) < 0) {
                diag_take(d, err);
                ret = -1;
            } else if ((total += len) > ANSWERS_FILE_MAX) {
                diag_add(d, "%s: error: its answers together are over the limit of %s", shown,
                         util_fmt_size(lim, ANSWERS_FILE_MAX));
                ret = -1;
                free(text);
                free(file);
                free(id);
                break;
            } else if (add_answer_text(s, file, id, text, len, d) < 0) {
                ret = -1;
            }
            free(text);
        }
        free(prev);
        prev = id;
        free(file);
    }
    free(prev);
    if (answers == 0 && ret == 0 && rest.folders == 0 && rest.jsons == 1) {
        /* a folder that holds one answers file (a platform puts what the
         * student uploaded in a folder): that file is the submission */
        char *file = util_path_join(shown, rest.json);
        ret = load_answers_file(s, dfd, rest.json, file, d);
        free(file);
        rest.others = 0;
    }
    close(dfd);
    if (answers == 0 && ret == 0 && rest.folders > 0) {
        diag_add(d, "%s: error: holds %zu folder%s and no answer file: a bulk download of a whole class? "
                    "Give each student's folder as a submission (%s%s*/)",
                 shown, rest.folders, rest.folders == 1 ? "" : "s", shown,
                 shown[0] && shown[strlen(shown) - 1] == '/' ? "" : "/");
        ret = -1;
    } else if (answers == 0 && ret == 0 && rest.others > 0) {
        diag_add(d, "%s: error: holds no <id>.py or <id>.txt answer file, only %zu other file%s such as "
                    "\"%s\": name each answer after its drill's id (the ids pydrill list shows)%s",
                 shown, rest.others, rest.others == 1 ? "" : "s", rest.example,
                 has_suffix(rest.example, ".json") ? ", or give one answers file itself rather than its folder"
                                                   : "");
        ret = -1;
    }
    free(rest.example);
    free(rest.json);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    sort_items(s);
    return ret;
}

/* Standard input as an answers file, read to the same limit. */
static int load_stdin(submission *s, diag *d)
{
    char lim[32], *text = NULL;
    size_t len = 0;
    int e = util_read_fd(STDIN_FILENO, ANSWERS_FILE_MAX, &text, &len);
    if (e == EFBIG) {
        diag_add(d, "-: error: standard input is over the limit of %s", util_fmt_size(lim, ANSWERS_FILE_MAX));
        return -1;
    }
    if (e) {
        diag_add(d, "-: error: cannot read standard input: %s", strerror(e));
        return -1;
    }
    int ret = answers_load_text(s, "-", text, len, d);
    if (s->candidate && !strcmp(s->candidate, "-")) {
        free(s->candidate);
        s->candidate = xstrdup("stdin");
    }
    free(text);
    return ret;
}

int answers_load(submission *s, const char *path, diag *d)
{
    if (!strcmp(path, "-"))
        return load_stdin(s, d);
    /* "bob/" names bob itself: without the slash, so that a link named
     * bob is seen as a link rather than followed. */
    size_t plen = strlen(path);
    while (plen > 1 && path[plen - 1] == '/')
        plen--;
    char *p = xstrndup(path, plen);
    struct stat st;
    int ret;
    if (fstatat(AT_FDCWD, p, &st, AT_SYMLINK_NOFOLLOW) < 0) {
        diag_add(d, "%s: error: cannot open: %s", path, strerror(errno));
        ret = -1;
    } else if (S_ISDIR(st.st_mode)) {
        ret = load_folder(s, path, p, d);
    } else {
        ret = load_answers_file(s, AT_FDCWD, p, path, d);
    }
    free(p);
    return ret;
}

static int cmp_answer_ptr(const void *a, const void *b)
{
    return cmp_answer(*(const answer *const *)a, *(const answer *const *)b);
}

char *answers_to_json(const submission *s)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", "pydrill-answers/1");
    cJSON_AddStringToObject(root, "candidate", s->candidate ? s->candidate : "");
    cJSON *ans = cJSON_AddObjectToObject(root, "answers");
    const answer **order = xmalloc((s->n + 1) * sizeof *order);
    for (size_t i = 0; i < s->n; i++)
        order[i] = &s->items[i];
    if (s->n > 1)
        qsort(order, s->n, sizeof *order, cmp_answer_ptr);
    for (size_t i = 0; i < s->n; i++)
        cJSON_AddStringToObject(ans, order[i]->id, order[i]->text);
    free(order);
    char *out = cJSON_Print(root);
    cJSON_Delete(root);
    char *res = xasprintf("%s\n", out);
    cJSON_free(out);
    return res;
}
