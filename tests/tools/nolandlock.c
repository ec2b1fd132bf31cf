/* nolandlock.c - runs a command as on a kernel without Landlock: a seccomp
 * filter makes the landlock system calls fail with ENOSYS, as they do where
 * the kernel lacks it (or has it off), then execs the command. For the
 * tests of pydrill's refusal to grade unconfined. With NOLANDLOCK_EPERM=1
 * they fail with EPERM instead, as a container's seccomp profile makes
 * them on a kernel that has Landlock.
 *
 *   nolandlock COMMAND [ARG...] */
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: nolandlock COMMAND [ARG...]\n");
        return 2;
    }
    const char *eperm = getenv("NOLANDLOCK_EPERM");
    int e = eperm && eperm[0] == '1' ? EPERM : ENOSYS;
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(e), SCMP_SYS(landlock_create_ruleset), 0) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(e), SCMP_SYS(landlock_add_rule), 0) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(e), SCMP_SYS(landlock_restrict_self), 0) < 0 ||
        seccomp_load(ctx) < 0) {
        perror("nolandlock: seccomp");
        return 2;
    }
    seccomp_release(ctx);
    execvp(argv[1], argv + 1);
    perror("nolandlock: exec");
    return 127;
}
