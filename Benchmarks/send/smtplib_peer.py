#!/usr/bin/env python3
"""The peer for Benchmarks/send: Python's smtplib sending a dry run's .eml files over one reused
connection to a relay on loopback, one recipient per message (the address is in the file name,
`<number>-<address>.eml`). Prints `messages seconds msg/s` on one line.

Usage: smtplib_peer.py OUTBOX_DIR PORT SENDER
"""
import os
import smtplib
import sys
import time


def main():
    outbox, port, sender = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    names = sorted(name for name in os.listdir(outbox) if name.endswith(".eml"))
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, local_hostname="bench.example") as client:
        for name in names:
            recipient = name.split("-", 1)[1][: -len(".eml")]
            with open(os.path.join(outbox, name), "rb") as file:
                data = file.read()
            client.sendmail(sender, [recipient], data)
    elapsed = time.perf_counter() - started
    print("%d %.3f %.1f" % (len(names), elapsed, len(names) / elapsed))


if __name__ == "__main__":
    main()
