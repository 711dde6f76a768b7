#!/usr/bin/env python3
"""RFC 8058 one-click unsubscribes against `digest serve`, as a mail provider sends them.

    oneclick.py BASE_URL LIST ADDRESSES_FILE CONCURRENCY

Reads the unsubscribe secret from DIGEST_UNSUBSCRIBE_SECRET and makes each reader's token as
`digest send` does (base64url of the address, a dot, base64url of HMAC-SHA256 over
"<list>\\0<address>"), then posts `List-Unsubscribe=One-Click` to /unsubscribe?token=... for every
address in the file, CONCURRENCY requests at a time (one keep-alive connection per worker). Each
request is timed from sending to the last byte of the answer. Prints one JSON object: count,
failures (anything but 200, or a connection error), p50/p99/max in ms, requests per second.
"""
import base64
import hashlib
import hmac
import http.client
import json
import math
import os
import sys
import threading
import time
import urllib.parse


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def token(secret: bytes, list_name: str, address: str) -> str:
    mac = hmac.new(secret, (list_name + "\0" + address).encode("utf-8"), hashlib.sha256).digest()
    return b64url(address.encode("utf-8")) + "." + b64url(mac)


def percentile(sorted_values, fraction):
    # Nearest rank: the smallest value with at least `fraction` of the values at or below it.
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def main():
    base, list_name, addresses_file, concurrency = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    secret = os.environ["DIGEST_UNSUBSCRIBE_SECRET"].encode("utf-8")
    with open(addresses_file, encoding="utf-8") as handle:
        addresses = [line.strip() for line in handle if line.strip()]
    paths = ["/unsubscribe?token=" + urllib.parse.quote(token(secret, list_name, a), safe="") for a in addresses]
    url = urllib.parse.urlsplit(base)
    body = b"List-Unsubscribe=One-Click"
    headers = {"Content-Type": "application/x-www-form-urlencoded"}

    latencies = [None] * len(paths)
    failures = []
    next_index = [0]
    lock = threading.Lock()
    start_gate = threading.Barrier(concurrency + 1)

    def worker():
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        start_gate.wait()
        while True:
            with lock:
                index = next_index[0]
                next_index[0] += 1
            if index >= len(paths):
                break
            started = time.perf_counter()
            try:
                connection.request("POST", paths[index], body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                elapsed = time.perf_counter() - started
                latencies[index] = elapsed
                if response.status != 200:
                    with lock:
                        failures.append(f"{addresses[index]}: HTTP {response.status}")
            except (OSError, http.client.HTTPException) as error:
                latencies[index] = time.perf_counter() - started
                with lock:
                    failures.append(f"{addresses[index]}: {error!r}")
                connection.close()
                connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    start_gate.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began

    values = sorted(v * 1000 for v in latencies if v is not None)
    print(json.dumps({
        "count": len(paths),
        "failures": len(failures),
        "first_failures": failures[:5],
        "p50_ms": round(percentile(values, 0.50), 2),
        "p99_ms": round(percentile(values, 0.99), 2),
        "max_ms": round(values[-1], 2),
        "requests_per_s": round(len(paths) / wall, 1),
        "wall_s": round(wall, 3),
    }))


if __name__ == "__main__":
    main()
