#!/bin/sh
# Binding lifetime: wall time and bounds of `netready probe --lifetime` against a NAT whose true
# lifetime is N s (conntrack UDP timeouts, TESTBED.md), next to coturn's turnutils_natdiscovery -t.
#
#   bench/lifetime.sh [N...]          default: 8 20 30
#
# Needs: a build (mvn -DskipTests package), root, iproute2, iptables, coturn, python3.
# Per N it builds site -> port-restricted cone NAT -> public namespaces (prefix nrbl, deleted at
# the end), runs our collector in the public namespace and `netready probe --tests nat --lifetime
# MAX` at the site (MAX = 2 N + 10), then coturn's turnserver and `turnutils_natdiscovery -t -T T`
# for T = N - 1 and N + 1: one idle time per run, so even knowing N, bracketing it costs both runs.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
NS=${TIMES:-${*:-8 20 30}}
OUT=${OUT:-/tmp/netready-bench-lifetime}
P=nrbl
site=$P-site nat=$P-nat pub=$P-pub
rm -rf "$OUT"; mkdir -p "$OUT"
server=
stop_server() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  server=
}
down() {
  stop_server
  for ns in $site $nat $pub; do ip netns del $ns 2>/dev/null || true; done
}
trap down EXIT INT TERM

up() {  # up N: the namespaces of TESTBED.md with a MASQUERADE NAT whose UDP mappings live N s
  for ns in $site $nat $pub; do ip netns add $ns; ip -n $ns link set lo up; done
  ip link add ${P}s netns $site type veth peer name ${P}n1 netns $nat
  ip link add ${P}n2 netns $nat type veth peer name ${P}p netns $pub
  ip -n $site addr add 192.0.2.10/24 dev ${P}s; ip -n $site link set ${P}s up
  ip -n $site route add default via 192.0.2.1
  ip -n $nat addr add 192.0.2.1/24 dev ${P}n1; ip -n $nat addr add 203.0.113.1/24 dev ${P}n2
  ip -n $nat link set ${P}n1 up; ip -n $nat link set ${P}n2 up
  ip netns exec $nat sysctl -q -w net.ipv4.ip_forward=1
  ip -n $pub addr add 203.0.113.100/24 dev ${P}p; ip -n $pub addr add 203.0.113.101/24 dev ${P}p
  ip -n $pub link set ${P}p up; ip -n $pub route add 192.0.2.0/24 via 203.0.113.1
  ip netns exec $nat iptables -t nat -A POSTROUTING -o ${P}n2 -j MASQUERADE
  ip netns exec $nat sysctl -q -w net.netfilter.nf_conntrack_udp_timeout="$1"
  ip netns exec $nat sysctl -q -w net.netfilter.nf_conntrack_udp_timeout_stream="$1"
}

await() {  # await FILE TEXT
  i=0
  until grep -q "$2" "$1" 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 100 ] || { echo "'$2' not in $1: $(cat "$1")" >&2; exit 1; }
    sleep 0.2
  done
}

now() { date +%s.%N; }
seconds() { awk "BEGIN { printf \"%.1f\", $2 - $1 }"; }  # seconds START END

echo "N s | netready wall s | lifetime part s | bounds s | keep-alive s | natdiscovery -T N-1 | -T N+1"
echo "---|---|---|---|---|---|---"
for n in $NS; do
  up "$n"
  ip netns exec $pub "$top/bin/netready-collector" serve --insecure-open --listen 203.0.113.100 --alt-address 203.0.113.101 \
    --data "$OUT/db-$n" >"$OUT/collector-$n.log" 2>&1 &
  server=$!
  await "$OUT/collector-$n.log" "  media"
  t0=$(now)
  ip netns exec $site "$top/bin/netready" probe --collector 203.0.113.100:7400 --site "bench-lifetime-$n" \
    --tests nat --lifetime $((2 * n + 10)) --json >"$OUT/probe-$n.json" 2>"$OUT/probe-$n.err" || true
  t1=$(now)
  stop_server

  ip netns exec $pub turnserver -L 203.0.113.100 -L 203.0.113.101 --alt-listening-port 3479 --stun-only \
    --no-tls --no-dtls -n --no-cli --log-file stdout >"$OUT/coturn-$n.log" 2>&1 &
  server=$!
  await "$OUT/coturn-$n.log" "Total General servers"
  coturn=
  for t in $((n - 1)) $((n + 1)); do
    s=$(now)
    ip netns exec $site turnutils_natdiscovery -t -T "$t" 203.0.113.100 >"$OUT/natdiscovery-$n-$t.txt" 2>&1 || true
    e=$(now)
    # Alive: the answer via RESPONSE-PORT came ("RFC 5780 response 2"); dead: "STUN receive timeout".
    verdict=$(grep -q "response 2" "$OUT/natdiscovery-$n-$t.txt" && echo alive || echo dead)
    coturn="$coturn | $verdict in $(seconds "$s" "$e") s"
  done
  stop_server
  down

  python3 - "$OUT/probe-$n.json" "$n" "$(seconds "$t0" "$t1")" "$coturn" <<'PY'
import json, sys
path, n, wall, coturn = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
l = json.load(open(path))["result"].get("lifetime", {})
lo, up = l.get("bindingLifetimeSeconds", 0), l.get("bindingLifetimeUpperSeconds", 0)
print(f"{n} | {wall:.1f} | {int(l.get('durationMs', 0)) / 1000:.1f} | {lo}–{up} | "
      f"{l.get('recommendedKeepaliveSeconds', 0)}{coturn}")
PY
done
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')" >&2
