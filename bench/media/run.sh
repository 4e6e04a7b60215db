#!/usr/bin/env bash
# Media relay packets/s in one run, same generator, same machine: Debian's rtpengine (userspace),
# this project's standalone relay (ops/sbc relay), and the minimal C forwarder (udpfwd) as the
# physical limit. Roles as in shared/peers: side A 127.0.0.10, relay 127.0.0.20 (ng on :2223),
# side B 127.0.0.30. Loopback only; every process started here is stopped by its PID.
#
# Usage: bench/media/run.sh [--runs N] [--duration S] [--no-srtp] [--no-pin] [--out DIR]
#                           [--workers N] [--idle spin|backoff|block] [--no-lock]
#                           [--relay-pin process|worker] [--only sbc|rtpengine|cforward]
#                           [--lat-bound-us N] [--direct]
#   --idle X            our relay's idle strategy; default: none passed, i.e. the relay's own default
#                       (what `ops/sbc relay` and the embedded relay run)
#   --lat-bound-us N    useful capacity = highest step with < 0.1 % loss and p99 <= N us (default
#                       1000, issue #4); the search bisects it on its own for every relay
#   --direct            also search the generator alone (A <-> B, no relay); off by default to keep a
#                       --runs 1 search near 10 minutes
#   --relay-pin process (default): the whole relay JVM under taskset cpu 0, as rtpengine and the C
#                       forwarder; worker: the JVM under taskset cpu 1 (with the generator) and only
#                       the relay worker thread pinned to cpu 0 (--cpus 0), so JIT, GC and control
#                       threads do not share the worker's core
#   --only R            with --step: run that relay only (A/B runs of one relay); without --step,
#                       --only sbc runs our relay's search only (no rtpengine, no C forwarder)
#   --connect-peers     our relay with --connect-peers on (sockets connected to their latched peers)
#                           [--step CALLS]    one ngload step per relay at CALLS calls instead of the
#                                             full search (minutes instead of up to an hour; no
#                                             waiting for a quiet machine)
# Output: the summary line of each relay, then
#   media_summary sbc_relay_max_pps=N rtpengine_max_pps=N cforward_max_pps=N sbc_vs_rtpengine=R ...
#                 ..._max_p50_us=N (median latency at the "lossless" max: hundreds of ms = the step was
#                 queued in socket buffers, not relayed at that rate) srtp_max_gen_limited sbc=0|1 ...
#                 (1: the SRTP search stopped because the generator could not offer the next step, so
#                 the SRTP max is the generator's ceiling, not the relay's)
#   media_useful lat_bound_us=1000 sbc_useful_pps=N rtpengine_useful_pps=N cforward_max_pps=N
#                useful_sbc_vs_rtpengine=R (goal >= 3) useful_sbc_vs_cforward_max=R (goal >= 0.6)
#                and the same srtp_ keys (our RTP-to-SRTP translation; rtpengine's too)
# (with --step: one ngstep line per relay, then media_step sbc_relay_relayed_pps=... rtpengine_... cforward_...)
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
. "$HERE/lib/common.sh"

RUNS=1 DURATION=8 SRTP=1 PIN=1 OUT="" WORKERS=1 IDLE="" STEP="" LOCK=1 RELAY_PIN=process ONLY="" CONNECT=off
LAT_BOUND=1000 DIRECT=0
NG=127.0.0.20:2223
while [ $# -gt 0 ]; do
	case "$1" in
		--runs) RUNS=$2; shift 2 ;;
		--duration) DURATION=$2; shift 2 ;;
		--no-srtp) SRTP=0; shift ;;
		--no-pin) PIN=0; shift ;;
		--out) OUT=$2; shift 2 ;;
		--workers) WORKERS=$2; shift 2 ;;
		--idle) IDLE=$2; shift 2 ;;
		--step) STEP=$2; shift 2 ;;
		--no-lock) LOCK=0; shift ;;
		--relay-pin) RELAY_PIN=$2; shift 2 ;;
		--only) ONLY=$2; shift 2 ;;
		--connect-peers) CONNECT=on; shift ;;
		--lat-bound-us) LAT_BOUND=$2; shift 2 ;;
		--direct) DIRECT=1; shift ;;
		*) echo "unknown arg $1" >&2; exit 2 ;;
	esac
done
case "$RELAY_PIN" in process|worker) ;; *) echo "--relay-pin process|worker" >&2; exit 2 ;; esac
case "$ONLY" in ""|sbc|rtpengine|cforward) ;; *) echo "--only sbc|rtpengine|cforward" >&2; exit 2 ;; esac
[ "$RUNS" -le 10 ] || { echo "runs capped at 10" >&2; exit 2; }
[ -z "$STEP" ] || [ "$STEP" -le 7000 ] || { echo "step capped at 7000 calls" >&2; exit 2; }
OUT=${OUT:-$(mktemp -d -t media-bench.XXXXXX)}
mkdir -p "$OUT" "$HERE/build"
log "results in $OUT"
# The IT lock, held until exit: the relays bind 127.0.0.20 (ng :2223, the C forwarder's fixed port
# 40000) and the media range, which the ITs and the SIP harness also use.
if [ $LOCK -eq 1 ]; then
	exec 9>/tmp/sbc-it.lock
	log "waiting for the IT lock"
	flock 9
fi

ensure_pkgs gcc libc6-dev libsrtp2-dev python3-pylibsrtp sysstat rtpengine-daemon
gcc -O2 -Wall -Wno-unused-variable -o "$HERE/build/rtpgen" "$HERE/rtpgen.c" -DWITH_SRTP -lsrtp2 || exit 1
gcc -O2 -Wall -o "$HERE/build/udpfwd" "$HERE/udpfwd.c" || exit 1

PINCMD=()
GEN=()
RELAY_PINCMD=() RELAY_CPUS=()
if [ $PIN -eq 1 ] && [ "$(nproc)" -ge 2 ]; then
	PINCMD=(taskset -c 0); GEN=(--gen-cpu 1); RELAY_PINCMD=(taskset -c 0)
	# the worker moves itself to cpu 0 (sched_setaffinity may leave the process's taskset mask)
	[ "$RELAY_PIN" = worker ] && { RELAY_PINCMD=(taskset -c 1); RELAY_CPUS=(--cpus 0); }
fi
PASS=(--runs "$RUNS" --duration "$DURATION" --lat-bound-us "$LAT_BOUND")
[ $DIRECT -eq 1 ] || PASS+=(--skip-direct)
IDLEARG=(); [ -z "$IDLE" ] || IDLEARG=(--idle "$IDLE")
[ $SRTP -eq 1 ] || PASS+=(--no-srtp)
[ $PIN -eq 1 ] || PASS+=(--no-pin)
kv() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | tail -1; }

RELAY_PID="" RTPE_PID="" FWD_PID=""
cleanup() { stop_pid "$RELAY_PID" 10; RELAY_PID=""; stop_pid "$RTPE_PID" 5; RTPE_PID=""; stop_pid "$FWD_PID" 3; FWD_PID=""; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

# Our relay: ops/sbc builds sbc.jar when stale, then exec's the JVM (its PID is the relay's PID).
start_sbc_relay() {
	"$ROOT/ops/sbc" version >&2 || exit 1   # build first, outside the timed start
	"${RELAY_PINCMD[@]}" "$ROOT/ops/sbc" relay --control "$NG" --address "${NG%:*}" --ports 30000-59999 \
		--workers "$WORKERS" "${IDLEARG[@]}" --media-timeout 60s --connect-peers "$CONNECT" "${RELAY_CPUS[@]}" >"$OUT/sbc-relay.log" 2>&1 9>&- &
	RELAY_PID=$!
	local i
	for ((i = 0; i < 600; i++)); do
		grep -q "ng control listening" "$OUT/sbc-relay.log" 2>/dev/null && break
		kill -0 "$RELAY_PID" 2>/dev/null || { cat "$OUT/sbc-relay.log" >&2; exit 1; }
		sleep 0.1
	done
	log "sbc relay pid $RELAY_PID: $(head -1 "$OUT/sbc-relay.log")"
}

start_rtpengine() {
	# userspace only (--table=-1), no config file: the same settings run-rtpengine-pps.sh writes
	"${PINCMD[@]}" rtpengine --config-file=none --foreground --log-stderr --log-level=4 --table=-1 \
		--interface="${NG%:*}" --listen-ng="$NG" --port-min=30000 --port-max=59999 --timeout=60 \
		--delete-delay=0 --num-threads="$(nproc)" --pidfile="$OUT/rtpengine.pid" >"$OUT/rtpengine.log" 2>&1 9>&- &
	RTPE_PID=$!
	sleep 2
	kill -0 "$RTPE_PID" 2>/dev/null || { cat "$OUT/rtpengine.log" >&2; exit 1; }
	log "rtpengine pid $RTPE_PID ($(rtpengine --version 2>&1 | head -1))"
}

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NGLOAD=("$PY" "$HERE/ngload.py")

if [ -n "$STEP" ]; then
	# One step each at STEP calls (2 x 50 packets/s per call): quick, indicative on a busy machine.
	STEPARGS=(step --calls "$STEP" --duration "$DURATION" --warmup 2 --workdir "$OUT/work" "${GEN[@]}")
	busy=$(busy_pct 1)
	l_rtpe="" l_sbc="" l_fwd=""
	if [ -z "$ONLY" ] || [ "$ONLY" = rtpengine ]; then
		start_rtpengine
		l_rtpe=$("${NGLOAD[@]}" "${STEPARGS[@]}" --mode relay --ng "$NG" --relay-pid "$RTPE_PID" | tail -1)
		echo "rtpengine: $l_rtpe"
		stop_pid "$RTPE_PID" 5; RTPE_PID=""
	fi
	if [ -z "$ONLY" ] || [ "$ONLY" = sbc ]; then
		start_sbc_relay
		l_sbc=$("${NGLOAD[@]}" "${STEPARGS[@]}" --mode relay --ng "$NG" --relay-pid "$RELAY_PID" | tail -1)
		echo "sbc-relay: $l_sbc"
		stop_pid "$RELAY_PID" 10; RELAY_PID=""
	fi
	if [ -z "$ONLY" ] || [ "$ONLY" = cforward ]; then
		"${PINCMD[@]}" "$HERE/build/udpfwd" 127.0.0.20 40000 127.0.0.20 127.0.0.30 20000 600 2>"$OUT/udpfwd.log" 9>&- &
		FWD_PID=$!
		sleep 0.5
		l_fwd=$("${NGLOAD[@]}" "${STEPARGS[@]}" --mode static --static-dst 127.0.0.20:40000 --relay-pid "$FWD_PID" | tail -1)
		echo "cforward: $l_fwd"
		stop_pid "$FWD_PID" 3; FWD_PID=""
	fi
	echo "media_step calls=$STEP machine_busy_pct_before=$busy" \
		"sbc_relay_relayed_pps=$(kv relayed_pps "$l_sbc") sbc_relay_loss_pct=$(kv loss_pct "$l_sbc") sbc_relay_p99_us=$(kv lat_p99_us "$l_sbc") sbc_relay_cpu=$(kv cpu_relay "$l_sbc")" \
		"rtpengine_relayed_pps=$(kv relayed_pps "$l_rtpe") rtpengine_loss_pct=$(kv loss_pct "$l_rtpe") rtpengine_p99_us=$(kv lat_p99_us "$l_rtpe") rtpengine_cpu=$(kv cpu_relay "$l_rtpe")" \
		"cforward_relayed_pps=$(kv relayed_pps "$l_fwd") cforward_loss_pct=$(kv loss_pct "$l_fwd") cforward_p99_us=$(kv lat_p99_us "$l_fwd")" | tee "$OUT/summary.txt"
	exit 0
fi

# Full search: rtpengine (plus the C forwarder and, with --direct, the generator alone), then our relay.
l_rtpe=""
if [ "$ONLY" != sbc ]; then
	l_rtpe=$("$HERE/run-rtpengine-pps.sh" "${PASS[@]}" --out "$OUT/rtpengine" | tail -1)
	echo "rtpengine: $l_rtpe"
fi
l_sbc=""
if [ -z "$ONLY" ] || [ "$ONLY" = sbc ]; then
	start_sbc_relay
	l_sbc=$("$HERE/run-rtpengine-pps.sh" "${PASS[@]}" --no-rtpengine --ng "$NG" --relay-pid "$RELAY_PID" \
		--skip-cfwd --skip-direct --out "$OUT/sbc-relay" | tail -1)
	echo "sbc-relay: $l_sbc"
	stop_pid "$RELAY_PID" 10; RELAY_PID=""
fi
ratio() { awk -v s="$1" -v r="$2" 'BEGIN { if (s != "" && s != "NA" && r + 0 > 0) printf "%.2f", s / r; else print "NA" }'; }
s=$(kv relay_max_pps "$l_sbc"); r=$(kv rtpengine_max_pps "$l_rtpe"); c=$(kv cforward_max_pps "$l_rtpe")
echo "media_summary sbc_relay_max_pps=$s rtpengine_max_pps=$r cforward_max_pps=$c" \
	"sbc_vs_rtpengine=$(ratio "$s" "$r") sbc_relay_p99_us=$(kv relay_p99_us "$l_sbc") rtpengine_p99_us=$(kv rtpengine_p99_us "$l_rtpe")" \
	"sbc_relay_srtp_max_pps=$(kv relay_srtp_max_pps "$l_sbc") rtpengine_srtp_max_pps=$(kv rtpengine_srtp_max_pps "$l_rtpe")" \
	"sbc_relay_max_p50_us=$(kv relay_max_p50_us "$l_sbc") rtpengine_max_p50_us=$(kv rtpengine_max_p50_us "$l_rtpe")" \
	"srtp_max_gen_limited sbc=$(kv relay_srtp_max_gen_limited "$l_sbc") rtpengine=$(kv rtpengine_srtp_max_gen_limited "$l_rtpe")" | tee "$OUT/summary.txt"
# Useful capacity (issue #4): < 0.1 % loss and p99 added latency <= LAT_BOUND; goals: >= 3x
# rtpengine's useful capacity and >= 60 % of the C forwarder's (lossless) maximum, plain and SRTP.
us=$(kv relay_useful_pps "$l_sbc"); ur=$(kv rtpengine_useful_pps "$l_rtpe")
uss=$(kv relay_srtp_useful_pps "$l_sbc"); urs=$(kv rtpengine_srtp_useful_pps "$l_rtpe")
echo "media_useful lat_bound_us=$LAT_BOUND sbc_useful_pps=$us rtpengine_useful_pps=$ur cforward_max_pps=$c" \
	"cforward_useful_pps=$(kv cforward_useful_pps "$l_rtpe")" \
	"useful_sbc_vs_rtpengine=$(ratio "$us" "$ur") useful_sbc_vs_cforward_max=$(ratio "$us" "$c")" \
	"srtp_sbc_useful_pps=$uss srtp_rtpengine_useful_pps=$urs" \
	"srtp_useful_sbc_vs_rtpengine=$(ratio "$uss" "$urs") srtp_useful_sbc_vs_cforward_max=$(ratio "$uss" "$c")" | tee -a "$OUT/summary.txt"
