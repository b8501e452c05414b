#!/usr/bin/env python3
"""An HTTP/1.1 proxy that adds a fixed delay to every request before forwarding it to
the AWS peer (moto), so a benchmark sees round trips like AWS's instead of moto's
microseconds.

Clients keep their connections (keep-alive, as against AWS): the proxy reads each request
(Content-Length or chunked body), waits --delay-ms, sends it to the upstream on a fresh
connection (moto speaks HTTP/1.0 and closes), reads the whole response and returns it
with a Content-Length on the client's connection. Requests on different connections
overlap; the delay is per request, not per byte. Counts requests; GET /__proxy/count
answers the count and GET /__proxy/peak the most requests it has held at once (both
answered without the delay, not counted). tests/e2e uses the peak to check that a
cycle keeps its requests in flight together.

  latency_proxy.py --listen-port P --upstream http://127.0.0.1:M --delay-ms 20
"""

import argparse
import asyncio
import signal
import urllib.parse

count = 0
inflight = 0
peak = 0


async def read_head(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    return lines[0], [tuple(x.split(":", 1)) for x in lines[1:] if x]


async def read_body(reader, headers, method=None, status=None, to_eof=False):
    h = {k.strip().lower(): v.strip() for k, v in headers}
    if method == "HEAD" or (status is not None and (status in (204, 304) or status < 200)):
        return b""
    if "chunked" in h.get("transfer-encoding", "").lower():
        body = bytearray()
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                while (await reader.readuntil(b"\r\n")) != b"\r\n":
                    pass
                return bytes(body)
            body += await reader.readexactly(size)
            await reader.readexactly(2)
    if "content-length" in h:
        return await reader.readexactly(int(h["content-length"]))
    return await reader.read() if to_eof else b""


def render(start, headers, body):
    drop = {"content-length", "transfer-encoding", "connection", "keep-alive"}
    out = [start] + [f"{k}:{v}" for k, v in headers if k.strip().lower() not in drop]
    out += [f"Content-Length: {len(body)}", "Connection: keep-alive"]
    return ("\r\n".join(out) + "\r\n\r\n").encode("latin-1") + body


async def serve(reader, writer, up_host, up_port, delay):
    global count, inflight, peak
    try:
        while True:
            try:
                start, headers = await read_head(reader)
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            method = start.split(" ", 1)[0]
            body = await read_body(reader, headers, method)
            if start.startswith("GET /__proxy/count ") or start.startswith("GET /__proxy/peak "):
                value = count if "/count " in start else peak
                writer.write(render("HTTP/1.1 200 OK", [], str(value).encode()))
                await writer.drain()
                continue
            count += 1
            inflight += 1
            peak = max(peak, inflight)
            try:
                await asyncio.sleep(delay)
                ur, uw = await asyncio.open_connection(up_host, up_port)
                uw.write(render(start, headers, body).replace(b"Connection: keep-alive", b"Connection: close"))
                await uw.drain()
                rstart, rheaders = await read_head(ur)
                rbody = await read_body(ur, rheaders, method, int(rstart.split(" ")[1]), to_eof=True)
                uw.close()
                writer.write(render(rstart, rheaders, rbody))
                await writer.drain()
            finally:
                inflight -= 1
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--listen-port", type=int, required=True)
    p.add_argument("--upstream", required=True)
    p.add_argument("--delay-ms", type=float, required=True)
    a = p.parse_args()
    u = urllib.parse.urlparse(a.upstream)
    server = await asyncio.start_server(
        lambda r, w: serve(r, w, u.hostname, u.port, a.delay_ms / 1000.0),
        "127.0.0.1", a.listen_port, backlog=1024)
    stop = asyncio.Event()
    for s in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(s, stop.set)
    async with server:
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())
