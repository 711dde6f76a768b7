import Foundation

/// Bounce reports written for these tests, each following the layout one mail system uses (its
/// headers, MIME structure, field order and encodings), with our own text throughout. Each takes
/// the reader's address and the Message-ID of the copy it returns.
enum ReportFixtures {
    /// The header block of one of our copies, as a returned message carries it.
    static func returnedHeaders(to recipient: String, messageID: String) -> String {
        """
        Return-Path: <bounces@example.com>
        From: Decoding Asia <digest@example.com>
        To: \(recipient)
        Subject: =?utf-8?q?Decoding_Asia_=C2=B7_16=E2=80=9322_November_2026?=
        Date: Mon, 30 Nov 2026 07:00:00 +0800
        Message-ID: \(messageID)
        MIME-Version: 1.0
        List-Unsubscribe: <https://example.com/decoding-asia/unsubscribe?token=abc>,
         <mailto:digest@example.com?subject=unsubscribe>
        Content-Type: multipart/alternative; boundary="=_digest_alt"
        """
    }

    /// Postfix: `Undelivered Mail Returned to Sender`, a text/plain notification, the
    /// delivery-status part with `X-Postfix-*` fields, and only the returned message's headers
    /// (text/rfc822-headers). `finalRecipient` may differ from the address we sent to (a forward).
    static func postfix(
        finalRecipient: String, originalTo: String, messageID: String, status: String = "5.1.1",
        diagnostic: String = "550 5.1.1 <%@>: Recipient address rejected: no such mailbox here"
    ) -> String {
        let reply = diagnostic.replacingOccurrences(of: "%@", with: finalRecipient)
        // Folded at the last space before the 40th character, as a writer folds.
        let fold = reply.prefix(40).lastIndex(of: " ") ?? reply.endIndex
        return """
            Return-Path: <>
            Received: by relay.example.org (Postfix)
            \tid 4A1B2C3D4E; Mon, 30 Nov 2026 07:12:03 +0800 (+08)
            Date: Mon, 30 Nov 2026 07:12:03 +0800 (+08)
            From: MAILER-DAEMON@relay.example.org (Mail Delivery System)
            Subject: Undelivered Mail Returned to Sender
            To: bounces@example.com
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status;
            \tboundary="4A1B2C3D4E.1764457923/relay.example.org"
            Content-Transfer-Encoding: 7bit
            Message-Id: <20261129231203.4A1B2C3D4E@relay.example.org>

            This is a MIME-encapsulated message.

            --4A1B2C3D4E.1764457923/relay.example.org
            Content-Description: Notification
            Content-Type: text/plain; charset=us-ascii

            The mail relay at relay.example.org could not hand over one of your
            messages. The reason the receiving server gave is below, and the
            headers of the message are attached.

            <\(finalRecipient)>: host mx.forward.example.net[192.0.2.25] said:
                \(reply) (in reply to RCPT TO command)

            --4A1B2C3D4E.1764457923/relay.example.org
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; relay.example.org
            X-Postfix-Queue-ID: 4A1B2C3D4E
            X-Postfix-Sender: rfc822; bounces@example.com
            Arrival-Date: Mon, 30 Nov 2026 07:11:58 +0800 (+08)

            Final-Recipient: rfc822; \(finalRecipient)
            Original-Recipient: rfc822;\(finalRecipient)
            Action: failed
            Status: \(status)
            Remote-MTA: dns; mx.forward.example.net
            Diagnostic-Code: smtp; \(reply[..<fold])
               \(reply[fold...])

            --4A1B2C3D4E.1764457923/relay.example.org
            Content-Description: Undelivered Message Headers
            Content-Type: text/rfc822-headers

            \(returnedHeaders(to: originalTo, messageID: messageID))

            --4A1B2C3D4E.1764457923/relay.example.org--

            """
    }

    /// Exim's delay warning: `Warning: message … delayed 24 hours`, field names written
    /// `Content-type`, `Action` before `Final-Recipient`, a `Will-Retry-Until` field, and the
    /// returned message's headers.
    static func eximDelayed(recipient: String, messageID: String) -> String {
        """
        Return-path: <>
        Envelope-to: bounces@example.com
        Delivery-date: Tue, 01 Dec 2026 07:15:40 +0000
        Received: from Debian-exim by mail.example.net with local (Exim 4.96)
        \tid 1vAbCd-000123-4E
        \tfor bounces@example.com; Tue, 01 Dec 2026 07:15:40 +0000
        Auto-Submitted: auto-replied
        From: Mail Delivery System <Mailer-Daemon@mail.example.net>
        To: bounces@example.com
        Content-Type: multipart/report; report-type=delivery-status; boundary=1764573340-eximdsn-1804289383
        MIME-Version: 1.0
        Subject: Warning: message 1vAaZz-000099-1Q delayed 24 hours
        Message-Id: <E1vAbCd-000123-4E@mail.example.net>
        Date: Tue, 01 Dec 2026 07:15:40 +0000

        --1764573340-eximdsn-1804289383
        Content-type: text/plain; charset=us-ascii

        This is an automatic note from the mail server at mail.example.net.

        A message you sent has not reached one of its recipients yet; the
        server keeps trying and will tell you again if it gives up.

          \(recipient)
            Delay reason: SMTP error from remote mail server after RCPT TO:
            452 4.2.2 mailbox over quota, try later

        --1764573340-eximdsn-1804289383
        Content-type: message/delivery-status

        Reporting-MTA: dns; mail.example.net

        Action: delayed
        Final-Recipient: rfc822;\(recipient)
        Status: 4.0.0
        Remote-MTA: dns; mx.example.com
        Diagnostic-Code: smtp; 452 4.2.2 mailbox over quota, try later
        Will-Retry-Until: Sat, 05 Dec 2026 07:00:00 +0000

        --1764573340-eximdsn-1804289383
        Content-type: text/rfc822-headers

        \(returnedHeaders(to: recipient, messageID: messageID))

        --1764573340-eximdsn-1804289383--

        """
    }

    /// Gmail: `Delivery Status Notification (Failure)`, a notification that is a
    /// multipart/related holding a multipart/alternative (quoted-printable text and HTML, and an
    /// image), `X-Original-Message-ID` in the per-message fields, a long diagnostic folded over
    /// lines, and the whole returned message (message/rfc822).
    static func gmail(recipient: String, messageID: String) -> String {
        """
        Delivered-To: bounces@example.com
        Return-Path: <>
        Received: by 2002:a05:6a10:1234:b0:5c1:1f00:aa11 with SMTP id w17csp1;
                Mon, 30 Nov 2026 07:01:12 -0800 (PST)
        From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
        To: bounces@example.com
        Auto-Submitted: auto-replied
        Subject: Delivery Status Notification (Failure)
        References: \(messageID)
        In-Reply-To: \(messageID)
        X-Failed-Recipients: \(recipient)
        Message-ID: <65a1b2c3.050a0220.1f2e.0abc.GMR@mx.google.com>
        Date: Mon, 30 Nov 2026 07:01:12 -0800 (PST)
        MIME-Version: 1.0
        Content-Type: multipart/report; boundary="000000000000a1b2c3d4e5f6a7b8"; report-type=delivery-status

        --000000000000a1b2c3d4e5f6a7b8
        Content-Type: multipart/related; boundary="000000000000a1b2c3d4e5f6a7c9"

        --000000000000a1b2c3d4e5f6a7c9
        Content-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f6a7da"

        --000000000000a1b2c3d4e5f6a7da
        Content-Type: text/plain; charset="UTF-8"
        Content-Transfer-Encoding: quoted-printable


        ** Address not found **

        Your message to \(recipient) could not be delivered: the receiving domain =
        says the account does not exist.

        --000000000000a1b2c3d4e5f6a7da
        Content-Type: text/html; charset="UTF-8"
        Content-Transfer-Encoding: quoted-printable

        <html><body><p style=3D"font-size:16px">Address not found</p></body></html>

        --000000000000a1b2c3d4e5f6a7da--
        --000000000000a1b2c3d4e5f6a7c9
        Content-Type: image/png; name="icon.png"
        Content-Disposition: attachment; filename="icon.png"
        Content-Transfer-Encoding: base64
        Content-ID: <icon.png>

        iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==
        --000000000000a1b2c3d4e5f6a7c9--
        --000000000000a1b2c3d4e5f6a7b8
        Content-Type: message/delivery-status

        Reporting-MTA: dns; googlemail.com
        Arrival-Date: Mon, 30 Nov 2026 07:01:10 -0800 (PST)
        X-Original-Message-ID: \(messageID)

        Final-Recipient: rfc822; \(recipient)
        Action: failed
        Status: 5.1.1
        Remote-MTA: dns; mx.example.com. (192.0.2.40, the server for the domain example.com.)
        Diagnostic-Code: smtp; 550-5.1.1 The mailbox you tried to reach does not exist on this
         server. Check the address for typos or spaces. 550 5.1.1 No such user here
        Last-Attempt-Date: Mon, 30 Nov 2026 07:01:12 -0800 (PST)

        --000000000000a1b2c3d4e5f6a7b8
        Content-Type: message/rfc822

        \(returnedHeaders(to: recipient, messageID: messageID))

        --=_digest_alt
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        The week in Asia.
        --=_digest_alt--

        --000000000000a1b2c3d4e5f6a7b8--

        """
    }

    /// Microsoft (Exchange Online / Outlook.com): `Undeliverable: <subject>`, `Thread-Topic`,
    /// the original's Message-ID in `In-Reply-To` and `References`, a multipart/alternative
    /// notification in base64, a four-digit status (`5.1.10`), `X-Display-Name`, and the
    /// returned message (message/rfc822) cut short after its header.
    static func microsoft(recipient: String, messageID: String) -> String {
        let text = Data(
            """
            Your message to \(recipient) couldn't be delivered.
            The address wasn't found at the destination domain.
            """.utf8
        ).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
        let html = Data("<html><body><b>Delivery has failed</b> to \(recipient)</body></html>".utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
        return """
            From: Microsoft Outlook <postmaster@outlook.example.com>
            To: <bounces@example.com>
            Date: Mon, 30 Nov 2026 23:05:44 +0000
            Content-Type: multipart/report; report-type=delivery-status;
            \tboundary="b2a7c1d0-3f6e-4c2a-9e1d-5a8b7c6d5e4f"
            X-MS-Exchange-Message-Is-Ndr:
            Content-Language: en-US
            Message-ID: <9c1d2e3f-aaaa-bbbb-cccc-0d1e2f3a4b5c@AM0PR01MB1234.eurprd01.prod.outlook.com>
            In-Reply-To: \(messageID)
            References: \(messageID)
            Thread-Topic: =?utf-8?B?RGVjb2RpbmcgQXNpYSDCtyAxNuKAkzIyIE5vdmVtYmVyIDIwMjY=?=
            Subject: =?utf-8?B?VW5kZWxpdmVyYWJsZTogRGVjb2RpbmcgQXNpYSDCtyAxNuKAkzIyIE5vdmVtYmVyIDIwMjY=?=
            Auto-Submitted: auto-replied
            MIME-Version: 1.0

            --b2a7c1d0-3f6e-4c2a-9e1d-5a8b7c6d5e4f
            Content-Type: multipart/alternative; differences=Content-Type;
            \tboundary="f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b"

            --f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b
            Content-Type: text/plain; charset="utf-8"
            Content-Transfer-Encoding: base64

            \(text)

            --f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b
            Content-Type: text/html; charset="utf-8"
            Content-Transfer-Encoding: base64

            \(html)

            --f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b--

            --b2a7c1d0-3f6e-4c2a-9e1d-5a8b7c6d5e4f
            Content-Type: message/delivery-status

            Reporting-MTA: dns;AM0PR01MB1234.eurprd01.prod.outlook.com
            Received-From-MTA: dns;relay.example.org
            Arrival-Date: Mon, 30 Nov 2026 23:05:41 +0000

            Original-Recipient: rfc822;\(recipient)
            Final-Recipient: rfc822;\(recipient)
            Action: failed
            Status: 5.1.10
            Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup
            X-Display-Name: \(recipient)

            --b2a7c1d0-3f6e-4c2a-9e1d-5a8b7c6d5e4f
            Content-Type: message/rfc822

            \(returnedHeaders(to: recipient, messageID: messageID))

            --=_digest_alt
            Content-Type: text/plain; charset=utf-8
            --b2a7c1d0-3f6e-4c2a-9e1d-5a8b7c6d5e4f--

            """
    }

    /// A feedback report (RFC 5965) as a mailbox provider's complaint loop sends one: the
    /// provider's note, `message/feedback-report` with `Feedback-Type: abuse`, and the returned
    /// message (message/rfc822). `originalRcptTo` nil leaves the field out (providers that redact it).
    static func abuseReport(originalRcptTo: String?, returnedTo: String, messageID: String) -> String {
        let rcptLine = originalRcptTo.map { "Original-Rcpt-To: <\($0)>\n" } ?? ""
        return """
            From: Complaints Desk <fbl@feedback.example.net>
            Date: Wed, 02 Dec 2026 10:30:00 +0000
            Subject: =?us-ascii?Q?Complaint_about_a_message_from_example=2Ecom?=
            To: <bounces@example.com>
            Message-ID: <arf-7781@feedback.example.net>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=feedback-report;
                 boundary="arf_boundary_7781"

            --arf_boundary_7781
            Content-Type: text/plain; charset="US-ASCII"
            Content-Transfer-Encoding: 7bit

            One of our users marked the attached message as spam. This report
            follows the Abuse Reporting Format.

            --arf_boundary_7781
            Content-Type: message/feedback-report

            Feedback-Type: abuse
            User-Agent: ExampleFBL/2.1
            Version: 1
            Original-Mail-From: <bounces@example.com>
            \(rcptLine)Arrival-Date: Mon, 30 Nov 2026 07:00:02 +0000
            Reporting-MTA: dns; mx.feedback.example.net
            Source-IP: 192.0.2.10
            Reported-Domain: example.com

            --arf_boundary_7781
            Content-Type: message/rfc822
            Content-Disposition: inline

            \(returnedHeaders(to: returnedTo, messageID: messageID))

            --=_digest_alt--

            --arf_boundary_7781--

            """
    }

    /// A reader's reply to the `mailto:` unsubscribe link, as a mail client writes it.
    static func unsubscribeRequest(from sender: String, to address: String = "digest@example.com") -> String {
        """
        From: A Reader <\(sender)>
        To: \(address)
        Subject: unsubscribe
        Date: Tue, 01 Dec 2026 09:00:00 +0000
        Message-ID: <unsub.\(sender.replacingOccurrences(of: "@", with: "."))@mail.example.org>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        This message was sent to unsubscribe from the list.

        """
    }

    /// An ordinary out-of-office reply: mail, but no report.
    static let autoReply = """
        From: Someone <someone@example.org>
        To: bounces@example.com
        Subject: Out of office
        Date: Tue, 01 Dec 2026 09:00:00 +0000
        Auto-Submitted: auto-replied

        I am away until Monday.

        """

    /// Text that is no mail message at all.
    static let garbage = """
        %%%% this is not a mail message %%%%
        just some bytes a broken filter dropped here
        01 02 03

        """

    /// A report whose multipart boundary never appears: its parts cannot be found.
    static let brokenReport = """
        From: MAILER-DAEMON@relay.example.org
        To: bounces@example.com
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="never-used"

        The parts of this report were lost on the way.

        """
}

extension String {
    /// The text with CRLF line ends, as a Maildir file written by an MTA may have them.
    var crlf: String { replacingOccurrences(of: "\n", with: "\r\n") }
}
