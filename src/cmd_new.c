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
    "  \"prompt\": \"append_to(x, lst) appends x to lst, in place, and returns lst; called without a list, it should start from a new empty list every time. Fix it.\",\n"
    "  \"code\": \"def append_to(x, lst=[]):\\n    lst.append(x)\\n    return lst\\n\",\n"
    "  \"solution\": \"def append_to(x, lst=None):\\n    if lst is None:\\n        lst = []\\n    lst.append(x)\\n    return lst\\n\",\n"
    "  \"hints\": [\"When is the default value created?\", \"Use None as a sentinel.\"],\n"
    "  \"tests\": [\n"
    "    { \"name\": \"first call\", \"expr\": \"append_to(1)\", \"expect\": \"[1]\" },\n"
    "    { \"name\": \"second call gets a fresh list\", \"setup\": \"append_to(1)\", \"expr\": \"append_to(2)\", \"expect\": \"[2]\" },\n"
    "    { \"name\": \"a given list is used\", \"expr\": \"append_to(3, [1])\", \"expect\": \"[1, 3]\", \"hidden\": true },\n"
    "    { \"name\": \"a given empty list is filled in place\", \"setup\": \"mine = []\\nappend_to(3, mine)\", \"expr\": \"mine\", \"expect\": \"[3]\", \"hidden\": true }\n"
    "  ],\n"
    "  \"wrong\": [\n"
    "    \"def append_to(x, lst=[]):\\n    lst.append(x)\\n    return lst[:]\\n\",\n"
    "    \"def append_to(x, lst=None):\\n    lst = lst or []\\n    lst.append(x)\\n    return lst\\n\"\n"
    "  ],\n"
    "  \"explanation\": \"Default values are evaluated once, when the def runs; a None sentinel makes a new list per call. Test the sentinel with `is None`: `lst or []` also replaces a caller's empty list.\"\n"
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
    "    { \"name\": \"three lists\", \"expr\": \"flatten([[1], [], [2, 3]])\", \"expect\": \"[1, 2, 3]\", \"hidden\": true },\n"
    "    { \"name\": \"empty\", \"expr\": \"flatten([])\", \"expect\": \"[]\", \"hidden\": true }\n"
    "  ],\n"
    "  \"wrong\": [\n"
    "    \"def flatten(xss):\\n    return [x for x in xss]\\n\",\n"
    "    \"def flatten(xss):\\n    return xss[0] + xss[1]\\n\"\n"
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
    "  \"model_answer\": \"Every object has a reference count; when it drops to zero the object is freed at once. Reference cycles never reach zero, so a cyclic garbage collector finds groups of objects that refer to each other but are unreachable, and frees them.\",\n"
    "  \"rubric\": [\n"
    "    { \"point\": \"reference counting\",\n"
    "      \"keywords\": [\"reference count*\", \"refcount*\", \"(how many|number of) references\"] },\n"
    "    { \"point\": \"freed as soon as the count drops to zero\",\n"
    "      \"keywords\": [\"zero\", \"drops to 0\", \"immediately\", \"at once\"] },\n"
    "    { \"point\": \"cycles need the cyclic garbage collector\",\n"
    "      \"keywords\": [\"cycle*\", \"cyclic\", \"refer* to each other\"],\n"
    "      \"contradicts\": [\"reference counting ... (frees|handles) ... cycle*\"] },\n"
    "    { \"misconception\": \"CPython frees most objects as soon as their count drops to zero; the garbage collector is only for cycles.\",\n"
    "      \"keywords\": [\"only when the (gc|garbage collector) runs\", \"like java\"] }\n"
    "  ],\n"
    "  \"pass_score\": 0.6,\n"
    "  \"explanation\": \"Reference counting frees most objects immediately; the generational cycle collector handles reference cycles.\"\n"
    "}\n";

int cmd_new(int argc, char **argv)
{
    static const struct {
        const char *kind, *text;
    } templates[] = {
        { "predict", predict_t }, { "fix", fix_t }, { "write", write_t },
        { "choice", choice_t },   { "explain", explain_t },
    };
    if (argc != 2)
        return cmd_usage_error("usage: pydrill new KIND (predict, fix, write, choice, explain)");
    for (size_t i = 0; i < sizeof templates / sizeof templates[0]; i++)
        if (!strcmp(argv[1], templates[i].kind)) {
            fputs(templates[i].text, stdout);
            return EXIT_OK;
        }
    return cmd_usage_error("new: unknown kind \"%s\" (predict, fix, write, choice, explain)", argv[1]);
}
