/* cmd.h - the commands (one file each, cmd_*.c) and what they share.
 *
 * Each command takes its own argv (argv[0] is the command name) and returns
 * the process exit code: 0 success, 1 an answer did not pass or check found
 * a problem, 2 usage error or unreadable input (SPEC 4). */
#ifndef PYDRILL_CMD_H
#define PYDRILL_CMD_H

#include "catalog.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

int cmd_quiz(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_grade(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_trace(int argc, char **argv);
/* Internal (used by check): prints {"id": truth, ...} for every predict
 * drill, computed in this process (run under another hash seed). */
int cmd_truths(int argc, char **argv);

/* Where drills come from: --catalog FILE, or --pack FILE (repeatable). */
typedef struct {
    const char *catalog;  /* NULL: $PYDRILL_CATALOG, ./drills.json, installed */
    const char **packs;
    size_t npacks;
} cmd_source;

void cmd_source_init(cmd_source *s);
void cmd_source_free(cmd_source *s);
/* If argv[*i] is --catalog/--pack (or --catalog=F), consumes it (and its
 * value) and returns 1; 0 if it is not one of those; -1 on a missing value
 * (message printed). */
int cmd_source_option(cmd_source *s, int argc, char **argv, int *i);
/* Loads the drills. Prints every message to stderr. Returns 0 when all
 * loaded cleanly, 1 when something was reported but drills loaded, 2 when
 * nothing usable could be loaded. */
int cmd_load(const cmd_source *s, catalog *c);
/* Prints the messages of d to stderr, "pydrill: " prefixed where unlocated. */
void cmd_print_diag(const diag *d);
/* Prints "pydrill: error: ..." to stderr; returns EXIT_USAGE. */
int cmd_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#include "grade.h"
/* Grades one answer (NULL: missing) to a planned drill, running a child
 * when the kind needs one. v is initialised here. */
void cmd_judge(const drill *d, const char *answer, const unsigned char *run_mask, drill_verdict *v);
/* The path of this program, to run itself again (check's second run):
 * argv[0] as main was given it when it names a file, else /proc/self/exe
 * (which under a tool such as valgrind names the tool). */
void cmd_set_argv0(const char *argv0);
const char *cmd_self_path(void);
/* Starts the embedded interpreter; prints why on failure. 0 or -1. */
int cmd_start_runner(void);

#endif
