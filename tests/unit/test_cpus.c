/* test_cpus.c - the CPUs a process may use: cgroup v2 and v1 quotas, on
 * the cgroup itself or an ancestor, read from a fake /proc and /sys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cpus.h"
#include "util.h"

static char root[] = "/tmp/test_cpus.XXXXXX";

static void put(const char *rel, const char *text)
{
    char *path = xasprintf("%s/%s", root, rel);
    /* every folder on the way */
    for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
        *p = '\0';
        mkdir(path, 0755);
        *p = '/';
    }
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    free(path);
}

static int setup(void **state)
{
    (void)state;
    strcpy(root, "/tmp/test_cpus.XXXXXX");
    assert_non_null(mkdtemp(root));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char *cmd = xasprintf("rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    return 0;
}

static void test_v2_ancestor(void **state)
{
    (void)state;
    put("proc/self/cgroup", "0::/slice/job\n");
    put("sys/fs/cgroup/slice/job/cpu.max", "max 100000\n");
    put("sys/fs/cgroup/slice/cpu.max", "150000 100000\n");
    assert_int_equal(cpus_quota(root), 2); /* 1.5 CPUs: 2 children keep it busy */
    int n = cpus_available(root);
    assert_true(n >= 1 && n <= 2);
}

static void test_v2_lowest_wins(void **state)
{
    (void)state;
    put("proc/self/cgroup", "0::/a/b\n");
    put("sys/fs/cgroup/a/b/cpu.max", "400000 100000\n");
    put("sys/fs/cgroup/a/cpu.max", "100000 100000\n");
    put("sys/fs/cgroup/cpu.max", "max 100000\n");
    assert_int_equal(cpus_quota(root), 1);
    assert_int_equal(cpus_available(root), 1);
}

static void test_v1(void **state)
{
    (void)state;
    put("proc/self/cgroup", "5:memory:/x\n4:cpu,cpuacct:/job\n0::/\n");
    put("sys/fs/cgroup/cpu,cpuacct/job/cpu.cfs_quota_us", "250000\n");
    put("sys/fs/cgroup/cpu,cpuacct/job/cpu.cfs_period_us", "100000\n");
    assert_int_equal(cpus_quota(root), 3);
}

static void test_v1_unlimited(void **state)
{
    (void)state;
    put("proc/self/cgroup", "4:cpu,cpuacct:/\n");
    put("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "-1\n");
    put("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n");
    assert_int_equal(cpus_quota(root), 0);
    assert_true(cpus_available(root) >= 1);
}

static void test_nothing_readable(void **state)
{
    (void)state;
    assert_int_equal(cpus_quota(root), 0);
    assert_true(cpus_available(root) >= 1);
    assert_true(cpus_available(NULL) >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_v2_ancestor, setup, teardown),
        cmocka_unit_test_setup_teardown(test_v2_lowest_wins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_v1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_v1_unlimited, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nothing_readable, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
