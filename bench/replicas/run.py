#!/usr/bin/env python3
"""Replicas benchmark (issue 16): R `driftless run` replicas share E environments
(empty manifests) through one state bucket on moto. Each replica reaches the bucket
through its own counting proxy (bench/latency_proxy.py, no delay), so its request
rate to the state bucket is measured on its own. Reports:

  - how the environments were shared, and how long that took;
  - each replica's request rate to the state bucket, steady state;
  - the rate of a standby (a replica that holds nothing: E = 1, 2 replicas);
  - the takeover time after one replica is SIGKILLed, in lease periods.

  run.py --driftless build/controller/driftless [--environments 30] [--replicas 3]
         [--window 20] [--work DIR]
Run it with the Python that has moto and boto3 (DRIFTLESS_PYTHON).
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cycle"))
import run as cyc  # noqa: E402  (free_port, wait_port, Peer, Moto, git)

PY = sys.executable
PROXY = os.path.join(HERE, "..", "latency_proxy.py")
INTERVAL, RETRY, PERIOD = "3s", "1s", 10.0  # lease period: max(10 s, 3 x interval)


class Proxy(cyc.Peer):
    def __init__(self, work, upstream, n):
        self.port = cyc.free_port()
        super().__init__([PY, PROXY, "--listen-port", str(self.port), "--upstream", upstream,
                          "--delay-ms", "0"], os.path.join(work, f"proxy{n}.log"), "proxy")
        cyc.wait_port(self.port, self.proc, "proxy")
        self.url = f"http://127.0.0.1:{self.port}"

    def count(self):
        return int(urllib.request.urlopen(self.url + "/__proxy/count").read())


def repository(work, names):
    repo = os.path.join(work, "repo")
    os.makedirs(os.path.join(repo, "manifests"))
    cyc.git(repo, "init", "-q", "-b", "main")
    cyc.git(repo, "config", "user.email", "bench@example.com")
    cyc.git(repo, "config", "user.name", "bench")
    with open(os.path.join(repo, "manifests", "empty.yaml"), "w") as f:
        f.write("Resources: {}\n")
    cyc.git(repo, "add", "-A")
    cyc.git(repo, "commit", "-q", "-m", "empty")
    for n in names:
        cyc.git(repo, "branch", "env/" + n)
    return repo


def config(work, r, repo, moto, proxy, bucket, names):
    lines = ["controller:", "  id: bench-replicas", f"  dataDir: {work}/data{r}",
             f"  controlSocket: {work}/control{r}.sock", "source:", f"  url: {repo}",
             "  path: manifests", "environments:"]
    for n in names:
        lines += [f"  {n}:", f"    branch: env/{n}", f"    interval: {INTERVAL}",
                  f"    retryInterval: {RETRY}", "    region: us-east-1",
                  f"    endpointUrl: {moto.url}"]
    lines += ["state:", "  backend: s3", f"  bucket: {bucket}", "  prefix: driftless/",
              "  region: us-east-1", f"  endpointUrl: {proxy.url}"]
    path = os.path.join(work, f"replica{r}.yaml")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def held(driftless, cfg, env):
    p = subprocess.run([driftless, "status", "--config", cfg, "-o", "json"], env=env,
                       capture_output=True, text=True)
    if p.returncode != 0:
        return None
    return {e["env"] for e in json.loads(p.stdout) if e.get("holdsLease")}


def scenario(a, work, moto, env, environments, replicas):
    """Starts the replicas; returns (procs, proxies, configs, names, settle seconds)."""
    bucket = f"replicas-{environments}x{replicas}"
    subprocess.run([PY, "-c", "import boto3,sys; boto3.client('s3', endpoint_url=sys.argv[1], "
                    "region_name='us-east-1', aws_access_key_id='testing', "
                    "aws_secret_access_key='testing').create_bucket(Bucket=sys.argv[2])",
                    moto.url, bucket], check=True)
    names = [f"e{i:02d}" for i in range(environments)]
    os.makedirs(os.path.join(work, bucket))
    repo = repository(os.path.join(work, bucket), names)
    proxies = [Proxy(work, moto.url, f"{bucket}-{r}") for r in range(replicas)]
    configs = [config(os.path.join(work, bucket), r, repo, moto, proxies[r], bucket, names)
               for r in range(replicas)]
    procs = [subprocess.Popen([a.driftless, "run", "--config", c], env=env,
                              stdout=open(c + ".log", "w"), stderr=subprocess.STDOUT)
             for c in configs]
    start = time.monotonic()
    while time.monotonic() < start + 6 * PERIOD:
        sets = [held(a.driftless, c, env) for c in configs]
        low, high = environments // replicas, -(-environments // replicas) + 1
        if (all(s is not None and low - 1 <= len(s) <= high for s in sets)
                and sum(len(s) for s in sets) == environments):
            break
        time.sleep(0.25)
    return procs, proxies, configs, names, time.monotonic() - start


def rates(proxies, window):
    before = [p.count() for p in proxies]
    time.sleep(window)
    return [(p.count() - b) / window for p, b in zip(proxies, before)]


def stop(procs, proxies):
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            p.wait(30)
    for p in proxies:
        p.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--driftless", required=True)
    ap.add_argument("--environments", type=int, default=30)
    ap.add_argument("--replicas", type=int, default=3)
    ap.add_argument("--window", type=float, default=20)
    ap.add_argument("--work")
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="driftless-replicas-")
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing")
    moto = cyc.Moto(work)
    out = []
    try:
        # Sharing, steady-state rates, takeover.
        procs, proxies, configs, names, settle = scenario(a, work, moto, env, a.environments,
                                                          a.replicas)
        shares = [len(held(a.driftless, c, env) or ()) for c in configs]
        out.append(f"{a.environments} environments over {a.replicas} replicas: held "
                   f"{'/'.join(map(str, shares))} after {settle:.1f} s "
                   f"({settle / PERIOD:.2f} lease periods)")
        rate = rates(proxies, a.window)
        for r, (n, x) in enumerate(zip(shares, rate)):
            out.append(f"replica {r}: {x:.2f} requests/s to the state bucket while holding {n}")
        procs[-1].send_signal(signal.SIGKILL)
        procs[-1].wait()
        killed = time.monotonic()
        while time.monotonic() < killed + 4 * PERIOD:
            sets = [held(a.driftless, c, env) for c in configs[:-1]]
            if all(s is not None for s in sets) and sum(len(s) for s in sets) == a.environments:
                break
            time.sleep(0.2)
        took = time.monotonic() - killed
        out.append(f"takeover of {shares[-1]} environments after SIGKILL: {took:.1f} s = "
                   f"{took / PERIOD:.2f} lease periods")
        stop(procs, proxies)
        # A standby: 1 environment, 2 replicas; the second holds nothing.
        procs, proxies, configs, names, _ = scenario(a, work, moto, env, 1, 2)
        rate = rates(proxies, a.window)
        idle = [i for i, c in enumerate(configs) if not held(a.driftless, c, env)]
        if idle:
            out.append(f"standby (1 environment held elsewhere, retryInterval {RETRY}): "
                       f"{rate[idle[0]]:.2f} requests/s to the state bucket")
        stop(procs, proxies)
    finally:
        moto.stop()
    print("\n".join(out))


if __name__ == "__main__":
    main()
