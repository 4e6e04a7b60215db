#!/usr/bin/env bash
# SIP calls per second: the SBC against Kamailio and against the generator alone (issue #5).
#
#   PBX      SIPp UAC (uac.xml)   127.0.0.10:5060
#   target   the SBC              127.0.0.20:5060 (pbx realm; carrier realm on 127.0.0.20:5070)
#            or Kamailio          127.0.0.20:5060 (kamailio.cfg: tm rr dialog topoh pike sanity;
#                                 anchored: rtpengine module -> rtpengine daemon on 127.0.0.20:2223)
#            or direct            127.0.0.30:5060 (UAC straight to UAS: the generator's ceiling)
#   carrier  SIPp UAS (uas.xml)   127.0.0.30:5060
#
# For each mode (bypass, anchored) and target, sequentially:
#   1. start the target (SBC: ops/sbc run --policy bench/sip/policy-MODE.yaml), wait until it
#      answers OPTIONS;
#   2. search: ramp x2 from --start until a step fails (>= 0.5% failed calls, or under 95% of the
#      asked rate offered), then bisect; max_cps = the highest passing step;
#   3. at max_cps/2: INVITE -> 100 Trying latency (kernel timestamps on lo, siptool.py trying);
#   4. at --cpu-rate (same for every target): CPU microseconds per successful call of the target's
#      processes (utime+stime from /proc/PID/stat over the step; Kamailio anchored includes rtpengine).
# Each step line also carries target_rcvbuf_drops: datagrams the kernel dropped on the target's
# full UDP receive buffers during the step (/proc/net/udp*, last column).
# Every process started here is stopped by its PID; every step is bounded in time.
#
# Usage: bench/sip/run.sh [--modes "bypass anchored"] [--targets "sbc kamailio direct"]
#          [--start CPS] [--max CPS] [--bisect N] [--duration S] [--pause-ms MS]
#          [--cpu-rate CPS] [--cpu-duration S] [--children N] [--out DIR] [--no-lock]
#          [--only-step CPS]   (one fixed-rate step per mode/target, no search: for profiling)
#          [--warmup CPSxS]    (default 200x60: an unrecorded step first, so a JVM target is
#                               measured after JIT compilation; 0x0 skips it)
#          [--trying-gen-cpus LIST] (default off: e.g. 0 confines SIPp and the sniffer to CPU 0 in
#                               the INVITE->100 step only, so the generator does not take the
#                               target's CPU time; the target floats as always. Same for every target)
#          [--settle S]        (default 2: seconds between steps; 35 lets every transaction of the
#                               previous step end (64*T1 = 32 s), so a failed step's retransmissions
#                               and held state do not weigh on the next one)
# The IT lock (/tmp/sbc-it.lock) is held during each mode (other tests use these addresses).
# Last stdout line: sip_bench mode=.. sbc_max_cps=.. kamailio_max_cps=.. direct_max_cps=.. ...
# (one "sip_bench" line per mode; the final "sip_summary" line joins them).
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
. "$ROOT/bench/lib/common.sh"
TOOL="$HERE/siptool.py"
HZ=$(getconf CLK_TCK)

MODES="bypass anchored" TARGETS="sbc kamailio direct"
START=500 MAX=40000 BISECT=4 DURATION=10 PAUSE_MS=1000 CPU_RATE=500 CPU_DURATION=20
CHILDREN=4 OUT="" LOCK=1 ONLY_STEP="" WARMUP_RATE=200 WARMUP_S=60 SETTLE=2 TRYING_GEN_CPUS=""
# Addresses: the issue's defaults; BENCH_NET=127.0.5 (say) moves all three to 127.0.5.10/20/30,
# for profiling runs that must not collide with tests bound to the default addresses.
NET=${BENCH_NET:-127.0.0}
PBX_IP=$NET.10 SBC_IP=$NET.20 CAR_IP=$NET.30 PORT=5060 NG=$NET.20:2223
SIPP_BUF=4194304
# The SBC's heap is committed and touched up front (like Kamailio's -m 1024 shared memory below):
# otherwise ZGC commits heap memory as the live set grows (the calls' transactions are kept 32 s),
# and it does so on the allocating thread, the signaling event loop: perf trace showed 77 fallocate
# calls in 5 s on sip-io-1-1 at 400 calls/s, 0.86 ms each, up to 6.4 ms (INVITE->100 tail). 2 GiB
# holds the live set at the maximum rates measured (~1,600 calls/s x 32 s x ~16 KB). The maximum is
# the same 2 GiB (-Xmx, as in ops/systemd/sbc.service): without it the JVM's default maximum is a
# quarter of RAM (6 GiB here), ZGC lets the heap grow past the touched 2 GiB before it collects, and
# every thread then allocates into fresh pages: at 790 anchored calls/s, ~15 s into a step, CPU per
# ng command and per SIP message rose ~2.5x and the step collapsed (INVITE->100 p99 1.3 s; session
# 7, bench/results/sip.md). An SBC_JAVA_OPTS set by the caller (even empty) replaces this.
export SBC_JAVA_OPTS="${SBC_JAVA_OPTS--Xms2g -Xmx2g -XX:+AlwaysPreTouch}"
while [ $# -gt 0 ]; do
	case "$1" in
		--modes) MODES=$2; shift 2 ;;
		--targets) TARGETS=$2; shift 2 ;;
		--start) START=$2; shift 2 ;;
		--max) MAX=$2; shift 2 ;;
		--bisect) BISECT=$2; shift 2 ;;
		--duration) DURATION=$2; shift 2 ;;
		--pause-ms) PAUSE_MS=$2; shift 2 ;;
		--cpu-rate) CPU_RATE=$2; shift 2 ;;
		--cpu-duration) CPU_DURATION=$2; shift 2 ;;
		--children) CHILDREN=$2; shift 2 ;;
		--out) OUT=$2; shift 2 ;;
		--no-lock) LOCK=0; shift ;;
		--only-step) ONLY_STEP=$2; shift 2 ;;
		--warmup) WARMUP_RATE=${2%x*} WARMUP_S=${2#*x}; shift 2 ;;
		--settle) SETTLE=$2; shift 2 ;;
		--trying-gen-cpus) TRYING_GEN_CPUS=$2; shift 2 ;;
		-h|--help) sed -n '2,35p' "$0"; exit 0 ;;
		*) echo "unknown arg $1" >&2; exit 2 ;;
	esac
done
[ "$DURATION" -le 120 ] && [ "$CPU_DURATION" -le 120 ] || { echo "durations capped at 120 s" >&2; exit 2; }
[ "$MAX" -le 50000 ] || { echo "rate capped at 50000" >&2; exit 2; }
[ "$SETTLE" -ge 0 ] && [ "$SETTLE" -le 120 ] || { echo "--settle is 0..120 s" >&2; exit 2; }

need sipp sip-tester
need python3 python3
need java openjdk-17-jdk-headless
for t in $TARGETS; do
	case "$t" in
		kamailio) need kamailio kamailio
			case " $MODES " in *" anchored "*) need rtpengine rtpengine-daemon
				[ -f /usr/lib/x86_64-linux-gnu/kamailio/modules/rtpengine.so ] ||
					{ echo "missing Kamailio's rtpengine module (kamailio-extra-modules)" >&2; exit 1; } ;; esac ;;
		sbc|direct) ;;
		*) echo "unknown target $t" >&2; exit 2 ;;
	esac
done
[ "$(id -u)" -eq 0 ] || echo "not root: the INVITE->100 sniffer (AF_PACKET) needs CAP_NET_RAW" >&2

OUT=${OUT:-$(mktemp -d -t sipbench.XXXXXX)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
log "results in $OUT"
# Anchored calls hold 4 relay sockets each: at 1,900 calls/s with 1.2 s calls that is ~10,000, and
# more while retransmissions keep calls up. A hard limit below 65536 caps it (EMFILE, failed calls).
ulimit -n 65536 2>/dev/null || log "open-file limit stays at $(ulimit -n) (hard limit $(ulimit -Hn)): anchored steps whose calls in progress need more sockets fail with EMFILE"

# The SBC jar: built (by ops/sbc, when stale) before any lock is taken.
case " $TARGETS " in *" sbc "*) "$ROOT/ops/sbc" version >&2 || exit 1 ;; esac   # SBC_NO_BUILD=1: never build

# --- process bookkeeping: every pid we start, stopped by pid
TARGET_PIDS="" RTPE_PID="" SIPP_PIDS="" SNIFF_PID=""
# Datagrams the kernel dropped because a target's UDP socket receive buffer was full (the last
# column of /proc/net/udp and udp6, summed over the sockets bound to the target's address): each
# drop costs SIPp a retransmission (500 ms later) and often a failed call.
SBC_IP_HEX=$(echo "$SBC_IP" | awk -F. '{ printf "%02X%02X%02X%02X", $4, $3, $2, $1 }')
sock_drops() { awk -v ip="$SBC_IP_HEX:" 'index($2, ip) { s += $NF } END { print s + 0 }' /proc/net/udp /proc/net/udp6 2>/dev/null; }
stop_sipp() { local p; for p in $SIPP_PIDS; do stop_pid "$p" 3; done; SIPP_PIDS=""; }
stop_target() {
	local p
	stop_sipp
	stop_pid "$SNIFF_PID" 3; SNIFF_PID=""
	# 35 s: the SBC drains calls in progress for up to 30 s on SIGTERM (a run ends right after an
	# overloaded step with hundreds of calls still open); a shorter grace ended in SIGKILL.
	for p in $TARGET_PIDS; do stop_pid "$p" 35; done; TARGET_PIDS=""
	stop_pid "$RTPE_PID" 5; RTPE_PID=""
}
trap 'stop_target; unlock' EXIT
trap 'stop_target; unlock; exit 130' INT TERM


start_sbc() {   # MODE RUNDIR
	local mode=$1 rd=$2
	mkdir -p "$rd"
	sed -e "s|@@RUNDIR@@|$rd|" -e "s/@@PBX_IP@@/$PBX_IP/g" -e "s/@@SBC_IP@@/$SBC_IP/g" \
		-e "s/@@CAR_IP@@/$CAR_IP/g" "$HERE/policy-$mode.yaml" >"$rd/policy.yaml"
	# ops/sbc exec's the JVM: $! is the SBC's pid
	(cd "$rd" && exec 9>&- && SBC_NO_BUILD=1 exec "$ROOT/ops/sbc" run --policy "$rd/policy.yaml") \
		>"$rd/sbc.log" 2>&1 &
	TARGET_PIDS=$!
	log "sbc pid $TARGET_PIDS ($mode)"
}

start_kamailio() {   # MODE RUNDIR
	local mode=$1 rd=$2 defs=""
	mkdir -p "$rd"
	if [ "$mode" = anchored ]; then
		defs="-A WITH_RTPENGINE"
		cat >"$rd/rtpengine.conf" <<-EOF
		[rtpengine]
		table = -1
		interface = $SBC_IP
		listen-ng = $NG
		foreground = true
		log-stderr = true
		log-level = 4
		port-min = 20000
		port-max = 59999
		timeout = 60
		delete-delay = 0
		num-threads = $(nproc)
		EOF
		(exec 9>&- && exec rtpengine --config-file="$rd/rtpengine.conf" --pidfile="$rd/rtpengine.pid") \
			>"$rd/rtpengine.log" 2>&1 &
		RTPE_PID=$!
		sleep 1
		kill -0 "$RTPE_PID" 2>/dev/null || { cat "$rd/rtpengine.log" >&2; return 1; }
		log "rtpengine pid $RTPE_PID"
	fi
	sed -e "s/@@SBC_IP@@/$SBC_IP/" -e "s/@@SBC_PORT@@/$PORT/" -e "s/@@PBX_IP@@/$PBX_IP/" \
		-e "s/@@CARRIER_IP@@/$CAR_IP/" -e "s/@@CARRIER_PORT@@/$PORT/" -e "s/@@CHILDREN@@/$CHILDREN/" \
		-e "s/@@MASK_IP@@/$NET.99/" -e "s/@@PIKE_DENSITY@@/60000/" -e "s/@@NG@@/$NG/" \
		-e "s|@@RUNDIR@@|$rd|" "$HERE/kamailio.cfg" >"$rd/kamailio.cfg"
	# shellcheck disable=SC2086
	kamailio -c -f "$rd/kamailio.cfg" $defs >"$rd/check.log" 2>&1 || { cat "$rd/check.log" >&2; return 1; }
	# -DD: the main process stays in the foreground ($!), workers are its children
	# shellcheck disable=SC2086
	(exec 9>&- && exec kamailio -f "$rd/kamailio.cfg" $defs -DD -E -m 1024 -M 32 -Y "$rd" -P "$rd/kamailio.pid") \
		>"$rd/kamailio.log" 2>&1 &
	TARGET_PIDS=$!
	log "kamailio pid $TARGET_PIDS ($mode)"
}

# step RATE DURATION DIR [trying]  -> STEP_LINE (+ trying figures); pass=1|0. Runs in this
# shell (not in $(...)) so that the traps know every pid it starts.
step() {
	local rate=$1 dur=$2 dir=$3 want_trying=${4:-} calls out uas uac t0 t1 c0 c1 d0 d1 i pids target line tr=""
	local pin=""   # the generator's CPUs in the INVITE->100 step (--trying-gen-cpus), else none
	[ -n "$want_trying" ] && [ -n "$TRYING_GEN_CPUS" ] && pin="taskset -c $TRYING_GEN_CPUS"
	calls=$((rate * dur))
	mkdir -p "$dir"
	target="$SBC_IP:$PORT"; [ "$TGT" = direct ] && target="$CAR_IP:$PORT"
	out=$(cd "$dir" && exec 9>&- && $pin sipp -sf "$HERE/uas.xml" -i "$CAR_IP" -p "$PORT" -bg -nostdin \
		-trace_err -error_file "$dir/uas_errors.log" -max_log_size 2000000 -buff_size "$SIPP_BUF" 2>&1)
	uas=$(echo "$out" | sed -n 's/.*PID=\[\([0-9]*\)\].*/\1/p' | tail -1)
	STEP_LINE="pass=0"
	[ -n "$uas" ] || { echo "UAS failed to start: $out" >&2; return 1; }
	SIPP_PIDS="$uas"
	sleep 0.3
	if [ -n "$want_trying" ]; then
		(exec 9>&- && exec $pin python3 "$TOOL" trying --pbx "$PBX_IP" --max-s $((dur + 40)) --out "$dir/trying.txt") \
			>"$dir/trying.log" 2>&1 &
		SNIFF_PID=$!
		sleep 0.5
	fi
	pids=""; [ -n "$TARGET_PIDS" ] && pids="$(proc_tree $TARGET_PIDS) $RTPE_PID"
	t0=$(date +%s.%N); c0=$(cpu_ticks $pids); d0=$(sock_drops)
	out=$(cd "$dir" && exec 9>&- && $pin sipp "$target" -sf "$HERE/uac.xml" -i "$PBX_IP" -p "$PORT" \
		-s callee -r "$rate" -rp 1000 -m "$calls" -d "$PAUSE_MS" \
		-recv_timeout 10000 -timeout "$((dur + PAUSE_MS / 1000 + 25))s" -timeout_error \
		-trace_stat -stf "$dir/uac_stat.csv" -fd 1 \
		-trace_err -error_file "$dir/uac_errors.log" -max_log_size 2000000 -buff_size "$SIPP_BUF" \
		-bg -nostdin 2>&1)
	uac=$(echo "$out" | sed -n 's/.*PID=\[\([0-9]*\)\].*/\1/p' | tail -1)
	[ -n "$uac" ] || { echo "UAC failed to start: $out" >&2; stop_sipp; return 1; }
	SIPP_PIDS="$uac $uas"
	for ((i = 0; i < (dur + PAUSE_MS / 1000 + 40) * 5; i++)); do
		kill -0 "$uac" 2>/dev/null || break
		sleep 0.2
	done
	t1=$(date +%s.%N); c1=$(cpu_ticks $pids); d1=$(sock_drops)
	stop_sipp
	if [ -n "$SNIFF_PID" ]; then
		stop_pid "$SNIFF_PID" 5; SNIFF_PID=""
		tr=$(sed 's/^trying //' "$dir/trying.txt" 2>/dev/null)
	fi
	line=$(python3 "$TOOL" step --stat "$dir/uac_stat.csv" --rate "$rate" --calls "$calls" --hz "$HZ" \
		--ticks $((c1 - c0)) --t0 "$t0" --t1 "$t1")
	[ -z "$pids" ] && line=$(echo "$line" | sed 's/target_cpu_pct=[^ ]* cpu_us_per_call=[^ ]*/target_cpu_pct=NA cpu_us_per_call=NA/')
	line="$line target_rcvbuf_drops=$((d1 - d0))${tr:+ $tr}${pin:+ gen_cpus=$TRYING_GEN_CPUS}"
	echo "$TGT/$MODE $line" | tee -a "$OUT/steps.log" >&2
	sleep "$SETTLE"   # let the target's timers (transaction wait, dialog cleanup) settle
	STEP_LINE=$line
}

# run_target -> sets R_MAX R_P99 R_P50 R_CPU
run_target() {
	local rd="$OUT/$MODE-$TGT" lo=0 hi=0 r n=0 line mid gap
	R_MAX=NA R_P99=NA R_P50=NA R_CPU=NA
	mkdir -p "$rd"
	case "$TGT" in
		sbc) start_sbc "$MODE" "$rd" || { stop_target; return 1; } ;;
		kamailio) start_kamailio "$MODE" "$rd" || { stop_target; return 1; } ;;
	esac
	if [ "$TGT" != direct ]; then
		if ! python3 "$TOOL" ping --from "$PBX_IP" --to "$SBC_IP:$PORT" --tries 120 >"$rd/ping.log" 2>&1; then
			log "$TGT does not answer OPTIONS"; tail -20 "$rd"/*.log >&2; stop_target; return 1
		fi
		log "$TGT answers: $(cat "$rd/ping.log")"
	fi
	if [ "$WARMUP_S" -gt 0 ] && [ "$WARMUP_RATE" -gt 0 ]; then
		step "$WARMUP_RATE" "$WARMUP_S" "$rd/warmup-r$WARMUP_RATE"
	fi
	if [ -n "$ONLY_STEP" ]; then
		step "$ONLY_STEP" "$CPU_DURATION" "$rd/only-r$ONLY_STEP" trying; line=$STEP_LINE
		R_CPU=$(kv cpu_us_per_call "$line"); R_P99=$(kv p99_us "$line"); R_P50=$(kv p50_us "$line")
		R_MAX=$([ "$(kv pass "$line")" = 1 ] && echo ">=$ONLY_STEP" || echo "<$ONLY_STEP")
		stop_target; return 0
	fi
	r=$START
	while [ "$r" -le "$MAX" ]; do
		n=$((n + 1)); step "$r" "$DURATION" "$rd/s$(printf %02d $n)-r$r"; line=$STEP_LINE
		if [ "$(kv pass "$line")" = 1 ]; then lo=$r; r=$((r * 2)); else hi=$r; break; fi
	done
	if [ "$hi" -gt 0 ]; then
		for ((i = 0; i < BISECT; i++)); do
			gap=$((hi - lo)); [ $gap -le $(( lo / 20 > 20 ? lo / 20 : 20 )) ] && break
			mid=$(( ((lo + hi) / 2 + 5) / 10 * 10 ))
			{ [ "$mid" -le "$lo" ] || [ "$mid" -ge "$hi" ]; } && break
			n=$((n + 1)); step "$mid" "$DURATION" "$rd/s$(printf %02d $n)-r$mid"; line=$STEP_LINE
			if [ "$(kv pass "$line")" = 1 ]; then lo=$mid; else hi=$mid; fi
		done
	fi
	R_MAX=$lo
	if [ "$lo" -gt 0 ]; then
		r=$(( (lo / 2 + 5) / 10 * 10 )); [ "$r" -lt 10 ] && r=10
		step "$r" "$DURATION" "$rd/half-r$r" trying; line=$STEP_LINE
		R_P99=$(kv p99_us "$line"); R_P50=$(kv p50_us "$line")
	fi
	if [ "$TGT" != direct ]; then
		step "$CPU_RATE" "$CPU_DURATION" "$rd/cpu-r$CPU_RATE"; line=$STEP_LINE
		R_CPU=$(kv cpu_us_per_call "$line")
	fi
	stop_target
}

summary=""
for MODE in $MODES; do
	case "$MODE" in bypass|anchored) ;; *) echo "unknown mode $MODE" >&2; exit 2 ;; esac
	declare -A MAXC=() P99=() P50=() CPU=()
	lock   # held for one mode (all its targets), released between modes
	for TGT in $TARGETS; do
		log "=== $MODE / $TGT"
		run_target
		MAXC[$TGT]=$R_MAX P99[$TGT]=$R_P99 P50[$TGT]=$R_P50 CPU[$TGT]=$R_CPU
		log "$MODE/$TGT max_cps=$R_MAX trying_p50_us=$R_P50 trying_p99_us=$R_P99 cpu_us_per_call=$R_CPU"
	done
	unlock
	line="mode=$MODE"
	for TGT in $TARGETS; do
		line="$line ${TGT}_max_cps=${MAXC[$TGT]} ${TGT}_trying_p99_us=${P99[$TGT]}"
		[ "$TGT" != direct ] && line="$line ${TGT}_cpu_us_per_call=${CPU[$TGT]}"
	done
	if [ -n "${MAXC[sbc]:-}" ] && [ -n "${MAXC[kamailio]:-}" ]; then
		line="$line cps_ratio_sbc_kamailio=$(ratio "${MAXC[sbc]}" "${MAXC[kamailio]}")"
		line="$line cpu_ratio_kamailio_sbc=$(ratio "${CPU[kamailio]}" "${CPU[sbc]}")"
	fi
	echo "sip_bench $line" | tee -a "$OUT/summary.txt"
	summary="$summary ${line// / ${MODE}.}"
	unset MAXC P99 P50 CPU
done
summary=$(echo "$summary" | sed "s/ mode=[a-z]*//g; s/^ //")
echo "sip_summary cpu_rate=$CPU_RATE duration_s=$DURATION $summary" | tee -a "$OUT/summary.txt"
