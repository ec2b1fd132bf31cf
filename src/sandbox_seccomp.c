/* sandbox_seccomp.c - the system-call layer: what slips past Python (and
 * past Landlock, which speaks only of paths) stops at the kernel.
 *
 * Two filters. The first, from libseccomp, refuses by name: other
 * processes (fork, exec, ptrace, signals and priorities of others),
 * sockets, the kernel's own state (mounts, modules, time, keys), every
 * change of a file's metadata (mode, owner, times, extended attributes),
 * which Landlock does not cover and an answer run by root could use on
 * any file it can name or open, and, for the child, new machine code
 * (PROT_EXEC) and System V IPC. The second, written by hand, lets ioctl
 * through only for the few requests the interpreter makes on its own
 * descriptors (is this a terminal, how many bytes wait): ioctl is how a
 * process pushes keys into a terminal or makes a file immutable. It also
 * refuses to make a name through a directory descriptor, where the audit
 * hook could not count it.
 *
 * The filters are compiled once, in the parent. Those that hold for a
 * worker process as much as for its children are loaded by the worker
 * once (sandbox_worker_confine), so each child loads only the small one of
 * its own, compiled with PID_PLACEHOLDER where its pid belongs and patched
 * in the child: loading a filter costs a verification and a compilation
 * by the kernel, proportional to its length. */
#define _GNU_SOURCE
#include "sandbox_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include "util.h"

#define PID_PLACEHOLDER 0x7a5e1d0bu
/* the sign of setpriority's int value: a negative nice value */
#define NICE_SIGN_BIT 0x80000000u
/* a scheduling policy, without the flags or'ed into it */
#define SCHED_POLICY_MASK 0xffu
/* SCHED_DEADLINE (linux/sched.h), not in every libc's headers */
#define SCHED_DEADLINE_POLICY 6
#define MAX_FILTER_LEN 4096

/* Not every libseccomp knows the newest calls by name; their numbers are
 * the same on every architecture since 5.x (asm-generic unified them). */
#define NR_FCHMODAT2 452
#define NR_SETXATTRAT 463
#define NR_REMOVEXATTRAT 466

/* prctl options that would undo the child's own settings (its parent-death
 * signal, its dumpability) or touch privileges and memory maps. */
static const int denied_prctl[] = {
    PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_KEEPCAPS, PR_SET_SECUREBITS, PR_SET_MM,
    PR_SET_PTRACER, PR_CAP_AMBIENT,
#ifdef PR_SET_IO_FLUSHER
    PR_SET_IO_FLUSHER,
#endif
#ifdef PR_SET_SYSCALL_USER_DISPATCH
    PR_SET_SYSCALL_USER_DISPATCH,
#endif
};

/* ioctl requests let through (the second filter); everything else is
 * EPERM. TCGETS2 is what newer C libraries use for tcgetattr. */
#define IOCTL_TCGETS2 0x802c542au /* _IOR('T', 0x2A, struct termios2) */
static const unsigned int allowed_ioctls[] = {
    TCGETS, IOCTL_TCGETS2, TIOCGWINSZ, TIOCGPGRP, FIONREAD, FIONBIO, FIOCLEX, FIONCLEX,
};

typedef struct {
    struct sock_filter *code;
    unsigned short len;
} bpf_prog;

static bpf_prog common_filter, child_filter, hand_filter;

static int rule(scmp_filter_ctx ctx, uint32_t action, int nr)
{
    return nr < 0 ? 0 : seccomp_rule_add(ctx, action, nr, 0);
}

/* What holds for a worker process and the children it forks alike: none
 * of these is needed to make, watch and reap children. */
static int add_common_rules(scmp_filter_ctx ctx)
{
    static const int eperm[] = {
        /* programs and other processes' memory */
        SCMP_SYS(execve), SCMP_SYS(execveat), SCMP_SYS(ptrace), SCMP_SYS(process_vm_readv),
        SCMP_SYS(process_vm_writev), SCMP_SYS(process_madvise), SCMP_SYS(migrate_pages),
        SCMP_SYS(move_pages), SCMP_SYS(get_robust_list), SCMP_SYS(kcmp), SCMP_SYS(vhangup),
        /* the kernel's and the machine's state */
        SCMP_SYS(mount), SCMP_SYS(umount2), SCMP_SYS(pivot_root), SCMP_SYS(chroot),
        SCMP_SYS(open_tree), SCMP_SYS(move_mount), SCMP_SYS(fsopen), SCMP_SYS(fsconfig),
        SCMP_SYS(fsmount), SCMP_SYS(fspick), SCMP_SYS(mount_setattr),
        SCMP_SYS(unshare), SCMP_SYS(setns), SCMP_SYS(bpf), SCMP_SYS(perf_event_open),
        SCMP_SYS(keyctl), SCMP_SYS(add_key), SCMP_SYS(request_key),
        SCMP_SYS(io_uring_setup), SCMP_SYS(io_uring_enter), SCMP_SYS(io_uring_register),
        SCMP_SYS(userfaultfd), SCMP_SYS(kexec_load), SCMP_SYS(kexec_file_load),
        SCMP_SYS(init_module), SCMP_SYS(finit_module), SCMP_SYS(delete_module),
        SCMP_SYS(reboot), SCMP_SYS(swapon), SCMP_SYS(swapoff), SCMP_SYS(acct),
        SCMP_SYS(syslog), SCMP_SYS(quotactl), SCMP_SYS(fanotify_init),
        SCMP_SYS(settimeofday), SCMP_SYS(clock_settime), SCMP_SYS(clock_adjtime),
        SCMP_SYS(adjtimex), SCMP_SYS(sethostname), SCMP_SYS(setdomainname),
        SCMP_SYS(iopl), SCMP_SYS(ioperm), SCMP_SYS(open_by_handle_at), SCMP_SYS(name_to_handle_at),
        SCMP_SYS(mknod), SCMP_SYS(mknodat),
        /* identity */
        SCMP_SYS(setuid), SCMP_SYS(setgid), SCMP_SYS(setreuid), SCMP_SYS(setregid),
        SCMP_SYS(setresuid), SCMP_SYS(setresgid), SCMP_SYS(setfsuid), SCMP_SYS(setfsgid),
        SCMP_SYS(setgroups), SCMP_SYS(capset),
        /* a file's metadata: Landlock governs contents and names, not these
         * (modes are the child's rule alone: the worker must open up a
         * folder an answer made unreadable to empty it) */
        SCMP_SYS(chown),
        SCMP_SYS(fchown), SCMP_SYS(lchown), SCMP_SYS(fchownat), SCMP_SYS(utime),
        SCMP_SYS(utimes), SCMP_SYS(utimensat), SCMP_SYS(futimesat),
        SCMP_SYS(setxattr), SCMP_SYS(lsetxattr), SCMP_SYS(fsetxattr),
        SCMP_SYS(removexattr), SCMP_SYS(lremovexattr), SCMP_SYS(fremovexattr),
        /* by path, on kernels whose Landlock predates its truncate right */
        SCMP_SYS(truncate),
        NR_SETXATTRAT, NR_REMOVEXATTRAT,
    };
    for (size_t i = 0; i < ARRAY_SIZE(eperm); i++)
        if (rule(ctx, SCMP_ACT_ERRNO(EPERM), eperm[i]) < 0)
            return -1;
    /* Leases and directory notifications reach other processes' opens; a
     * descriptor's owner and signal (F_SETOWN, F_SETSIG, O_ASYNC) make the
     * kernel signal any process it names, SIGKILL included, where an older
     * Landlock does not scope signals. */
    if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(fcntl), 1, SCMP_A1(SCMP_CMP_EQ, F_SETLEASE)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(fcntl), 1, SCMP_A1(SCMP_CMP_EQ, F_NOTIFY)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(fcntl), 1, SCMP_A1(SCMP_CMP_EQ, F_SETOWN)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(fcntl), 1, SCMP_A1(SCMP_CMP_EQ, F_SETOWN_EX)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(fcntl), 1, SCMP_A1(SCMP_CMP_EQ, F_SETSIG)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(fcntl), 2, SCMP_A1(SCMP_CMP_EQ, F_SETFL),
                         SCMP_A2(SCMP_CMP_MASKED_EQ, O_ASYNC, O_ASYNC)) < 0)
        return -1;
    /* No socket of any family: the audit hook refuses them with a reason
     * first, so reaching the system call means something got around it.
     * Socket pairs (asyncio's self-pipe) are AF_UNIX only. */
    if (seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, SCMP_SYS(socket), 0) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(socketpair), 1,
                         SCMP_A0(SCMP_CMP_NE, AF_UNIX)) < 0)
        return -1;
    /* Nor larger socket buffers: what a socket holds is the kernel's
     * memory, outside the answer's memory limit, and raised buffers on a
     * few socket pairs hold hundreds of megabytes (root may even pass the
     * system's cap with the FORCE options). */
    static const int buffer_options[] = { SO_SNDBUF, SO_RCVBUF, SO_SNDBUFFORCE, SO_RCVBUFFORCE };
    for (size_t i = 0; i < ARRAY_SIZE(buffer_options); i++)
        if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(setsockopt), 2, SCMP_A1(SCMP_CMP_EQ, SOL_SOCKET),
                             SCMP_A2(SCMP_CMP_EQ, (scmp_datum_t)buffer_options[i])) < 0)
            return -1;
    /* Priorities and CPUs of itself only (0 names the caller): another
     * answer slowed to a crawl would time out. For the priorities, which
     * kind of who matters too: with PRIO_USER (or PRIO_PGRP), 0 is every
     * process of the caller's user (or group), the grader's among them. */
    if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(setpriority), 1, SCMP_A1(SCMP_CMP_NE, 0)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(setpriority), 1,
                         SCMP_A0(SCMP_CMP_NE, PRIO_PROCESS)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(sched_setaffinity), 1, SCMP_A0(SCMP_CMP_NE, 0)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(sched_setscheduler), 1, SCMP_A0(SCMP_CMP_NE, 0)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(sched_setparam), 1, SCMP_A0(SCMP_CMP_NE, 0)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(sched_setattr), 1, SCMP_A0(SCMP_CMP_NE, 0)) < 0)
        return -1;
    /* Nor more of the CPU (or the disk) than any other process: root may
     * ask for a real-time policy or a negative nice value, and a real-time
     * answer that spins starves every ordinary process, the other answers
     * and the grader among them, for seconds. Lowering its own priority
     * stays allowed. The policy's low byte, whatever flags are or'ed in
     * (SCHED_RESET_ON_FORK); sched_setattr's is behind a pointer, so it is
     * refused whole, as is ioprio_set, which Python does not offer. */
    if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(setpriority), 1,
                         SCMP_A2(SCMP_CMP_MASKED_EQ, NICE_SIGN_BIT, NICE_SIGN_BIT)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(sched_setscheduler), 1,
                         SCMP_A1(SCMP_CMP_MASKED_EQ, SCHED_POLICY_MASK, SCHED_FIFO)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(sched_setscheduler), 1,
                         SCMP_A1(SCMP_CMP_MASKED_EQ, SCHED_POLICY_MASK, SCHED_RR)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(sched_setscheduler), 1,
                         SCMP_A1(SCMP_CMP_MASKED_EQ, SCHED_POLICY_MASK, SCHED_DEADLINE_POLICY)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(sched_setattr), 0) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioprio_set), 0) < 0)
        return -1;
    return 0;
}

/* What holds for the child alone: the worker makes, signals and reaps
 * processes; the child may do none of it. */
static int add_child_rules(scmp_filter_ctx ctx)
{
    const scmp_datum_t self = PID_PLACEHOLDER;
    static const int eperm[] = {
        /* modes (see the common rules) */
        SCMP_SYS(chmod), SCMP_SYS(fchmod), SCMP_SYS(fchmodat), NR_FCHMODAT2,
        SCMP_SYS(fork), SCMP_SYS(vfork), SCMP_SYS(tkill), SCMP_SYS(pidfd_open),
        SCMP_SYS(pidfd_send_signal), SCMP_SYS(pidfd_getfd), SCMP_SYS(setpgid), SCMP_SYS(setsid),
        SCMP_SYS(setrlimit), SCMP_SYS(memfd_create),
    };
    for (size_t i = 0; i < ARRAY_SIZE(eperm); i++)
        if (rule(ctx, SCMP_ACT_ERRNO(EPERM), eperm[i]) < 0)
            return -1;
    for (size_t i = 0; i < ARRAY_SIZE(denied_prctl); i++)
        if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(prctl), 1,
                             SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)denied_prctl[i])) < 0)
            return -1;
    /* Threads only: glibc falls back from clone3 to clone on ENOSYS, and
     * clone is allowed only with CLONE_THREAD. */
    if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                         SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0)) < 0)
        return -1;
    /* Signals only to itself. */
    if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(kill), 1, SCMP_A0(SCMP_CMP_NE, self)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(tgkill), 1, SCMP_A0(SCMP_CMP_NE, self)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(rt_sigqueueinfo), 1, SCMP_A0(SCMP_CMP_NE, self)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(rt_tgsigqueueinfo), 1, SCMP_A0(SCMP_CMP_NE, self)) < 0)
        return -1;
    /* Limits may be read, never set. */
    if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(prlimit64), 1, SCMP_A2(SCMP_CMP_NE, 0)) < 0)
        return -1;
    /* No new machine code. Landlock's execute right covers execve only:
     * a shared object the answer wrote into its scratch folder could be
     * mapped by any library call that loads one (sqlite3's
     * load_extension, an extension module imported from a file, an
     * OpenSSL provider named in OPENSSL_CONF), and its code reads the
     * channel's secret from memory. The interpreter maps code only when it
     * loads an extension module; the few of the standard library's that
     * an answer may import and has no fallback for are mapped before the
     * fork (pyembed.c), so dlopen finds them mapped already. Anything
     * else fails to map: EPERM. Under valgrind (make check-valgrind, whose
     * wrapper says so) the child is valgrind too, and it maps the code it
     * translates as it goes: that run already does without Landlock. */
    static const int exec_mappers[] = { SCMP_SYS(mmap), SCMP_SYS(mprotect), SCMP_SYS(pkey_mprotect) };
    for (size_t i = 0; !getenv(SANDBOX_VALGRIND_ENV) && i < ARRAY_SIZE(exec_mappers); i++)
        if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), exec_mappers[i], 1,
                             SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, PROT_EXEC)) < 0)
            return -1;
    /* No System V IPC: its segments, queues and semaphores outlive the
     * process (memory outside any limit, kept until reboot) and are shared
     * by key between answers. The standard library uses none of them. */
    static const int sysv[] = {
        SCMP_SYS(shmget), SCMP_SYS(shmat),  SCMP_SYS(shmctl), SCMP_SYS(shmdt),  SCMP_SYS(msgget),
        SCMP_SYS(msgsnd), SCMP_SYS(msgrcv), SCMP_SYS(msgctl), SCMP_SYS(semget), SCMP_SYS(semop),
        SCMP_SYS(semtimedop), SCMP_SYS(semctl),
    };
    for (size_t i = 0; i < ARRAY_SIZE(sysv); i++)
        if (rule(ctx, SCMP_ACT_ERRNO(EPERM), sysv[i]) < 0)
            return -1;
    return 0;
}

static int export_filter(scmp_filter_ctx ctx, bpf_prog *out, char **err)
{
    int mfd = memfd_create("seccomp", MFD_CLOEXEC);
    if (mfd < 0 || seccomp_export_bpf(ctx, mfd) < 0) {
        *err = xstrdup("seccomp: cannot export the filter");
        if (mfd >= 0)
            close(mfd);
        return -1;
    }
    off_t size = lseek(mfd, 0, SEEK_END);
    if (size <= 0 || size % (off_t)sizeof(struct sock_filter) ||
        size / (off_t)sizeof(struct sock_filter) > MAX_FILTER_LEN) {
        *err = xstrdup("seccomp: bad exported filter");
        close(mfd);
        return -1;
    }
    out->code = xmalloc((size_t)size);
    if (pread(mfd, out->code, (size_t)size, 0) != size) {
        *err = xstrdup("seccomp: cannot read the exported filter");
        free(out->code);
        out->code = NULL;
        close(mfd);
        return -1;
    }
    close(mfd);
    out->len = (unsigned short)(size / (off_t)sizeof(struct sock_filter));
    return 0;
}

/* Compiles one filter from a rule set; libseccomp's own checks kill any
 * other ABI (i386, x32: a way around the filter). */
static int compile(int (*add)(scmp_filter_ctx), bpf_prog *out, char **err)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx) {
        *err = xstrdup("seccomp: seccomp_init failed");
        return -1;
    }
    int rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
    if (rc == 0)
        rc = add(ctx);
    if (rc < 0)
        *err = xasprintf("seccomp: a rule was refused: %s", strerror(-rc));
    else
        rc = export_filter(ctx, out, err);
    seccomp_release(ctx);
    return rc;
}

#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#elif defined(__riscv) && __riscv_xlen == 64
#define NATIVE_ARCH AUDIT_ARCH_RISCV64
#endif

/* args[i] of the call, its low 32 bits: an ioctl request, a descriptor
 * or open flags is an int, and a C library may leave the high bits zero
 * (glibc passes AT_FDCWD as 0x00000000ffffff9c on x86_64), which
 * libseccomp, comparing all 64 bits, cannot match as "not AT_FDCWD". */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ARG_LOW(i) offsetof(struct seccomp_data, args[i])
#else
#define ARG_LOW(i) (offsetof(struct seccomp_data, args[i]) + 4)
#endif

#define RET_ALLOW BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)
#define RET_ERRNO(e) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((e) & SECCOMP_RET_DATA))
#define LOAD(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define FDCWD_LOW ((__u32)AT_FDCWD)

/* openat2 (its flags are behind a pointer), the same on every arch */
#ifndef __NR_openat2
#define __NR_openat2 437
#endif
/* O_TMPFILE's own bit: O_TMPFILE is it or'ed with O_DIRECTORY */
#define TMPFILE_BIT 020000000u

/* New names only where the audit hook can see them: relative to the cwd,
 * or absolute. The hook counts the entries an answer makes in its scratch
 * folder (SANDBOX_MAX_FILES), but Python's audit events carry no dir_fd,
 * so a name made through a descriptor of a subfolder would be judged at
 * the wrong path (and not counted when that path exists at the top): 3,969
 * files, 248 MB of the tmpfs every answer shares. So making a name through
 * a directory descriptor is refused (EPERM), for the worker as for its
 * children (neither makes one: the worker empties scratch folders through
 * descriptors, by unlinkat and openat without O_CREAT, which stay allowed,
 * as shutil.rmtree does). mknodat and open_by_handle_at are refused whole
 * by the first filter; openat2, whose flags sit behind a pointer, is
 * refused whole here with ENOSYS, so a C library falls back to openat. An
 * O_TMPFILE file has no name; each holds a descriptor, so the descriptor
 * limit bounds those made through the cwd. The argument named is the one
 * that holds the new name's folder. */
static const struct {
    int nr;
    unsigned arg;
} dirfd_makers[] = {
    { __NR_mkdirat, 0 }, { __NR_symlinkat, 1 }, { __NR_linkat, 2 }, { __NR_renameat2, 2 },
#ifdef __NR_renameat
    { __NR_renameat, 2 },
#endif
};

#define DIRFD_BLOCK_LEN 6
#define OPENAT_BLOCK_LEN 8
#define OPENAT2_BLOCK_LEN 3

/* The second filter, by hand (libseccomp cannot compare 32 bits alone):
 * ioctl requests, and names made through a directory descriptor. Blocks
 * one after another, each loading the call's number afresh and falling
 * through to the next when it is not its call. */
static void build_hand_filter(void)
{
    size_t n = ARRAY_SIZE(allowed_ioctls);
    size_t cap = 3 + ARRAY_SIZE(dirfd_makers) * DIRFD_BLOCK_LEN + OPENAT_BLOCK_LEN + OPENAT2_BLOCK_LEN + n + 5;
    struct sock_filter *f = xcalloc(cap, sizeof *f);
    size_t k = 0;
#ifdef NATIVE_ARCH
    /* Another ABI is killed by the first filter; here it is let be. */
    f[k++] = (struct sock_filter)LOAD(offsetof(struct seccomp_data, arch));
    f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_ARCH, 1, 0);
    f[k++] = (struct sock_filter)RET_ALLOW;
#endif
    for (size_t i = 0; i < ARRAY_SIZE(dirfd_makers); i++) {
        f[k++] = (struct sock_filter)LOAD(offsetof(struct seccomp_data, nr));
        f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (__u32)dirfd_makers[i].nr, 0,
                                              DIRFD_BLOCK_LEN - 2);
        f[k++] = (struct sock_filter)LOAD(ARG_LOW(dirfd_makers[i].arg));
        f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, FDCWD_LOW, 0, 1);
        f[k++] = (struct sock_filter)RET_ALLOW;
        f[k++] = (struct sock_filter)RET_ERRNO(EPERM);
    }
    /* openat: through a descriptor, only without O_CREAT and O_TMPFILE */
    f[k++] = (struct sock_filter)LOAD(offsetof(struct seccomp_data, nr));
    f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_openat, 0, OPENAT_BLOCK_LEN - 2);
    f[k++] = (struct sock_filter)LOAD(ARG_LOW(0));
    f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, FDCWD_LOW, 3, 0);
    f[k++] = (struct sock_filter)LOAD(ARG_LOW(2));
    f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, O_CREAT | TMPFILE_BIT, 0, 1);
    f[k++] = (struct sock_filter)RET_ERRNO(EPERM);
    f[k++] = (struct sock_filter)RET_ALLOW;
    f[k++] = (struct sock_filter)LOAD(offsetof(struct seccomp_data, nr));
    f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_openat2, 0, OPENAT2_BLOCK_LEN - 2);
    f[k++] = (struct sock_filter)RET_ERRNO(ENOSYS);
    /* ioctl: the allowed requests, the last block */
    f[k++] = (struct sock_filter)LOAD(offsetof(struct seccomp_data, nr));
    f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_ioctl, 0, (unsigned char)(n + 2));
    f[k++] = (struct sock_filter)LOAD(ARG_LOW(1));
    for (size_t i = 0; i < n; i++)
        f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, allowed_ioctls[i],
                                              (unsigned char)(n - i), 0);
    f[k++] = (struct sock_filter)RET_ERRNO(EPERM);
    f[k++] = (struct sock_filter)RET_ALLOW;
    hand_filter.code = f;
    hand_filter.len = (unsigned short)k;
}

int sandbox_seccomp_prepare(char **err)
{
    if (common_filter.code)
        return 0;
    /* The filters are only compiled here, never loaded, so libseccomp need
     * not probe this kernel (which some tools, valgrind among them, cannot
     * answer); the child's load is what fails on a kernel without it. */
    if (seccomp_api_get() < 3)
        seccomp_api_set(3);
    if (compile(add_common_rules, &common_filter, err) < 0 || compile(add_child_rules, &child_filter, err) < 0)
        return -1;
    build_hand_filter();
    return 0;
}

static int load(const bpf_prog *p, char **err)
{
    struct sock_fprog prog = { .len = p->len, .filter = p->code };
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) < 0) {
        *err = xasprintf("seccomp: %s", strerror(errno));
        return -1;
    }
    return 0;
}

int sandbox_seccomp_confine_common(char **err)
{
    if (!common_filter.code) {
        *err = xstrdup("seccomp: the filters were not prepared");
        return -1;
    }
    return load(&common_filter, err) < 0 || load(&hand_filter, err) < 0 ? -1 : 0;
}

int sandbox_seccomp_confine_child(char **err)
{
    if (!child_filter.code) {
        *err = xstrdup("seccomp: the filters were not prepared");
        return -1;
    }
    __u32 self = (__u32)getpid();
    int patched = 0;
    for (unsigned i = 0; i < child_filter.len; i++) {
        struct sock_filter *f = &child_filter.code[i];
        if (BPF_CLASS(f->code) == BPF_JMP && BPF_SRC(f->code) == BPF_K && f->k == PID_PLACEHOLDER) {
            f->k = self;
            patched++;
        }
    }
    if (patched < 1) {
        *err = xstrdup("seccomp: the pid was not found in the filter");
        return -1;
    }
    return load(&child_filter, err);
}
