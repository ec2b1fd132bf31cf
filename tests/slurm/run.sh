#!/bin/sh
# make check-slurm: pydrill on a real scheduler. Starts a single-node Slurm
# (Debian's slurm-wlm, authenticated by munge) on this machine, entirely
# inside a private folder (its own key, socket, ports, spool and logs; no
# file under /etc is read or changed, no system service started), then:
#   1. grades a batch once, unsharded, as the reference;
#   2. submits the README's recipe: a job array of 4 tasks, each grading
#      its shard with --shard auto, and a merge job that runs after the
#      array whatever its outcome and renders the shards with pydrill
#      report;
#   3. checks the merged json equals the reference field by field;
#   4. submits the array again with one task broken (a mistyped option)
#      and checks that it is noticed: the task fails, and report refuses
#      the merge naming the missing positions.
# Stops every daemon it started, by its pid, and removes the folder.
# Needs root (the daemons run as root here); installs slurm-wlm and munge.
#
#   sh tests/slurm/run.sh build/pydrill
set -u
PYDRILL=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TOP=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
SHARDS=4
START=$(date +%s)

say() { printf 'check-slurm: %s\n' "$*"; }
fail() { say "FAILED: $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || { say "needs root: it starts slurmctld, slurmd and munged"; exit 2; }
sh "$TOP/tools/deps.sh" slurm-wlm munge || exit 2

W=$(mktemp -d /tmp/pydrill-slurm.XXXXXX)
chmod 755 "$W"
stop() {
    for d in slurmd slurmctld munged; do
        if [ -s "$W/$d.pid" ]; then
            pid=$(cat "$W/$d.pid")
            kill "$pid" 2>/dev/null
            i=0
            while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
            kill -9 "$pid" 2>/dev/null
        fi
    done
    rm -rf "$W"
}
trap stop EXIT
trap 'exit 2' INT TERM

# ---- munge: a key and a socket of our own
mkdir -p "$W/munge" && chmod 700 "$W/munge"
dd if=/dev/urandom of="$W/munge/munge.key" bs=1024 count=1 2>/dev/null && chmod 400 "$W/munge/munge.key"
/usr/sbin/munged --force --key-file="$W/munge/munge.key" --socket="$W/munge/munge.sock" \
    --pid-file="$W/munged.pid" --log-file="$W/munge/munged.log" --seed-file="$W/munge/munged.seed" ||
    fail "munged did not start: $(tail -n 5 "$W/munge/munged.log" 2>/dev/null)"

# ---- slurm: one controller and one node, here
HOST=$(hostname -s)
CPUS=$(nproc)
mkdir -p "$W/state" "$W/spool" "$W/log" "$W/course/parts" "$W/course/out"
cat >"$W/slurm.conf" <<EOF
ClusterName=pydrill
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=26817
SlurmdPort=26818
AuthType=auth/munge
AuthInfo=socket=$W/munge/munge.sock
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$W/state
SlurmdSpoolDir=$W/spool
SlurmctldPidFile=$W/slurmctld.pid
SlurmdPidFile=$W/slurmd.pid
SlurmctldLogFile=$W/log/slurmctld.log
SlurmdLogFile=$W/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SlurmdTimeout=60
InactiveLimit=0
MinJobAge=3600
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS State=UNKNOWN
PartitionName=grading Nodes=$HOST Default=YES MaxTime=60 State=UP
EOF
export SLURM_CONF="$W/slurm.conf"
/usr/sbin/slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start: $(tail -n 5 "$W/log/slurmctld.log")"
/usr/sbin/slurmd -f "$SLURM_CONF" || fail "slurmd did not start: $(tail -n 5 "$W/log/slurmd.log")"
i=0
until sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; do
    i=$((i + 1))
    [ $i -gt 300 ] && fail "the node did not come up: $(sinfo 2>&1); $(tail -n 5 "$W/log/slurmd.log")"
    sleep 0.2
done
say "Slurm $(sinfo -V | cut -d' ' -f2) is up: node $HOST, $CPUS CPUs, partition grading ($(($(date +%s) - START)) s)"

# ---- the batch: 40 candidates by the gotchas pack, and the reference run
cd "$W/course" || exit 2
cp "$TOP/drills/gotchas.json" pack.json
cat >catalog.json <<'EOF'
{ "format": "pydrill/1", "title": "check-slurm", "packs": ["pack.json"] }
EOF
$PY "$TOP/tests/fixtures/class/gen_class.py" catalog.json subs 40 11 || exit 2
"$PYDRILL" grade --catalog catalog.json --format json -o whole.json subs/* 2>/dev/null
rc=$?
[ $rc -le 1 ] || fail "the reference run exited $rc"

# ---- the README's recipe: a job array of shards, then a merge job
cat >grade.sh <<EOF
#!/bin/sh
#SBATCH --job-name=grade
#SBATCH --array=1-$SHARDS
#SBATCH --cpus-per-task=1
#SBATCH --output=out/grade-%a.out
cd $W/course
format=--format
# the second run breaks one task, as a typo would
[ "\$SLURM_ARRAY_TASK_ID" = "\${BREAK_TASK:-}" ] && format=--formt
$PYDRILL grade --catalog catalog.json --shard auto \$format jsonl \\
    -o "parts/part-\$SLURM_ARRAY_TASK_ID.jsonl" subs/*
rc=\$?; echo \$rc >"parts/rc-\$SLURM_ARRAY_TASK_ID"
[ \$rc -le 1 ]
EOF
cat >merge.sh <<EOF
#!/bin/sh
#SBATCH --job-name=merge
#SBATCH --output=out/merge.out
cd $W/course
# 0 and 1 both mean a complete report (1: some answers did not pass)
$PYDRILL report --catalog catalog.json --format json -o merged.json parts/part-*.jsonl
[ \$? -le 1 ] || exit 1
$PYDRILL report --catalog catalog.json --format html -o week.html parts/part-*.jsonl
[ \$? -le 1 ]
EOF

run_recipe() {
    rm -f parts/* out/* merged.json week.html
    array=$(sbatch --parsable grade.sh) || fail "sbatch of the array failed"
    merge=$(sbatch --parsable --dependency=afterany:"$array" --wait merge.sh)
    merge_rc=$?
    say "array job $array ($SHARDS tasks), merge job $merge: merge exited $merge_rc"
}

T0=$(date +%s)
run_recipe
[ $merge_rc -eq 0 ] || fail "the merge job failed: $(cat out/merge.out)"
for k in $(seq 1 $SHARDS); do
    say "  task $k: exit $(cat parts/rc-$k), $(wc -l <parts/part-$k.jsonl) submissions, shard $(head -c 2000 parts/part-$k.jsonl | sed -n 's/.*"position":\([0-9]*\),"total":\([0-9]*\).*/first position \1 of \2/p')"
done
$PY - whole.json merged.json <<'EOF' || fail "the merged report differs from the unsharded run"
import json, sys
def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if k != "time_ms"}
    if isinstance(o, list):
        return [strip(v) for v in o]
    return o
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
assert strip(a) == strip(b)
print("check-slurm: merged json equals the unsharded run field by field (%d submissions, %d drills each)"
      % (len(a["submissions"]), len(a["submissions"][0]["drills"])))
EOF
[ -s week.html ] || fail "no html"
say "sharded run and merge: $(($(date +%s) - T0)) s"

# ---- a broken shard is noticed
T0=$(date +%s)
export BREAK_TASK=3
run_recipe
unset BREAK_TASK
[ "$(cat parts/rc-3)" = 2 ] || fail "the broken task exited $(cat parts/rc-3), not 2"
state=$(scontrol show job "${array}_3" 2>/dev/null | sed -n 's/.*JobState=\([A-Z]*\).*/\1/p')
[ $merge_rc -ne 0 ] || fail "the merge of an incomplete batch succeeded"
grep -q "the shards are incomplete: positions 3, 7, 11" out/merge.out ||
    fail "report did not name the missing positions: $(cat out/merge.out)"
[ ! -e merged.json ] || fail "a report was written from incomplete shards"
say "a broken task ($state, exit 2) is noticed: $(grep -o 'the shards are incomplete[^(]*' out/merge.out)"
say "broken run: $(($(date +%s) - T0)) s"
say "passed in $(($(date +%s) - START)) s"
