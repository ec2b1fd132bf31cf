/* fuzz_report_line.c - libFuzzer target: any bytes as a line of a shard
 * that `pydrill report` reads. A line is a submission view or a message,
 * never a crash; what is accepted renders in every format (Gradescope
 * refuses, with a message, one where nothing could be graded), and its JSON
 * read back gives the same JSON (the round trip `report` relies on). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "report.h"

static char *render(const char *format, const report_sub *s)
{
    report_options o = { .format = format, .python_version = "3.11.2", .title = "fuzz" };
    util_out out;
    char *err = NULL;
    util_out_open_memory(&out);
    report_writer *w = report_writer_new(&o, &out, &err);
    if (!w)
        __builtin_trap();
    report_writer_add(w, s);
    if (report_writer_finish(w, &err) < 0) {
        /* one submission suits every format, but for Gradescope's refusal
         * to record a 0 out of nothing graded (report_gradescope.c) */
        if (strcmp(format, "gradescope") || s->error || !s->ndrills || s->max != 0)
            __builtin_trap();
        free(err);
    }
    report_writer_free(w);
    return util_out_take(&out, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cJSON *j = cJSON_ParseWithLength((const char *)data, size);
    if (!j)
        return 0;
    report_view v;
    report_view_init(&v);
    char *err = NULL;
    const report_sub *s = report_view_of_json(&v, j, &err);
    if (!s) {
        if (!err || !err[0])
            __builtin_trap();
        free(err);
        goto out;
    }
    static const char *const formats[] = { "text", "json", "junit", "tap", "html", "csv", "gradescope",
                                           "prairielearn" };
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        free(render(formats[i], s));
    /* jsonl out, read back, jsonl out again: the same line */
    char *line = render("jsonl", s);
    cJSON *k = cJSON_Parse(line);
    if (!k)
        __builtin_trap();
    report_view w;
    report_view_init(&w);
    const report_sub *t = report_view_of_json(&w, k, &err);
    if (!t)
        __builtin_trap();
    char *again = render("jsonl", t);
    if (strcmp(line, again) != 0)
        __builtin_trap();
    free(again);
    report_view_release(&w);
    cJSON_Delete(k);
    free(line);
out:
    report_view_release(&v);
    cJSON_Delete(j);
    return 0;
}
