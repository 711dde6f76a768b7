#!/usr/bin/env python3
"""A small HTTP/1.1 server for digest's tests, bound to 127.0.0.1 only.

Started by DigestTestSupport's LoopbackHTTPServer. It binds port 0, prints `PORT <n>` on stdout
once it is listening, then serves until its stdin closes, it is terminated, its parent process
goes away, or a maximum lifetime passes. Python 3 standard library only.

It never opens a connection of its own: every redirect it sends is a relative path on itself, except
/redirect-to-port, which sends the client to another port of 127.0.0.1 (another test server).

Routes (GET and HEAD):
  /text                 200, a short plain-text body (TEXT_BODY)
  /feed.xml             a small RSS 2.0 feed, with ETag / Last-Modified and 304s
  /redirect/N           N hops of 302 (N-1, ..., 1), then /text (or ?to=/PATH, a path on this server)
  /gzip-feed.xml        the /feed.xml feed, gzip-encoded when the request accepts gzip
  /loop                 302 to itself, forever
  /redirect-to-file     302 to file:///etc/hostname (a client must refuse to follow it)
  /redirect-to-port?port=P&to=/PATH   302 to http://127.0.0.1:P/PATH (another server on loopback)
  /gzip                 GZIP_TEXT, gzip-encoded when the request accepts gzip
  /etag                 ETag + Last-Modified; 304 when If-None-Match (or If-Modified-Since) matches
  /slow?seconds=S       sleeps S seconds (at most 60), then answers like /text
  /big?bytes=N          N bytes (at most 1 GiB) with a Content-Length
  /stream-forever       a chunked body that does not end (bounded by size and time)
  /status/CODE          that status (200-599), body `status CODE`
  /echo-headers         the request headers as `Name: value` lines
  /connection           the client's port number, to tell reused connections from new ones
  /files/PATH           a file under --root DIR, when one was given
"""

import argparse
import email.utils
import gzip
import mimetypes
import os
import posixpath
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TEXT_BODY = b"Hello from the digest test server.\n"
# Repetitive on purpose, so that gzip shrinks it a lot.
GZIP_TEXT = b"".join(b"Line %03d of a body that compresses well.\n" % i for i in range(200))
ETAG = '"digest-etag-v1"'
LAST_MODIFIED = "Mon, 05 Jan 2026 09:40:00 GMT"
FEED_ETAG = '"digest-feed-v1"'

FEED_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Loopback Asia Wire</title>
    <link>http://127.0.0.1/</link>
    <description>A small feed served by digest's test server.</description>
    <language>en</language>
    <lastBuildDate>Mon, 05 Jan 2026 09:40:00 GMT</lastBuildDate>
    <item>
      <title>Seoul and Tokyo agree to resume shuttle diplomacy</title>
      <link>http://127.0.0.1/articles/seoul-tokyo-shuttle-diplomacy</link>
      <guid isPermaLink="false">loopback-wire-0001</guid>
      <pubDate>Mon, 05 Jan 2026 09:40:00 GMT</pubDate>
      <dc:creator>Min-ji Park</dc:creator>
      <description>South Korea and Japan will restart regular leaders' visits.</description>
      <content:encoded><![CDATA[<p>South Korea and Japan agreed on Monday to resume regular visits
between their leaders, officials in Seoul said.</p>
<p>The two governments said the visits would cover trade, security and the ageing of their
populations.</p>]]></content:encoded>
    </item>
    <item>
      <title>Vietnam's exports rise 12% as electronics shipments surge</title>
      <link>http://127.0.0.1/articles/vietnam-exports-rise</link>
      <guid isPermaLink="false">loopback-wire-0002</guid>
      <pubDate>Tue, 06 Jan 2026 03:15:00 GMT</pubDate>
      <description>Vietnam's exports rose 12% in 2025, led by phones and chips, the statistics office in
Hanoi said.</description>
    </item>
    <item>
      <title>India's central bank holds rates &amp; signals patience</title>
      <link>http://127.0.0.1/articles/rbi-holds-rates</link>
      <guid isPermaLink="false">loopback-wire-0003</guid>
      <pubDate>Wed, 07 Jan 2026 06:00:00 GMT</pubDate>
      <description>The Reserve Bank of India kept its policy rate unchanged in Mumbai on Wednesday.</description>
    </item>
  </channel>
</rss>
"""

MAX_REDIRECT_HOPS = 1000
MAX_SLOW_SECONDS = 60.0
MAX_BIG_BYTES = 1 << 30
STREAM_CHUNK = b"x" * 16384
STREAM_MAX_BYTES = 256 << 20
STREAM_MAX_SECONDS = 120.0
MAX_LIFETIME_SECONDS = 3 * 3600
WRITE_BLOCK = 65536

CONNECTION_ERRORS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so a client can reuse its connection
    server_version = "digest-test-server/1"
    files_root = None  # set from --root

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # tests read our stderr only when start-up fails; keep it for that

    def do_GET(self):
        self.dispatch(head=False)

    def do_HEAD(self):
        self.dispatch(head=True)

    # --- plumbing -------------------------------------------------------------------------------

    def dispatch(self, head):
        self.head = head
        parsed = urllib.parse.urlsplit(self.path)
        self.query = urllib.parse.parse_qs(parsed.query)
        path = parsed.path
        try:
            if path == "/text":
                self.reply(200, TEXT_BODY)
            elif path == "/feed.xml":
                self.conditional(FEED_XML, FEED_ETAG, "application/rss+xml; charset=utf-8")
            elif path.startswith("/redirect/"):
                self.redirect_hops(path[len("/redirect/"):])
            elif path == "/loop":
                self.redirect("/loop")
            elif path == "/redirect-to-file":
                self.redirect("file:///etc/hostname")  # not a connection: a scheme to refuse
            elif path == "/redirect-to-port":
                self.redirect_to_port()
            elif path == "/gzip":
                self.gzip_body()
            elif path == "/gzip-feed.xml":
                self.gzip_body(FEED_XML, "application/rss+xml; charset=utf-8")
            elif path == "/etag":
                self.conditional(TEXT_BODY, ETAG, "text/plain; charset=utf-8")
            elif path == "/slow":
                self.slow()
            elif path == "/big":
                self.big()
            elif path == "/stream-forever":
                self.stream_forever()
            elif path.startswith("/status/"):
                self.status(path[len("/status/"):])
            elif path == "/echo-headers":
                lines = "".join("%s: %s\n" % (name, value) for name, value in self.headers.items())
                self.reply(200, lines.encode("utf-8"))
            elif path == "/connection":
                self.reply(200, b"%d\n" % self.client_address[1])
            elif path.startswith("/files/") and Handler.files_root is not None:
                self.serve_file(path[len("/files/"):])
            else:
                self.reply(404, b"not found: " + path.encode("utf-8", "replace") + b"\n")
        except CONNECTION_ERRORS:
            self.close_connection = True  # the client went away; nothing to tell it

    def reply(self, code, body, content_type="text/plain; charset=utf-8", headers=()):
        self.send_response(code)
        for name, value in headers:
            self.send_header(name, value)
        if code in (204, 304):
            self.end_headers()
            return
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not self.head:
            self.wfile.write(body)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)  # this server, 127.0.0.1, or file: never elsewhere
        self.send_header("Content-Length", "0")
        self.end_headers()

    def int_parameter(self, name, default, lowest, highest):
        try:
            value = int(self.query.get(name, [str(default)])[0])
        except ValueError:
            return None
        return value if lowest <= value <= highest else None

    # --- routes ---------------------------------------------------------------------------------

    def redirect_to_port(self):
        port = self.int_parameter("port", 0, 1, 65535)
        target = self.query.get("to", ["/text"])[0]
        if not target.startswith("/") or target.startswith("//"):
            target = "/text"
        if port is None:
            self.reply(400, b"port must be 1...65535\n")
        else:
            self.redirect("http://127.0.0.1:%d%s" % (port, target))  # loopback only, never a name

    def redirect_hops(self, text):
        try:
            hops = int(text)
        except ValueError:
            hops = -1
        target = self.query.get("to", ["/text"])[0]
        if not target.startswith("/") or target.startswith("//"):
            target = "/text"  # only ever a path on this server
        if not 0 <= hops <= MAX_REDIRECT_HOPS:
            self.reply(400, b"hops must be 0...%d\n" % MAX_REDIRECT_HOPS)
        elif hops <= 1:
            self.redirect(target)
        elif "to" in self.query:
            self.redirect("/redirect/%d?to=%s" % (hops - 1, urllib.parse.quote(target)))
        else:
            self.redirect("/redirect/%d" % (hops - 1))

    def gzip_body(self, plain=GZIP_TEXT, content_type="text/plain; charset=utf-8"):
        if accepts_gzip(self.headers.get("Accept-Encoding", "")):
            body = gzip.compress(plain, mtime=0)
            headers = [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        else:
            body, headers = plain, [("Vary", "Accept-Encoding")]
        self.reply(200, body, content_type, headers=headers)

    def conditional(self, body, etag, content_type):
        validators = [("ETag", etag), ("Last-Modified", LAST_MODIFIED), ("Cache-Control", "no-cache")]
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = [tag.strip() for tag in if_none_match.split(",")]
            fresh = "*" in tags or etag in tags or ("W/" + etag) in tags
        else:
            fresh = not_modified_since(self.headers.get("If-Modified-Since"))
        if fresh:
            self.reply(304, b"", headers=validators)
        else:
            self.reply(200, body, content_type, headers=validators)

    def slow(self):
        try:
            seconds = float(self.query.get("seconds", ["1"])[0])
        except ValueError:
            seconds = -1.0
        if not 0.0 <= seconds <= MAX_SLOW_SECONDS:
            self.reply(400, b"seconds must be 0...%d\n" % MAX_SLOW_SECONDS)
            return
        time.sleep(seconds)
        self.reply(200, TEXT_BODY)

    def big(self):
        size = self.int_parameter("bytes", 1024, 0, MAX_BIG_BYTES)
        if size is None:
            self.reply(400, b"bytes must be 0...%d\n" % MAX_BIG_BYTES)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        if self.head:
            return
        block = b"0123456789abcdef" * (WRITE_BLOCK // 16)
        remaining = size
        while remaining > 0:  # bounded: `remaining` falls by at least one byte a turn
            piece = block[: min(remaining, len(block))]
            self.wfile.write(piece)
            remaining -= len(piece)

    def stream_forever(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.close_connection = True
        if self.head:
            return
        # "Forever" for any test: far more bytes than a size cap allows, yet bounded so that a
        # client without a working cap fails instead of filling memory. It never sends the last
        # chunk, so no client can mistake the cut-off for a complete body.
        sent, started = 0, time.monotonic()
        frame = b"%x\r\n" % len(STREAM_CHUNK) + STREAM_CHUNK + b"\r\n"
        while sent < STREAM_MAX_BYTES and time.monotonic() - started < STREAM_MAX_SECONDS:
            self.wfile.write(frame)
            sent += len(STREAM_CHUNK)

    def status(self, text):
        try:
            code = int(text)
        except ValueError:
            code = 0
        if not 200 <= code <= 599:
            self.reply(400, b"status must be 200...599\n")
        else:
            self.reply(code, b"status %d\n" % code)

    def serve_file(self, relative):
        root = os.path.realpath(Handler.files_root)
        relative = urllib.parse.unquote(relative)
        target = os.path.realpath(os.path.join(root, posixpath.normpath("/" + relative).lstrip("/")))
        if os.path.commonpath([root, target]) != root or not os.path.isfile(target):
            self.reply(404, b"no such file\n")
            return
        with open(target, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(target)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type.endswith("xml"):
            content_type += "; charset=utf-8"
        self.reply(200, body, content_type)


def accepts_gzip(header):
    for part in header.split(","):
        fields = [field.strip() for field in part.split(";")]
        if fields[0].lower() not in ("gzip", "x-gzip", "*"):
            continue
        quality = 1.0
        for field in fields[1:]:
            if field.lower().startswith("q="):
                try:
                    quality = float(field[2:])
                except ValueError:
                    quality = 0.0
        if quality > 0:
            return True
    return False


def not_modified_since(header):
    if not header:
        return False
    try:
        since = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False
    return since >= email.utils.parsedate_to_datetime(LAST_MODIFIED)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        if isinstance(error, CONNECTION_ERRORS):
            return  # a client hanging up mid-response is part of the tests
        super().handle_error(request, client_address)


def watch_parent(server, parent):
    """Stops the server when the process that started it is gone (stdin may be shared)."""
    started = time.monotonic()
    while time.monotonic() - started < MAX_LIFETIME_SECONDS:
        if os.getppid() != parent:
            break
        time.sleep(0.5)
    server.shutdown()


def watch_stdin(server):
    """Stops the server when stdin reaches its end: the test closed it, or the test process died."""
    while sys.stdin.buffer.read(4096):
        pass  # bounded by the other end: it only ever closes the pipe
    server.shutdown()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", help="serve files under this folder at /files/")
    options = parser.parse_args()
    if options.root is not None:
        Handler.files_root = options.root

    server = Server(("127.0.0.1", 0), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    threading.Thread(target=watch_stdin, args=(server,), daemon=True).start()
    threading.Thread(target=watch_parent, args=(server, os.getppid()), daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
