#!/usr/bin/env python3
"""The replay peer's recorder (bench only): an HTTP/1.1 proxy in front of moto that
forwards every request and writes each new (request key -> status, headers, body) to a
recording that bench/replay/replay_server serves back.

The key (the same as bench/replay/replay.h derives): method, the SigV4 scope
(region/service from the Authorization header's or the query's credential), the path,
the raw query parameters sorted less every X-Amz-* one, the X-Amz-Target header and the
body. Nothing else of the signature (date, signature, security token) is used, so a
read replays whatever the time it is signed at. The proxy's own address (the Host
header) in request and answer bodies is recorded as @@REPLAY_HOST@@, which the server
puts back as its own. The first answer of a key is kept.

  record.py --listen-port P --upstream http://127.0.0.1:M --out FILE
GET /__record/count answers "<requests> <recorded keys>" (not forwarded).
"""

import argparse
import asyncio
import os
import signal
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from latency_proxy import read_body, read_head, render  # noqa: E402

MAGIC = b"DLREPLAY1\n"
DROP = {"content-length", "transfer-encoding", "connection", "keep-alive", "date"}


def _scope(credential):
    parts = credential.split("/")
    return f"{parts[2]}/{parts[3]}" if len(parts) >= 5 else "-"


HOST = b"@@REPLAY_HOST@@"


def with_host(body, host, to):
    """body with the peer's address (raw and URL-encoded) replaced by `to` (bytes)."""
    if not host:
        return body
    body = body.replace(host, to)
    return body.replace(host.replace(b":", b"%3A"), to.replace(b":", b"%3A"))


def key(method, target, host, authorization, amz_target, body):
    """The request key, as bytes (see the module's docstring and replay.h); host is the
    Host header: the peer's own address in the body is replaced by HOST."""
    scope = "-"
    at = authorization.find("Credential=")
    if at >= 0:
        cred = authorization[at + 11:]
        for sep in (",", " "):
            cred = cred.split(sep, 1)[0]
        scope = _scope(cred)
    path, _, query = target.partition("?")
    params = []
    for p in query.split("&") if query else []:
        if p.lower().startswith("x-amz-credential=") and scope == "-":
            scope = _scope(p[17:].replace("%2F", "/"))
        if p and not p.lower().startswith("x-amz-"):
            params.append(p)
    head = f"{method} {scope} {path}?{'&'.join(sorted(params))} {amz_target}\n"
    return head.encode("latin-1") + with_host(body, host.encode("latin-1"), HOST)


def entry(k, status, headers, body):
    """One recording entry (headers: [(name, value)])."""
    h = "".join(f"{n.strip()}: {v.strip()}\r\n" for n, v in headers
                if n.strip().lower() not in DROP).encode("latin-1")
    return f"{len(k)} {status} {len(h)} {len(body)}\n".encode() + k + h + body + b"\n"


async def next_request(reader):
    """(start line, headers, method, target, body) of the client's next request, or None
    when the client has closed the connection."""
    try:
        start, headers = await read_head(reader)
    except (asyncio.IncompleteReadError, ConnectionError):
        return None
    method, target = start.split(" ")[:2]
    return start, headers, method, target, await read_body(reader, headers, method)


class Recorder:
    def __init__(self, out, up_host, up_port):
        self.out = open(out, "wb")
        self.out.write(MAGIC)
        self.seen = set()
        self.requests = 0
        self.up = (up_host, up_port)

    async def forward(self, start, headers, body, method):
        ur, uw = await asyncio.open_connection(*self.up)
        uw.write(render(start, headers, body).replace(b"Connection: keep-alive", b"Connection: close"))
        await uw.drain()
        rstart, rheaders = await read_head(ur)
        status = int(rstart.split(" ")[1])
        rbody = await read_body(ur, rheaders, method, status, to_eof=True)
        uw.close()
        return rstart, status, rheaders, rbody

    async def serve(self, reader, writer):
        try:
            while (req := await next_request(reader)) is not None:
                start, headers, method, target, body = req
                if target == "/__record/count":
                    writer.write(render("HTTP/1.1 200 OK", [], f"{self.requests} {len(self.seen)}".encode()))
                    await writer.drain()
                    continue
                self.requests += 1
                rstart, status, rheaders, rbody = await self.forward(start, headers, body, method)
                h = {n.strip().lower(): v.strip() for n, v in headers}
                host = h.get("host", "")
                k = key(method, target, host, h.get("authorization", ""), h.get("x-amz-target", ""), body)
                if k not in self.seen:
                    self.seen.add(k)
                    self.out.write(entry(k, status, rheaders, with_host(rbody, host.encode("latin-1"), HOST)))
                writer.write(render(rstart, rheaders, rbody))
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            return  # the client went away; the recording keeps what it answered
        finally:
            writer.close()


async def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True, help="the recording to write")
    p.add_argument("--upstream", required=True, help="moto's URL")
    p.add_argument("--listen-port", type=int, required=True)
    a = p.parse_args()
    u = urllib.parse.urlparse(a.upstream)
    rec = Recorder(a.out, u.hostname, u.port)
    server = await asyncio.start_server(rec.serve, "127.0.0.1", a.listen_port, backlog=1024)
    stop = asyncio.Event()
    for s in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(s, stop.set)
    async with server:
        await stop.wait()
    rec.out.close()
    print(f"record: {rec.requests} requests, {len(rec.seen)} recorded keys", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
