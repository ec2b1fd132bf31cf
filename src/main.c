/* main.c - dispatch to the commands, and the exit status of what they
 * printed. */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "engine.h"

static const char usage[] =
    "usage: pydrill [quiz]  [--catalog F | --pack F ...] [--mode practice|interview|review]\n"
    "                       [--topic T] [--count N] [--minutes M]\n"
    "       pydrill list    [--catalog F | --pack F ...] [--format text|json]\n"
    "       pydrill show    ID [--solution]\n"
    "       pydrill run     ID [FILE | -] [--watch]\n"
    "       pydrill grade   [--catalog F | --pack F ...] [-j N] [--format FMT] [-o FILE]\n"
    "                       [--shard K/N | --shard auto] [--reveal-hidden] [--quiet]\n"
    "                       [--drill ID ...] [--from LIST] SUBMISSION...\n"
    "       pydrill report  [--catalog F | --pack F ...] [--format FMT] [-o FILE] SHARD.jsonl...\n"
    "       pydrill trace   ID [--code FILE | -] [--format text|json]\n"
    "       pydrill check   [--catalog F | --pack F ...]\n"
    "       pydrill new     KIND\n"
    "       pydrill export  [-o FILE]\n"
    "       pydrill export  --interviews | --interview N [--format text|html|json] [-o FILE]\n"
    "       pydrill --help | --version | help COMMAND\n"
    "\n"
    "Formats for grade and report: text json jsonl junit tap html csv gradescope prairielearn.\n"
    "Kinds: predict fix write choice explain parsons. Every command takes --help.\n"
    "Exit codes: 0 all passed / no problem, 1 an answer did not pass or check found a problem,\n"
    "2 usage error, unreadable input or an output that could not be written. See pydrill(1).\n";

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
        int (*fn)(int, char **) = find_command(argv[2]);
        if (!fn || argv[2][0] == '_')
            return cmd_usage_error("help: unknown command \"%s\"", argv[2]);
        char *args[] = { argv[2], "--help", NULL };
        return fn(2, args);
    }
    if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
        printf("pydrill %s\nPython %s (embedded)\nsandbox: %s\n", PYDRILL_VERSION, engine_python_version(),
               engine_sandbox_features());
        return EXIT_OK;
    }
    if (argc < 2 || argv[1][0] == '-')
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
