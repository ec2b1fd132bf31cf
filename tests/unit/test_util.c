/* test_util.c - the file helpers that face untrusted input and outputs:
 * util_read_regular (links, FIFOs, caps), util_out (atomic -o, devices,
 * memory) and util_escape_controls (messages). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static char dir[] = "/tmp/test_util.XXXXXX";

static char *at(const char *name)
{
    return xasprintf("%s/%s", dir, name);
}

static void put(const char *name, const char *text)
{
    char *p = at(name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    free(p);
}

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/test_util.XXXXXX");
    assert_non_null(mkdtemp(dir));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char *cmd = xasprintf("rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    return 0;
}

static void test_read_regular(void **state)
{
    (void)state;
    char *data = NULL, *err = NULL;
    size_t len = 0;
    put("a.txt", "hello");
    char *a = at("a.txt");
    assert_int_equal(util_read_regular(AT_FDCWD, a, "a.txt", 5, &data, &len, &err), 0);
    assert_int_equal(len, 5);
    assert_string_equal(data, "hello");
    free(data);
    /* one byte over the cap */
    assert_int_equal(util_read_regular(AT_FDCWD, a, "a.txt", 4, &data, &len, &err), -1);
    assert_string_equal(err, "a.txt: error: is 5 bytes, over the limit of 4 bytes");
    free(err);
    /* a link is never followed, a FIFO never opened for reading */
    char *l = at("link.txt"), *f = at("fifo");
    assert_int_equal(symlink(a, l), 0);
    assert_int_equal(util_read_regular(AT_FDCWD, l, "link.txt", 100, &data, &len, &err), -1);
    assert_non_null(strstr(err, "is a symbolic link"));
    free(err);
    assert_int_equal(mkfifo(f, 0600), 0);
    assert_int_equal(util_read_regular(AT_FDCWD, f, "fifo", 100, &data, &len, &err), -1);
    assert_string_equal(err, "fifo: error: is a FIFO, not a regular file");
    free(err);
    assert_int_equal(util_read_regular(AT_FDCWD, dir, "d", 100, &data, &len, &err), -1);
    assert_string_equal(err, "d: error: is a folder, not a file");
    free(err);
    assert_int_equal(util_read_regular(AT_FDCWD, "/dev/null", "/dev/null", 100, &data, &len, &err), -1);
    assert_string_equal(err, "/dev/null: error: is a character device, not a regular file");
    free(err);
    free(a);
    free(l);
    free(f);
}

static void test_out_atomic(void **state)
{
    (void)state;
    util_out o;
    char *err = NULL, *p = at("r.txt");
    put("r.txt", "old");
    assert_int_equal(util_out_open(&o, p, &err), 0);
    /* a file with no name yet (O_TMPFILE), or a temporary one beside */
    assert_true(o.anon || (o.tmp && strstr(o.tmp, "/.r.txt.")));
    util_out_puts(&o, "new ");
    util_out_printf(&o, "%d", 42);
    /* nothing replaced until closed */
    char *data;
    size_t len;
    assert_int_equal(util_slurp(p, &data, &len), 0);
    assert_string_equal(data, "old");
    free(data);
    assert_int_equal(util_out_close(&o, &err), 0);
    assert_int_equal(util_slurp(p, &data, &len), 0);
    assert_string_equal(data, "new 42");
    free(data);
    /* abandoned: the old file stays, no temporary file is left */
    assert_int_equal(util_out_open(&o, p, &err), 0);
    util_out_puts(&o, "half");
    util_out_abandon(&o);
    assert_int_equal(util_slurp(p, &data, &len), 0);
    assert_string_equal(data, "new 42");
    free(data);
    char *cmd = xasprintf("test \"$(ls -A '%s')\" = r.txt", dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(p);
}

static void test_out_errors(void **state)
{
    (void)state;
    util_out o;
    char *err = NULL;
    char *p = at("no/such/r.txt");
    assert_int_equal(util_out_open(&o, p, &err), -1);
    assert_non_null(strstr(err, "no/such/r.txt: error: cannot write: No such file or directory"));
    assert_null(strstr(err, ".tmp"));
    free(err);
    free(p);
    assert_int_equal(util_out_open(&o, dir, &err), -1);
    assert_non_null(strstr(err, "cannot write: is a folder"));
    free(err);
    /* a device is written in place, and its errors are reported */
    assert_int_equal(util_out_open(&o, "/dev/full", &err), 0);
    assert_null(o.tmp);
    util_out_puts(&o, "x");
    assert_int_equal(util_out_close(&o, &err), -1);
    assert_string_equal(err, "/dev/full: error: cannot write: No space left on device");
    free(err);
    assert_int_equal(util_write_atomic("/dev/null", "x", 1, &err), 0);
}

static void test_out_memory(void **state)
{
    (void)state;
    util_out o;
    util_out_open_memory(&o);
    for (int i = 0; i < 20000; i++)
        util_out_puts(&o, "0123456789");
    size_t len;
    char *s = util_out_take(&o, &len);
    assert_int_equal(len, 200000);
    assert_int_equal(strlen(s), 200000);
    free(s);
}

static void test_escape(void **state)
{
    (void)state;
    char *s = util_escape_controls("a\x1b[31mb\nc\td\x7f\xff\xc2\x9b\xe2\x80\xae" "caf\xc3\xa9");
    assert_string_equal(s, "a\\x1b[31mb\\nc\\td\\x7f\\xff\\u009b\\u202e" "caf\xc3\xa9");
    free(s);
    s = util_escape_controls(NULL);
    assert_string_equal(s, "");
    free(s);
}

static void test_fmt_size(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(util_fmt_size(b, 1 << 20), "1 MiB");
    assert_string_equal(util_fmt_size(b, (size_t)16 << 20), "16 MiB");
    assert_string_equal(util_fmt_size(b, 2048), "2 KiB");
    assert_string_equal(util_fmt_size(b, 1000), "1000 bytes");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_read_regular, setup, teardown),
        cmocka_unit_test_setup_teardown(test_out_atomic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_out_errors, setup, teardown),
        cmocka_unit_test(test_out_memory),
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_fmt_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
