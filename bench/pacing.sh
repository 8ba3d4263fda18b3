#!/bin/sh
# Sender pacing error of netready's media path against iperf3 -u, from loopback captures.
#
#   bench/pacing.sh [RUNS] [CALLS...]        default: 3 runs of 1 10 100 calls
#
# Needs: a build (mvn -DskipTests package), tshark, iperf3, python3; root or capture rights on lo.
# Starts its own collector on 127.0.0.1 (unusual ports below, override with the environment),
# captures each probe's media on lo, then iperf3 -u at the same aggregate packet rate and size,
# and prints the table of docs/benchmarks.md. Everything started here is stopped at the end.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-3}
[ $# -gt 0 ] && shift
CALLS=${*:-1 10 100}
DURATION=${DURATION:-10}
GRPC_PORT=${GRPC_PORT:-17400}
HTTP_PORT=${HTTP_PORT:-17480}
STUN_PORT=${STUN_PORT:-13478}
MEDIA_PORT=${MEDIA_PORT:-14000}
IPERF_PORT=${IPERF_PORT:-15201}
OUT=${OUT:-/tmp/netready-bench-pacing}
export MEDIA_PORT

rm -rf "$OUT" "$OUT.db"
mkdir -p "$OUT"
collector=
capture=
iperf_server=
cleanup() {
  for pid in $capture $iperf_server $collector; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# Starts tshark on lo with filter $1 into file $2 and waits until it captures.
start_capture() {
  tshark -q -i lo -B 32 -f "$1" -w "$2" 2>"$2.log" &
  capture=$!
  i=0
  until grep -q "Capturing on" "$2.log" 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 100 ] || { echo "tshark did not start: $(cat "$2.log")" >&2; exit 1; }
    sleep 0.1
  done
  sleep 0.3
}
stop_capture() {
  sleep 0.5
  kill -INT "$capture"; wait "$capture" || true
  capture=
}

"$top/bin/netready-collector" serve --listen 127.0.0.1 --grpc-port "$GRPC_PORT" --http-port "$HTTP_PORT" \
  --stun-port "$STUN_PORT" --stun-alt-port "$((STUN_PORT + 1))" --media-port "$MEDIA_PORT" --data "$OUT.db" >"$OUT/collector.log" 2>&1 &
collector=$!
i=0
until curl -sf "http://127.0.0.1:$HTTP_PORT/healthz" >/dev/null 2>&1; do
  i=$((i + 1)); [ $i -lt 60 ] || { echo "collector did not start: $(cat "$OUT/collector.log")" >&2; exit 1; }
  sleep 0.5
done

probe() {
  "$top/bin/netready" probe --collector "127.0.0.1:$GRPC_PORT" --site bench-pacing --calls "$1" \
    --duration "$2" --tests media --json
}
# Warm the collector's JIT once (not measured); every probe is a fresh agent JVM anyway.
probe 10 3 >/dev/null || true

for r in $(seq 1 "$RUNS"); do
  for n in $CALLS; do
    echo "run $r: $n calls (netready, then iperf3 at $((n * 50)) packets/s)" >&2
    start_capture "udp port $MEDIA_PORT" "$OUT/agent-$n-r$r.pcapng"
    probe "$n" "$DURATION" >"$OUT/agent-$n-r$r.json" || true
    stop_capture

    iperf3 -s -B 127.0.0.1 -p "$IPERF_PORT" -1 >/dev/null 2>&1 &
    iperf_server=$!
    start_capture "udp dst port $IPERF_PORT" "$OUT/iperf-$n-r$r.pcapng"
    iperf3 -c 127.0.0.1 -p "$IPERF_PORT" -u -l 196 -b $((n * 50 * 196 * 8)) -t "$DURATION" \
      >"$OUT/iperf-$n-r$r.txt" 2>&1 || true
    stop_capture
    wait "$iperf_server" 2>/dev/null || true
    iperf_server=
  done
done

kill "$collector"; wait "$collector" 2>/dev/null || true
collector=
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')" >&2
python3 "$top/bench/pacing.py" "$OUT"
