#!/bin/sh
# The agent daemon as packaged (issue 6): time from start to its first probe packet, resident
# memory during a 10-call run and idle between runs, with /etc/default/netready-agent's JVM options.
#
#   bench/agent.sh [RUNS]          default 5; needs: a built .deb (mvn -DskipTests package), tshark, root
#
# Per run: a fresh `netready agent` from the extracted package against the packaged collector on
# loopback (tests nat, ice, media; 10 calls of G.711 for 10 s; spread 0 so the first run starts at
# once). The first probe packet is the first UDP datagram to the collector's STUN port, time-stamped
# by the kernel (tshark on lo); the start is taken just before the agent is exec'd. Memory is read
# from /proc/PID/status: VmHWM (peak) when the run's log line appears, VmRSS 20 s later (idle).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-5}
deb=$(ls "$top"/installers/target/netready_*.deb)
work=$(mktemp -d)
collector=
trap 'kill $collector 2>/dev/null; rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/root"
bin=$work/root/opt/netready/bin
"$bin/netready-collector" serve --grpc-port 17400 --http-port 17480 --stun-port 13478 --stun-alt-port 13479 \
  --media-port 14000 --data "$work/data" > "$work/collector.log" 2>&1 &
collector=$!
until grep -q 'collector up' "$work/collector.log"; do sleep 0.2; done
cat > "$work/agent.yaml" <<EOF
collector: 127.0.0.1:17400
site: bench-agent
interval: 60s
spread: 0s
tests: [nat, ice, media]
media: { codec: g711, calls: 10, duration: 10s }
lifetime: { every: off }
spool: { dir: $work/spool }
EOF
. "$top/installers/deb/etc/default-netready-agent"
export NETREADY_JAVA_OPTS
echo "run start_to_first_packet_ms peak_rss_mib idle_rss_mib"
for run in $(seq "$RUNS"); do
  tshark -i lo -f "udp dst port 13478" -c 1 -l -T fields -e frame.time_epoch > "$work/first" 2>"$work/tshark.log" &
  shark=$!
  until grep -q 'Capturing on' "$work/tshark.log"; do sleep 0.1; done
  start=$(date +%s.%N)
  "$bin/netready" agent --config "$work/agent.yaml" > "$work/agent.log" 2>&1 &
  agent=$!
  until grep -q ' event=run ' "$work/agent.log"; do sleep 0.2; done
  peak=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$agent/status")
  sleep 20
  idle=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$agent/status")
  kill "$agent"; wait "$agent" || true
  wait "$shark" || true
  awk -v r="$run" -v s="$start" -v f="$(cat "$work/first")" -v p="$peak" -v i="$idle" \
    'BEGIN { printf "%d %.0f %.1f %.1f\n", r, (f - s) * 1000, p / 1024, i / 1024 }'
  grep -q 'outcome=ok' "$work/agent.log" || { echo "run $run failed:"; cat "$work/agent.log"; }
done
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')" >&2
