#!/usr/bin/env python3
"""Opens N keep-alive connections, makes one request on each, then holds them idle.

usage: hold_idle.py HOST PORT N READY_FILE
Writes the number of connections that got their answer to READY_FILE, then sleeps until
killed (bench/idle_connections.sh kills it by pid).
"""
import selectors
import socket
import sys
import time

host, port, n, ready = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
sel = selectors.DefaultSelector()
req = f"HEAD /healthz HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
socks, answered = [], 0
for i in range(n):
    s = socket.socket()
    s.setblocking(False)
    s.connect_ex((host, port))
    sel.register(s, selectors.EVENT_WRITE)
    socks.append(s)
    if i % 500 == 499:
        time.sleep(0.05)  # do not overflow the listen backlog
pending = {s: b"" for s in socks}
deadline = time.time() + 60
while pending and time.time() < deadline:
    for key, ev in sel.select(timeout=1):
        s = key.fileobj
        if ev & selectors.EVENT_WRITE:
            try:
                s.send(req)
                sel.modify(s, selectors.EVENT_READ)
            except OSError:
                sel.unregister(s); pending.pop(s, None)
        elif ev & selectors.EVENT_READ:
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if not data:
                sel.unregister(s); pending.pop(s, None); continue
            pending[s] += data
            if b"\r\n\r\n" in pending[s]:
                sel.unregister(s); pending.pop(s, None); answered += 1
with open(ready, "w") as f:
    f.write(str(answered))
while True:
    time.sleep(3600)
