#!/usr/bin/env python3
"""ctest replay_peer_smoke: replay_server answers a recorded request (signed at another
time than the recording's) with the recorded answer, and an unknown one with 599 naming
its key; it counts both and lists the unknown key at exit; 16 requests sent at once
are all in flight together (peak 16 at 500 ms); with --jitter-ms, answers to requests sent
together arrive apart, each no earlier than latency − jitter. The recording is written
with record.py's own key and entry functions, so the Python and C++ keys must agree.

  smoke.py <replay_server binary>
"""

import http.client
import os
import select
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import record  # noqa: E402

AUTH = ("AWS4-HMAC-SHA256 Credential=AKID/{date}/eu-west-1/sqs/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature={sig}")
LATENCY_MS = 500
OVERLAP = 16
BODY = b"Action=GetQueueAttributes&QueueUrl=http%3A%2F%2F{host}%2F123%2Fq&AttributeName.1=All"


def overlap(port, body, headers):
    """OVERLAP requests sent at once on their own connections are all held together
    (the latency is a timer, not a sleeping thread): the server's peak in flight.
    Returns each answer's arrival, in seconds after the first request was sent (the
    server starts its timer only on receiving a request, so none can arrive earlier)."""
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    raw = (f"POST /?a=1&b=2 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{head}Content-Length: {len(body)}\r\n\r\n"
           .encode() + body)
    socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(OVERLAP)]
    sent = time.monotonic()
    for s in socks:
        s.sendall(raw)
    replies = {s: b"" for s in socks}
    arrived = []
    while replies:
        for s in selectors_ready(list(replies)):
            chunk = s.recv(4096)
            assert chunk, replies[s]
            replies[s] += chunk
            if b"</ok>" in replies[s]:
                assert replies.pop(s).startswith(b"HTTP/1.1 200")
                arrived.append(time.monotonic() - sent)
                s.close()
    return arrived


def selectors_ready(socks):
    ready, _, _ = select.select(socks, [], [], 10)
    assert ready, "no answer within 10 s"
    return ready


def start(server, path, *extra):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    p = subprocess.Popen([server, "--recording", path, "--port", str(port), *extra], stdout=subprocess.PIPE, text=True)
    assert "1 recorded answers" in p.stdout.readline()
    return p, port


def body_for(port):
    return BODY.replace(b"{host}", f"127.0.0.1%3A{port}".encode())


def jittered(server, path, headers):
    """--latency-ms 200 --jitter-ms 150: answers to requests sent together arrive apart,
    none before 50 ms (OVERLAP draws spread over 300 ms fall within 100 ms of each other
    with probability about 16 × (1/3)^15)."""
    p, port = start(server, path, "--latency-ms", "200", "--jitter-ms", "150")
    try:
        arrived = overlap(port, body_for(port), headers)
    finally:
        p.terminate()
        out = p.communicate(timeout=10)[0]
    assert len(arrived) == OVERLAP and min(arrived) >= 0.05 and max(arrived) - min(arrived) >= 0.1, arrived
    assert f"{OVERLAP} requests, 0 unknown (599)" in out, out
    return max(arrived) - min(arrived)


def main():
    server = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "rec")
        # Recorded through a proxy on port 1 (its address in the body is not part of the key).
        k = record.key("POST", "/?b=2&a=1&X-Amz-Date=20200101T000000Z", "127.0.0.1:1",
                       AUTH.format(date="20200101", sig="aa"), "", BODY.replace(b"{host}", b"127.0.0.1%3A1"))
        answer = b"<ok>http://" + record.HOST + b"/q</ok>"
        with open(path, "wb") as f:
            f.write(record.MAGIC + record.entry(k, 200, [("Content-Type", "text/xml"), ("Date", "x")], answer))
        p, port = start(server, path, "--latency-ms", str(LATENCY_MS))
        try:
            for _ in range(100):
                try:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                    c.connect()
                    break
                except OSError:
                    time.sleep(0.05)
            # Signed at another time: other date, signature and X-Amz-Date; query reordered.
            headers = {"Authorization": AUTH.format(date="20261128", sig="bb"), "X-Amz-Date": "20261128T1"}
            body = body_for(port)
            c.request("POST", "/?a=1&b=2&X-Amz-Date=20261128T1", body, headers)
            r = c.getresponse()
            got = (r.status, r.read(), r.getheader("Content-Type"))
            assert got == (200, f"<ok>http://127.0.0.1:{port}/q</ok>".encode(), "text/xml"), got
            c.request("POST", "/?a=1", body, headers)  # same connection: kept alive
            r = c.getresponse()
            text = r.read().decode()
            assert r.status == 599 and "no recording for key" in text and "eu-west-1/sqs /?a=1 " in text, text
            together = overlap(port, body, headers)
            assert max(together) - min(together) < 0.1, together
        finally:
            p.terminate()
            out = p.communicate(timeout=10)[0]
        assert f"{2 + OVERLAP} requests, 1 unknown (599), peak {OVERLAP} in flight" in out and "unknown key: POST eu-west-1/sqs /?a=1" in out, out
        spread = jittered(server, path, headers)
    print(f"replay_peer_smoke: recorded answer replayed, unknown request 599, {OVERLAP} in flight at once, counted; "
          f"with --jitter-ms answers {spread * 1000:.0f} ms apart: ok")


if __name__ == "__main__":
    main()
