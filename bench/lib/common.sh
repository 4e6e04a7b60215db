# Shell functions shared by the load harnesses (bench/sip/run.sh, bench/sip/heap.sh,
# bench/flood/run.sh). Sourced, not run. The caller sets LOCK (1: take /tmp/sbc-it.lock, which the
# integration tests also take, since both use the same loopback addresses and ports).

LOCKED=0
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
need() { command -v "$1" >/dev/null || { echo "missing $1 (Debian package: $2)" >&2; exit 1; }; }
stop_pid() {
	local pid=$1 grace=${2:-5} i
	[ -n "$pid" ] || return 0
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null
	for ((i = 0; i < grace * 10; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
	kill -KILL "$pid" 2>/dev/null; sleep 0.2
}
lock() {
	[ $LOCK -eq 1 ] || return 0
	exec 9>/tmp/sbc-it.lock
	log "waiting for the IT lock"
	flock 9; LOCKED=1
}
unlock() { [ $LOCKED -eq 1 ] && { flock -u 9; exec 9>&-; LOCKED=0; }; return 0; }
cpu_ticks() {   # utime+stime of the given pids (clock ticks)
	local sum=0 p line
	for p in "$@"; do
		[ -r "/proc/$p/stat" ] || continue
		line=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null) || continue
		set -- $line
		sum=$((sum + ${12} + ${13}))
	done
	echo $sum
}
proc_tree() {   # PID and its descendants
	# From one ps snapshot: reading /proc/[0-9]*/stat with awk lost the whole list now and then
	# (a process that exits between the glob and the read stops mawk: 3 misses in 200 calls, seen as
	# target_cpu_pct=0 on a step).
	ps -e -o pid= -o ppid= 2>/dev/null | awk -v root="$1" '{ parent[$1]=$2 }
		END { keep[root]=1; ch=1; while (ch) { ch=0; for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p]=1; ch=1 } }
		for (p in keep) if (p in parent) print p }' | tr '\n' ' '
}
kv() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a+0 > 0 && b+0 > 0) printf "%.2f", a / b; else print "NA" }'; }
