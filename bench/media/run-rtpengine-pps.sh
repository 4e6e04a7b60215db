#!/usr/bin/env bash
# Copied from the workplace peer harness (shared/peers/media) into the repository; bench/media/run.sh
# runs it for rtpengine and for this project's relay in one go.
# Media anchor: packets/s rtpengine (userspace, no kernel forwarding) relays with < 0.1% loss,
# its added latency at a moderate load, and a "physical limit" reference: a minimal C UDP
# forwarder (recvmmsg/sendmmsg busy loop) driven by the same generator.
#
#   side A ("PBX")     127.0.0.10:20000+2k   (rtpgen sockets)
#   relay ("SBC")      127.0.0.20            rtpengine: ng control on :2223, media ports 30000-59999
#                                            udpfwd reference: in 127.0.0.20:40000
#   side B ("carrier") 127.0.0.30:20000+2k   (rtpgen sockets)
#
# Usage: run-rtpengine-pps.sh [--runs N] [--lat-calls N] [--duration S] [--no-srtp] [--skip-cfwd]
#            [--ng HOST:PORT --no-rtpengine [--relay-pid PID]]   (any other ng relay, e.g. ours)
#            [--out DIR] [--no-pin] [--skip-direct]
#            [--max-p99-us N]   (relay searches also require p99 one-way latency <= N us;
#                                default: loss only, as the anchor definition says)
#            [--lat-bound-us N] (useful capacity: highest step with < 0.1 % loss and p99 <= N us,
#                                bisected on its own; default 1000, issue #4)
#            [--bisect N] [--lat-bisect N]   (search steps; defaults 4 and 3)
# By default the relay (rtpengine / udpfwd) is pinned to cpu 0 and the generator to cpu 1
# (taskset), so "relay" numbers are what one core does while the other core drives it.
# Final stdout line:
#   rtpengine_max_pps=N rtpengine_p99_us=N cforward_max_pps=N [more keys...]
# (with --no-rtpengine the rtpengine_ keys are named relay_)
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/lib/common.sh"

RUNS=3 LAT_CALLS=200 DURATION=8 SRTP=1 CFWD=1 USE_RTPE=1 NG="127.0.0.20:2223" RELAY_PID="" OUT="" PIN=1 DIRECT=1 MAXP99=""
LAT_BOUND=1000 BISECT=4 LAT_BISECT=3
while [ $# -gt 0 ]; do
	case "$1" in
		--runs) RUNS=$2; shift 2 ;;
		--lat-calls) LAT_CALLS=$2; shift 2 ;;
		--duration) DURATION=$2; shift 2 ;;
		--no-srtp) SRTP=0; shift ;;
		--skip-cfwd) CFWD=0; shift ;;
		--ng) NG=$2; shift 2 ;;
		--no-rtpengine) USE_RTPE=0; shift ;;
		--relay-pid) RELAY_PID=$2; shift 2 ;;
		--out) OUT=$2; shift 2 ;;
		--no-pin) PIN=0; shift ;;
		--skip-direct) DIRECT=0; shift ;;
		--max-p99-us) MAXP99=$2; shift 2 ;;
		--lat-bound-us) LAT_BOUND=$2; shift 2 ;;
		--bisect) BISECT=$2; shift 2 ;;
		--lat-bisect) LAT_BISECT=$2; shift 2 ;;
		*) echo "unknown arg $1" >&2; exit 2 ;;
	esac
done
check_loopback "$NG"
[ "$RUNS" -le 10 ] || { echo "runs capped at 10" >&2; exit 2; }

ensure_pkgs gcc libc6-dev libsrtp2-dev python3-pylibsrtp sysstat
[ $USE_RTPE -eq 1 ] && ensure_pkgs rtpengine-daemon

OUT=${OUT:-$(mktemp -d -t peers.XXXXXX)}
mkdir -p "$OUT" "$HERE/build"
log "results in $OUT"
gcc -O2 -Wall -Wno-unused-variable -o "$HERE/build/rtpgen" "$HERE/rtpgen.c" -DWITH_SRTP -lsrtp2
gcc -O2 -Wall -o "$HERE/build/udpfwd" "$HERE/udpfwd.c"

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE=$(ulimit -n)
# rtpengine opens 4 sockets per call (RTP+RTCP on each side); keep headroom
MAX_CALLS=$(((NOFILE - 500) / 4)); [ $MAX_CALLS -gt 7000 ] && MAX_CALLS=7000
log "open-files limit $NOFILE -> at most $MAX_CALLS calls"

RTPE_PID="" FWD_PID=""
cleanup() { stop_pid "$FWD_PID" 3; FWD_PID=""; stop_pid "$RTPE_PID" 5; RTPE_PID=""; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

start_rtpengine() {
	local rd=$OUT/rtpengine
	mkdir -p "$rd"
	cat >"$rd/rtpengine.conf" <<-EOF
	[rtpengine]
	table = -1
	interface = ${NG%:*}
	listen-ng = $NG
	foreground = true
	log-stderr = true
	log-level = 4
	port-min = 30000
	port-max = 59999
	timeout = 60
	delete-delay = 0
	num-threads = $(nproc)
	EOF
	# --table=-1 (in the file): no kernel forwarding, everything in userspace
	$RELAY_PIN rtpengine --config-file="$rd/rtpengine.conf" --pidfile="$rd/rtpengine.pid" >"$rd/rtpengine.log" 2>&1 &
	RTPE_PID=$!
	sleep 2
	kill -0 "$RTPE_PID" 2>/dev/null || { cat "$rd/rtpengine.log" >&2; exit 1; }
	log "rtpengine pid $RTPE_PID ($(rtpengine --version 2>&1 | head -1))"
}

NGLOAD=("$PY" "$HERE/ngload.py")
RELAY_PIN=""
if [ $PIN -eq 1 ] && [ "$(nproc)" -ge 2 ]; then
	RELAY_PIN="taskset -c 0"   # relay on cpu 0 ...
	NGLOAD+=(--gen-cpu 1)      # ... load generator on cpu 1
fi
kv() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | tail -1; }

if [ $USE_RTPE -eq 1 ]; then
	start_rtpengine
	RELAY_PID=$RTPE_PID
fi
"$PY" -c "
import sys; sys.path.insert(0, '$HERE')
from ngclient import NgClient
h, p = '$NG'.rsplit(':', 1)
print('ng ping:', NgClient(h, int(p)).cmd('ping'))" >&2 || { echo "relay does not answer ng ping on $NG" >&2; exit 1; }

COMMON=(--ng "$NG" --duration "$DURATION" --warmup 2 --max-calls "$MAX_CALLS")
SEARCH=(--lat-bound-us "$LAT_BOUND" --bisect "$BISECT" --lat-bisect "$LAT_BISECT")
[ -n "$RELAY_PID" ] && COMMON+=(--relay-pid "$RELAY_PID")
[ -n "$MAXP99" ] && COMMON+=(--max-p99-us "$MAXP99")

relay_pps=() relay_calls=() relay_p50=() relay_p99=() srtp_pps=() srtp_p99=() relay_lat_pps=() srtp_lat_pps=()
relay_gen_lim=() srtp_gen_lim=() relay_max_p50=()
cf_pps=() cf_p99=() cf_lat_pps=() direct_pps=() direct_p99=()
for ((run = 1; run <= RUNS; run++)); do
	# --- relay: max pps (plain RTP both ways)
	l=$("${NGLOAD[@]}" search --mode relay "${COMMON[@]}" "${SEARCH[@]}" --start 250 --workdir "$OUT/work" \
		2> >(tee -a "$OUT/relay-run$run.err" >&2) | tee "$OUT/relay-run$run.log" | tail -1)
	log "$l"
	relay_pps+=("$(kv max_pps "$l")"); relay_calls+=("$(kv max_calls "$l")")
	relay_lat_pps+=("$(kv max_pps_within_lat "$l")")
	relay_gen_lim+=("$(kv first_fail_gen_limited "$l")"); relay_max_p50+=("$(kv max_p50_us "$l")")
	# --- relay: latency at a moderate load
	l=$("${NGLOAD[@]}" step --mode relay "${COMMON[@]}" --calls "$LAT_CALLS" --workdir "$OUT/work" | tee "$OUT/relay-lat-run$run.log" | tail -1)
	log "$l"
	relay_p50+=("$(kv lat_p50_us "$l")"); relay_p99+=("$(kv lat_p99_us "$l")")
	if [ $SRTP -eq 1 ]; then
		[ $run -eq 1 ] && { "$PY" "$HERE/srtp_check.py" --ng "$NG" | tee "$OUT/srtp-check.log" >&2 || true; }
		l=$("${NGLOAD[@]}" search --mode relay --srtp "${COMMON[@]}" "${SEARCH[@]}" --start 250 --workdir "$OUT/work" \
			2> >(tee -a "$OUT/srtp-run$run.err" >&2) | tee "$OUT/srtp-run$run.log" | tail -1)
		log "$l"; srtp_pps+=("$(kv max_pps "$l")"); srtp_lat_pps+=("$(kv max_pps_within_lat "$l")")
		srtp_gen_lim+=("$(kv first_fail_gen_limited "$l")")
		l=$("${NGLOAD[@]}" step --mode relay --srtp "${COMMON[@]}" --calls "$LAT_CALLS" --workdir "$OUT/work" | tee "$OUT/srtp-lat-run$run.log" | tail -1)
		log "$l"; srtp_p99+=("$(kv lat_p99_us "$l")")
	fi
	if [ $CFWD -eq 1 ]; then
		# --- reference: minimal C forwarder, one socket in, one out, busy loop
		$RELAY_PIN "$HERE/build/udpfwd" 127.0.0.20 40000 127.0.0.20 127.0.0.30 20000 600 2>"$OUT/udpfwd-run$run.log" &
		FWD_PID=$!
		sleep 0.5
		l=$("${NGLOAD[@]}" search --mode static --static-dst 127.0.0.20:40000 --relay-pid "$FWD_PID" \
			--duration "$DURATION" --warmup 2 --max-calls 20000 --start 500 "${SEARCH[@]}" --workdir "$OUT/work" \
			2> >(tee -a "$OUT/cfwd-run$run.err" >&2) | tee "$OUT/cfwd-run$run.log" | tail -1)
		log "$l"; cf_pps+=("$(kv max_pps "$l")"); cf_lat_pps+=("$(kv max_pps_within_lat "$l")")
		l=$("${NGLOAD[@]}" step --mode static --static-dst 127.0.0.20:40000 --relay-pid "$FWD_PID" \
			--duration "$DURATION" --warmup 2 --calls "$LAT_CALLS" --workdir "$OUT/work" | tee "$OUT/cfwd-lat-run$run.log" | tail -1)
		log "$l"; cf_p99+=("$(kv lat_p99_us "$l")")
		stop_pid "$FWD_PID" 3; FWD_PID=""
	fi
	# --- generator alone (A <-> B directly, no relay): its own ceiling and latency floor
	if [ $run -eq 1 ] && [ $DIRECT -eq 1 ]; then
		l=$("${NGLOAD[@]}" search --mode direct --duration "$DURATION" --warmup 2 --max-calls 20000 --start 500 \
			--workdir "$OUT/work" | tee "$OUT/direct-run$run.log" | tail -1)
		log "$l"; direct_pps+=("$(kv max_pps "$l")")
		l=$("${NGLOAD[@]}" step --mode direct --duration "$DURATION" --warmup 2 --calls "$LAT_CALLS" \
			--workdir "$OUT/work" | tee "$OUT/direct-lat-run$run.log" | tail -1)
		log "$l"; direct_p99+=("$(kv lat_p99_us "$l")")
	fi
done

p=rtpengine; [ $USE_RTPE -eq 1 ] || p=relay
{
	echo "# runs: ${p}_pps=${relay_pps[*]} ${p}_calls=${relay_calls[*]} ${p}_p50=${relay_p50[*]} ${p}_p99=${relay_p99[*]} ${p}_useful_pps=${relay_lat_pps[*]} ${p}_srtp_useful_pps=${srtp_lat_pps[*]:-} (p99 <= $LAT_BOUND us)"
	echo "#       srtp_pps=${srtp_pps[*]:-} srtp_p99=${srtp_p99[*]:-} cforward_pps=${cf_pps[*]:-} cforward_p99=${cf_p99[*]:-} direct_pps=${direct_pps[*]:-} direct_p99=${direct_p99[*]:-}"
	echo "${p}_max_pps=$(median "${relay_pps[@]}") ${p}_p99_us=$(median "${relay_p99[@]}") cforward_max_pps=$([ $CFWD -eq 1 ] && median "${cf_pps[@]}" || echo NA)" \
		"${p}_max_calls=$(median "${relay_calls[@]}") ${p}_p50_us=$(median "${relay_p50[@]}")" \
		"lat_bound_us=$LAT_BOUND ${p}_useful_pps=$(median "${relay_lat_pps[@]}")" \
		"${p}_srtp_useful_pps=$([ $SRTP -eq 1 ] && median "${srtp_lat_pps[@]}" || echo NA)" \
		"cforward_useful_pps=$([ $CFWD -eq 1 ] && median "${cf_lat_pps[@]}" || echo NA)" \
		"${p}_srtp_max_pps=$([ $SRTP -eq 1 ] && median "${srtp_pps[@]}" || echo NA) ${p}_srtp_p99_us=$([ $SRTP -eq 1 ] && median "${srtp_p99[@]}" || echo NA)" \
		"cforward_p99_us=$([ $CFWD -eq 1 ] && median "${cf_p99[@]}" || echo NA) direct_max_pps=$(median "${direct_pps[@]}") direct_p99_us=$(median "${direct_p99[@]}")" \
		"${p}_max_p50_us=$(median "${relay_max_p50[@]}") ${p}_max_gen_limited=$(median "${relay_gen_lim[@]}")" \
		"${p}_srtp_max_gen_limited=$([ $SRTP -eq 1 ] && median "${srtp_gen_lim[@]}" || echo NA)"
} | tee "$OUT/summary.txt"
