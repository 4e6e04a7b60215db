#!/usr/bin/env bash
# Heap per established call: the SBC holds N calls (SIPp UAC with a long pause before BYE, SIPp UAS
# answering), then
#   heap_per_call = (heap used after full GC with N calls held - heap used after full GC with none) / N
# (jcmd PID GC.run, then GC.heap_info). The "none" figure is taken after a warm-up of short calls
# that are all finished, so bounded caches that do not grow with held calls (the SIP trace store of
# the admin API keeps the last 2,048 calls' messages, the JIT, pools) are full in both figures and
# cancel out. Class histograms (GC.class_histogram) of both points are kept, and the classes that
# grew most per call are printed.
#
# The warm-up runs twice (--warm-rounds): the first round meets a cold JIT, and the SBC's overload
# control refuses many of its calls with 503 (1,100 to 2,900 of 3,000 in runs on a shared machine);
# a refused call leaves two small messages in the trace store where a completed one leaves about
# ten, so a store filled by refused calls made the no-call figure smaller and moved the result per
# held call by +-1.5 KB from run to run. The second round runs warm and fills it with completed calls.
#
# Transient state is kept out of the "none" point: it is taken --settle seconds (default 40) after
# the warm-up, when the transactions of the warm-up calls (Timers J, K, L, M: 64*T1 = 32 s) are
# gone. The held point is taken twice: right after the calls are set up (their INVITE and ACK
# transactions, ng replies and timers still live: bytes_per_call) and --settle seconds later, the
# steady state of a held call (bytes_per_call_settled). The admin API's SIP trace store is off
# (-Dsbc.trace.calls=0; --keep-trace keeps it): it is bounded (2,048 Call-IDs) and does not grow
# with held calls, but it holds about 14 messages per ended warm-up call and 10 per held call, so
# it did not cancel out (about -1 KB per anchored call).
#
# --ended CPS (default 0: off) also measures what ENDED calls leave behind (issue #5): after the "no
# call" point, 100 ms calls at CPS for 50 s; 40 s in, every call that ended in the last 32 s still
# has its transactions (Timers J, L, M = 64*T1), so (heap used then - no call) / (CPS * 32) is the
# heap one ended call keeps for those 32 s (the ~CPS * 0.2 calls in progress at that moment count
# too: about 1% at 200 calls/s). Then --settle seconds pass before the held calls start.
#
# Usage: bench/sip/heap.sh [--modes "bypass anchored"] [--calls N] [--rate CPS] [--out DIR] [--no-lock]
#                          [--warm-rounds N] [--settle SECONDS] [--keep-trace] [--ended CPS]
#   anchored needs 4 relay ports per call: the bench policy opens 20000-59999 (40,000 ports), so
#   10,000 calls is the most it can hold, and the SBC needs ulimit -n above 42,000 for their sockets:
#   where the hard limit is lower (a container: 20,000), anchored holds (limit - 2000) / 4 calls.
# Last stdout line: heap_summary bypass_calls=N bypass_bytes_per_call=B anchored_calls=N anchored_bytes_per_call=B
#   (with --ended, MODE_ended_bytes_per_call=B too)
set -u
# The SBC on G1 for this measurement (ops/sbc runs ZGC by default): heap_used_kb parses G1's
# GC.heap_info line in KiB (ZGC prints whole MiB), and the figures stay comparable with earlier runs.
export SBC_JAVA_OPTS="${SBC_JAVA_OPTS:--XX:-UseZGC -XX:+UseG1GC}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
. "$ROOT/bench/lib/common.sh"
TOOL="$HERE/siptool.py"
MODES="bypass anchored" CALLS=10000 RATE=250 OUT="" LOCK=1 WARM_CALLS=3000 WARM_ROUNDS=2 SETTLE=40 TRACE=0 ENDED=0
NET=${BENCH_NET:-127.0.0}
PBX_IP=$NET.10 SBC_IP=$NET.20 CAR_IP=$NET.30 PORT=5060
while [ $# -gt 0 ]; do
	case "$1" in
		--modes) MODES=$2; shift 2 ;;
		--calls) CALLS=$2; shift 2 ;;
		--rate) RATE=$2; shift 2 ;;
		--out) OUT=$2; shift 2 ;;
		--no-lock) LOCK=0; shift ;;
		--warm-rounds) WARM_ROUNDS=$2; shift 2 ;;
		--settle) SETTLE=$2; shift 2 ;;
		--keep-trace) TRACE=1; shift ;;
		--ended) ENDED=$2; shift 2 ;;
		-h|--help) sed -n '2,39p' "$0"; exit 0 ;;
		*) echo "unknown arg $1" >&2; exit 2 ;;
	esac
done
[ "$CALLS" -le 10000 ] || { echo "calls capped at 10000 (40,000 relay ports when anchored)" >&2; exit 2; }
for b in sipp jcmd python3 curl; do command -v $b >/dev/null || { echo "missing $b" >&2; exit 1; }; done
OUT=${OUT:-$(mktemp -d -t sipheap.XXXXXX)}
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
log "results in $OUT"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
NOFILE=$(ulimit -n)
# anchored: 4 sockets per call in the SBC's relay; keep 2,000 descriptors for everything else
ANCHOR_MAX=$(( (NOFILE - 2000) / 4 )); [ "$ANCHOR_MAX" -gt 10000 ] && ANCHOR_MAX=10000
"$ROOT/ops/sbc" version >&2 || exit 1

SBC_PID="" SIPP_PIDS=""
stop_all() { local p; for p in $SIPP_PIDS; do stop_pid "$p" 3; done; SIPP_PIDS=""; stop_pid "$SBC_PID" 10; SBC_PID=""; }
trap 'stop_all; unlock' EXIT
trap 'stop_all; unlock; exit 130' INT TERM
lock

bg_pid() { sed -n 's/.*PID=\[\([0-9]*\)\].*/\1/p' | tail -1; }
heap_used_kb() {   # full GC twice, then "used" of the heap in KiB
	jcmd "$SBC_PID" GC.run >/dev/null; sleep 1; jcmd "$SBC_PID" GC.run >/dev/null; sleep 1
	jcmd "$SBC_PID" GC.heap_info | sed -n 's/.*heap *total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1
}
active_calls() {
	curl -s -m 5 "http://$SBC_IP:8089/metrics" | awk '/^sbc_calls_active/ { s += $NF } END { print s + 0 }'
}
# calls RATE COUNT HOLD_MS DIR -> starts UAS + UAC (background), pids in SIPP_PIDS
calls() {
	local rate=$1 n=$2 hold=$3 dir=$4 out uas uac
	mkdir -p "$dir"
	out=$(cd "$dir" && exec 9>&- && sipp -sf "$HERE/uas.xml" -i "$CAR_IP" -p "$PORT" -bg -nostdin \
		-buff_size 4194304 -trace_err -error_file "$dir/uas_errors.log" -max_log_size 2000000 2>&1)
	uas=$(echo "$out" | bg_pid)
	out=$(cd "$dir" && exec 9>&- && sipp "$SBC_IP:$PORT" -sf "$HERE/uac.xml" -i "$PBX_IP" -p "$PORT" -s callee \
		-r "$rate" -m "$n" -l "$n" -d "$hold" -buff_size 4194304 -recv_timeout 30000 \
		-trace_stat -stf "$dir/uac_stat.csv" -fd 1 -trace_err -error_file "$dir/uac_errors.log" \
		-max_log_size 2000000 -bg -nostdin 2>&1)
	uac=$(echo "$out" | bg_pid)
	SIPP_PIDS="$uac $uas"
	[ -n "$uas" ] && [ -n "$uac" ] || { echo "SIPp failed to start: $out" >&2; return 1; }
}
# "N in progress, N successful, M failed" from the last line of a UAC's -trace_stat file
sipp_outcome() {
	tail -n 1 "$1/uac_stat.csv" 2>/dev/null | awk -F';' '{ printf "%s in progress, %s successful, %s failed", $14, $16, $18 }'
}
wait_gone() { local i; for ((i = 0; i < $2 * 5; i++)); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done; return 1; }

# growth NONE_HISTO HELD_HISTO CALLS: the classes that grew most per held call
growth() {
	python3 - "$1" "$2" "$3" <<'EOF'
import sys, re
def load(p):
    d = {}
    for line in open(p):
        m = re.match(r'\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)', line)
        if m: d[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return d
a, b, n = load(sys.argv[1]), load(sys.argv[2]), max(int(sys.argv[3]), 1)
g = sorted(((b[k][1] - a.get(k, (0, 0))[1], b[k][0] - a.get(k, (0, 0))[0], k) for k in b), reverse=True)
print("classes that grew most (bytes per held call, instances per held call):")
for by, inst, k in g[:25]:
    print("  %8.0f B  %6.2f  %s" % (by / n, inst / n, k))
EOF
}

summary="heap_summary"
for MODE in $MODES; do
	rd="$OUT/$MODE"; mkdir -p "$rd"
	N=$CALLS
	if [ "$MODE" = anchored ] && [ "$N" -gt "$ANCHOR_MAX" ]; then
		log "anchored: open files limit $NOFILE allows $ANCHOR_MAX held calls (4 relay sockets each), not $N"
		N=$ANCHOR_MAX
	fi
	sed -e "s|@@RUNDIR@@|$rd|" -e "s/@@PBX_IP@@/$PBX_IP/g" -e "s/@@SBC_IP@@/$SBC_IP/g" \
		-e "s/@@CAR_IP@@/$CAR_IP/g" "$HERE/policy-$MODE.yaml" >"$rd/policy.yaml"
	trace_opt=""; [ "$TRACE" = 1 ] || trace_opt="-Dsbc.trace.calls=0"
	(cd "$rd" && exec 9>&- && SBC_JAVA_OPTS="${SBC_JAVA_OPTS:-} $trace_opt" SBC_NO_BUILD=1 exec "$ROOT/ops/sbc" run --policy "$rd/policy.yaml") >"$rd/sbc.log" 2>&1 &
	SBC_PID=$!
	log "$MODE: sbc pid $SBC_PID"
	python3 "$TOOL" ping --from "$PBX_IP" --to "$SBC_IP:$PORT" --tries 120 >&2 || { stop_all; continue; }
	# warm-up: short calls, all finished (fills the bounded trace store, compiles the hot paths)
	warm_ok=1
	for ((w = 1; w <= WARM_ROUNDS; w++)); do
		wd="$rd/warmup"; [ "$w" -gt 1 ] && wd="$rd/warmup$w"
		calls 200 "$WARM_CALLS" 100 "$wd" || { warm_ok=0; break; }
		wait_gone "${SIPP_PIDS%% *}" $((WARM_CALLS / 200 + 60)) || log "warm-up UAC still running; stopping it"
		for p in $SIPP_PIDS; do stop_pid "$p" 3; done; SIPP_PIDS=""
		log "$MODE: warm-up round $w: $(sipp_outcome "$wd")"
	done
	[ "$warm_ok" = 1 ] || { stop_all; continue; }
	sleep "$SETTLE"
	base=$(heap_used_kb); jcmd "$SBC_PID" GC.class_histogram >"$rd/histo-none.txt"
	act0=$(active_calls)   # warm-up calls the SBC still counts (a lost BYE waits for its timer)
	log "$MODE: heap used with no call: ${base} KiB (active calls $act0)"
	if [ "$ENDED" -gt 0 ]; then
		calls "$ENDED" $((ENDED * 50)) 100 "$rd/ended" || { stop_all; continue; }
		sleep 40
		endu=$(heap_used_kb); jcmd "$SBC_PID" GC.class_histogram >"$rd/histo-ended.txt"
		eper=$(awk -v a="$endu" -v b="$base" -v n="$((ENDED * 32))" 'BEGIN { printf "%.0f", (a - b) * 1024 / n }')
		wait_gone "${SIPP_PIDS%% *}" 60 || log "ended-call UAC still running; stopping it"
		for p in $SIPP_PIDS; do stop_pid "$p" 3; done; SIPP_PIDS=""
		log "$MODE: $ENDED calls/s of 100 ms: heap used ${endu} KiB -> $eper bytes per call ended in the last 32 s ($(sipp_outcome "$rd/ended"))"
		growth "$rd/histo-none.txt" "$rd/histo-ended.txt" "$((ENDED * 32))" | tee "$rd/growth-ended.txt" >&2
		summary="$summary ${MODE}_ended_bytes_per_call=$eper"
		sleep "$SETTLE"   # the ended calls' transactions are gone before the held calls start
		base=$(heap_used_kb); jcmd "$SBC_PID" GC.class_histogram >"$rd/histo-none.txt"
		act0=$(active_calls)
		log "$MODE: heap used with no call after the ended calls: ${base} KiB (active calls $act0)"
	fi
	# hold CALLS calls: pause before BYE far longer than the measurement
	calls "$RATE" "$N" 1800000 "$rd/held" || { stop_all; continue; }
	# leftover warm-up calls may end meanwhile (their timers): wait for N, not N + act0
	want=$N; act=0
	for ((i = 0; i < (N / RATE + 120); i++)); do
		act=$(active_calls); [ "$act" -ge "$want" ] && break
		sleep 1
	done
	sleep 3; act=$(( $(active_calls) - act0 ))
	held=$(heap_used_kb); jcmd "$SBC_PID" GC.class_histogram >"$rd/histo-held.txt"
	per=$(awk -v a="$held" -v b="$base" -v n="$act" 'BEGIN { if (n > 0) printf "%.0f", (a - b) * 1024 / n; else print "NA" }')
	log "$MODE: heap used with $act calls held: ${held} KiB -> $per bytes per call (held phase: $(sipp_outcome "$rd/held"))"
	growth "$rd/histo-none.txt" "$rd/histo-held.txt" "$act" | tee "$rd/growth.txt" >&2
	sleep "$SETTLE"
	act2=$(( $(active_calls) - act0 ))
	held2=$(heap_used_kb); jcmd "$SBC_PID" GC.class_histogram >"$rd/histo-settled.txt"
	per2=$(awk -v a="$held2" -v b="$base" -v n="$act2" 'BEGIN { if (n > 0) printf "%.0f", (a - b) * 1024 / n; else print "NA" }')
	log "$MODE: ${SETTLE} s later, $act2 calls held: ${held2} KiB -> $per2 bytes per call (settled)"
	growth "$rd/histo-none.txt" "$rd/histo-settled.txt" "$act2" | tee "$rd/growth-settled.txt" >&2
	summary="$summary ${MODE}_calls=$act ${MODE}_bytes_per_call=$per ${MODE}_bytes_per_call_settled=$per2"
	stop_all
done
echo "$summary" | tee "$OUT/summary.txt"
