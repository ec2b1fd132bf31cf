/* main.c - dispatch to the commands, and the exit status of what they
 * printed. */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "engine.h"
#include "util.h"

static const char usage[] =
    "usage: pydrill [quiz]  [--catalog F | --pack F ...]\n"
    "                       [--mode practice|interview|review]\n"
    "                       [--topic T] [--count N] [--minutes M]\n"
    "       pydrill list    [--catalog F | --pack F ...] [--format text|json]\n"
    "       pydrill show    ID [--solution]\n"
    "       pydrill run     ID [FILE | -] [--watch]\n"
    "       pydrill grade   [--catalog F | --pack F ...] [-j N] [--format FMT]\n"
    "                       [-o FILE] [--shard K/N | --shard auto] [--reveal-hidden]\n"
    "                       [--quiet] [--drill ID ...] [--from LIST] SUBMISSION...\n"
    "       pydrill report  [--catalog F | --pack F ...] [--format FMT] [-o FILE]\n"
    "                       SHARD.jsonl...\n"
    "       pydrill trace   ID [--code FILE | -] [--format text|json]\n"
    "       pydrill check   [--catalog F | --pack F ...]\n"
    "       pydrill new     KIND\n"
    "       pydrill export  [-o FILE]\n"
    "       pydrill export  --interviews | --interview N [--format text|html|json]\n"
    "                       [-o FILE]\n"
    "       pydrill --help | --version | help COMMAND\n"
    "\n"
    "Options go anywhere on the line, before the command too. Every command\n"
    "takes --help.\n"
    "Formats for grade and report: text json jsonl junit tap html csv gradescope\n"
    "prairielearn.\n"
    "Kinds: predict fix write choice explain parsons.\n"
    "Exit codes: 0 all passed / no problem, 1 an answer did not pass or check\n"
    "found a problem, 2 usage error, unreadable input or an output that could not\n"
    "be written. See pydrill(1).\n";

static const struct {
    const char *name;
    int (*fn)(int, char **);
} commands[] = {
    { "quiz", cmd_quiz },     { "list", cmd_list },     { "show", cmd_show },     { "run", cmd_run },
    { "grade", cmd_grade },   { "report", cmd_report }, { "check", cmd_check },   { "new", cmd_new },
    { "export", cmd_export }, { "__truths", cmd_truths },
    { "trace", cmd_trace },
};

static int (*find_command(const char *name))(int, char **)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(name, commands[i].name))
            return commands[i].fn;
    return NULL;
}

/* The options of any command that take a value (the word after them is
 * that value, never the command), and those that take none; a word after
 * neither kind is where the options stop. tests/e2e/1010-cli-order.t
 * checks these against every command's table. */
static const char *const value_options[] = { "catalog", "pack",   "output", "format", "jobs", "shard", "from",
                                             "drill",   "mode",   "topic",  "count",  "minutes", "code",
                                             "interview" };
static const char *const flag_options[] = { "help", "version", "interviews", "reveal-hidden", "quiet",
                                            "watch", "solution" };
static const char value_letters[] = "oj";
static const char flag_letters[] = "hqV";

#define COUNT(a) (sizeof a / sizeof a[0])

/* 1 when the long option word (after "--", without "=value") takes a
 * value, 0 when it takes none, -1 when it is no option of pydrill's or an
 * abbreviation that could be either. Exact names first ("--interview"
 * and "--interviews"), then the unique prefixes getopt_long accepts. */
static int long_takes_value(const char *name, size_t len)
{
    int value = 0, flag = 0;
    for (size_t i = 0; i < COUNT(value_options); i++)
        if (strlen(value_options[i]) == len && !strncmp(value_options[i], name, len))
            return 1;
    for (size_t i = 0; i < COUNT(flag_options); i++)
        if (strlen(flag_options[i]) == len && !strncmp(flag_options[i], name, len))
            return 0;
    for (size_t i = 0; i < COUNT(value_options); i++)
        value += !strncmp(value_options[i], name, len);
    for (size_t i = 0; i < COUNT(flag_options); i++)
        flag += !strncmp(flag_options[i], name, len);
    return value && !flag ? 1 : flag && !value ? 0 : -1;
}

/* Where the command is when options come before it (`pydrill --pack F
 * list`): the first word that is not an option or an option's value.
 * Its index, or 0 when there is none or the options cannot be read
 * without knowing the command (an unknown option: the quiz says so). */
static int command_index(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *w = argv[i];
        if (!strcmp(w, "--"))
            return 0;
        if (w[0] != '-' || !w[1])
            return i;
        if (w[1] == '-') {
            if (strchr(w, '='))
                continue;
            int v = long_takes_value(w + 2, strlen(w + 2));
            if (v < 0)
                return 0;
            i += v;
            continue;
        }
        /* a cluster of letters (-qj4, -oFILE): a value letter takes the
         * rest of the word, or the next word when it ends the cluster */
        for (const char *p = w + 1; *p; p++) {
            if (strchr(value_letters, *p)) {
                i += !p[1];
                break;
            }
            if (!strchr(flag_letters, *p))
                return 0;
        }
    }
    return 0;
}

static const char help_usage[] =
    "usage: pydrill help [COMMAND]\n"
    "\n"
    "Shows how to use COMMAND (the same as pydrill COMMAND --help), or with\n"
    "no COMMAND every command's usage (pydrill --help).\n";

static int run(int argc, char **argv)
{
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (argc >= 2 && !strcmp(argv[1], "help")) {
        if (argc == 2 || !strcmp(argv[2], "--help") || !strcmp(argv[2], "-h")) {
            fputs(usage, stdout);
            return EXIT_OK;
        }
        if (argc > 3)
            return cmd_usage_error("help: unexpected argument \"%s\" (pydrill help COMMAND: one command)",
                                   argv[3]);
        if (!strcmp(argv[2], "help")) {
            fputs(help_usage, stdout);
            return EXIT_OK;
        }
        int (*fn)(int, char **) = find_command(argv[2]);
        if (!fn || argv[2][0] == '_')
            return cmd_usage_error("help: unknown command \"%s\"", argv[2]);
        char *args[] = { argv[2], "--help", NULL };
        return fn(2, args);
    }
    if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
        if (argc > 2)
            return cmd_usage_error("%s: unexpected argument \"%s\" (it takes none)", argv[1], argv[2]);
        printf("pydrill %s\nPython %s (embedded)\nsandbox: %s\n", PYDRILL_VERSION, engine_python_version(),
               engine_sandbox_features());
        return EXIT_OK;
    }
    if (argc >= 2 && argv[1][0] == '-') {
        /* options before the command are its own: the command is moved
         * to the front, the rest keeps its order */
        int k = command_index(argc, argv);
        int (*fn)(int, char **) = k ? find_command(argv[k]) : NULL;
        if (!fn || argv[k][0] == '_')
            return cmd_quiz(argc, argv);
        char **args = xcalloc((size_t)argc + 1, sizeof *args);
        args[0] = argv[k];
        for (int i = 1, j = 1; i < argc; i++)
            if (i != k)
                args[j++] = argv[i];
        int rc = fn(argc - 1, args);
        free(args);
        return rc;
    }
    if (argc < 2)
        return cmd_quiz(argc, argv);
    int (*fn)(int, char **) = find_command(argv[1]);
    if (fn)
        return fn(argc - 1, argv + 1);
    cmd_usage_error("unknown command \"%s\"", argv[1]);
    fputs("\n", stderr);
    fputs(usage, stderr);
    return EXIT_USAGE;
}

/* A standard descriptor that is closed would be taken by the first pipe,
 * socket or file pydrill opens, and what is printed would go there (into
 * a worker's socket, or a report). Each is held open on /dev/null the
 * wrong way round: a closed stdout stays an error to write to (EBADF, exit
 * 2, never a silent success), a closed stdin an error to read. */
static int hold_std_fds(void)
{
    static const int modes[] = { O_WRONLY, O_RDONLY, O_WRONLY };
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            continue;
        if (open("/dev/null", modes[fd]) != fd) /* the lowest free number is fd itself */
            return -1;
    }
    return 0;
}

/* report keeps one descriptor per shard (a Slurm array of 1,000 tasks
 * passes the usual soft limit of 1,024), and the sandbox parks its own
 * above 240: the soft limit is raised as far as the hard one allows. */
#define WANT_OPEN_FILES 65536

static void raise_open_files(void)
{
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) < 0)
        return;
    rlim_t want = r.rlim_max == RLIM_INFINITY || r.rlim_max > WANT_OPEN_FILES ? WANT_OPEN_FILES : r.rlim_max;
    if (r.rlim_cur == RLIM_INFINITY || r.rlim_cur >= want)
        return;
    r.rlim_cur = want;
    setrlimit(RLIMIT_NOFILE, &r);
}

int main(int argc, char **argv)
{
    if (hold_std_fds() < 0)
        return EXIT_USAGE;
    setlocale(LC_ALL, "");
    /* The user's characters (the quiz draws UTF-8 by LC_CTYPE), but never
     * the user's numbers: under de_DE a float was written "0x1,4p+3", read
     * back as no number at all, and every drill with a float test was left
     * out; reports said "0,50". */
    setlocale(LC_NUMERIC, "C");
    cmd_set_argv0(argv[0]);
    /* A reader that goes away (pydrill list | head) is not an error. */
    signal(SIGPIPE, SIG_IGN);
    raise_open_files();
    int rc = run(argc, argv);
    /* What a command printed must have got there: `pydrill list >/dev/full`
     * is an error, not a silent success. */
    int out = cmd_finish_stdout();
    return out != EXIT_OK && rc < EXIT_USAGE ? out : rc;
}
