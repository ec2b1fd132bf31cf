/* main.c - dispatch to the commands. */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "pyembed.h"
#include "sandbox.h"

static const char usage[] =
    "usage: pydrill [quiz]  [--catalog F | --pack F ...] [--mode practice|interview|review]\n"
    "                       [--topic T] [--count N] [--minutes M]\n"
    "       pydrill list    [--catalog F | --pack F ...] [--format text|json]\n"
    "       pydrill show    ID [--solution]\n"
    "       pydrill run     ID [FILE | -] [--watch]\n"
    "       pydrill grade   [--catalog F | --pack F ...] [-j N] [--format FMT] [-o FILE]\n"
    "                       [--shard K/N] [--reveal-hidden] [--quiet] SUBMISSION...\n"
    "       pydrill trace   ID [--code FILE | -] [--format text|json]\n"
    "       pydrill check   [--catalog F | --pack F ...]\n"
    "       pydrill new     KIND\n"
    "       pydrill export  [-o FILE]\n"
    "       pydrill --help | --version\n"
    "\n"
    "Formats for grade: text json jsonl junit tap html. Kinds: predict fix write choice explain.\n"
    "Exit codes: 0 all passed / no problem, 1 an answer did not pass or check found a problem,\n"
    "2 usage error or unreadable input. See pydrill(1).\n";

static const struct {
    const char *name;
    int (*fn)(int, char **);
} commands[] = {
    { "quiz", cmd_quiz },   { "list", cmd_list },   { "show", cmd_show },
    { "run", cmd_run },     { "grade", cmd_grade }, { "check", cmd_check },
    { "new", cmd_new },     { "export", cmd_export }, { "__truths", cmd_truths },
    { "trace", cmd_trace },
};

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    cmd_set_argv0(argv[0]);
    /* A reader that goes away (pydrill list | head) is not an error. */
    signal(SIGPIPE, SIG_IGN);
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (argc >= 2 && !strcmp(argv[1], "--version")) {
        printf("pydrill %s\nPython %s (embedded)\nsandbox: %s\n", PYDRILL_VERSION, pyembed_version(),
               sandbox_features());
        return EXIT_OK;
    }
    if (argc < 2 || argv[1][0] == '-')
        return cmd_quiz(argc, argv);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "pydrill: error: unknown command \"%s\"\n\n%s", argv[1], usage);
    return EXIT_USAGE;
}
