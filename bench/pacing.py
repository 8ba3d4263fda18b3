#!/usr/bin/env python3
"""Sender pacing error from loopback captures (see bench/pacing.sh and docs/benchmarks.md).

Usage: pacing.py DIR

DIR holds captures written by bench/pacing.sh:
  agent-<calls>-r<run>.pcapng   netready probe, `udp port <media port>` (both directions)
  iperf-<calls>-r<run>.pcapng   iperf3 -u at calls x 50 packets/s, `udp dst port <iperf port>`

For every stream the schedule is t0 + n * interval, n the packet's index (RTP: from the 16-bit
sequence number, unwrapped; iperf3: its own 32-bit packet counter, payload bytes 8..11). t0 is
unknown, so it is estimated as min over n of (t_n - n * interval): error_n = t_n - n * interval - t0
is each packet's lateness relative to the stream's most punctual packet (>= 0). The first 0.5 s of
each stream is dropped (JVM JIT warm-up; the same cut is applied to iperf3). Capture timestamps
come from the kernel as the packet passes `lo`, i.e. inside the sender's sendto().
"""
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from statistics import median

RTP_INTERVAL_NS = 20_000_000
WARMUP_NS = 500_000_000
RTP_UDP_LEN = 8 + 196          # G.711: 12 B RTP header + extension + 160 B payload
IPERF_UDP_LEN = 8 + 196        # iperf3 -l 196
MEDIA_PORT = int(os.environ.get("MEDIA_PORT", "14000"))


def epoch_ns(text):
    sec, _, frac = text.partition(".")
    return int(sec) * 1_000_000_000 + int((frac + "000000000")[:9])


def tshark(pcap, *args):
    out = subprocess.run(["tshark", "-r", pcap, *args], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def rtp_streams(pcap):
    """{(direction, ssrc): [(t_ns, seq16)]} in capture (= send) order."""
    streams = defaultdict(list)
    rows = tshark(pcap, "-d", f"udp.port=={MEDIA_PORT},rtp", "-T", "fields", "-e", "frame.time_epoch",
                  "-e", "udp.dstport", "-e", "udp.length", "-e", "rtp.ssrc", "-e", "rtp.seq")
    for t, dport, length, ssrc, seq in rows:
        if not ssrc or int(length) != RTP_UDP_LEN:
            continue
        direction = "up" if int(dport) == MEDIA_PORT else "down"
        streams[(direction, int(ssrc, 16) if ssrc.startswith("0x") else int(ssrc))].append((epoch_ns(t), int(seq)))
    return streams


def iperf_stream(pcap):
    rows = tshark(pcap, "-T", "fields", "-e", "frame.time_epoch", "-e", "udp.length", "-e", "udp.payload")
    pkts = []
    for t, length, payload in rows:
        if int(length) != IPERF_UDP_LEN:
            continue  # the 4-byte UDP "connect" datagram
        pkts.append((epoch_ns(t), int(payload[16:24], 16)))  # bytes 8..11: packet counter
    return pkts


def unwrap16(seqs):
    out, ext, prev = [], None, None
    for s in seqs:
        if ext is None:
            ext = s
        else:
            d = (s - prev) & 0xFFFF
            ext += d - 0x10000 if d >= 0x8000 else d
        prev = s
        out.append(ext)
    return out


def errors(pkts, index, interval_ns):
    """Lateness (ns) of each packet after the warm-up, and how many packets are missing."""
    if not pkts:
        return [], 0
    n0 = index[0]
    first_t = pkts[0][0]
    kept = [(t, n - n0) for (t, _), n in zip(pkts, index) if t - first_t >= WARMUP_NS]
    if not kept:
        return [], 0
    offsets = [t - n * interval_ns for t, n in kept]
    t0 = min(offsets)
    missing = (kept[-1][1] - kept[0][1] + 1) - len(kept)
    return [o - t0 for o in offsets], missing


def pct(values, p):
    """Nearest-rank percentile."""
    v = sorted(values)
    if not v:
        return float("nan")
    k = max(0, min(len(v) - 1, -(-p * len(v) // 100) - 1))
    return v[int(k)]


def summarize(errs):
    return {"packets": len(errs), "p50_us": pct(errs, 50) / 1e3, "p99_us": pct(errs, 99) / 1e3,
            "max_us": max(errs) / 1e3 if errs else float("nan")}


def analyze_agent(pcap):
    acc = {"up": [], "down": []}
    missing = {"up": 0, "down": 0}
    count = {"up": 0, "down": 0}
    for (direction, _ssrc), pkts in rtp_streams(pcap).items():
        e, m = errors(pkts, unwrap16([s for _, s in pkts]), RTP_INTERVAL_NS)
        acc[direction] += e
        missing[direction] += m
        count[direction] += 1
    return {d: dict(summarize(acc[d]), streams=count[d], missing=missing[d]) for d in acc}


def analyze_iperf(pcap, calls):
    pkts = iperf_stream(pcap)
    e, m = errors(pkts, [n for _, n in pkts], 1_000_000_000 // (50 * calls))
    return dict(summarize(e), streams=1, missing=m)


def main():
    d = sys.argv[1]
    results = defaultdict(lambda: defaultdict(list))  # calls -> series -> [summary per run]
    for name in sorted(os.listdir(d)):
        m = re.fullmatch(r"(agent|iperf)-(\d+)-r(\d+)\.pcapng", name)
        if not m:
            continue
        kind, calls = m.group(1), int(m.group(2))
        path = os.path.join(d, name)
        if kind == "agent":
            r = analyze_agent(path)
            results[calls]["agent upstream"].append(r["up"])
            results[calls]["collector downstream"].append(r["down"])
        else:
            results[calls]["iperf3 -u"].append(analyze_iperf(path, calls))
    with open(os.path.join(d, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    print("| calls | packets/s | sender | runs | packets analysed (median) | missing | p50 µs | p99 µs | max µs |")
    print("|---|---|---|---|---|---|---|---|---|")
    for calls in sorted(results):
        for series in ("agent upstream", "iperf3 -u", "collector downstream"):
            runs = results[calls].get(series)
            if not runs:
                continue
            med = {k: median(r[k] for r in runs) for k in ("packets", "p50_us", "p99_us", "max_us")}
            miss = sum(r["missing"] for r in runs)
            print(f"| {calls} | {calls * 50} | {series} | {len(runs)} | {med['packets']:.0f} | {miss} | "
                  f"{med['p50_us']:.0f} | {med['p99_us']:.0f} | {med['max_us']:.0f} |")
    print("\nper run (p50/p99/max µs):")
    for calls in sorted(results):
        for series, runs in results[calls].items():
            print(f"  {calls:>4} {series:<22} " + "  ".join(
                f"{r['p50_us']:.0f}/{r['p99_us']:.0f}/{r['max_us']:.0f}" for r in runs))


if __name__ == "__main__":
    main()
