#!/usr/bin/env bash
# Runs the issue-#2 JMH command for the SIP parser only while this core runs near its best speed.
#
# On a shared virtual machine the same parse in the same JVM takes 1.0-2.4 times its best time from
# one half second to the next (other tenants of the host; see SipParseSpeedProbe), so a JMH figure
# taken at a random moment measures the neighbours. This script probes the core every ~15 s
# (SipParseSpeedProbe: 2 s warm-up, 8 windows of 0.25 s) and starts JMH right after a probe whose
# median and slowest window are within the given bounds, then probes again after it. Every probe
# and every JMH run is kept in OUT: report them all, not only the best.
#
#   bench/codec/quiet-jmh.sh [--until HHMM] [--median NS] [--max NS] [--runs N] [--out DIR]
#                            [--benchmarks "parseLazy parseFull"] [--jar JAR]
#
# Defaults: --until two hours from now, --median 1000, --max 1100 (this machine's best is ~920 ns
# per lazy parse), --runs 3, --out /tmp/quiet-jmh-HHMMSS, both benchmarks, bench/target/benchmarks.jar
# (built by bench/jmh when missing). Holds /tmp/sbc-it.lock from each probe to the end of its JMH
# runs, so the SIP and flood harnesses and the integration tests never share the cores with it.
# Each JMH run is the command from bench/RESULTS.md for one benchmark:
#   java -jar JAR 'SipParseBenchmark.NAME' -f 2 -wi 5 -i 8 -w 2s -r 2s -prof gc
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
until='' median=1000 max=1100 runs=3 out=/tmp/quiet-jmh-$(date +%H%M%S)
benchmarks="parseLazy parseFull" jar=''
while [ $# -gt 0 ]; do
  case "$1" in
    --until) until=$2; shift 2 ;;
    --median) median=$2; shift 2 ;;
    --max) max=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --benchmarks) benchmarks=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    *) echo "quiet-jmh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$jar" ]; then
  jar="$root/bench/target/benchmarks.jar"
  "$root/bench/jmh" -l > /dev/null   # builds the jar when it is missing or older than a source
fi
# The deadline as a time of day: the next HH:MM to come (tomorrow's when today's has passed).
if [ -n "$until" ]; then
  deadline=$(date -d "${until:0:2}:${until:2:2}" +%s) || { echo "quiet-jmh: --until wants HHMM" >&2; exit 2; }
  [ "$deadline" -gt "$(date +%s)" ] || deadline=$((deadline + 86400))
else
  deadline=$(( $(date +%s) + 7200 ))
fi
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
mkdir -p "$out"
log="$out/probes.log"
probe() { "$java_bin" -cp "$jar" io.sbc.bench.codec.SipParseSpeedProbe 2>&1 | tail -1; }
quiet() {
  local m x
  m=$(sed -n 's/.*median_ns=\([0-9]*\).*/\1/p' <<< "$1")
  x=$(sed -n 's/.*max_ns=\([0-9]*\).*/\1/p' <<< "$1")
  [ -n "$m" ] && [ -n "$x" ] && [ "$m" -le "$median" ] && [ "$x" -le "$max" ]
}
done_runs=0
echo "quiet-jmh: probing until $(date -d "@$deadline" +%H:%M) (median <= $median ns, max <= $max ns); results in $out" >&2
while [ "$(date +%s)" -lt "$deadline" ] && [ "$done_runs" -lt "$runs" ]; do
  exec 9>/tmp/sbc-it.lock
  flock 9
  p=$(probe)
  echo "$(date +%H:%M:%S) $p load=$(cut -d' ' -f1 /proc/loadavg)" >> "$log"
  if quiet "$p"; then
    done_runs=$((done_runs + 1))
    for name in $benchmarks; do
      f="$out/jmh-$name-$(date +%H%M%S).txt"
      cmd=("$java_bin" -jar "$jar" "SipParseBenchmark.$name" -f 2 -wi 5 -i 8 -w 2s -r 2s -prof gc)
      {
        echo "start $(date +%H:%M:%S) probe before: $p load: $(cat /proc/loadavg)"
        echo "command: ${cmd[*]}"
        "${cmd[@]}"
        echo "end $(date +%H:%M:%S) probe after: $(probe)"
      } > "$f" 2>&1
      echo "$(date +%H:%M:%S) $name: $(grep -E "^SipParseBenchmark\.$name +thrpt" "$f" || echo 'no result')" >> "$log"
      p=$(probe)
      echo "$(date +%H:%M:%S) $p load=$(cut -d' ' -f1 /proc/loadavg)" >> "$log"
      quiet "$p" || break
    done
  fi
  exec 9>&-
  sleep 12
done
echo "$(date +%H:%M:%S) stopped: $done_runs quiet window(s)" >> "$log"
cat "$log"
