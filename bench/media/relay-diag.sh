#!/usr/bin/env bash
# Where our relay's latency tail comes from: one ngload step against `ops/sbc relay` started as run.sh
# starts it (whole JVM under taskset -c 0, generator on cpu 1), with, over 2 s inside the measured
# window, one of
#   --perf sched   perf sched record on cpu 0: who else ran on the worker's core, how long (default)
#   --perf record  perf record -g of the relay process: where the worker's CPU goes (kernel symbols)
#   --perf none    nothing (for a run with bench/media/relay-queue-delay.patch applied, which prints
#                  per second, on the relay's stderr, histograms of queue delay = kernel arrival stamp
#                  to duty-cycle start, of the gap between cycle starts and of the cycle duration)
# plus per-thread CPU ticks and voluntary/involuntary switches of the relay JVM over the same 2 s.
#
# Usage: bench/media/relay-diag.sh [--perf sched|record|none] [--srtp] [--warmup S] [--out DIR] CALLS [relay args...]
#   --warmup S     ngload warm-up before the 5 s window (default 2, as run.sh); the 2 s perf/thread
#                  sample starts 1.5 s after the warm-up would end with the default
#   e.g. bench/media/relay-diag.sh 500 --idle spin
# Takes /tmp/sbc-it.lock for the whole run (~30 s); loopback only; stops what it starts by PID.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
. "$HERE/lib/common.sh"

PERF=sched SRTP=() OUT="" WARMUP=2
while [ $# -gt 0 ]; do
	case "$1" in
		--perf) PERF=$2; shift 2 ;;
		--srtp) SRTP=(--srtp); shift ;;
		--out) OUT=$2; shift 2 ;;
		--warmup) WARMUP=$2; shift 2 ;;
		*) break ;;
	esac
done
[ $# -ge 1 ] || { sed -n 2,18p "$0" >&2; exit 2; }
CALLS=$1; shift
case "$PERF" in sched|record|none) ;; *) echo "--perf sched|record|none" >&2; exit 2 ;; esac
[ "$CALLS" -le 3000 ] || { echo "calls capped at 3000" >&2; exit 2; }
OUT=${OUT:-$(mktemp -d -t relay-diag.XXXXXX)}
mkdir -p "$OUT" "$HERE/build"
exec 9>/tmp/sbc-it.lock
log "waiting for the IT lock"
flock 9
gcc -O2 -Wall -Wno-unused-variable -o "$HERE/build/rtpgen" "$HERE/rtpgen.c" -DWITH_SRTP -lsrtp2 || exit 1
"$ROOT/ops/sbc" version >&2 || exit 1

steal() { awk '/^cpu /{print $9}' /proc/stat; }
echo "before: load $(cut -d' ' -f1-3 /proc/loadavg) steal_ticks=$(steal)" >"$OUT/load"
taskset -c 0 "$ROOT/ops/sbc" relay --control 127.0.0.20:2223 --address 127.0.0.20 --ports 30000-59999 \
	--workers 1 --media-timeout 60s "$@" >"$OUT/relay.log" 2>&1 9>&- &
P=$!
trap 'stop_pid "$P" 10' EXIT
for ((i = 0; i < 600; i++)); do
	grep -q "ng control listening" "$OUT/relay.log" 2>/dev/null && break
	kill -0 "$P" 2>/dev/null || { cat "$OUT/relay.log" >&2; exit 1; }
	sleep 0.1
done
threads() {
	for t in /proc/$P/task/*; do
		echo "${t##*/}_$(tr ' ' _ <"$t/comm") $(sed 's/^.*) //' "$t/stat" | awk '{print $12+$13}')" \
			"$(awk '/nr_voluntary_switches/{v=$3} /nr_involuntary_switches/{i=$3} END{print v, i}' "$t/sched")"
	done | sort
}
# Setup of a few hundred calls takes ~1-2 s, then the warm-up: 1.5 s + warm-up is inside the window.
(
	sleep "$(awk -v w="$WARMUP" 'BEGIN { print w + 1.5 }')"
	threads >"$OUT/threads.before"
	case "$PERF" in
		sched) perf sched record -C 0 -o "$OUT/perf.data" -- sleep 2 >/dev/null 2>&1 ;;
		record) perf record -F 4999 -g -p "$P" -o "$OUT/perf.data" -- sleep 2 >/dev/null 2>&1 ;;
		none) sleep 2 ;;
	esac
	threads >"$OUT/threads.after"
) 9>&- &
D=$!
"$PY" "$HERE/ngload.py" step --calls "$CALLS" --duration 5 --warmup "$WARMUP" --workdir "$OUT/work" --gen-cpu 1 \
	--mode relay --ng 127.0.0.20:2223 --relay-pid "$P" "${SRTP[@]}" 9>&- | tail -1 | tee "$OUT/step"
wait "$D"
echo "after: load $(cut -d' ' -f1-3 /proc/loadavg) steal_ticks=$(steal)" >>"$OUT/load"
cat "$OUT/load"
echo "# relay threads over the 2 s (ticks of 10 ms, voluntary and involuntary switches)"
join "$OUT/threads.before" "$OUT/threads.after" | awk '{dc=$5-$2; dv=$6-$3; di=$7-$4;
	if (dc > 0 || di > 5 || dv > 5) printf "  %-28s cpu_ticks=%d vol=%d invol=%d\n", $1, dc, dv, di}'
case "$PERF" in
	sched)
		echo "# other tasks on cpu 0 (the worker's core) over the 2 s: total ms, runs, longest run ms"
		perf sched timehist -i "$OUT/perf.data" 2>/dev/null | awk 'NR > 3 && $3 !~ /^relay-worker/ {
			t = $3; sub(/\[.*/, "", t); rt[t] += $NF; n[t]++; if ($NF > mx[t]) mx[t] = $NF }
			END { for (k in rt) printf "  %-24s %8.2f ms  runs=%-5d max=%.3f ms\n", k, rt[k], n[k], mx[k] }' |
			sort -k2 -rn | head -15 ;;
	record)
		echo "# relay process, children view (kernel symbols; JIT frames unresolved)"
		perf report -i "$OUT/perf.data" --children --sort sym --stdio -g none 2>/dev/null |
			grep -E '^ +[0-9]' | awk '$1 + 0 >= 2' | head -40 ;;
esac
grep '^DIAG' "$OUT/relay.log" | cut -c1-600 || true
echo "out: $OUT"
