/* test_slurp.c - util_slurp and util_read_file, the readers of packs,
 * catalogs, lists and the quiz's files: a path that is not a regular file
 * (a device that never ends, a FIFO nobody writes to, a folder) or a file
 * over UTIL_FILE_MAX is refused at once with a message, never read until
 * memory runs out or blocked on; /proc and /sys files, which claim 0 or
 * 4096 bytes, are still read whole. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "util.h"

static char dir[] = "/tmp/pydrill-slurp.XXXXXX";

static int setup(void **state)
{
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    char *cmd = xasprintf("rm -rf '%s'", dir);
    int rc = system(cmd);
    free(cmd);
    return rc;
}

/* util_read_file's message for path, or NULL when it read it. */
static char *read_message(const char *path)
{
    char *data = NULL, *err = NULL;
    size_t len;
    if (util_read_file(path, &data, &len, &err) == 0) {
        free(data);
        return NULL;
    }
    return err;
}

static void test_regular(void **state)
{
    char *path = xasprintf("%s/pack.json", dir);
    FILE *f = fopen(path, "w");
    fputs("{}\n", f);
    fclose(f);
    char *data;
    size_t len;
    assert_int_equal(util_slurp(path, &data, &len), 0);
    assert_int_equal(len, 3);
    assert_string_equal(data, "{}\n");
    free(data);
    /* through a link: packs are often linked into place */
    char *link = xasprintf("%s/link.json", dir);
    assert_int_equal(symlink(path, link), 0);
    assert_int_equal(util_slurp(link, &data, &len), 0);
    free(data);
    free(link);
    free(path);
}

static void test_not_regular(void **state)
{
    char *data, *msg;
    size_t len;
    assert_int_equal(util_slurp("/dev/zero", &data, &len), EINVAL);
    msg = read_message("/dev/zero");
    assert_string_equal(msg, "/dev/zero: error: is a character device, not a regular file");
    free(msg);
    msg = read_message("/dev/urandom");
    assert_string_equal(msg, "/dev/urandom: error: is a character device, not a regular file");
    free(msg);

    /* nobody ever writes to it: refused, not waited on */
    char *fifo = xasprintf("%s/fifo.json", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(util_slurp(fifo, &data, &len), EINVAL);
    msg = read_message(fifo);
    char *want = xasprintf("%s: error: is a FIFO, not a regular file", fifo);
    assert_string_equal(msg, want);
    free(want);
    free(msg);
    free(fifo);

    assert_int_equal(util_slurp(dir, &data, &len), EISDIR);
    msg = read_message(dir);
    want = xasprintf("%s: error: is a folder, not a file", dir);
    assert_string_equal(msg, want);
    free(want);
    free(msg);

    assert_int_equal(util_slurp("", &data, &len), ENOENT);
    msg = read_message("");
    assert_string_equal(msg, "pydrill: error: an empty file name");
    free(msg);

    msg = read_message("/nonexistent/x.json");
    assert_string_equal(msg, "/nonexistent/x.json: error: cannot open: No such file or directory");
    free(msg);
}

/* A sparse file over the limit: refused by its size, nothing read. */
static void test_too_big(void **state)
{
    char *path = xasprintf("%s/big.json", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)UTIL_FILE_MAX + 1), 0);
    close(fd);
    char *data;
    size_t len;
    assert_int_equal(util_slurp(path, &data, &len), EFBIG);
    char *msg = read_message(path);
    char *want = xasprintf("%s: error: is %zu bytes, over the limit of 64 MiB", path, UTIL_FILE_MAX + 1);
    assert_string_equal(msg, want);
    free(want);
    free(msg);
    char *why = NULL;
    assert_int_equal(util_read_file_why(path, &data, &len, &why), -1);
    assert_string_equal(why, "is 67108865 bytes, over the limit of 64 MiB");
    free(why);
    free(path);
}

/* What cpus.c reads: regular files that claim 0 (proc) or 4096 (sysfs)
 * bytes whatever they hold. */
static void test_proc_and_sys(void **state)
{
    char *data;
    size_t len;
    assert_int_equal(util_slurp("/proc/self/status", &data, &len), 0);
    assert_non_null(strstr(data, "Name:"));
    free(data);
    if (access("/sys/devices/system/cpu/online", R_OK) == 0) {
        assert_int_equal(util_slurp("/sys/devices/system/cpu/online", &data, &len), 0);
        assert_true(len > 0 && len < 4096);
        free(data);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regular),
        cmocka_unit_test(test_not_regular),
        cmocka_unit_test(test_too_big),
        cmocka_unit_test(test_proc_and_sys),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
