#!/usr/bin/env python3
"""Helper of bench/capacity.sh: one measurement per call, one JSON line on stdout.

  capacity.py probe CALLS   netready probe(s) against the running collector (<= 1000 calls per
                            agent, so 2000 calls are two agents at once)
  capacity.py echo RATE     /tmp/udpload against /tmp/udpecho at RATE packets/s of 196 bytes
  capacity.py iperf RATE    iperf3 -u one way at RATE packets/s of 196 bytes (0: unlimited)
  capacity.py table FILE    the markdown tables (medians over runs) from the JSON lines in FILE

Environment: COLLECTOR_PID, GRPC_PORT, MEDIA_PORT, ECHO_PID, ECHO_PORT, IPERF_PORT, DURATION, TOP.
CPU is user + system time from /proc/PID/stat (the collector, the echo server), or the child's
rusage from wait4 (the agents, udpload, iperf3: their whole life, JVM start included).
"""
import json
import os
import subprocess
import sys
import threading
import time
from collections import defaultdict
from statistics import median

TCK = os.sysconf("SC_CLK_TCK")
ENV = os.environ
DURATION = float(ENV.get("DURATION", "10"))
MAX_CALLS_PER_AGENT = 1000


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TCK  # utime, stime


def machine_busy():
    """(busy, total) jiffies of all CPUs from /proc/stat; busy includes system, irq and softirq time,
    where much of the loopback path runs and which no process is charged with."""
    with open("/proc/stat") as f:
        v = list(map(int, f.readline().split()[1:]))
    idle = v[3] + v[4]
    return sum(v[:8]) - idle, sum(v[:8])


def busy_cores(b0, b1):
    return os.cpu_count() * (b1[0] - b0[0]) / max(1, b1[1] - b0[1])


def thread_cpu(pid):
    """{thread name: cpu seconds} for the threads of pid (names as the kernel keeps them, 15 chars)."""
    out = defaultdict(float)
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                text = f.read()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text.rsplit(")", 1)[1].split()
        out[name] += (int(fields[11]) + int(fields[12])) / TCK
    return out


def udp_socket_drops(port):
    """Datagrams the kernel dropped at the sockets bound to local port `port` (receive buffer full).
    Java binds IPv6 sockets (127.0.0.1 as ::ffff:127.0.0.1), so both tables are read."""
    drops = 0
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        with open(table) as f:
            for line in f.readlines()[1:]:
                cols = line.split()
                if cols[1].endswith(f":{port:04X}"):
                    drops += int(cols[-1])
    return drops


def udp_snmp():
    with open("/proc/net/snmp") as f:
        rows = [line.split() for line in f if line.startswith("Udp:")]
    return dict(zip(rows[0][1:], map(int, rows[1][1:])))


def run_children(cmds):
    """Starts the commands at once; returns [(stdout, cpu seconds, exit code)] once all have ended."""
    procs = [(subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL), c) for c in cmds]
    results = {}
    outs = {}

    def drain(p):
        outs[p.pid] = p.stdout.read()

    # One reader per pipe: a 1000-call agent's JSON is larger than a pipe's buffer.
    threads = [threading.Thread(target=drain, args=(p,)) for p, _ in procs]
    for t in threads:
        t.start()
    for p, _ in procs:
        pid, status, ru = os.wait4(p.pid, 0)
        results[pid] = (ru.ru_utime + ru.ru_stime, os.waitstatus_to_exitcode(status))
    for t in threads:
        t.join()
    return [(outs[p.pid], *results[p.pid]) for p, _ in procs]


def probe(calls):
    top = ENV["TOP"]
    cpid = int(ENV["COLLECTOR_PID"])
    media_port = int(ENV["MEDIA_PORT"])
    split = []
    left = calls
    while left > 0:
        split.append(min(left, MAX_CALLS_PER_AGENT))
        left -= split[-1]
    cmds = [[f"{top}/bin/netready", "probe", "--collector", f"127.0.0.1:{ENV['GRPC_PORT']}", "--site",
             f"bench-capacity-{i}", "--calls", str(n), "--duration", str(int(DURATION)), "--tests", "media",
             "--json"] for i, n in enumerate(split)]
    th0, b0 = thread_cpu(cpid), machine_busy()
    c0, d0, s0, t0 = cpu_seconds(cpid), udp_socket_drops(media_port), udp_snmp(), time.monotonic()
    children = run_children(cmds)
    c1, d1, s1, t1 = cpu_seconds(cpid), udp_socket_drops(media_port), udp_snmp(), time.monotonic()
    th1, b1 = thread_cpu(cpid), machine_busy()
    threads = sorted(((n, (th1[n] - th0.get(n, 0.0)) / DURATION) for n in th1), key=lambda x: -x[1])
    tot = defaultdict(int)
    jitter = {"up": [], "down": []}
    codes = []
    agent_cpu = 0.0
    for out, cpu, code in children:
        agent_cpu += cpu
        codes.append(code)
        try:
            media = json.loads(out)["result"]["media"]
        except (ValueError, KeyError):
            continue
        for d, key in (("up", "upstream"), ("down", "downstream")):
            s = media[key]
            tot[d + "_sent"] += int(s.get("packetsSent", 0))
            tot[d + "_recv"] += int(s.get("packetsReceived", 0))
            jitter[d].append(s.get("jitterMs", 0.0))

    def loss(d):
        return 100.0 * (tot[d + "_sent"] - tot[d + "_recv"]) / tot[d + "_sent"] if tot[d + "_sent"] else None

    return {"kind": "probe", "calls": calls, "agents": len(split), "exit_codes": codes,
            "up_sent": tot["up_sent"], "up_received": tot["up_recv"], "up_loss_percent": loss("up"),
            "down_sent": tot["down_sent"], "down_received": tot["down_recv"], "down_loss_percent": loss("down"),
            "up_jitter_ms": max(jitter["up"], default=None), "down_jitter_ms": max(jitter["down"], default=None),
            "collector_socket_drops": d1 - d0,
            "rcvbuf_errors_all_sockets": s1["RcvbufErrors"] - s0["RcvbufErrors"],
            "sndbuf_errors": s1["SndbufErrors"] - s0["SndbufErrors"],
            "collector_cpu_s": c1 - c0, "collector_cores": (c1 - c0) / DURATION,
            "machine_busy_cores": busy_cores(b0, b1),
            "collector_thread_cores": {n: round(c, 3) for n, c in threads[:4]},
            "agent_cpu_s": agent_cpu, "agent_cores": agent_cpu / DURATION, "wall_s": t1 - t0}


def echo(rate):
    epid = int(ENV["ECHO_PID"])
    port = int(ENV["ECHO_PORT"])
    c0, d0, s0, b0 = cpu_seconds(epid), udp_socket_drops(port), udp_snmp(), machine_busy()
    ((out, cpu, code),) = run_children([["/tmp/udpload", "127.0.0.1", str(port), str(rate), str(DURATION), "196",
                                         ENV.get("ECHO_SOCKETS", "100")]])
    c1, d1, s1, b1 = cpu_seconds(epid), udp_socket_drops(port), udp_snmp(), machine_busy()
    r = json.loads(out)
    r.update(kind="echo", server_socket_drops=d1 - d0, rcvbuf_errors_all_sockets=s1["RcvbufErrors"] - s0["RcvbufErrors"],
             server_cores=(c1 - c0) / DURATION, machine_busy_cores=busy_cores(b0, b1), load_cores=cpu / DURATION)
    return r


def iperf(rate):
    port = ENV["IPERF_PORT"]
    server = subprocess.Popen(["iperf3", "-s", "-B", "127.0.0.1", "-p", port, "-1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        bw = str(int(rate) * 196 * 8) if int(rate) else "0"
        ((out, cpu, code),) = run_children([["iperf3", "-c", "127.0.0.1", "-p", port, "-u", "-l", "196", "-b", bw,
                                             "-t", str(int(DURATION)), "--json"]])
        server.wait(timeout=10)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    s = json.loads(out)["end"]["sum"]
    return {"kind": "iperf", "rate": rate, "sent": s["packets"], "lost": s["lost_packets"],
            "loss_percent": s["lost_percent"], "packets_per_s": s["packets"] / s["seconds"], "client_cores": cpu / DURATION}


def thread(rows, name):
    """Median cores of the collector's threads whose (15-character) name is `name`."""
    return median(r.get("collector_thread_cores", {}).get(name, 0.0) for r in rows)


def med(rows, key):
    vals = [r[key] for r in rows if r.get(key) is not None]
    return median(vals) if vals else float("nan")


def table(path):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    groups = defaultdict(list)
    for r in rows:
        groups[(r["kind"], r.get("calls", r.get("rate")))].append(r)
    print("netready (medians; per-run upstream/downstream loss % in the last column)\n")
    print("| calls | packets/s each way | runs | upstream loss % | collector socket drops | downstream loss % "
          "| collector CPU (cores) | of which reflector pacer / event loops | agent CPU (cores, incl. JVM start) "
          "| machine busy (cores) | per run up/down loss % |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for (kind, n), rs in sorted(groups.items()):
        if kind != "probe":
            continue
        per = ", ".join(f"{r['up_loss_percent']:.3f}/{r['down_loss_percent']:.3f}" for r in rs
                        if r["up_loss_percent"] is not None)
        print(f"| {n} | {n * 50} | {len(rs)} | {med(rs, 'up_loss_percent'):.3f} | {med(rs, 'collector_socket_drops'):.0f} "
              f"| {med(rs, 'down_loss_percent'):.3f} | {med(rs, 'collector_cores'):.2f} "
              f"| {thread(rs, 'netready-reflec'):.2f} / {thread(rs, 'multiThreadIoEv'):.2f} "
              f"| {med(rs, 'agent_cores'):.2f} | {med(rs, 'machine_busy_cores'):.2f} | {per} |")
    print("\ntrivial C echo (/tmp/udpecho, driven by /tmp/udpload over 100 sockets)\n")
    print("| packets/s each way | runs | loss % (round trip) | echo socket drops | echo server CPU (cores) "
          "| load CPU (cores) | machine busy (cores) | per run loss % |")
    print("|---|---|---|---|---|---|---|---|")
    for (kind, n), rs in sorted(groups.items()):
        if kind == "echo":
            per = ", ".join(f"{r['loss_percent']:.3f}" for r in rs)
            print(f"| {n} | {len(rs)} | {med(rs, 'loss_percent'):.3f} | {med(rs, 'server_socket_drops'):.0f} "
                  f"| {med(rs, 'server_cores'):.2f} | {med(rs, 'load_cores'):.2f} | {med(rs, 'machine_busy_cores'):.2f} "
                  f"| {per} |")
    print("\niperf3 -u one way, 196-byte datagrams\n")
    print("| asked packets/s | runs | carried packets/s | loss % | iperf3 client CPU (cores) | per run loss % |")
    print("|---|---|---|---|---|---|")
    for (kind, n), rs in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1] or float("inf"))):
        if kind == "iperf":
            per = ", ".join(f"{r['loss_percent']:.3f}" for r in rs)
            print(f"| {n or 'unlimited (-b 0)'} | {len(rs)} | {med(rs, 'packets_per_s'):.0f} "
                  f"| {med(rs, 'loss_percent'):.3f} | {med(rs, 'client_cores'):.2f} | {per} |")


def main():
    cmd, arg = sys.argv[1], sys.argv[2]
    if cmd == "table":
        table(arg)
        return
    r = {"probe": probe, "echo": echo, "iperf": iperf}[cmd](int(arg))
    print(json.dumps(r), flush=True)


if __name__ == "__main__":
    main()
