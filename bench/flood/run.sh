#!/usr/bin/env bash
# SIP flood absorption: the largest flood (datagrams/s) under which legitimate calls still succeed
# at >= 99.9%, the SBC against Kamailio with pike, the same flood in the same run (issue #6).
#
#   PBX       SIPp UAC (bench/sip/uac.xml)  127.0.0.10:5060   --rate calls/s (default 50)
#   target    the SBC                       127.0.0.20:5060   (bench/flood/policy.yaml: realm pbx
#                                                              open to anyone, 50 msg/s + burst 100
#                                                              per source, 300 s auto-ban; the PBX
#                                                              trusted as pbx-trunk's gateway)
#             or Kamailio                   127.0.0.20:5060   (bench/sip/kamailio.cfg: tm rr dialog
#                                                              topoh pike sanity; pike density
#                                                              --pike-density per 2 s per source)
#   carrier   SIPp UAS (bench/sip/uas.xml)  127.0.0.30:5060
#   flooders  bench/flood/flood.c           127.1.S.50 .. 127.1.S.(50+N-1), S = step number:
#             fresh sources every step, so every step sees new flooders (ban/pike tables start
#             clean for them, the ban latency is part of every step)
#
# For each target, sequentially (the IT lock held during each target's run unless --no-lock):
#   1. start it, wait until it answers OPTIONS, one unrecorded warm-up step (legit calls, no flood);
#   2. steps of --duration s: UAS up, flood at R datagrams/s (INVITE, or --method OPTIONS|MIX)
#      started 1 s before the UAC, the UAC places --rate calls/s; the step passes when >= 99.9% of
#      its calls succeed (failed + unfinished <= 0.1%) and >= 95% of the asked call rate was
#      offered; the flood must reach >= 90% of R (else the step is the generator's ceiling and
#      the search stops there);
#   3. ramp over --ramp (default 5k 10k 20k 50k 100k 200k) until a step fails, then bisect
#      (--bisect steps); max = the largest passing flood rate;
#   4. per step: the target's CPU% (utime+stime of its process tree over the step, % of one core),
#      the flooder's achieved rate, and whether the flooders were blocked (SBC: /api/bans entries
#      of this step's sources, gate drop counters from /metrics; Kamailio: pike.top over kamcmd).
# Every process started here is stopped by its PID; every step is bounded in time and count.
#
# Usage: bench/flood/run.sh [--targets "sbc kamailio"] [--rate CPS] [--duration S]
#          [--ramp "5000 10000 ..."] [--bisect N] [--sources N] [--method INVITE|OPTIONS|MIX]
#          [--pike-density N] [--children N] [--out DIR] [--no-lock]
# Last stdout line: flood_bench sbc_max_flood_pps=.. sbc_max_is=exact|lower .. kamailio_max_flood_pps=..
#   ratio=.. (a "lower" max: the flooder's ceiling or the end of --ramp was reached first, so the
#   ratio is then a lower bound too). Per-step lines: OUT/steps.log.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
. "$ROOT/bench/lib/common.sh"
SIP="$ROOT/bench/sip"   # reused as is: uac.xml, uas.xml, siptool.py, kamailio.cfg
TOOL="$SIP/siptool.py"
HZ=$(getconf CLK_TCK)

TARGETS="sbc kamailio" RATE=50 DURATION=15 RAMP="5000 10000 20000 50000 100000 200000" BISECT=3
SOURCES=8 METHOD=INVITE PIKE_DENSITY=1000 CHILDREN=4 OUT="" LOCK=1 PAUSE_MS=1000
PBX_IP=127.0.0.10 SBC_IP=127.0.0.20 CAR_IP=127.0.0.30 PORT=5060 ADMIN=127.0.0.20:8089
SIPP_BUF=4194304
while [ $# -gt 0 ]; do
	case "$1" in
		--targets) TARGETS=$2; shift 2 ;;
		--rate) RATE=$2; shift 2 ;;
		--duration) DURATION=$2; shift 2 ;;
		--ramp) RAMP=$2; shift 2 ;;
		--bisect) BISECT=$2; shift 2 ;;
		--sources) SOURCES=$2; shift 2 ;;
		--method) METHOD=$2; shift 2 ;;
		--pike-density) PIKE_DENSITY=$2; shift 2 ;;
		--children) CHILDREN=$2; shift 2 ;;
		--out) OUT=$2; shift 2 ;;
		--no-lock) LOCK=0; shift ;;
		-h|--help) sed -n '2,36p' "$0"; exit 0 ;;
		*) echo "unknown arg $1" >&2; exit 2 ;;
	esac
done
[ "$DURATION" -le 60 ] || { echo "--duration capped at 60 s" >&2; exit 2; }
[ "$SOURCES" -ge 1 ] && [ "$SOURCES" -le 64 ] || { echo "--sources 1-64" >&2; exit 2; }
for r in $RAMP; do [ "$r" -le 1000000 ] || { echo "flood rate capped at 1000000/s" >&2; exit 2; }; done
case "$METHOD" in INVITE|OPTIONS|MIX) ;; *) echo "--method INVITE|OPTIONS|MIX" >&2; exit 2 ;; esac

need sipp sip-tester
need python3 python3
need gcc gcc
need curl curl
for t in $TARGETS; do
	case "$t" in
		kamailio) need kamailio kamailio ;;
		sbc) need java openjdk-17-jdk-headless ;;
		*) echo "unknown target $t" >&2; exit 2 ;;
	esac
done

OUT=${OUT:-$(mktemp -d -t floodbench.XXXXXX)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
log "results in $OUT"
ulimit -n 65536 2>/dev/null || true

# The flooder, compiled into the run directory.
FLOOD="$OUT/flood"
gcc -O2 -Wall -Wextra -o "$FLOOD" "$HERE/flood.c" || exit 1
# The SBC jar: built (by ops/sbc, when stale) before any lock is taken.
case " $TARGETS " in *" sbc "*) "$ROOT/ops/sbc" version >&2 || exit 1 ;; esac

# --- process bookkeeping: every pid we start, stopped by pid (as bench/sip/run.sh)
TARGET_PIDS="" SIPP_PIDS="" FLOOD_PID=""
stop_sipp() { local p; for p in $SIPP_PIDS; do stop_pid "$p" 3; done; SIPP_PIDS=""; }
stop_flood() { stop_pid "$FLOOD_PID" 3; FLOOD_PID=""; }
stop_target() {
	local p
	stop_flood
	stop_sipp
	for p in $TARGET_PIDS; do stop_pid "$p" 35; done; TARGET_PIDS=""   # the SBC drains up to 30 s
}
trap 'stop_target; unlock' EXIT
trap 'stop_target; unlock; exit 130' INT TERM

udp_rcvbuf_errors() {   # host-wide UDP datagrams dropped on full receive buffers (/proc/net/snmp)
	awk '$1 == "Udp:" { if (!h) { for (i = 2; i <= NF; i++) if ($i == "RcvbufErrors") c = i; h = 1 } else print $c + 0 }' /proc/net/snmp
}

start_sbc() {   # RUNDIR
	local rd=$1
	sed -e "s|@@RUNDIR@@|$rd|" -e "s/@@PBX_IP@@/$PBX_IP/g" -e "s/@@SBC_IP@@/$SBC_IP/g" \
		-e "s/@@CAR_IP@@/$CAR_IP/g" "$HERE/policy.yaml" >"$rd/policy.yaml"
	# ops/sbc exec's the JVM: $! is the SBC's pid
	(cd "$rd" && exec 9>&- && SBC_NO_BUILD=1 exec "$ROOT/ops/sbc" run --policy "$rd/policy.yaml") \
		>"$rd/sbc.log" 2>&1 &
	TARGET_PIDS=$!
	log "sbc pid $TARGET_PIDS"
}

start_kamailio() {   # RUNDIR
	local rd=$1
	# bench/sip/kamailio.cfg as is, but for the per-request xlog of pike's blocks: one stderr line
	# per dropped datagram would make Kamailio's cost of a flood its logging (pike.top reports
	# the blocked sources instead).
	sed -e "s/@@SBC_IP@@/$SBC_IP/" -e "s/@@SBC_PORT@@/$PORT/" -e "s/@@PBX_IP@@/$PBX_IP/" \
		-e "s/@@CARRIER_IP@@/$CAR_IP/" -e "s/@@CARRIER_PORT@@/$PORT/" -e "s/@@CHILDREN@@/$CHILDREN/" \
		-e "s/@@MASK_IP@@/127.0.0.99/" -e "s/@@PIKE_DENSITY@@/$PIKE_DENSITY/" -e "s/@@NG@@/$SBC_IP:2223/" \
		-e "s|@@RUNDIR@@|$rd|" -e '/xlog("L_ALERT", "pike: blocking/d' "$SIP/kamailio.cfg" >"$rd/kamailio.cfg"
	kamailio -c -f "$rd/kamailio.cfg" >"$rd/check.log" 2>&1 || { cat "$rd/check.log" >&2; return 1; }
	# -DD: the main process stays in the foreground ($!), workers are its children
	(exec 9>&- && exec kamailio -f "$rd/kamailio.cfg" -DD -E -m 1024 -M 32 -Y "$rd" -P "$rd/kamailio.pid") \
		>"$rd/kamailio.log" 2>&1 &
	TARGET_PIDS=$!
	log "kamailio pid $TARGET_PIDS"
}

flood_sources() {   # STEP -> source address arguments
	local s=$1 i a=""
	for ((i = 0; i < SOURCES; i++)); do a="$a --src 127.1.$s.$((50 + i))"; done
	echo "$a"
}

blocked() {   # STEP RUNDIR -> "blocked=K/N extra"
	local s=$1 rd=$2 n=0 i out drops
	case "$TGT" in
		sbc)
			out=$(curl -s -m 5 "http://$ADMIN/api/bans" 2>/dev/null)
			for ((i = 0; i < SOURCES; i++)); do
				echo "$out" | grep -q "\"127\\.1\\.$s\\.$((50 + i))\"" && n=$((n + 1))
			done
			drops=$(curl -s -m 5 "http://$ADMIN/metrics" 2>/dev/null | tee "$rd/metrics.txt" |
				awk '/^sbc_gate_dropped_total/ { split($0, a, "reason=\""); split(a[2], b, "\"");
					d[b[1]] += $NF } END { s = ""; for (k in d) s = s k ":" sprintf("%.0f", d[k]) ","; print s }')
			echo "blocked=$n/$SOURCES gate_drops_total=${drops%,}" ;;
		kamailio)
			out=$(kamcmd -s "unix:$rd/kamailio_ctl" pike.top ALL 2>&1)
			echo "$out" >"$rd/pike-top.txt"
			# pike.top: one block per address; "status: HOT" is an address pike is dropping
			n=$(echo "$out" | awk -v pre="127.1.$s." '$1 == "ip_addr:" { ip = $2 }
				$1 == "status:" && $2 == "HOT" && index(ip, pre) == 1 { n++ } END { print n + 0 }')
			echo "blocked=$n/$SOURCES" ;;
	esac
}

# step STEPNO FLOOD_PPS DIR -> STEP_LINE. Runs in this shell so the traps know every pid.
step() {
	local sn=$1 pps=$2 dir=$3 calls out uas uac t0 t1 c0 c1 i pids line fl="" bl=""
	local ok failed unfinished fail_pct achieved pass fpps gen=0 f0=0 f1=0 q0 q1
	calls=$((RATE * DURATION))
	mkdir -p "$dir"
	STEP_LINE="pass=0"
	out=$(cd "$dir" && exec 9>&- && sipp -sf "$SIP/uas.xml" -i "$CAR_IP" -p "$PORT" -bg -nostdin \
		-trace_err -error_file "$dir/uas_errors.log" -max_log_size 2000000 -buff_size "$SIPP_BUF" 2>&1)
	uas=$(echo "$out" | sed -n 's/.*PID=\[\([0-9]*\)\].*/\1/p' | tail -1)
	[ -n "$uas" ] || { echo "UAS failed to start: $out" >&2; return 1; }
	SIPP_PIDS="$uas"
	sleep 0.3
	pids="$(proc_tree $TARGET_PIDS)"
	if [ "$pps" -gt 0 ]; then
		# shellcheck disable=SC2046
		(exec 9>&- && exec "$FLOOD" --to "$SBC_IP:$PORT" $(flood_sources "$sn") --pps "$pps" \
			--seconds $((DURATION + PAUSE_MS / 1000 + 30)) --method "$METHOD") >"$dir/flood.txt" 2>&1 &
		FLOOD_PID=$!
		sleep 1
	fi
	t0=$(date +%s.%N); c0=$(cpu_ticks $pids); q0=$(udp_rcvbuf_errors)
	[ -n "$FLOOD_PID" ] && f0=$(cpu_ticks "$FLOOD_PID")
	out=$(cd "$dir" && exec 9>&- && sipp "$SBC_IP:$PORT" -sf "$SIP/uac.xml" -i "$PBX_IP" -p "$PORT" \
		-s callee -r "$RATE" -rp 1000 -m "$calls" -d "$PAUSE_MS" \
		-recv_timeout 10000 -timeout "$((DURATION + PAUSE_MS / 1000 + 25))s" -timeout_error \
		-trace_stat -stf "$dir/uac_stat.csv" -fd 1 \
		-trace_err -error_file "$dir/uac_errors.log" -max_log_size 2000000 -buff_size "$SIPP_BUF" \
		-bg -nostdin 2>&1)
	uac=$(echo "$out" | sed -n 's/.*PID=\[\([0-9]*\)\].*/\1/p' | tail -1)
	[ -n "$uac" ] || { echo "UAC failed to start: $out" >&2; stop_flood; stop_sipp; return 1; }
	SIPP_PIDS="$uac $uas"
	for ((i = 0; i < (DURATION + PAUSE_MS / 1000 + 40) * 5; i++)); do
		kill -0 "$uac" 2>/dev/null || break
		sleep 0.2
	done
	t1=$(date +%s.%N); c1=$(cpu_ticks $pids); q1=$(udp_rcvbuf_errors)
	[ -n "$FLOOD_PID" ] && f1=$(cpu_ticks "$FLOOD_PID")
	[ "$pps" -gt 0 ] && bl=$(blocked "$sn" "$(dirname "$dir")")
	stop_flood   # SIGTERM: the flooder prints its totals
	stop_sipp
	[ "$pps" -gt 0 ] && fl=$(cat "$dir/flood.txt" 2>/dev/null | tail -1)
	line=$(python3 "$TOOL" step --stat "$dir/uac_stat.csv" --rate "$RATE" --calls "$calls" --hz "$HZ" \
		--ticks $((c1 - c0)) --t0 "$t0" --t1 "$t1")
	ok=$(kv ok "$line") failed=$(kv failed "$line") unfinished=$(kv unfinished "$line")
	achieved=$(kv achieved_cps "$line")
	fail_pct=$(awk -v f="$failed" -v u="$unfinished" -v c="$calls" 'BEGIN { printf "%.3f", 100 * (f + u) / c }')
	pass=$(awk -v f="$fail_pct" -v a="$achieved" -v r="$RATE" 'BEGIN { print (f <= 0.1 && a >= 0.95 * r) ? 1 : 0 }')
	fpps=$(kv pps "$fl"); fpps=${fpps:-0}
	[ "$pps" -gt 0 ] && awk -v a="$fpps" -v r="$pps" 'BEGIN { exit !(a < 0.9 * r) }' && gen=1
	STEP_LINE="flood_pps=$pps flood_achieved_pps=$fpps gen_limited=$gen calls=$calls ok=$ok failed=$failed"
	STEP_LINE="$STEP_LINE unfinished=$unfinished success_pct=$(awk -v f="$fail_pct" 'BEGIN { printf "%.3f", 100 - f }')"
	STEP_LINE="$STEP_LINE achieved_cps=$achieved target_cpu_pct=$(kv target_cpu_pct "$line")"
	STEP_LINE="$STEP_LINE flooder_cpu_pct=$(awk -v t=$((f1 - f0)) -v hz="$HZ" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", 100 * t / hz / (b - a) }')"
	STEP_LINE="$STEP_LINE kernel_udp_rcvbuf_drops=$((q1 - q0)) $bl pass=$pass"
	echo "$TGT s$sn $STEP_LINE" | tee -a "$OUT/steps.log" >&2
	sleep 3   # let the target's transactions of the flood time out before the next step
}

# run_target -> R_MAX R_CPU R_US R_BLOCKED R_BOUND R_NOTE
run_target() {
	local rd="$OUT/$TGT" lo=0 hi=0 r n=0 line mid lo_line="" gap
	R_MAX=NA R_CPU=NA R_US=NA R_BLOCKED=NA R_BOUND=exact R_NOTE=""
	mkdir -p "$rd"
	case "$TGT" in
		sbc) start_sbc "$rd" || { stop_target; return 1; } ;;
		kamailio) start_kamailio "$rd" || { stop_target; return 1; } ;;
	esac
	if ! python3 "$TOOL" ping --from "$PBX_IP" --to "$SBC_IP:$PORT" --tries 120 >"$rd/ping.log" 2>&1; then
		log "$TGT does not answer OPTIONS"; tail -20 "$rd"/*.log >&2; stop_target; return 1
	fi
	log "$TGT answers: $(cat "$rd/ping.log")"
	step 0 0 "$rd/s00-warmup"   # no flood, unrecorded: JIT, and the legit path works at all
	# not part of the result: the SBC refuses the first calls after start (503 Retry-After 5)
	[ "$(kv pass "$STEP_LINE")" = 1 ] || R_NOTE="warm-up without flood: $(kv success_pct "$STEP_LINE")% success;"
	for r in $RAMP; do
		n=$((n + 1)); step "$n" "$r" "$rd/s$(printf %02d $n)-f$r"; line=$STEP_LINE
		if [ "$(kv pass "$line")" = 1 ]; then
			lo=$r lo_line=$line
			if [ "$(kv gen_limited "$line")" = 1 ]; then
				lo=$(kv flood_achieved_pps "$line"); R_NOTE="${R_NOTE}generator ceiling at $lo/s (asked $r);"; R_BOUND=lower; hi=0; break
			fi
		else hi=$r; break; fi
	done
	if [ "$hi" -gt 0 ]; then
		for ((i = 0; i < BISECT; i++)); do
			gap=$((hi - lo)); [ $gap -le $(( lo / 10 > 500 ? lo / 10 : 500 )) ] && break
			mid=$(( ((lo + hi) / 2 + 500) / 1000 * 1000 ))
			{ [ "$mid" -le "$lo" ] || [ "$mid" -ge "$hi" ]; } && break
			n=$((n + 1)); step "$n" "$mid" "$rd/s$(printf %02d $n)-f$mid"; line=$STEP_LINE
			if [ "$(kv pass "$line")" = 1 ] && [ "$(kv gen_limited "$line")" = 0 ]; then lo=$mid lo_line=$line; else hi=$mid; fi
		done
	elif [ -z "$R_NOTE" ] || [ "${R_NOTE#*generator}" = "$R_NOTE" ]; then
		R_NOTE="${R_NOTE}every ramp step passed (max is a lower bound);"; R_BOUND=lower
	fi
	R_MAX=$lo
	if [ -n "$lo_line" ]; then
		R_CPU=$(kv target_cpu_pct "$lo_line") R_BLOCKED=$(kv blocked "$lo_line")
		# CPU of the target per flood datagram at the max (legit calls included: an upper bound)
		R_US=$(awk -v c="$R_CPU" -v p="$(kv flood_achieved_pps "$lo_line")" 'BEGIN { if (p > 0) printf "%.1f", c / 100 / p * 1e6; else print "NA" }')
	fi
	stop_target
}

declare -A MAXF=()
line=""
for TGT in $TARGETS; do
	log "=== $TGT"
	lock   # held for one target's run, released between targets
	run_target
	unlock
	MAXF[$TGT]=$R_MAX
	log "$TGT max_flood_pps=$R_MAX ($R_BOUND) cpu_pct_at_max=$R_CPU blocked_at_max=$R_BLOCKED ${R_NOTE:+note: $R_NOTE}"
	echo "$TGT note=${R_NOTE:-none}" >>"$OUT/summary.txt"
	line="$line ${TGT}_max_flood_pps=$R_MAX ${TGT}_max_is=$R_BOUND ${TGT}_cpu_pct_at_max=$R_CPU"
	line="$line ${TGT}_cpu_us_per_flood_dgram=$R_US ${TGT}_blocked_at_max=$R_BLOCKED"
done
if [ -n "${MAXF[sbc]:-}" ] && [ -n "${MAXF[kamailio]:-}" ]; then
	line="$line ratio=$(ratio "${MAXF[sbc]}" "${MAXF[kamailio]}")"
fi
echo "flood_bench${line} legit_cps=$RATE step_s=$DURATION sources=$SOURCES method=$METHOD pike_density=$PIKE_DENSITY" |
	tee -a "$OUT/summary.txt"
