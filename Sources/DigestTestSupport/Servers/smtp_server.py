#!/usr/bin/env python3
"""A real SMTP server for digest's tests (aiosmtpd), bound to 127.0.0.1 only.

Started by DigestTestSupport's LoopbackSMTPServer. It binds port 0, prints `PORT <n>` on stdout
once it is listening, and serves until its stdin closes, it is terminated, or its parent goes away.
It never opens a connection of its own and relays nothing: every accepted message is written to
the capture folder as `<sequence>-<recipient>.eml` (atomically: a temporary file, then a rename),
one file per recipient.

Usage: smtp_server.py --config CONFIG.json

The config (all keys optional but `capture`):
  capture              folder for accepted messages
  tls_dir              STARTTLS: a self-signed certificate for 127.0.0.1/localhost is made here
                       (cert.pem, key.pem) with `openssl req`; STARTTLS is then offered and required
  implicit_tls         with tls_dir: TLS from the first byte (smtps://) instead of STARTTLS
  user, password       AUTH (PLAIN, LOGIN) is required with these credentials (needs tls_dir)
  events               a file: one JSON line per connection, EHLO, MAIL FROM and accepted message,
                       each with `time` (monotonic seconds) and `conn` (the connection's number);
                       an accepted message also has `rcpt` and `sender` (its envelope's MAIL FROM)
  defer_every_nth_rcpt 451 for every Nth RCPT TO, counted over the server's life
  reject               addresses answered `550 5.1.1 <address>: user unknown` at RCPT TO
  reject_reply         a reply line with `%s` for the address, instead of that one (like "550 no such user")
  drop_at_data_once    an address: the first DATA for it gets no reply; the connection is closed
                       before the message body is taken
  drop_mid_body_once   an address: the first DATA for it gets its 354, then the server reads 64 KiB of
                       the body and hangs up (a reset), long before the end-of-data mark of a large one
  no_reply_once        an address: the first message for it is taken and stored, then the server
                       never replies (it waits until the client gives up)
  no_reply_ever        true: every message is taken and stored, then never answered (a relay that
                       stalls after DATA)
  delay_ms             milliseconds to wait before replying to each message body
  slow_down_code       421 or 454: the answer to the first `slow_down_count` MAIL FROMs, counted
  slow_down_count      over the server's life ("slow down"); after a 421 the server hangs up
  refuse_sender        a reply line (like "550 5.7.1 sender not allowed"): the answer to every MAIL FROM
  refuse_relay         a reply line with `%s` for the address (like "554 5.7.1 <%s>: Relay access denied"):
                       the answer to every RCPT TO, as a relay gives a client it does not let relay
                       (a refused RCPT TO, by either, is an event `rcpt` with its `code`)
"""

import argparse
import asyncio
import json
import os
import ssl
import subprocess
import sys
import threading
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Faults:
    def __init__(self, config):
        self.defer_every = int(config.get("defer_every_nth_rcpt") or 0)
        self.reject = {address.lower() for address in config.get("reject", [])}
        self.reject_reply = config.get("reject_reply") or "550 5.1.1 <%s>: user unknown"
        self.drop_at_data = (config.get("drop_at_data_once") or "").lower() or None
        self.drop_mid_body = (config.get("drop_mid_body_once") or "").lower() or None
        self.no_reply = (config.get("no_reply_once") or "").lower() or None
        self.no_reply_ever = bool(config.get("no_reply_ever"))
        self.delay = float(config.get("delay_ms") or 0) / 1000
        self.rcpt_count = 0
        self.slow_down_code = int(config.get("slow_down_code") or 0)
        self.slow_down_left = int(config.get("slow_down_count") or 0) if self.slow_down_code else 0
        self.refuse_sender = config.get("refuse_sender") or None
        self.refuse_relay = config.get("refuse_relay") or None


class EventLog:
    """What happened, one JSON line per event, for tests that look at timing and connections."""

    def __init__(self, path):
        self.file = open(path, "a", buffering=1) if path else None

    def record(self, event, conn, **fields):
        if self.file is None:
            return
        fields.update(event=event, conn=conn, time=time.monotonic())
        self.file.write(json.dumps(fields) + "\n")


class CaptureHandler:
    def __init__(self, folder, faults, events):
        self.folder = folder
        self.faults = faults
        self.events = events
        self.sequence = 0
        os.makedirs(folder, exist_ok=True)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        faults = self.faults
        faults.rcpt_count += 1
        if faults.refuse_relay:
            self.events.record("rcpt", server.conn, rcpt=address, code=int(faults.refuse_relay[:3]))
            return faults.refuse_relay.replace("%s", address)
        if faults.defer_every and faults.rcpt_count % faults.defer_every == 0:
            return "451 4.3.0 try again later (every %dth recipient)" % faults.defer_every
        if address.lower() in faults.reject:
            self.events.record("rcpt", server.conn, rcpt=address, code=int(faults.reject_reply[:3]))
            return faults.reject_reply.replace("%s", address)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for recipient in envelope.rcpt_tos:
            self.sequence += 1
            name = "%06d-%s.eml" % (self.sequence, recipient.replace("/", "_"))
            temporary = os.path.join(self.folder, "." + name + ".tmp")
            with open(temporary, "wb") as file:
                file.write(envelope.original_content or envelope.content)
                file.flush()
                os.fsync(file.fileno())
            os.rename(temporary, os.path.join(self.folder, name))
            self.events.record("accepted", server.conn, rcpt=recipient, sender=envelope.mail_from)
        faults = self.faults
        if faults.no_reply_ever:
            # A relay that stalls after the body: every client waits out its own timeout.
            await asyncio.sleep(600)
        if faults.no_reply and faults.no_reply in (r.lower() for r in envelope.rcpt_tos):
            faults.no_reply = None
            # Stored, but the reply never comes: the client must time out and call it unknown.
            await asyncio.sleep(600)
        if faults.delay:
            await asyncio.sleep(faults.delay)
        return "250 2.0.0 OK queued as %06d" % self.sequence


class FaultySMTP(SMTP):
    faults = None
    events = None
    conn = 0

    async def smtp_EHLO(self, hostname):
        self.events.record("ehlo", self.conn, name=hostname)
        await super().smtp_EHLO(hostname)

    async def smtp_MAIL(self, arg):
        faults = self.faults
        if faults.slow_down_left > 0 and self.session is not None and self.session.host_name:
            faults.slow_down_left -= 1
            code = faults.slow_down_code
            self.events.record("mail", self.conn, code=code)
            if code == 421:
                # RFC 5321 4.2.2: 421 closes the transmission channel.
                await self.push("421 4.7.0 smtp.test.invalid too many messages, slow down; closing connection")
                self.transport.close()
            else:
                await self.push("%d 4.7.0 slow down, try again later" % code)
            return
        if faults.refuse_sender and self.session is not None and self.session.host_name:
            self.events.record("mail", self.conn, code=int(faults.refuse_sender[:3]))
            await self.push(faults.refuse_sender)
            return
        self.events.record("mail", self.conn, code=None)
        await super().smtp_MAIL(arg)

    async def smtp_DATA(self, arg):
        faults = self.faults
        if (
            faults is not None
            and faults.drop_at_data
            and self.envelope is not None
            and faults.drop_at_data in (r.lower() for r in self.envelope.rcpt_tos)
        ):
            faults.drop_at_data = None
            # Hang up in the DATA exchange, before any of the body is taken.
            if self.transport is not None:
                self.transport.abort()
            return
        if (
            faults is not None
            and faults.drop_mid_body
            and self.envelope is not None
            and faults.drop_mid_body in (r.lower() for r in self.envelope.rcpt_tos)
        ):
            faults.drop_mid_body = None
            await self.push("354 End data with <CR><LF>.<CR><LF>")
            taken = 0
            while taken < 65536:
                chunk = await self._reader.read(65536 - taken)
                if not chunk:
                    break
                taken += len(chunk)
            self.events.record("dropped", self.conn, taken=taken)
            # Unread data in the socket makes the close a reset.
            if self.transport is not None:
                self.transport.abort()
            return
        await super().smtp_DATA(arg)


def make_certificate(folder):
    os.makedirs(folder, exist_ok=True)
    cert = os.path.join(folder, "cert.pem")
    key = os.path.join(folder, "key.pem")
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
            "-keyout", key, "-out", cert, "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-addext", "basicConstraints=critical,CA:TRUE",
        ],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def watch_stdin(loop, stop):
    """Stops the server when stdin reaches its end: the test closed it, or the test process died."""
    while sys.stdin.buffer.read(4096):
        pass
    loop.call_soon_threadsafe(stop.set)


def watch_parent(loop, stop, parent):
    while os.getppid() == parent:
        time.sleep(0.5)
    loop.call_soon_threadsafe(stop.set)


async def serve(config):
    faults = Faults(config)
    events = EventLog(config.get("events"))
    handler = CaptureHandler(config["capture"], faults, events)
    tls_context = make_certificate(config["tls_dir"]) if config.get("tls_dir") else None
    implicit_tls = bool(config.get("implicit_tls")) and tls_context is not None
    user = config.get("user")
    password = config.get("password")
    connections = 0

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and user is not None
            and auth_data.login.decode() == user
            and auth_data.password.decode() == password
        )
        return AuthResult(success=ok, handled=False)

    def factory():
        nonlocal connections
        connections += 1
        events.record("connect", connections)
        options = dict(hostname="smtp.test.invalid", timeout=60)
        if tls_context is not None and not implicit_tls:
            options.update(tls_context=tls_context, require_starttls=True)
        if user is not None:
            # With implicit TLS the whole session is encrypted, which aiosmtpd's own check
            # (made for STARTTLS) does not see: AUTH is then allowed on that session as it is.
            options.update(authenticator=authenticator, auth_required=True, auth_require_tls=not implicit_tls)
        server = FaultySMTP(handler, **options)
        server.faults = faults
        server.events = events
        server.conn = connections
        return server

    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, "127.0.0.1", 0, ssl=tls_context if implicit_tls else None)
    port = server.sockets[0].getsockname()[1]
    print("PORT %d" % port, flush=True)
    stop = asyncio.Event()
    threading.Thread(target=watch_stdin, args=(loop, stop), daemon=True).start()
    threading.Thread(target=watch_parent, args=(loop, stop, os.getppid()), daemon=True).start()
    await stop.wait()
    server.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True, help="the JSON config file")
    options = parser.parse_args()
    with open(options.config) as file:
        config = json.load(file)
    try:
        asyncio.run(serve(config))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
