#!/bin/sh
# Wall time of NAT behaviour discovery (mapping + filtering + hairpin) per NAT kind, netready
# against coturn's turnutils_natdiscovery, in network namespaces built like TESTBED.md.
#
#   bench/natdiscovery.sh [coturn|netready] [RUNS]        default: coturn 5
#
# Needs: root, iproute2, iptables, coturn, python3 and a build (mvn -DskipTests package).
# Per kind it builds site 192.0.2.10 -> middlebox 192.0.2.1/203.0.113.1 -> public 203.0.113.100
# and .101 (documentation addresses only), starts the server in the public namespace, times RUNS
# runs of `netready probe --tests nat` (pointed at the server with --stun, or --collector for our
# collector) and of `turnutils_natdiscovery -m -f -H`, and
# prints kind, verdicts, ground truth, median/max wall ms, and netready's own durationMs (its wall
# time includes starting a JVM). Namespaces and servers are removed on exit.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
SERVER=${1:-coturn}
RUNS=${2:-5}
KINDS=${KINDS:-no_nat stateful_firewall port_restricted_cone full_cone symmetric udp_blocked}
OUT=${OUT:-/tmp/netready-bench-nat}
P=nrb$$
rm -rf "$OUT"; mkdir -p "$OUT"

server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  for ns in $P-site $P-nat $P-pub; do ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

# TESTBED.md ground truth: mapping / filtering / classic.
truth() {
  case $1 in
    no_nat) echo "NO_NAT/ENDPOINT_INDEPENDENT/OPEN_INTERNET" ;;
    stateful_firewall) echo "NO_NAT/ADDRESS_AND_PORT_DEPENDENT/SYMMETRIC_UDP_FIREWALL" ;;
    port_restricted_cone) echo "ENDPOINT_INDEPENDENT/ADDRESS_AND_PORT_DEPENDENT/PORT_RESTRICTED_CONE" ;;
    full_cone) echo "ENDPOINT_INDEPENDENT/ENDPOINT_INDEPENDENT/FULL_CONE" ;;
    symmetric) echo "ADDRESS_AND_PORT_DEPENDENT/ADDRESS_AND_PORT_DEPENDENT/SYMMETRIC" ;;
    udp_blocked) echo "UDP_BLOCKED" ;;
  esac
}

build() {
  for ns in $P-site $P-nat $P-pub; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
  ip link add ${P}s netns $P-site type veth peer name ${P}n1 netns $P-nat
  ip link add ${P}n2 netns $P-nat type veth peer name ${P}p netns $P-pub
  ip -n $P-site addr add 192.0.2.10/24 dev ${P}s
  ip -n $P-site link set ${P}s up
  ip -n $P-site route add default via 192.0.2.1
  ip -n $P-nat addr add 192.0.2.1/24 dev ${P}n1
  ip -n $P-nat addr add 203.0.113.1/24 dev ${P}n2
  ip -n $P-nat link set ${P}n1 up
  ip -n $P-nat link set ${P}n2 up
  ip netns exec $P-nat sysctl -q -w net.ipv4.ip_forward=1
  ip -n $P-pub addr add 203.0.113.100/24 dev ${P}p
  ip -n $P-pub addr add 203.0.113.101/24 dev ${P}p
  ip -n $P-pub link set ${P}p up
  ip -n $P-pub route add 192.0.2.0/24 via 203.0.113.1
  nat="ip netns exec $P-nat iptables"
  case $1 in
    no_nat) ;;
    stateful_firewall)
      $nat -P FORWARD DROP
      $nat -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
      $nat -A FORWARD -i ${P}n1 -o ${P}n2 -j ACCEPT ;;
    port_restricted_cone) $nat -t nat -A POSTROUTING -o ${P}n2 -j MASQUERADE ;;
    full_cone)
      $nat -t nat -A POSTROUTING -o ${P}n2 -j SNAT --to-source 203.0.113.1
      $nat -t nat -A PREROUTING -i ${P}n2 -d 203.0.113.1 -p udp -j DNAT --to-destination 192.0.2.10 ;;
    symmetric) $nat -t nat -A POSTROUTING -o ${P}n2 -j MASQUERADE --random-fully ;;
    udp_blocked)
      $nat -t nat -A POSTROUTING -o ${P}n2 -j MASQUERADE
      $nat -A FORWARD -p udp -j DROP ;;
  esac
}

start_server() {
  log=$OUT/$1-server.log
  case $SERVER in
    coturn)
      ip netns exec $P-pub turnserver -L 203.0.113.100 -L 203.0.113.101 --alt-listening-port 3479 --stun-only \
        --no-tls --no-dtls -n --no-cli -v --log-file stdout --pidfile "$OUT/turnserver.pid" >"$log" 2>&1 &
      ready="UDP listener opened on: 203.0.113.101:3479" ;;
    netready)
      ip netns exec $P-pub "$top/bin/netready-collector" serve --insecure-open --listen 203.0.113.100 --alt-address 203.0.113.101 \
        --data "$OUT/db" >"$log" 2>&1 &
      ready="  media" ;;
    *) echo "server must be coturn or netready, not $SERVER" >&2; exit 2 ;;
  esac
  server=$!
  # Against our collector the probe takes both STUN addresses from its session, as in production.
  case $SERVER in
    coturn) target="--stun 203.0.113.100" ;;
    netready) target="--collector 203.0.113.100:7400" ;;
  esac
  i=0
  until grep -q "$ready" "$log" 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 200 ] || { echo "$SERVER did not start: $(cat "$log")" >&2; exit 1; }
    sleep 0.1
  done
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# median and max of the numbers in file $1
stats() { sort -n "$1" | awk '{a[NR]=$1} END {printf "%d/%d", a[int((NR+1)/2)], a[NR]}'; }

printf "%-21s %-62s %-58s %-13s %-13s %-9s %s\n" kind "netready verdict" "coturn verdict" \
  "netready ms" "coturn ms" "own ms" "truth (mapping/filtering/classic)"
for kind in $KINDS; do
  build "$kind"
  start_server "$kind"
  : >"$OUT/$kind-ours.ms"; : >"$OUT/$kind-theirs.ms"; : >"$OUT/$kind-own.ms"
  for r in $(seq 1 "$RUNS"); do
    t0=$(now_ms)
    ip netns exec $P-site "$top/bin/netready" probe $target --tests nat --no-upload --json \
      >"$OUT/$kind-$r.json" 2>"$OUT/$kind-$r.err" || true
    echo $(($(now_ms) - t0)) >>"$OUT/$kind-ours.ms"
    t0=$(now_ms)
    ip netns exec $P-site turnutils_natdiscovery -m -f -H 203.0.113.100 >"$OUT/$kind-$r.coturn" 2>&1 || true
    echo $(($(now_ms) - t0)) >>"$OUT/$kind-theirs.ms"
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["result"]["nat"]["durationMs"])' \
      "$OUT/$kind-$r.json" >>"$OUT/$kind-own.ms"
  done
  ours=$(python3 -c 'import json,sys; n=json.load(open(sys.argv[1]))["result"]["nat"]
print("UDP_BLOCKED" if n.get("udpBlocked") else "%s/%s/%s%s" % (n["mappingBehavior"], n["filteringBehavior"],
  n["classicType"], " hairpin" if n.get("hairpinning") else ""))' "$OUT/$kind-$RUNS.json")
  # coturn says nothing about hairpinning unless it saw one ("maybe a successful hairpinning").
  theirs=$(grep -o "NAT with [A-Za-z ]*\(Mapping\|Filtering\)\|No NAT\|successful hairpinning" \
    "$OUT/$kind-$RUNS.coturn" | sed 's/NAT with //; s/successful hairpinning/hairpin/' | paste -sd/ - || true)
  printf "%-21s %-62s %-58s %-13s %-13s %-9s %s\n" "$kind" "$ours" "${theirs:-(no verdict)}" \
    "$(stats "$OUT/$kind-ours.ms")" "$(stats "$OUT/$kind-theirs.ms")" "$(stats "$OUT/$kind-own.ms")" "$(truth "$kind")"
  kill "$server"; wait "$server" 2>/dev/null || true
  server=
  for ns in $P-site $P-nat $P-pub; do ip netns del "$ns"; done
done
echo "ms columns: median/max of $RUNS runs; netready ms is the CLI's wall time (JVM start included), own ms" \
  "its discovery's durationMs; machine: $(nproc) cores" >&2
