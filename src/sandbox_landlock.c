/* sandbox_landlock.c - the file-system layer: an allow-list, as Landlock's
 * own sample (samples/landlock/sandboxer.c) builds one.
 *
 * The ruleset handles every file-system right the running kernel knows
 * (asking its ABI version first), so anything not granted below is
 * denied: reads only of what the interpreter needs (its standard library,
 * the shared libraries mapped into this process, a few device and time
 * zone files), everything but execute inside the answer's scratch folder,
 * and writes to /dev/null. Not the packs, not the other submissions, not
 * the grader's files, not /proc, not a terminal.
 *
 * Opening the allowed paths walks the file system; it is done once. A
 * ruleset is built per scratch folder, in the parent, and reused by every
 * child that runs there (the folder is emptied in between): a child only
 * enforces it, one system call. */
#define _GNU_SOURCE
#include "sandbox_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/landlock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "pyembed.h"
#include "util.h"

/* errno said for what failed; a descriptor that could not be moved above
 * SANDBOX_FD_BASE (EINVAL) is an open-file limit too low, and says so. */
static char *landlock_error(const char *what)
{
    struct rlimit r;
    if (errno == EINVAL && getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < SANDBOX_MIN_OPEN_FILES)
        return xasprintf("landlock: %s: the open-file limit is %llu; the grader needs at least %d (ulimit -n %d)",
                         what, (unsigned long long)r.rlim_cur, SANDBOX_MIN_OPEN_FILES, SANDBOX_MIN_OPEN_FILES);
    return xasprintf("landlock: %s: %s", what, strerror(errno));
}

/* Rights by the ABI that brought them (include/uapi/linux/landlock.h);
 * spelled out so that older kernel headers build too. */
#define LL_EXECUTE (1ULL << 0)
#define LL_WRITE_FILE (1ULL << 1)
#define LL_READ_FILE (1ULL << 2)
#define LL_READ_DIR (1ULL << 3)
#define LL_ABI1_ALL ((1ULL << 13) - 1)
#define LL_REFER (1ULL << 13)     /* ABI 2 */
#define LL_TRUNCATE (1ULL << 14)  /* ABI 3 */
#define LL_IOCTL_DEV (1ULL << 15) /* ABI 5 */
#define LL_NET_ALL ((1ULL << 2) - 1)   /* ABI 4: bind and connect TCP */
#define LL_SCOPE_ALL ((1ULL << 2) - 1) /* ABI 6: abstract sockets, signals */

#define LL_MAX_PATHS 64

/* landlock_ruleset_attr as the newest ABI has it; its size tells the
 * kernel which fields we know. */
struct ll_ruleset_attr {
    unsigned long long handled_access_fs;
    unsigned long long handled_access_net;
    unsigned long long scoped;
};

typedef struct {
    char *path; /* resolved */
    int fd;     /* O_PATH, or -1 without Landlock */
    int dir;
} ll_path;

static ll_path paths[LL_MAX_PATHS];
static size_t npaths;
/* Entries of sys.path that do not exist (python311.zip, say): nothing can
 * be read below them, yet the interpreter looks there, for a module or,
 * printing a traceback, for the source of "answer.py"; such a look is not
 * the answer's doing, and fails as the file is not there. */
#define LL_MAX_ABSENT 16
static char *absent_imports[LL_MAX_ABSENT];
static size_t nabsent;
static int fds_cache[LL_MAX_PATHS];
static size_t nfds;
/* The interpreter's own library folders (sys.path, resolved): the only
 * places an extension module may be loaded from. */
#define LL_MAX_LIBRARY 16
static char *library_dirs[LL_MAX_LIBRARY];
static size_t nlibrary;

static int abi_errno;

int sandbox_landlock_abi(void)
{
    static int abi = -2;
    if (abi == -2) {
        long v = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
        abi_errno = v < 0 ? errno : 0;
        abi = v < 0 ? -1 : (int)v;
    }
    return abi;
}

int sandbox_landlock_refused(void)
{
    (void)sandbox_landlock_abi();
    return abi_errno == EPERM;
}

static unsigned long long fs_rights(int abi)
{
    unsigned long long r = LL_ABI1_ALL;
    if (abi >= 2)
        r |= LL_REFER;
    if (abi >= 3)
        r |= LL_TRUNCATE;
    if (abi >= 5)
        r |= LL_IOCTL_DEV;
    return r;
}

static size_t attr_size(int abi)
{
    if (abi >= 6)
        return sizeof(struct ll_ruleset_attr);
    if (abi >= 4)
        return 2 * sizeof(unsigned long long);
    return sizeof(unsigned long long);
}

/* Adds path (following symbolic links: the rule holds for the target) to
 * the prepared list; a path that does not exist is skipped. The strings
 * are kept even without Landlock: the audit hook judges reads by them. */
static int add_path(const char *path, int dir_ok)
{
    char real[PATH_MAX];
    struct stat st;
    if (!realpath(path, real) || stat(real, &st) < 0)
        return 0;
    if ((!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode)) ||
        (S_ISDIR(st.st_mode) && !dir_ok))
        return 0;
    for (size_t i = 0; i < npaths; i++)
        if (strcmp(paths[i].path, real) == 0)
            return 0;
    if (npaths == LL_MAX_PATHS) {
        errno = E2BIG;
        return -1;
    }
    int hi = -1;
    if (sandbox_landlock_abi() >= 1) {
        int fd = open(real, O_PATH | O_CLOEXEC);
        if (fd < 0)
            return 0;
        hi = fcntl(fd, F_DUPFD_CLOEXEC, SANDBOX_FD_BASE);
        close(fd);
        if (hi < 0)
            return -1;
        fds_cache[nfds++] = hi;
    }
    paths[npaths].path = xstrdup(real);
    paths[npaths].fd = hi;
    paths[npaths].dir = S_ISDIR(st.st_mode);
    npaths++;
    return 0;
}

int sandbox_landlock_readable(const char *real)
{
    for (size_t i = 0; i < nabsent; i++)
        if (util_path_under(real, absent_imports[i]))
            return 1;
    for (size_t i = 0; i < npaths; i++) {
        const char *p = paths[i].path;
        size_t n = strlen(p);
        if (strncmp(real, p, n) != 0)
            continue;
        if (real[n] == '\0' || (paths[i].dir && (real[n] == '/' || (n == 1 && p[0] == '/'))))
            return 1;
    }
    return 0;
}

int sandbox_landlock_library(const char *real)
{
    for (size_t i = 0; i < nlibrary; i++)
        if (util_path_under(real, library_dirs[i]))
            return 1;
    return 0;
}

/* 1 if the last part of path names a shared object: "x.so", or "x.so."
 * followed by version numbers ("libc.so.6", "libpython3.11.so.1.0"). A
 * folder named "course.solutions" or a binary "grader.sources" is not. */
static int is_shared_object(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *so = NULL;
    for (const char *p = strstr(base, ".so"); p; p = strstr(p + 1, ".so"))
        so = p; /* the last ".so" */
    if (!so || so == base)
        return 0;
    const char *v = so + 3;
    if (*v == '\0')
        return 1;
    while (*v == '.' && v[1] >= '0' && v[1] <= '9') {
        v++;
        while (*v >= '0' && *v <= '9')
            v++;
    }
    return *v == '\0';
}

/* The folder of every shared object mapped into this process: libpython,
 * libc, and the folder the interpreter's extension modules' libraries
 * live in (an answer that imports decimal loads libmpdec from there).
 * Never the folder of pydrill's own binary, which is where an instructor
 * may keep the packs and the submissions. */
static int add_mapped_libraries(void)
{
    FILE *f = fopen("/proc/self/maps", "re");
    if (!f)
        return 0; /* no /proc: the standard paths below still hold */
    char exe[PATH_MAX] = "", real[PATH_MAX];
    char *exe_dir = realpath("/proc/self/exe", exe) ? util_dirname(exe) : NULL;
    char line[PATH_MAX + 128];
    int rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        char *p = strchr(line, '/');
        if (!p)
            continue;
        p[strcspn(p, "\n")] = '\0';
        if (!is_shared_object(p) || !realpath(p, real) || !is_shared_object(real) ||
            strcmp(real, exe) == 0)
            continue;
        char *dir = util_dirname(real);
        if (!exe_dir || strcmp(dir, exe_dir) != 0)
            rc = add_path(dir, 1);
        free(dir);
    }
    free(exe_dir);
    fclose(f);
    return rc;
}

/* What the interpreter and the C library read lazily, besides the standard
 * library: the loader's cache (for the libraries of extension modules),
 * time zones (time.localtime), locales, and the harmless devices. */
static const char *const fixed_paths[] = {
    "/etc/ld.so.cache", "/etc/localtime", "/usr/share/zoneinfo", "/usr/lib/locale",
    "/dev/null", "/dev/zero", "/dev/urandom", "/dev/random", "/dev/full",
};

int sandbox_landlock_prepare(char **err)
{
    if (npaths)
        return 0;
    size_t n = 0;
    char **import = pyembed_import_paths(&n);
    int rc = 0;
    struct stat st;
    for (size_t i = 0; i < n && rc == 0; i++) {
        rc = add_path(import[i], 1);
        char real[PATH_MAX];
        if (nlibrary < LL_MAX_LIBRARY && realpath(import[i], real))
            library_dirs[nlibrary++] = xstrdup(real);
        if (import[i][0] == '/' && stat(import[i], &st) < 0 && errno == ENOENT && nabsent < LL_MAX_ABSENT)
            absent_imports[nabsent++] = xstrdup(import[i]);
    }
    for (size_t i = 0; i < n; i++)
        free(import[i]);
    free(import);
    if (rc == 0)
        rc = add_mapped_libraries();
    for (size_t i = 0; i < ARRAY_SIZE(fixed_paths) && rc == 0; i++)
        rc = add_path(fixed_paths[i], 1);
    if (rc < 0)
        *err = landlock_error("preparing the read list");
    return rc;
}


static int allow(int rs, int fd, unsigned long long access)
{
    struct landlock_path_beneath_attr pb = { .allowed_access = access, .parent_fd = fd };
    return (int)syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
}

static int allow_path(int rs, const char *path, unsigned long long access)
{
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = allow(rs, fd, access);
    int e = errno;
    close(fd);
    errno = e;
    return rc;
}

int sandbox_landlock_ruleset(const char *scratch, char **err)
{
    int abi = sandbox_landlock_abi();
    unsigned long long fs = fs_rights(abi);
    struct ll_ruleset_attr attr = {
        .handled_access_fs = fs,
        .handled_access_net = abi >= 4 ? LL_NET_ALL : 0,
        .scoped = abi >= 6 ? LL_SCOPE_ALL : 0,
    };
    const char *what = "create_ruleset";
    int rs = (int)syscall(SYS_landlock_create_ruleset, &attr, attr_size(abi), 0);
    int rc = rs < 0 ? -1 : 0;
    for (size_t i = 0; i < npaths && rc == 0; i++) {
        what = paths[i].path;
        rc = allow(rs, paths[i].fd, paths[i].dir ? (LL_READ_FILE | LL_READ_DIR) : LL_READ_FILE);
    }
    if (rc == 0) {
        what = "/dev/null";
        rc = allow_path(rs, "/dev/null", (LL_READ_FILE | LL_WRITE_FILE | LL_TRUNCATE) & fs);
    }
    if (rc == 0) {
        what = "the scratch folder";
        rc = allow_path(rs, scratch, fs & ~(LL_EXECUTE | LL_IOCTL_DEV));
    }
    if (rc == 0) {
        int hi = fcntl(rs, F_DUPFD_CLOEXEC, SANDBOX_FD_BASE);
        what = "dup";
        rc = hi < 0 ? -1 : 0;
        if (rc == 0) {
            close(rs);
            rs = hi;
        }
    }
    if (rc < 0) {
        *err = landlock_error(what);
        if (rs >= 0)
            close(rs);
        return -1;
    }
    return rs;
}

int sandbox_landlock_enforce(int ruleset, char **err)
{
    if (syscall(SYS_landlock_restrict_self, ruleset, 0) < 0) {
        *err = xasprintf("landlock: restrict_self: %s", strerror(errno));
        return -1;
    }
    close(ruleset); /* enforced now: the answer has no use for it */
    return 0;
}
