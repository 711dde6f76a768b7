#!/usr/bin/env python3
"""Parse one .eml file with Python's standard `email` package and report what a mail client sees.

Usage: check_mime.py MESSAGE.eml   (or the bytes on standard input)

Prints one JSON object: the decoded headers (To, From, Reply-To, Subject, ...), the content types of
the leaf parts in order, the decoded text and HTML bodies (CRLF, the wire form of a line break, given
back as LF), and the wire-level facts the sender promises: no line over 998 octets, no bare CR or LF,
no Bcc header, the longest header line. Standard library only.
"""
import email
import email.header
import email.policy
import email.utils
import json
import sys


def address(msg, name):
    header = msg[name]
    if header is None:
        return None
    addresses = header.addresses
    return [{"display_name": a.display_name, "addr_spec": a.addr_spec} for a in addresses]


def address_rfc2047(data, name):
    """The first address by the RFC 2047 rules, which drop the space between adjacent encoded-words.

    Python's modern parser keeps that space inside display names (CPython gh-128110, fixed after
    3.13), so a long name split into several encoded-words is checked this way too: the legacy
    parser on the raw header, then `decode_header` on the display name.
    """
    raw = email.message_from_bytes(data, policy=email.policy.compat32)[name]
    if raw is None:
        return None
    display_name, addr_spec = email.utils.parseaddr(str(raw).replace("\r\n", "").replace("\n", ""))
    decoded = str(email.header.make_header(email.header.decode_header(display_name)))
    return [{"display_name": decoded, "addr_spec": addr_spec}]


def encoded_word_count(data, name):
    raw = email.message_from_bytes(data, policy=email.policy.compat32)[name]
    return 0 if raw is None else str(raw).count("=?")


def main():
    data = open(sys.argv[1], "rb").read() if len(sys.argv) > 1 else sys.stdin.buffer.read()
    msg = email.message_from_bytes(data, policy=email.policy.default)

    lines = data.split(b"\r\n")
    header_block = data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    parts = [part for part in msg.walk() if not part.is_multipart()]
    bodies = {}
    for part in parts:
        content = part.get_content()
        if isinstance(content, str):
            bodies.setdefault(part.get_content_type(), content.replace("\r\n", "\n"))

    defects = [type(d).__name__ for part in msg.walk() for d in part.defects]
    date = msg["Date"]
    report = {
        "to": address(msg, "To"),
        "to_rfc2047": address_rfc2047(data, "To"),
        "to_encoded_words": encoded_word_count(data, "To"),
        "from": address(msg, "From"),
        "reply_to": address(msg, "Reply-To"),
        "subject": str(msg["Subject"]) if msg["Subject"] is not None else None,
        "date": date.datetime.isoformat() if date is not None and date.datetime is not None else None,
        "message_id": msg["Message-ID"],
        "mime_version": msg["MIME-Version"],
        "list_id": msg["List-Id"],
        "list_unsubscribe": msg["List-Unsubscribe"],
        "list_unsubscribe_post": msg["List-Unsubscribe-Post"],
        "content_type": msg.get_content_type(),
        "part_types": [part.get_content_type() for part in parts],
        "part_charsets": [part.get_content_charset() for part in parts],
        "part_encodings": [part.get("Content-Transfer-Encoding") for part in parts],
        "text": bodies.get("text/plain"),
        "html": bodies.get("text/html"),
        "header_names": list(msg.keys()),
        "has_bcc": any(name.lower() == "bcc" for name in msg.keys()),
        "line_over_998": any(len(line) > 998 for line in lines),
        "longest_header_line": max(len(line) for line in header_block),
        "bare_lf": data.replace(b"\r\n", b"").find(b"\n") >= 0,
        "bare_cr": data.replace(b"\r\n", b"").find(b"\r") >= 0,
        "ascii_only": all(byte < 128 for byte in data),
        "defects": defects,
    }
    json.dump(report, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
