/* cmd.h - the commands (one file each, cmd_*.c) and what they share.
 *
 * Each command takes its own argv (argv[0] is the command name) and returns
 * the process exit code: 0 success, 1 an answer did not pass or check found
 * a problem, 2 usage error or unreadable input (SPEC 4). */
#ifndef PYDRILL_CMD_H
#define PYDRILL_CMD_H

#include <getopt.h>

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
int cmd_report(int argc, char **argv);
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
/* Option values for getopt_long tables: the long options without a short
 * form. Every command's table ends with CMD_COMMON_OPTIONS. */
enum {
    CMD_OPT_CATALOG = 0x100,
    CMD_OPT_PACK,
    CMD_OPT_FIRST_FREE, /* the commands' own long-only options start here */
};
#define CMD_SOURCE_OPTIONS                                                                                  \
    { "catalog", required_argument, NULL, CMD_OPT_CATALOG }, { "pack", required_argument, NULL, CMD_OPT_PACK }
#define CMD_COMMON_OPTIONS { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }

/* Argument parsing with getopt_long (GNU rules: options anywhere, "--"
 * ends them, -oFILE and --format=F both work, "-" is an operand). */
typedef struct {
    const char *cmd;     /* for messages: "grade" */
    const char *usage;   /* printed by --help */
    int argc;
    char **argv;
    const char *shortopts;
    const struct option *longopts;
} cmd_args;

void cmd_args_init(cmd_args *a, const char *cmd, const char *usage, int argc, char **argv, const char *shortopts,
                   const struct option *longopts);
/* The next option (its short letter or long value, optarg set), -1 after
 * the last; 'h' is --help. An unknown option or a missing value prints a
 * usage error and returns '?'. Operands are argv[optind..argc-1]
 * afterwards. */
int cmd_args_next(cmd_args *a);
/* Prints the command's usage on standard output (--help). EXIT_OK. */
int cmd_help(const cmd_args *a);
/* --catalog and --pack: 1 if c was one of them (taken into s), else 0. */
int cmd_source_take(cmd_source *s, int c, const char *value);

/* Loads the drills. Prints every message to stderr. Returns 0 when all
 * loaded cleanly, 1 when something was reported but drills loaded, 2 when
 * nothing usable could be loaded. */
int cmd_load(const cmd_source *s, catalog *c);
/* Prints the messages of d to stderr, one a line, control characters
 * escaped (a file or candidate name cannot reach the terminal raw). */
void cmd_print_diag(const diag *d);
/* Prints one message the same way. */
void cmd_print_msg(const char *msg);
/* 1 (said on stderr) when runs could not be started while planning (no
 * process, no scratch folder): pydrill's failure, and grading would be
 * too. */
int cmd_grader_failed(void);
/* Prints "pydrill: error: ..." to stderr, escaped; returns EXIT_USAGE. */
int cmd_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "pydrill: error: CMD: ..." and a pointer to CMD --help; returns
 * EXIT_USAGE. */
int cmd_args_error(const cmd_args *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Refuses an -o output (message printed, -1) that is one of the inputs
 * (any path naming the same file) or lies inside a folder among them:
 * writing it would replace what was read, or add a file that the next
 * run would read as a submission. 0 when it is neither, or stdout. */
int cmd_check_output(const char *output, const char *const *inputs, size_t ninputs);
/* Checks that everything written to standard output got there: EXIT_OK,
 * or EXIT_USAGE with a message (a reader that went away is not an
 * error). */
int cmd_finish_stdout(void);

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
