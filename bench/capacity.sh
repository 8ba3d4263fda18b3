#!/bin/sh
# Reflector capacity: concurrent G.711 calls the collector carries on this machine, its CPU, and
# what loopback itself carries (a trivial C echo server; iperf3 -u one way).
#
#   bench/capacity.sh [RUNS] [CALLS...]      default: 3 runs of 100 250 500 750 1000 2000 calls
#
# Needs: a build (mvn -DskipTests package), gcc, iperf3, python3. Starts its own collector on
# 127.0.0.1 (unusual ports below, override with the environment); a call count stops escalating
# once its first run loses >= 5 % in either direction. The agent(s) run on the same machine as the
# collector. ECHO_RATES and IPERF_RATES set the reference loads (packets/s; iperf3 0 = unlimited).
# PARTS picks what runs (default: probe echo iperf). Everything started here is stopped at the end.
# Raw results: $OUT/results.jsonl.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-3}
[ $# -gt 0 ] && shift
CALLS=${*:-100 250 500 750 1000 2000}
ECHO_RATES=${ECHO_RATES:-25000 50000 100000 200000}
PARTS=${PARTS:-probe echo iperf}
IPERF_RATES=${IPERF_RATES:-100000 0}
DURATION=${DURATION:-10}
GRPC_PORT=${GRPC_PORT:-17400}
HTTP_PORT=${HTTP_PORT:-17480}
STUN_PORT=${STUN_PORT:-13478}
MEDIA_PORT=${MEDIA_PORT:-14000}
ECHO_PORT=${ECHO_PORT:-15300}
IPERF_PORT=${IPERF_PORT:-15201}
OUT=${OUT:-/tmp/netready-bench-capacity}
export TOP="$top" DURATION GRPC_PORT MEDIA_PORT ECHO_PORT IPERF_PORT

rm -rf "$OUT" "$OUT.db"
mkdir -p "$OUT"
collector=
echo_server=
cleanup() {
  for pid in $echo_server $collector; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM
results="$OUT/results.jsonl"

# --- netready: the real agent against the collector
case " $PARTS " in *" probe "*)
"$top/bin/netready-collector" serve --listen 127.0.0.1 --grpc-port "$GRPC_PORT" --http-port "$HTTP_PORT" \
  --stun-port "$STUN_PORT" --stun-alt-port "$((STUN_PORT + 1))" --media-port "$MEDIA_PORT" --data "$OUT.db" >"$OUT/collector.log" 2>&1 &
collector=$!
export COLLECTOR_PID=$collector
i=0
until curl -sf "http://127.0.0.1:$HTTP_PORT/healthz" >/dev/null 2>&1; do
  i=$((i + 1)); [ $i -lt 60 ] || { echo "collector did not start: $(cat "$OUT/collector.log")" >&2; exit 1; }
  sleep 0.5
done
# Warm the collector's JIT once (not measured).
DURATION=5 python3 "$top/bench/capacity.py" probe 100 >/dev/null

for n in $CALLS; do
  for r in $(seq 1 "$RUNS"); do
    kill -0 "$collector" 2>/dev/null || { echo "the collector has exited: $(tail -5 "$OUT/collector.log")" >&2; exit 1; }
    line=$(python3 "$top/bench/capacity.py" probe "$n")
    echo "$line" >>"$results"
    echo "$n calls, run $r: $line" >&2
    sleep 2
  done
  failed=$(echo "$line" | python3 -c 'import json,sys; r=json.load(sys.stdin)
print(int(r["up_loss_percent"] is None or r["up_loss_percent"] >= 5 or r["down_loss_percent"] >= 5))')
  [ "$failed" = 0 ] || { echo "stopping at $n calls: the last run lost >= 5 %" >&2; break; }
done
kill "$collector"; wait "$collector" 2>/dev/null || true
collector=
;; esac

# --- loopback reference: a trivial C echo server, and iperf3 -u one way
case " $PARTS " in *" echo "*)
gcc -O2 -o /tmp/udpecho "$top/bench/udpecho.c"
gcc -O2 -pthread -o /tmp/udpload "$top/bench/udpload.c"
/tmp/udpecho 127.0.0.1 "$ECHO_PORT" &
echo_server=$!
export ECHO_PID=$echo_server
sleep 0.5
for rate in $ECHO_RATES; do
  for r in $(seq 1 "$RUNS"); do
    line=$(python3 "$top/bench/capacity.py" echo "$rate")
    echo "$line" >>"$results"
    echo "echo $rate/s, run $r: $line" >&2
  done
done
kill "$echo_server"; wait "$echo_server" 2>/dev/null || true
echo_server=
;; esac
case " $PARTS " in *" iperf "*)
for rate in $IPERF_RATES; do
  for r in $(seq 1 "$RUNS"); do
    line=$(python3 "$top/bench/capacity.py" iperf "$rate")
    echo "$line" >>"$results"
    echo "iperf3 $rate/s, run $r: $line" >&2
  done
done
;; esac

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')" >&2
python3 "$top/bench/capacity.py" table "$results"
