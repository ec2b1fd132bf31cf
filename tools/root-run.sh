#!/bin/sh
# root-run.sh ROOT CMD... : runs CMD chrooted in ROOT (a root made by
# tools/root-make.sh) as root, with a clean environment, and proc, sysfs, a
# devpts of its own and a tmpfs on dev/shm mounted for it. Everything runs
# in a mount and PID namespace of its own: the mounts are undone by the
# trap on every way out (and by the kernel with the namespace, should the
# trap be killed), and no process started inside outlives the run. The
# host's /dev is never mounted in: the root has its own device nodes.
set -u
root=${1:?usage: root-run.sh ROOT CMD...}
shift
root=$(cd "$root" && pwd) || exit 2
[ -f "$root/.pydrill-matrix-root" ] || { echo "root-run.sh: $root is not a root made by tools/root-make.sh" >&2; exit 2; }
if [ -z "${PYDRILL_ROOT_NS:-}" ]; then
    exec env PYDRILL_ROOT_NS=1 unshare --mount --pid --fork --kill-child --propagation private \
        sh "$0" "$root" "$@"
fi

mounted=
# mnt TARGET MOUNT-ARGS... : mounts, and remembers TARGET for the trap
mnt() {
    t=$1; shift
    { [ -e "$t" ] || mkdir -p "$t"; } && mount "$@" "$t" && mounted="$t $mounted"
}
unmount_all() {
    for t in $mounted; do
        umount "$t" 2>/dev/null || umount -l "$t" || echo "root-run.sh: could not unmount $t" >&2
    done
    mounted=
}
trap unmount_all EXIT
trap 'exit 130' INT TERM HUP

mnt "$root/proc" -t proc -o nosuid,nodev,noexec proc &&
    mnt "$root/sys" -t sysfs -o nosuid,nodev,noexec,ro sysfs &&
    mnt "$root/dev/pts" -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts &&
    mnt "$root/dev/ptmx" --bind "$root/dev/pts/ptmx" &&
    mnt "$root/dev/shm" -t tmpfs -o nosuid,nodev,mode=1777 tmpfs || exit 1
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null

chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root SHELL=/bin/sh TERM="${TERM:-dumb}" LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
