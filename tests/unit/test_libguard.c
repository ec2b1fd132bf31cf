/* test_libguard.c - the library a test calls stays as loaded (with what
 * the tests import loaded before the answer, as planning does): each case
 * is an answer and one test, run through the runner as grading runs them,
 * with the status the run must end in (and, when denied, what the message
 * names). The honest cases pin what may change: data, what library code
 * stores itself, and what the test's own setup patches. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libguard.h"
#include "libguard_slots.h"
#include "quiet_runner.h"
#include "runner.h"

typedef struct {
    const char *name;
    const char *answer;
    const char *setup; /* the test's, may be NULL */
    const char *expr;
    run_status want;
    const char *says; /* in the message when denied */
} guard_case;

static const guard_case cases[] = {
    { "a library function rebound", "import heapq\nheapq.nsmallest = lambda *a, **k: [1]\n", NULL, "1",
      RUN_DENIED, "changing heapq.nsmallest (library code a test may call)" },
    { "a builtin rebound in the builtins module", "import builtins\nbuiltins.sorted = lambda x: [1]\n", NULL, "1",
      RUN_DENIED, "changing builtins.sorted" },
    { "a library method rebound", "import collections\ncollections.Counter.__eq__ = lambda a, b: True\n", NULL,
      "1", RUN_DENIED, "changing collections.Counter.__eq__" },
    { "a method added over an inherited one", "import collections\ncollections.Counter.keys = lambda s: []\n",
      NULL, "1", RUN_DENIED, "adding collections.Counter.keys" },
    { "a library function removed", "import collections\ndel collections.namedtuple\n", NULL, "1", RUN_DENIED,
      "removing collections.namedtuple" },
    { "a builtin's name added to a library module", "import heapq\nheapq.len = lambda o: 0\n", NULL, "1",
      RUN_DENIED, "adding heapq.len" },
    { "a library module replaced in sys.modules", "import sys, types\nsys.modules['re'] = types.ModuleType('re')\n",
      NULL, "1", RUN_DENIED, "replacing sys.modules['re']" },
    { "a library function's code swapped", "import re\nre.purge.__code__ = (lambda: None).__code__\n", NULL, "1",
      RUN_DENIED, "re.purge.__code__" },
    { "a library class's bases swapped",
      "import collections\nclass D(dict):\n    __slots__ = ()\ncollections.Counter.__bases__ = (D,)\n", NULL, "1",
      RUN_DENIED, "collections.Counter.__bases__" },
    { "setattr handed to copy.copy",
      "import copy, heapq\nclass E:\n    def __reduce_ex__(self, p):\n        return (setattr, (heapq, 'heappush', len))\n"
      "copy.copy(E())\n",
      NULL, "1", RUN_DENIED, "changing heapq.heappush" },
    { "a patch made from inside a call the setup makes",
      "import heapq\ndef f():\n    heapq.nsmallest = lambda *a, **k: [1]\n    return 1\n", "f()", "1", RUN_DENIED,
      "changing heapq.nsmallest" },
    { "a library function rebound, with the guard's own copy found through gc.unfreeze()",
      "import gc, heapq\nreal = heapq.__dict__\nfake = lambda *a, **k: [1]\ngc.unfreeze()\n"
      "for d in gc.get_objects():\n"
      "    if type(d) is dict and d is not real and d.get('nsmallest') is real['nsmallest']:\n"
      "        d['nsmallest'] = fake\n"
      "real['nsmallest'] = fake\n",
      NULL, "1", RUN_DENIED, "changing heapq.nsmallest" },
    { "a module the tests import, loaded before the answer",
      "import json\njson.dumps = lambda *a, **k: '[1]'\n", NULL, "1", RUN_DENIED, "changing json.dumps" },
    { "asyncio.run rebound, for a test that runs a coroutine",
      "import asyncio\nasyncio.run = lambda c: (c.close(), 1)[1]\nasync def one():\n    return 2\n", NULL,
      "1", RUN_DENIED, "changing asyncio.run" },
    { "an honest coroutine", "import asyncio\nasync def one():\n    await asyncio.sleep(0)\n    return 1\n", NULL,
      "asyncio.run(one())", RUN_OK, NULL },
    { "a library module's object replaced",
      "import json\nclass E(json.JSONEncoder):\n    def encode(self, o):\n        return '[1]'\njson._default_encoder = E()\n",
      NULL, "1", RUN_DENIED, "changing json._default_encoder" },
    { "a method shadowed on a library module's object",
      "import json\njson._default_encoder.encode = lambda o: '[1]'\n", NULL, "1", RUN_DENIED,
      "adding json._default_encoder.encode" },
    { "a key that is not a str in a library module",
      "import heapq\nclass K(str):\n    pass\nvars(heapq)[K('zzz')] = 1\n", NULL, "1", RUN_DENIED,
      "adding a key that is not a str to heapq" },
    { "redirect_stdout and catch_warnings (honest)",
      "import contextlib, io, warnings\nwith contextlib.redirect_stdout(io.StringIO()):\n    print('x')\n"
      "with warnings.catch_warnings(record=True):\n    warnings.warn('w')\n",
      NULL, "1", RUN_OK, NULL },
    { "library data changed (honest)", "import string, re\nstring.whitespace = ' '\nre.compile('a+')\n", NULL, "1",
      RUN_OK, NULL },
    { "a library function's closure cell swapped (sandbox7 F1)",
      "import fractions\nfor c in fractions.Fraction.__truediv__.__closure__:\n"
      "    if getattr(c.cell_contents, '__name__', '') == '_div':\n        c.cell_contents = lambda a, b: 0\n",
      NULL, "1", RUN_DENIED, "changing fractions.Fraction._operator_fallbacks.<locals>.forward.__closure__[" },
    { "a library method's __class__ cell emptied",
      "import random\ndel random.Random.seed.__closure__[0].cell_contents\n", NULL, "1", RUN_DENIED,
      "changing random.Random.seed.__closure__[__class__]" },
    { "a library property re-initialised (sandbox7 F2)",
      "import fractions\nfractions.Fraction.numerator.__init__(lambda a: 0)\n", NULL, "1", RUN_DENIED,
      "changing fractions.Fraction.numerator.fget" },
    { "a library classmethod re-initialised",
      "import fractions\nvars(fractions.Fraction)['from_float'].__init__(lambda cls, f: cls(42))\n", NULL, "1",
      RUN_DENIED, "changing fractions.Fraction.from_float.__func__" },
    { "a library staticmethod re-initialised",
      "import contextlib\nvars(contextlib._BaseExitStack)['_create_cb_wrapper'].__init__(lambda *a, **k: None)\n",
      NULL, "1", RUN_DENIED, "changing contextlib._BaseExitStack._create_cb_wrapper.__func__" },
    { "a library cached_property re-initialised",
      "import ipaddress\nvars(ipaddress._BaseNetwork)['hostmask'].__init__(lambda s: 0)\n", NULL, "1",
      RUN_DENIED, "changing ipaddress._BaseNetwork.hostmask.func" },
    { "an enum.property re-initialised",
      "import enum\nvars(enum.Enum)['value'].__init__(lambda s: 0)\n", NULL, "1", RUN_DENIED,
      "changing enum.Enum.value.fget" },
    { "a library function's keyword defaults changed in place",
      "import json\njson.dumps.__kwdefaults__['sort_keys'] = True\n", NULL, "1", RUN_DENIED,
      "changing json.dumps.__kwdefaults__.sort_keys" },
    { "Fraction arithmetic, statistics, an enum, a cached_property (honest)",
      "import enum, fractions, ipaddress, statistics\nstatistics.mean([1, 2, 4])\nfractions.Fraction(1, 3) / 2\n"
      "class K(enum.Enum):\n    A = 1\nK.A.value\nipaddress.ip_network('10.0.0.0/8').hostmask\n",
      NULL, "1", RUN_OK, NULL },
    { "the test's own setup swaps a closure cell",
      "def half(x):\n    return x / 2\n",
      "import fractions\nfor c in fractions.Fraction.__truediv__.__closure__:\n"
      "    if getattr(c.cell_contents, '__name__', '') == '_div':\n        c.cell_contents = lambda a, b: 1",
      "half(fractions.Fraction(3))", RUN_OK, NULL },
    { "the test's own setup feeds input()", "def ask():\n    return input()\n",
      "import builtins\nbuiltins.input = lambda *a: '3'", "ask()", RUN_OK, NULL },
    { "the test's own setup patches a library function", "import heapq\ndef low(xs):\n    return heapq.nsmallest(1, xs)\n",
      "import heapq\nheapq.nsmallest = lambda n, xs: [0]", "low([5])", RUN_OK, NULL },
};

static int setup(void **state)
{
    /* as planning does for a pack whose tests import these */
    static const char *const test_code[] = { "import json", "json.dumps(1)", "import asyncio",
                                             "import fractions, statistics", "import ipaddress" };
    if (quiet_runner_start() < 0 || libguard_preload(test_code, 5) != 5)
        return -1;
    return 0;
}

static void test_the_snapshot_knows_the_loaded_library(void **state)
{
    size_t dicts = 0;
    size_t known = libguard_known(&dicts);
    /* the warm modules alone bring some 80 modules and 400 classes */
    assert_true(dicts > 200);
    assert_true(known > dicts);
    /* and the closure cells and descriptor slots of that library, which
     * no dict holds (some 1000 on 3.11 with the modules of setup) */
    assert_true(libguard_slots_count() > 500);
}

static void test_each_case_ends_as_it_should(void **state)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const guard_case *c = &cases[i];
        drill_test t = { .name = "t", .setup = (char *)c->setup, .expr = (char *)c->expr, .expect = "1" };
        runner_job job = {
            .kind = JOB_TESTS,
            .limits = { .timeout_ms = 5000 },
            .source = c->answer,
            .tests = &t,
            .ntests = 1,
        };
        run_result r;
        runner_run(&job, &r);
        if (r.status != c->want || (c->says && (!r.message || !strstr(r.message, c->says))))
            fail_msg("%s: status %d, message %s", c->name, (int)r.status, r.message ? r.message : "(none)");
        run_result_free(&r);
    }
}

/* What check warns about: modules a test imports that were not loaded
 * before answers run (json and asyncio were, by setup above). */
static const struct {
    const char *src, *want; /* want NULL: nothing to warn about */
} unguarded_cases[] = {
    { "import json, heapq\nfrom collections import Counter", NULL },
    { "import colorsys", "colorsys" },
    { "import colorsys as c, json\nfrom colorsys import hls_to_rgb\nimport sched", "colorsys, sched" },
    { "def f():\n    import xml.etree.ElementTree as ET\n    return ET", "xml.etree.ElementTree" },
    { "from . import sibling\nfrom .. import up", NULL },
    { "json.dumps(", NULL }, /* does not parse: the child says so */
    { NULL, NULL },
};

static void test_check_names_the_imports_the_guard_cannot_hold(void **state)
{
    for (size_t i = 0; i < sizeof unguarded_cases / sizeof *unguarded_cases; i++) {
        char *got = libguard_unguarded(unguarded_cases[i].src);
        const char *want = unguarded_cases[i].want;
        if (want ? !got || strcmp(got, want) != 0 : got != NULL)
            fail_msg("%s: got %s, want %s", unguarded_cases[i].src ? unguarded_cases[i].src : "(null)",
                     got ? got : "(none)", want ? want : "(none)");
        free(got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_snapshot_knows_the_loaded_library),
        cmocka_unit_test(test_each_case_ends_as_it_should),
        cmocka_unit_test(test_check_names_the_imports_the_guard_cannot_hold),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
