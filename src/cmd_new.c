/* cmd_new.c - pydrill new KIND: a template drill to fill in. Each template
 * is shaped so that `pydrill check` passes once its placeholders are
 * replaced by a real question. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static const char predict_t[] =
    "{\n"
    "  \"id\": \"my-predict-drill\",\n"
    "  \"title\": \"What does this print?\",\n"
    "  \"topic\": \"functions\",\n"
    "  \"level\": 1,\n"
    "  \"kind\": \"predict\",\n"
    "  \"prompt\": \"What does this code print?\",\n"
    "  \"code\": \"def f(x, acc=[]):\\n    acc.append(x)\\n    return acc\\n\\nprint(f(1))\\nprint(f(2))\",\n"
    "  \"expect\": \"[1]\\n[1, 2]\",\n"
    "  \"explanation\": \"Default values are evaluated once, when the def runs, so every call shares one list.\"\n"
    "}\n";

static const char fix_t[] =
    "{\n"
    "  \"id\": \"my-fix-drill\",\n"
    "  \"title\": \"Fix the shared default list\",\n"
    "  \"topic\": \"functions\",\n"
    "  \"level\": 2,\n"
    "  \"kind\": \"fix\",\n"
    "  \"prompt\": \"append_to should return a new list on every call that does not pass one. Fix it.\",\n"
    "  \"code\": \"def append_to(x, lst=[]):\\n    lst.append(x)\\n    return lst\\n\",\n"
    "  \"solution\": \"def append_to(x, lst=None):\\n    if lst is None:\\n        lst = []\\n    lst.append(x)\\n    return lst\\n\",\n"
    "  \"hints\": [\"When is the default value created?\", \"Use None as a sentinel.\"],\n"
    "  \"tests\": [\n"
    "    { \"name\": \"first call\", \"expr\": \"append_to(1)\", \"expect\": \"[1]\" },\n"
    "    { \"name\": \"second call gets a fresh list\", \"setup\": \"append_to(1)\", \"expr\": \"append_to(2)\", \"expect\": \"[2]\" },\n"
    "    { \"name\": \"a given list is used\", \"expr\": \"append_to(3, [1])\", \"expect\": \"[1, 3]\", \"hidden\": true }\n"
    "  ],\n"
    "  \"explanation\": \"Default values are evaluated once, when the def runs; a None sentinel makes a new list per call.\"\n"
    "}\n";

static const char write_t[] =
    "{\n"
    "  \"id\": \"my-write-drill\",\n"
    "  \"title\": \"Flatten one level\",\n"
    "  \"topic\": \"iteration\",\n"
    "  \"level\": 1,\n"
    "  \"kind\": \"write\",\n"
    "  \"prompt\": \"Write flatten(xss) returning a list of the items of the inner lists, in order.\",\n"
    "  \"code\": \"def flatten(xss):\\n    pass\\n\",\n"
    "  \"solution\": \"def flatten(xss):\\n    return [x for xs in xss for x in xs]\\n\",\n"
    "  \"hints\": [\"A nested comprehension reads left to right.\"],\n"
    "  \"tests\": [\n"
    "    { \"name\": \"two lists\", \"expr\": \"flatten([[1, 2], [3]])\", \"expect\": \"[1, 2, 3]\" },\n"
    "    { \"name\": \"empty\", \"expr\": \"flatten([])\", \"expect\": \"[]\", \"hidden\": true }\n"
    "  ],\n"
    "  \"explanation\": \"A comprehension with two for clauses nests them in the order written.\"\n"
    "}\n";

static const char choice_t[] =
    "{\n"
    "  \"id\": \"my-choice-drill\",\n"
    "  \"title\": \"Which is true of the GIL?\",\n"
    "  \"topic\": \"concurrency\",\n"
    "  \"level\": 2,\n"
    "  \"kind\": \"choice\",\n"
    "  \"prompt\": \"In CPython 3.11, which statement is true?\",\n"
    "  \"choices\": [\n"
    "    \"Threads run Python bytecode in parallel on several cores\",\n"
    "    \"Only one thread runs Python bytecode at a time\",\n"
    "    \"The GIL is released only when a thread ends\"\n"
    "  ],\n"
    "  \"answer\": 1,\n"
    "  \"explanation\": \"The GIL lets one thread execute bytecode at a time; it is released around blocking I/O and periodically.\"\n"
    "}\n";

static const char explain_t[] =
    "{\n"
    "  \"id\": \"my-explain-drill\",\n"
    "  \"title\": \"How does CPython free memory?\",\n"
    "  \"topic\": \"memory\",\n"
    "  \"level\": 2,\n"
    "  \"kind\": \"explain\",\n"
    "  \"prompt\": \"Explain how CPython decides when an object can be freed.\",\n"
    "  \"model_answer\": \"Every object has a reference count; when it drops to zero the object is freed at once. A cyclic garbage collector finds groups of objects that refer to each other but are unreachable.\",\n"
    "  \"rubric\": [\n"
    "    { \"point\": \"reference counting\", \"keywords\": [\"reference count\", \"refcount\", \"ref count\"] },\n"
    "    { \"point\": \"freed at zero\", \"keywords\": [\"zero\", \"0\"] },\n"
    "    { \"point\": \"cycles need the collector\", \"keywords\": [\"cycle\", \"cyclic\", \"gc\", \"garbage collector\"] }\n"
    "  ],\n"
    "  \"pass_score\": 0.6,\n"
    "  \"explanation\": \"Reference counting frees most objects immediately; the generational cycle collector handles reference cycles.\"\n"
    "}\n";

static const char new_usage[] =
    "usage: pydrill new KIND\n"
    "\n"
    "Prints a template drill of KIND (predict, fix, write, choice, explain) that passes\n"
    "pydrill check once its placeholders are replaced by a real question. Put it in a\n"
    "pack's \"drills\" array; docs/authoring.md describes every field.\n"
    "\n"
    "  -h, --help   this help\n";

int cmd_new(int argc, char **argv)
{
    static const struct {
        const char *kind, *text;
    } templates[] = {
        { "predict", predict_t }, { "fix", fix_t }, { "write", write_t },
        { "choice", choice_t },   { "explain", explain_t },
    };
    static const struct option longopts[] = { CMD_COMMON_OPTIONS };
    cmd_args a;
    cmd_args_init(&a, "new", new_usage, argc, argv, "h", longopts);
    int opt = cmd_args_next(&a);
    if (opt != -1)
        return opt == 'h' ? cmd_help(&a) : EXIT_USAGE;
    if (optind + 1 != argc)
        return cmd_args_error(&a, optind < argc ? "one KIND, not several" : "which kind? predict, fix, write, "
                                                                           "choice or explain");
    for (size_t i = 0; i < sizeof templates / sizeof templates[0]; i++)
        if (!strcmp(argv[optind], templates[i].kind)) {
            fputs(templates[i].text, stdout);
            return EXIT_OK;
        }
    return cmd_args_error(&a, "unknown kind \"%s\" (predict, fix, write, choice, explain)", argv[optind]);
}
