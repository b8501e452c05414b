"""bench/cycle/run.py --peer replay: the no-op cycle against the replay peer.

Records moto's answers once (bench/replay/record.py in front of moto, while driftless's
no-op plan, one daemon cycle, the boto3 baseline and the batched baseline run through it),
then serves them from bench/replay/replay_server (Boost.Beast, keep-alive, an asynchronous
timer of D ms per request) and measures, alternating in the same run: `driftless plan`,
the daemon's SIGHUP-forced cycle, the baseline at 64 threads and at 10 (Terraform's
default parallelism), and the batched baseline at 64 threads (tags from the Tagging API:
the same reads as driftless). Floor = requests × D / in-flight (64; 10 for the baseline at 10).
Then `driftless plan` and the batched baseline again with the latency spread over D ± J ms
(--replay-jitter): with a fixed D, answers to requests sent together arrive together and
driftless handles several per wake-up; AWS's answers do not arrive in step.
Also measures the replay server alone with bench/replay/replay_load (no latency)."""

import json
import os
import statistics
import subprocess
import time
import urllib.request

import run as R  # bench/cycle/run.py, imported as a module

WALL_GOAL = 1.3  # driftless wall ≤ 1.3 × floor at 10,000 resources (issue 20)
CPU_GOAL = 0.10  # driftless CPU ≤ 0.10 × boto3's (issue 20)


class Recorder(R.Peer):
    def __init__(self, work, upstream, out):
        self.port = R.free_port()
        super().__init__([R.PY, os.path.join(R.ROOT, "bench", "replay", "record.py"), "--listen-port",
                          str(self.port), "--upstream", upstream, "--out", out],
                         os.path.join(work, "record.log"), "recorder")
        R.wait_port(self.port, self.proc, "recorder")
        self.url = f"http://127.0.0.1:{self.port}"


class Replay(R.Peer):
    """The replay server; requests() and cpu() as run.py's Moto has them."""

    def __init__(self, work, server, recording, latency_ms, threads=2, jitter_ms=0):
        self.port = R.free_port()
        super().__init__([server, "--recording", recording, "--port", str(self.port), "--latency-ms",
                          str(latency_ms), "--jitter-ms", str(jitter_ms), "--threads", str(threads)],
                         os.path.join(work, f"replay-{latency_ms}ms-{jitter_ms}.log"), "replay server")
        R.wait_port(self.port, self.proc, "replay server")
        self.url = f"http://127.0.0.1:{self.port}"

    def counts(self):
        with urllib.request.urlopen(self.url + "/__replay/count") as r:
            return [int(x) for x in r.read().split()]

    def requests(self):
        return self.counts()[0]

    def unknown(self):
        return self.counts()[1]

    def cpu(self):
        return R.proc_cpu(self.proc.pid)


def measure(fn, peer):
    """One run of fn(), with the peer's 599 answers counted around it."""
    before = peer.unknown()
    s = fn()
    s["unknown"] = peer.unknown() - before
    s.pop("out", None)
    return s


def server_throughput(a, work, recording):
    """replay_server at 0 ms, 2 io threads, driven by replay_load on 64 connections."""
    peer = Replay(work, a.replay_server, recording, 0)
    try:
        load = os.path.join(os.path.dirname(a.replay_server), "replay_load")
        cpu0 = peer.cpu()
        out = subprocess.run([load, "--recording", recording, "--port", str(peer.port), "--connections", "64",
                              "--requests", str(a.replay_load_requests)], check=True, capture_output=True, timeout=600,
                             text=True).stdout
        r = json.loads(out)
        r["server_cpu"] = peer.cpu() - cpu0
        r["load"] = open("/proc/loadavg").read().split()[0]
        return r
    finally:
        peer.stop()


def record(a, env, moto, work, repo, data, dl, base, peers, recording):
    """moto's answers to a no-op plan, one daemon cycle and the baseline, via record.py."""
    rec = Recorder(work, moto.url, recording)
    peers.append(rec)
    rcfg = R.config(work, "driftless-record", repo, rec.url, data)
    R.run_child(dl("plan", rcfg), env, moto)
    R.daemon_cycles(a.driftless, rcfg, env, moto, 1, os.path.join(work, "daemon-record.log"))
    R.run_child(base(rec.url, R.CONCURRENCY), env, moto)
    R.run_child(base(rec.url, R.CONCURRENCY, batched=True), env, moto)
    rec.stop()
    peers.remove(rec)
    print("recorded: " + open(rec.log).read().strip(), flush=True)


def run(a, env, moto, work, cfg, repo, data, dl, base, peers):
    recording = os.path.join(work, "replay.rec")
    rows = {"latency_ms": a.replay_latency}
    if not a.replay_reuse:
        record(a, env, moto, work, repo, data, dl, base, peers, recording)
    rows["server"] = server_throughput(a, work, recording)
    print(f"replay server alone: {rows['server']['per_second']:.0f} requests/s", flush=True)

    peer = Replay(work, a.replay_server, recording, a.replay_latency)
    peers.append(peer)
    pcfg = R.config(work, "driftless-replay", repo, peer.url, data)
    got = {"driftless": [], "threads64": [], "threads10": [], "batched64": [], "daemon": []}
    for r in range(a.runs):
        load = open("/proc/loadavg").read().split()[0]
        for k, fn in (("driftless", lambda: R.run_child(dl("plan", pcfg), env, peer)),
                      ("threads64", lambda: R.run_child(base(peer.url, R.CONCURRENCY), env, peer)),
                      ("threads10", lambda: R.run_child(base(peer.url, 10), env, peer)),
                      ("batched64", lambda: R.run_child(base(peer.url, R.CONCURRENCY, batched=True), env, peer))):
            got[k].append(dict(measure(fn, peer), load=load))
        print(f"replay {a.replay_latency} ms {r + 1}/{a.runs}: " + ", ".join(
            f"{k} {v[-1]['wall']:.2f} s" for k, v in got.items() if v), flush=True)
    load = open("/proc/loadavg").read().split()[0]
    before = peer.unknown()
    got["daemon"] = [dict(x, load=load) for x in R.daemon_cycles(
        a.driftless, pcfg, env, peer, a.runs, os.path.join(work, "daemon-replay.log"))]
    got["daemon"][-1]["unknown"] = peer.unknown() - before
    print("replay daemon cycles: " + ", ".join(f"{x['wall']:.2f} s" for x in got["daemon"]), flush=True)
    peer.stop()
    peers.remove(peer)
    rows["runs"] = got
    rows["server_log"] = open(peer.log).read()[-4000:]
    if a.replay_jitter:
        rows["jitter"] = jittered(a, env, work, recording, repo, data, dl, base, peers)
    return rows


def jittered(a, env, work, recording, repo, data, dl, base, peers):
    """`driftless plan` and the batched baseline, alternating, at latency ± jitter."""
    peer = Replay(work, a.replay_server, recording, a.replay_latency, jitter_ms=a.replay_jitter)
    peers.append(peer)
    jcfg = R.config(work, "driftless-jitter", repo, peer.url, data)
    got = {"driftless": [], "batched64": []}
    for r in range(a.runs):
        load = open("/proc/loadavg").read().split()[0]
        for k, fn in (("driftless", lambda: R.run_child(dl("plan", jcfg), env, peer)),
                      ("batched64", lambda: R.run_child(base(peer.url, R.CONCURRENCY, batched=True), env, peer))):
            got[k].append(dict(measure(fn, peer), load=load))
        print(f"replay {a.replay_latency} ± {a.replay_jitter} ms {r + 1}/{a.runs}: " + ", ".join(
            f"{k} {v[-1]['wall']:.2f} s, CPU {v[-1]['cpu']:.2f} s" for k, v in got.items() if v), flush=True)
    peer.stop()
    peers.remove(peer)
    return {"jitter_ms": a.replay_jitter, "runs": got}


def _med(s, k):
    return statistics.median(x[k] for x in s)


def render_jitter(w, jit, ms, labels):
    """The same plan and batched baseline with each answer's latency drawn from ms ± jitter."""
    j, runs = jit["jitter_ms"], jit["runs"]
    w(f"\nThe same peer with each answer's latency drawn uniformly from {ms} ± {j} ms "
      "(`replay_server --jitter-ms`), so answers to requests sent together arrive apart, as AWS's do:\n")
    w("| program | requests | wall (s) | CPU user+sys (s) | CPU / request (ms) | peak RSS (MiB) | 599s | load |")
    w("|---|---|---|---|---|---|---|---|")
    for k in ("driftless", "batched64"):
        s = runs[k]
        req = _med(s, "requests")
        w(f"| {labels[k][0]} | {req:.0f} | {R.fmt(s, 'wall', '')} | {R.fmt(s, 'cpu', '')} | "
          f"{_med(s, 'cpu') / req * 1000:.3f} | {R.fmt(s, 'rss_mib', '', 1)} | "
          f"{sum(x.get('unknown', 0) for x in s)} | {', '.join(sorted({x['load'] for x in s}))} |")
    ratio = _med(runs["driftless"], "cpu") / _med(runs["batched64"], "cpu")
    w(f"\n{labels['driftless'][0]}, {ms} ± {j} ms: CPU ≤ {CPU_GOAL} × {labels['batched64'][0]}: "
      f"{_med(runs['driftless'], 'cpu'):.2f} s vs {_med(runs['batched64'], 'cpu'):.2f} s (ratio {ratio:.2f}) — "
      f"{'met' if ratio <= CPU_GOAL else 'missed'}.")


def render(res, a):
    rp, n = res["rows"]["replay"], res["n"]
    ms, runs = rp["latency_ms"], rp["runs"]
    sv = rp["server"]
    L = []
    w = L.append
    w(f"{n:,} resources (the benchmark mix), no-op cycle against the replay peer "
      f"(`bench/replay/replay_server`, {ms} ms per request, keep-alive), `maxInFlightRequests: "
      f"{R.CONCURRENCY}`; median of {a.runs} runs (min–max), the programs alternating in the same run. "
      "Floor = requests × latency / in-flight (64; 10 for the baseline at 10 threads).\n")
    w(f"Replay server alone (`replay_load`, 64 keep-alive connections, 0 ms, 2 io threads, the load "
      f"generator on the same 2 cores): **{sv['per_second']:,.0f} requests/s** ({sv['requests']:,} "
      f"requests in {sv['seconds']:.2f} s, server CPU {sv['server_cpu']:.2f} s, {sv['unknown']} unknown; "
      f"load {sv['load']}) — goal ≥ 20,000: {'met' if sv['per_second'] >= 20000 else 'missed'}.\n")
    w("| program | requests | wall (s) | floor (s) | wall / floor | CPU user+sys (s) | CPU / request (ms) "
      "| peak RSS (MiB) | replay CPU (s) | 599s | load |")
    w("|---|---|---|---|---|---|---|---|---|---|---|")
    labels = {"driftless": ("driftless no-op plan (`driftless plan`)", R.CONCURRENCY),
              "daemon": ("driftless daemon no-op cycle (SIGHUP)", R.CONCURRENCY),
              "threads64": (f"boto3 baseline, {R.CONCURRENCY} threads", R.CONCURRENCY),
              "threads10": ("boto3 baseline, 10 threads", 10),
              "batched64": (f"boto3 baseline batched (tags from the Tagging API), {R.CONCURRENCY} threads",
                            R.CONCURRENCY)}
    floors = {}
    for k, (label, inflight) in labels.items():
        s = runs[k]
        req = _med(s, "requests")
        floor = req * ms / 1000 / inflight
        floors[k] = floor
        loads = sorted({x["load"] for x in s})
        w(f"| {label} | {req:.0f} | {R.fmt(s, 'wall', '')} | {floor:.2f} | {_med(s, 'wall') / floor:.2f} | "
          f"{R.fmt(s, 'cpu', '')} | {_med(s, 'cpu') / req * 1000:.3f} | {R.fmt(s, 'rss_mib', '', 1)} | "
          f"{R.fmt(s, 'peer_cpu', '')} | {sum(x.get('unknown', 0) for x in s)} | {', '.join(loads)} |")
    w("")
    w("| goal | measured | |")
    w("|---|---|---|")
    for k in ("driftless", "daemon"):
        ratio = _med(runs[k], "wall") / floors[k]
        w(f"| {labels[k][0]}: wall ≤ {WALL_GOAL} × floor | {_med(runs[k], 'wall'):.2f} s vs floor "
          f"{floors[k]:.2f} s ({ratio:.2f} ×) | {'met' if ratio <= WALL_GOAL else 'missed'} |")
    for k in ("driftless", "daemon"):
        for b in ("threads64", "threads10", "batched64"):
            ratio = _med(runs[k], "cpu") / _med(runs[b], "cpu")
            w(f"| {labels[k][0]}: CPU ≤ {CPU_GOAL} × {labels[b][0]} | {_med(runs[k], 'cpu'):.2f} s vs "
              f"{_med(runs[b], 'cpu'):.2f} s (ratio {ratio:.2f}) | {'met' if ratio <= CPU_GOAL else 'missed'} |")
    # The baseline reads every resource's tags itself (2 requests a resource), driftless
    # lists them in bulk: per request, the same reads compare like for like.
    for k in ("driftless", "daemon"):
        b = "threads64"
        mine = _med(runs[k], "cpu") / _med(runs[k], "requests")
        theirs = _med(runs[b], "cpu") / _med(runs[b], "requests")
        w(f"| {labels[k][0]}: CPU per request ≤ {CPU_GOAL} × {labels[b][0]} | {mine * 1000:.3f} ms vs "
          f"{theirs * 1000:.3f} ms (ratio {mine / theirs:.2f}) | {'met' if mine / theirs <= CPU_GOAL else 'missed'} |")
    jit = rp.get("jitter")
    if jit:
        render_jitter(w, jit, ms, labels)
    unknown = sum(x.get("unknown", 0) for s in runs.values() for x in s)
    unknown += sum(x.get("unknown", 0) for s in (jit or {}).get("runs", {}).values() for x in s)
    if unknown:
        w(f"\n**{unknown} requests had no recording (599)**; see the replay server's log.")
    w(f"\nCommand: `{a.command}` (driver: `bench/cycle/run.py --peer replay --n {n} --runs {a.runs}`).\n")
    return "\n".join(L)
