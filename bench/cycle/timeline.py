#!/usr/bin/env python3
"""The timeline of a no-op cycle against the replay peer (issue 20's wall goal).

For `driftless plan` (a process per run) or the daemon's SIGHUP-forced cycle, each run
prints: when the first request reached the peer, when the peer sent its last answer,
when the process ended (the cycle.finished event, for the daemon), all from the start;
the wall against the floor requests x latency / in-flight; CPU user and sys; the load
average; and the requests that arrived per 250 ms (where the event loop fell behind the
3,200 requests/s that 64 in flight at 20 ms allow). The best run (least wall) is last.

  bench/cycle/timeline.py --driftless build/controller/driftless \\
      --replay-server build/bench/replay_server --recording /tmp/wall-w10k/replay.rec \\
      --repo /tmp/x/repo --data /tmp/x/data --work /tmp/x [--daemon] [--runs 3] \\
      [--preload /usr/lib/x86_64-linux-gnu/libmimalloc.so.2]

--data is written to (the git cache, the daemon's records): give a copy of the recording
run's dataDir, never the shared one. The peer's timing comes from GET /__replay/times.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from run import CONCURRENCY, Peer, config, free_port, next_cycle_finished, terminate, wait_port  # noqa: E402

IN_FLIGHT = CONCURRENCY


def times(port):
    """first arrival, last answer (monotonic ns; 0: none), requests, per-50 ms arrivals."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/__replay/times") as r:
        f = [int(x) for x in r.read().split()]
    return f[0], f[1], f[2], f[3:]


def cpu_of(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    tck = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tck, int(fields[12]) / tck


def plan_run(args, cfg, env, port):
    times(port)  # starts over
    t0 = time.monotonic_ns()
    p = subprocess.Popen([args.driftless, "plan", "--config", cfg, "--env", "bench"], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    t1 = time.monotonic_ns()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"timeline: driftless plan exited {code}: {err.decode()[-2000:]}")
    return t0, t1, ru.ru_utime, ru.ru_stime


def vm_mib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def reset_hwm(pid):
    """VmHWM starts over from the current RSS (the cycle's own peak is read after it)."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def daemon_runs(args, cfg, env, port, runs):
    p = subprocess.Popen([args.driftless, "--log-format", "json", "run", "--config", cfg], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def finished():
        return next_cycle_finished(p, "timeline: the daemon exited ({code}) before a cycle finished")

    try:
        finished()
        for _ in range(runs):
            time.sleep(1.0)  # the first cycle's frees and writes settle
            times(port)
            rss = vm_mib(p.pid, "VmRSS")
            own = reset_hwm(p.pid)
            u0, s0 = cpu_of(p.pid)
            t0 = time.monotonic_ns()
            p.send_signal(signal.SIGHUP)
            e = finished()
            t1 = time.monotonic_ns()
            u1, s1 = cpu_of(p.pid)
            if e.get("result") != "succeeded":
                sys.exit(f"timeline: the daemon's cycle ended {e}")
            # stateKept: state.json was unchanged and not read again (the kept copy)
            hwm = vm_mib(p.pid, "VmHWM")
            print(f"  stateKept {e.get('stateKept', False)}, RSS before {rss:.1f} MiB, "
                  f"VmHWM {hwm:.1f} MiB ({'this cycle' if own else 'since the start'})")
            yield t0, t1, u1 - u0, s1 - s0
    finally:
        terminate(p, 30)


def report(label, t0, t1, user, sys_, port, latency):
    first, last, n, slots = times(port)
    floor = n * latency / 1000 / IN_FLIGHT
    wall = (t1 - t0) / 1e9
    s = lambda t: (t - t0) / 1e9 if t else float("nan")  # noqa: E731
    per250 = [sum(slots[i:i + 5]) for i in range(0, len(slots), 5)]
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print(f"{label}: first request {s(first):.2f} s, last answer {s(last):.2f} s, end {wall:.2f} s"
          f" | requests {n}, floor {floor:.2f} s, wall/floor {wall / floor if floor else 0:.2f}"
          f" | CPU user {user:.2f} + sys {sys_:.2f} s | load {load}")
    print(f"  arrivals per 250 ms: {' '.join(str(x) for x in per250)}")
    return wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--driftless", required=True)
    ap.add_argument("--replay-server", required=True)
    ap.add_argument("--recording", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--latency", type=int, default=20)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--daemon", action="store_true")
    ap.add_argument("--preload", default="")
    args = ap.parse_args()
    port = free_port()
    peer = Peer([args.replay_server, "--recording", args.recording, "--port", str(port),
                 "--latency-ms", str(args.latency), "--threads", "2"],
                os.path.join(args.work, "timeline-replay.log"), "replay")
    try:
        wait_port(port, peer.proc, "replay")
        cfg = config(args.work, "timeline-daemon" if args.daemon else "timeline", args.repo,
                     f"http://127.0.0.1:{port}", args.data)
        env = dict(os.environ, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
                   AWS_REGION="eu-west-1", AWS_EC2_METADATA_DISABLED="true")
        if args.preload:
            env["LD_PRELOAD"] = args.preload
        walls = []
        if args.daemon:
            for i, (t0, t1, u, s) in enumerate(daemon_runs(args, cfg, env, port, args.runs)):
                walls.append(report(f"daemon cycle {i + 1}", t0, t1, u, s, port, args.latency))
        else:
            for i in range(args.runs):
                t0, t1, u, s = plan_run(args, cfg, env, port)
                walls.append(report(f"plan {i + 1}", t0, t1, u, s, port, args.latency))
        print(f"best wall {min(walls):.2f} s")
    finally:
        peer.stop()
        with open(os.path.join(args.work, "timeline-replay.log")) as f:
            tail = f.read().splitlines()[-3:]
        print("\n".join(tail))


if __name__ == "__main__":
    main()
