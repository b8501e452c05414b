#!/usr/bin/env python3
"""End-to-end cycle benchmark: driftless against the boto3 baseline, same moto, same run.

Generates a manifest repository with N resources (bench/cycle/resources.py), starts moto
on a free loopback port, and measures, each as a whole process (wall; user+sys CPU and
peak RSS from wait4's rusage; AWS requests from moto's request log):
  cold    driftless apply of N resources from empty (moto reset, fresh dataDir)
  noop    driftless plan with nothing to do, alternating with the baseline
          sequential and threaded (threads = maxInFlightRequests)
  change  driftless apply after a commit that edits 10 resources
  latency noop plan and threaded baseline through bench/latency_proxy.py (20, 50 ms)
  scale   (--scale N) N SQS queues seeded with boto3, then a no-op plan (resources not
          owned: driftless reads them all the same, and plans adoption conflicts)
With --peer replay, only one cold apply, then the no-op rows against the replay peer
(bench/cycle/replay.py: moto's answers recorded once, served with an injected latency).
Writes the markdown section to --out and the raw samples next to it (.json).
"""

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import resources  # noqa: E402

PY = sys.executable
CONCURRENCY = 64


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc, what):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"bench: {what} exited with {proc.returncode} before listening")
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"bench: {what} did not listen on 127.0.0.1:{port} within 60 s")


def terminate(proc, grace):
    """SIGTERM, then SIGKILL after `grace` seconds; nothing when it has already ended."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Peer:
    """A child process stopped by its pid at the end."""

    def __init__(self, args, log, what):
        self.log = log
        self.proc = subprocess.Popen(args, stdout=open(log, "w"), stderr=subprocess.STDOUT)
        self.what = what

    def stop(self):
        terminate(self.proc, 10)


class Moto(Peer):
    def __init__(self, work):
        self.port = free_port()
        super().__init__([PY, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
                         os.path.join(work, "moto.log"), "moto")
        wait_port(self.port, self.proc, "moto")
        self.url = f"http://127.0.0.1:{self.port}"

    def requests(self):
        """Requests moto has logged so far; waits until the count stops moving (the
        log line is written just after the response)."""
        last, stable = -1, 0
        while stable < 3:
            with open(self.log, "rb") as f:
                n = sum(1 for line in f if b'" 2' in line or b'" 3' in line or b'" 4' in line
                        or b'" 5' in line)
            stable = stable + 1 if n == last else 0
            last = n
            time.sleep(0.05)
        return last

    def cpu(self):
        """User+sys CPU seconds moto has used so far (its threads included)."""
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def reset(self):
        urllib.request.urlopen(urllib.request.Request(self.url + "/moto-api/reset", method="POST")).read()


def run_child(args, env, moto, ok=(0,)):
    """Runs one process; wall clock around it, CPU and peak RSS from its own rusage."""
    before = moto.requests() if moto else 0
    peer_before = moto.cpu() if moto else 0
    start = time.monotonic()
    p = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Read the pipes without reaping, then reap with wait4 to get this child's rusage.
    bufs = {}

    def drain(name, stream):
        bufs[name] = stream.read()

    ts = [threading.Thread(target=drain, args=(k, s)) for k, s in (("out", p.stdout), ("err", p.stderr))]
    for t in ts:
        t.start()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - start
    for t in ts:
        t.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in ok:
        sys.exit(f"bench: {' '.join(args)} exited {p.returncode}: {bufs['err'].decode()[-3000:]}")
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mib": ru.ru_maxrss / 1024,
            "requests": (moto.requests() - before) if moto else None, "code": p.returncode,
            "peer_cpu": (moto.cpu() - peer_before) if moto else None,
            "out": bufs["out"].decode()}


def proc_cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def next_cycle_finished(p, failure):
    """The next `cycle.finished` event in the daemon's JSON log (its stderr); exits with
    `failure` ({code}: the daemon's exit code) when the daemon ends before one."""
    for line in p.stderr:
        try:
            e = json.loads(line)
        except ValueError:
            continue
        if e.get("event") == "cycle.finished":
            return e
    sys.exit(failure.format(code=p.wait()))


def daemon_cycles(driftless, cfg, env, moto, runs, log):
    """The daemon's steady state: `driftless run`, its first cycle, then `runs` cycles
    each forced by SIGHUP (the operator's resync). Per cycle: wall from the signal to the
    `cycle.finished` event, the daemon's CPU in between (from /proc), moto's requests;
    peak RSS is the daemon's high-water mark at the end."""
    p = subprocess.Popen([driftless, "--log-format", "json", "run", "--config", cfg], env=env,
                         stdout=open(log, "w"), stderr=subprocess.PIPE, text=True)
    out = []

    def finished():
        return next_cycle_finished(p, f"bench: the daemon exited ({{code}}) before a cycle finished; see {log}")

    try:
        finished()
        for _ in range(runs):
            before, cpu0 = moto.requests(), proc_cpu(p.pid)
            peer0 = moto.cpu()
            start = time.monotonic()
            p.send_signal(signal.SIGHUP)
            e = finished()
            wall = time.monotonic() - start
            cpu = proc_cpu(p.pid) - cpu0
            out.append({"wall": wall, "cpu": cpu, "rss_mib": 0.0, "requests": moto.requests() - before,
                        "peer_cpu": moto.cpu() - peer0, "code": 0 if e.get("result") == "succeeded" else 1})
        rss = proc_rss_mib(p.pid)
        for x in out:
            x["rss_mib"] = rss
    finally:
        terminate(p, 30)
    return out


def git(repo, *args):
    subprocess.run(["git", "-C", repo, *args], check=True, stdout=subprocess.DEVNULL)


def manifests(repo, prefix, n, kinds, revision, adopt=False):
    """Writes the manifest files (100 resources a stack) for this revision."""
    folder = os.path.join(repo, "manifests")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    changed = resources.changed(n, kinds)
    by_stack = {}
    for kind, i, name in resources.resources(prefix, n, kinds):
        by_stack.setdefault(f"{kind}s-{i // resources.STACK_SIZE:03d}", []).append((kind, i, name))
    for stack, items in by_stack.items():
        lines = ["Resources:"]
        for kind, i, name in items:
            rev = f"r{revision}" if revision and (kind, i) in changed else "r0"
            tags = f"Tags: [ {{ Key: bench, Value: driftless }}, {{ Key: rev, Value: {rev} }} ]"
            lid = f"{kind.capitalize()}{i:05d}"
            if kind == "queue":
                props = [f"QueueName: {name}", "VisibilityTimeout: 60"]
                t = "AWS::SQS::Queue"
            elif kind == "topic":
                props = [f"TopicName: {name}", f"DisplayName: {name}"]
                t = "AWS::SNS::Topic"
            elif kind == "bucket":
                props = [f"BucketName: {name}", "VersioningConfiguration: { Status: Enabled }"]
                t = "AWS::S3::Bucket"
            else:
                props = [f"TableName: {name}", "BillingMode: PAY_PER_REQUEST",
                         "AttributeDefinitions: [ { AttributeName: pk, AttributeType: S } ]",
                         "KeySchema: [ { AttributeName: pk, KeyType: HASH } ]"]
                t = "AWS::DynamoDB::Table"
            lines += [f"  {lid}:", f"    Type: {t}"]
            if adopt:
                # Seeded with boto3 (scale run): let driftless take the resources over.
                lines += ["    Metadata: { driftless: { adopt: true } }"]
            lines += ["    Properties:"] + [f"      {p}" for p in props + [tags]]
        with open(os.path.join(folder, stack + ".yaml"), "w") as f:
            f.write("\n".join(lines) + "\n")
    git(repo, "add", "-A", "manifests")
    git(repo, "commit", "-q", "-m", f"revision {revision}", "--allow-empty")


def config(work, name, repo, endpoint, data):
    path = os.path.join(work, name + ".yaml")
    with open(path, "w") as f:
        f.write(f"""controller:
  id: bench
  dataDir: {data}
  controlSocket: {work}/{name}.sock
  maxInFlightRequests: {CONCURRENCY}
source:
  url: {repo}
  path: manifests
environments:
  bench:
    branch: env/bench
    interval: 1h
    region: eu-west-1
    endpointUrl: {endpoint}
    prune: true
    selfHeal: true
state:
  backend: local
""")
    return path


def summary(samples, key):
    xs = [s[key] for s in samples]
    return statistics.median(xs), min(xs), max(xs)


def fmt(samples, key, unit, digits=2):
    if not samples or samples[0].get(key) is None:
        return "–"
    med, lo, hi = summary(samples, key)
    if lo == hi:
        return f"{med:.{digits}f}{unit}"
    return f"{med:.{digits}f}{unit} ({lo:.{digits}f}–{hi:.{digits}f})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--driftless", required=True)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--latency", default="20,50", help="ms values; empty for none")
    ap.add_argument("--latency-runs", type=int, default=3)
    ap.add_argument("--scale", type=int, default=0, help="SQS queues for the scale run; 0 = skip")
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--command", default="./scripts/bench", help="shown in the table")
    ap.add_argument("--baseline-only", action="store_true",
                    help="seed with boto3 and measure only the baseline rows (no driftless binary)")
    ap.add_argument("--peer", choices=("moto", "replay"), default="moto",
                    help="replay: the no-op rows against bench/replay/replay_server (bench/cycle/replay.py)")
    ap.add_argument("--replay-server", help="replay_server binary (default: bench/ next to --driftless's build)")
    ap.add_argument("--replay-latency", type=int, default=20, help="ms per request on the replay peer")
    ap.add_argument("--replay-jitter", type=int, default=15,
                    help="ms ± around --replay-latency for the jittered plan and batched baseline (0: none)")
    ap.add_argument("--replay-reuse", action="store_true",
                    help="reuse --work's repository, state and recording (replay.rec) from an earlier "
                         "--peer replay run with the same --n: no cold apply, no recording")
    ap.add_argument("--replay-load-requests", type=int, default=200000, help="replay_load's request count")
    a = ap.parse_args()
    if a.peer == "replay" and not a.replay_server:
        build = os.path.dirname(os.path.dirname(os.path.abspath(a.driftless)))
        a.replay_server = os.path.join(build, "bench", "replay_server")

    reuse = a.peer == "replay" and a.replay_reuse
    if not reuse:
        shutil.rmtree(a.work, ignore_errors=True)
        os.makedirs(a.work)
    env = dict(os.environ, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
               AWS_REGION="eu-west-1", AWS_DEFAULT_REGION="eu-west-1",
               AWS_EC2_METADATA_DISABLED="true")
    for k in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL"):
        env.pop(k, None)
    peers = []
    results = {"n": a.n, "runs": a.runs, "rows": {}}
    rows = results["rows"]
    try:
        moto = Moto(a.work)
        peers.append(moto)
        repo = os.path.join(a.work, "repo")
        prefix, kinds = "dlb", resources.KINDS
        if not reuse:
            os.makedirs(repo)
            git(repo, "init", "-q", "-b", "env/bench")
            git(repo, "config", "user.name", "bench")
            git(repo, "config", "user.email", "bench@example.com")
            manifests(repo, prefix, a.n, kinds, 0)
        data = os.path.join(a.work, "data")
        cfg = config(a.work, "driftless", repo, moto.url, data)
        dl = lambda cmd, c=cfg: [a.driftless, "--log-level", "warn", cmd, "--config", c, "--env", "bench"]  # noqa: E731
        base = lambda ep, threads, rev=0, batched=False: [  # noqa: E731
            PY, os.path.join(ROOT, "bench", "baseline", "observe.py"), "--endpoint", ep, "--prefix", prefix,
            "--n", str(a.n), "--threads", str(threads), "--revision", str(rev)] + (["--batched"] if batched else [])

        if a.peer == "replay":
            import replay  # noqa: E402  (bench/cycle/replay.py imports this module)
            if not reuse:
                moto.reset()
                rows["cold"] = [run_child(dl("apply"), env, moto)]
                print(f"cold apply: {rows['cold'][0]['wall']:.2f} s", flush=True)
            rows["replay"] = replay.run(a, env, moto, a.work, cfg, repo, data, dl, base, peers)
            with open(a.out + ".json", "w") as f:
                json.dump(results, f, indent=1)
            with open(a.out, "w") as f:
                f.write(replay.render(results, a))
            return

        # (1) cold apply from empty, a.runs times.
        cold = []
        if a.baseline_only:
            subprocess.run([PY, os.path.join(HERE, "seed.py"), "--endpoint", moto.url, "--prefix", prefix,
                            "--n", str(a.n)], env=env, check=True)
        for r in range(0 if a.baseline_only else a.runs):
            moto.reset()
            shutil.rmtree(data, ignore_errors=True)
            cold.append(run_child(dl("apply"), env, moto))
            print(f"cold apply {r + 1}/{a.runs}: {cold[-1]['wall']:.2f} s", flush=True)
        rows["cold"] = cold

        # (2) no-op: driftless plan, baseline sequential, baseline threaded, alternating.
        noop = {"driftless": [], "seq": [], "threads": [], "batched": []}
        for r in range(a.runs):
            if not a.baseline_only:
                noop["driftless"].append(run_child(dl("plan"), env, moto))
            noop["seq"].append(run_child(base(moto.url, 1), env, moto))
            noop["threads"].append(run_child(base(moto.url, CONCURRENCY), env, moto))
            noop["batched"].append(run_child(base(moto.url, CONCURRENCY, batched=True), env, moto))
            print(f"no-op {r + 1}/{a.runs}: " + ", ".join(
                f"{k} {v[-1]['wall']:.2f} s" for k, v in noop.items() if v), flush=True)
        rows["noop"] = noop
        # (2b) the same no-op cycle in the daemon, as operators run it: SIGHUP-forced cycles.
        if not a.baseline_only:
            rows["daemon"] = daemon_cycles(a.driftless, cfg, env, moto, a.runs,
                                           os.path.join(a.work, "daemon.log"))
            print("daemon no-op cycles: " + ", ".join(f"{x['wall']:.2f} s" for x in rows["daemon"]), flush=True)

        # (3) a cycle after a commit that changes 10 resources (their 'rev' tag).
        change = []
        for r in range(0 if a.baseline_only else a.runs):
            manifests(repo, prefix, a.n, kinds, r + 1)
            change.append(run_child(dl("apply"), env, moto))
            print(f"change {r + 1}/{a.runs}: {change[-1]['wall']:.2f} s", flush=True)
        rows["change"] = change
        last_rev = 0 if a.baseline_only else a.runs

        # (4) latency through the proxy: no-op plan and threaded baseline, alternating.
        lat = {}
        for ms in [int(x) for x in a.latency.split(",") if x]:
            port = free_port()
            proxy = Peer([PY, os.path.join(ROOT, "bench", "latency_proxy.py"), "--listen-port", str(port),
                          "--upstream", moto.url, "--delay-ms", str(ms)],
                         os.path.join(a.work, f"proxy-{ms}.log"), "latency proxy")
            peers.append(proxy)
            wait_port(port, proxy.proc, "latency proxy")
            ep = f"http://127.0.0.1:{port}"
            lcfg = config(a.work, f"driftless-{ms}ms", repo, ep, data)
            lat[ms] = {"driftless": [], "threads": []}
            for r in range(a.latency_runs):
                if not a.baseline_only:
                    lat[ms]["driftless"].append(run_child(dl("plan", lcfg), env, moto))
                lat[ms]["threads"].append(run_child(base(ep, CONCURRENCY, last_rev), env, moto))
                print(f"latency {ms} ms {r + 1}/{a.latency_runs}: " + ", ".join(
                    f"{k} {v[-1]['wall']:.2f} s" for k, v in lat[ms].items() if v), flush=True)
            proxy.stop()
            peers.remove(proxy)
        rows["latency"] = lat

        # (5) scale: a.scale SQS queues, seeded by boto3, adopted by one apply, then no-op plans.
        if a.scale and not a.baseline_only:
            moto.reset()
            shutil.rmtree(data, ignore_errors=True)
            srepo = os.path.join(a.work, "scale-repo")
            os.makedirs(srepo)
            git(srepo, "init", "-q", "-b", "env/bench")
            git(srepo, "config", "user.name", "bench")
            git(srepo, "config", "user.email", "bench@example.com")
            manifests(srepo, "dls", a.scale, ("queue",), 0, adopt=True)
            scfg = config(a.work, "scale", srepo, moto.url, data)
            subprocess.run([PY, os.path.join(HERE, "seed.py"), "--endpoint", moto.url, "--prefix", "dls",
                            "--n", str(a.scale), "--kinds", "queue"], env=env, check=True)
            adopt = run_child(dl("apply", scfg), env, moto)
            print(f"scale adopt apply: {adopt['wall']:.2f} s", flush=True)
            rows["scale_adopt"] = [adopt]
            rows["scale"] = [run_child(dl("plan", scfg), env, moto) for _ in range(max(1, a.runs // 2))]
    finally:
        for p in reversed(peers):
            p.stop()

    for v in _walk(rows):
        v.pop("out", None)
    with open(a.out + ".json", "w") as f:
        json.dump(results, f, indent=1)
    with open(a.out, "w") as f:
        f.write(render(results, a))


def _walk(x):
    if isinstance(x, dict) and "wall" in x:
        yield x
    elif isinstance(x, dict):
        for v in x.values():
            yield from _walk(v)
    elif isinstance(x, list):
        for v in x:
            yield from _walk(v)


def render(res, a):
    rows, n = res["rows"], res["n"]
    c = resources.counts(n)
    L = []
    w = L.append
    w(f"{n:,} resources ({c['queue']} SQS queues, {c['topic']} SNS topics, {c['bucket']} S3 buckets "
      f"with versioning + tags, {c['table']} DynamoDB tables; 100 a manifest file), moto on loopback, "
      f"`maxInFlightRequests: {CONCURRENCY}`, baseline threads = {CONCURRENCY}. Each figure is the median of "
      f"{a.runs} runs (min–max in brackets), driftless and the baseline alternating in the same run. "
      "Each program is measured as a whole process: wall clock, user+sys CPU and peak RSS from `wait4`, "
      "AWS requests counted from moto's request log.\n")
    w("The baseline (`bench/baseline/observe.py`) is the boto3 program a user would write instead: "
      "one client per service shared by the threads, `max_pool_connections` = threads, and the same "
      "reads driftless's providers make in a no-op cycle, so the request counts compare like for like: "
      "SQS `GetQueueAttributes(All)` + `ListQueueTags` (the queue URL built from the account id, as "
      "driftless does); SNS `GetTopicAttributes` + "
      "`ListTagsForResource`; S3 `GetBucketTagging` + `GetBucketVersioning`; DynamoDB `DescribeTable` + "
      "`ListTagsOfResource`; plus one STS `GetCallerIdentity`. It compares what it read with the "
      "manifest's values. Its wall time includes Python start-up and importing boto3 (about 0.4 s of "
      "CPU), as driftless's includes loading the repository and its state.\n")
    w("The last column is the CPU moto itself spent answering (user+sys of its process, from "
      "`/proc`): on this machine's cores it bounds every wall time from below.\n")
    w("| row | wall (s) | CPU user+sys (s) | peak RSS (MiB) | AWS requests | moto CPU (s) |")
    w("|---|---|---|---|---|---|")

    def row(label, s):
        if not s:
            w(f"| {label} | not measured | | | | |")
            return
        w(f"| {label} | {fmt(s, 'wall', '')} | {fmt(s, 'cpu', '')} | {fmt(s, 'rss_mib', '', 1)} | "
          f"{fmt(s, 'requests', '', 0)} | {fmt(s, 'peer_cpu', '')} |")

    row("(1) driftless cold apply from empty (`driftless apply`)", rows["cold"])
    row("(2) driftless no-op cycle (`driftless plan`, exit 0)", rows["noop"]["driftless"])
    row("(2) baseline, sequential (`bench/baseline/observe.py --threads 1`)", rows["noop"]["seq"])
    row(f"(2) baseline, {CONCURRENCY} threads (`bench/baseline/observe.py --threads {CONCURRENCY}`)",
        rows["noop"]["threads"])
    row(f"(2) baseline batched, {CONCURRENCY} threads, tags from the Tagging API "
        f"(`bench/baseline/observe.py --threads {CONCURRENCY} --batched`)", rows["noop"].get("batched"))
    row("(2) driftless daemon, no-op cycle (`driftless run`, each cycle forced by SIGHUP; CPU and "
        "requests between the signal and `cycle.finished`; RSS the daemon's peak)", rows.get("daemon"))
    row("(3) driftless cycle with 10 changed resources (`driftless apply` after a commit)", rows["change"])
    w("")
    if rows.get("latency"):
        w(f"Latency injected by `bench/latency_proxy.py --delay-ms D` in front of moto (keep-alive to the "
          f"client, {a.latency_runs} runs each, alternating). Floor = requests × D / {CONCURRENCY}.\n")
        w("| D | program | wall (s) | CPU user+sys (s) | requests | moto CPU (s) | floor (s) | wall / floor |")
        w("|---|---|---|---|---|---|---|---|")
        for ms, by in rows["latency"].items():
            for prog, s in by.items():
                if not s:
                    continue
                med = statistics.median(x["wall"] for x in s)
                req = statistics.median(x["requests"] for x in s)
                floor = req * ms / 1000 / CONCURRENCY
                label = "driftless plan" if prog == "driftless" else f"baseline, {CONCURRENCY} threads"
                w(f"| {ms} ms | {label} | {fmt(s, 'wall', '')} | {fmt(s, 'cpu', '')} | {req:.0f} | "
                  f"{fmt(s, 'peer_cpu', '')} | {floor:.2f} | "
                  f"{med / floor:.1f} |")
        w("")
    if rows.get("scale"):
        w(f"Scale: {a.scale:,} SQS queues (created with boto3, taken over by one `driftless apply` with "
          "`adopt: true`), then no-op `driftless plan`:\n")
        w("| row | wall (s) | CPU user+sys (s) | peak RSS (MiB) | AWS requests | moto CPU (s) |")
        w("|---|---|---|---|---|---|")
        row(f"adopting apply, {a.scale:,} queues", rows["scale_adopt"])
        row(f"no-op plan, {a.scale:,} queues", rows["scale"])
        w("")
    w(f"Command: `{a.command}` (driver: `bench/cycle/run.py --n {n} --runs {a.runs}"
      f"{' --scale ' + str(a.scale) if a.scale else ''}`).\n")
    return "\n".join(L)


if __name__ == "__main__":
    main()
