/* test_seccomp.c - what the child's filter refuses below the audit hook:
 * new machine code (a mapping or a protection with PROT_EXEC: how dlopen
 * loads a shared object the answer wrote) and System V IPC, while ordinary
 * memory stays allowed. Each case runs in a child process of its own,
 * which loads the filter and reports through its exit status. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox_impl.h"

#define PAGE 4096

/* Runs fn in a child under the child's filter; its exit status: 0 when fn
 * saw what it should, 1 when not, 2 when the filter could not load. */
static int in_filtered_child(int (*fn)(void))
{
    char *err = NULL;
    assert_int_equal(sandbox_seccomp_prepare(&err), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || sandbox_seccomp_confine_child(&err) < 0)
            _exit(2);
        _exit(fn() ? 0 : 1);
    }
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st));
    return WEXITSTATUS(st);
}

static int refused(long rc)
{
    return rc < 0 && errno == EPERM;
}

static int exec_mappings_refused(void)
{
    void *rx = mmap(NULL, PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int ok = rx == MAP_FAILED && errno == EPERM;
    void *rw = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ok = ok && rw != MAP_FAILED; /* ordinary memory is still given */
    ok = ok && refused(mprotect(rw, PAGE, PROT_READ | PROT_EXEC));
    ok = ok && refused(mprotect(rw, PAGE, PROT_EXEC));
    ok = ok && mprotect(rw, PAGE, PROT_READ) == 0;
    return ok;
}

static int sysv_ipc_refused(void)
{
    return refused(shmget(IPC_PRIVATE, PAGE, IPC_CREAT | 0600)) &&
           refused(msgget(IPC_PRIVATE, IPC_CREAT | 0600)) && refused(semget(IPC_PRIVATE, 1, IPC_CREAT | 0600));
}

static void test_no_new_machine_code(void **state)
{
    assert_int_equal(in_filtered_child(exec_mappings_refused), 0);
}

static void test_no_sysv_ipc(void **state)
{
    assert_int_equal(in_filtered_child(sysv_ipc_refused), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_new_machine_code),
        cmocka_unit_test(test_no_sysv_ipc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
