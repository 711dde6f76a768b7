import Bounces
import Foundation
import Sender
import Testing

@Suite("Reading MIME: headers, encodings, multiparts")
struct MIMEReaderTests {
    @Test("folded header fields are unfolded and found whatever the case of their name")
    func foldedHeaders() throws {
        let text = "Subject: a long\r\n\tsubject line\r\nCONTENT-type: text/plain;\r\n charset=utf-8\r\n\r\nbody"
        let entity = try MIMEEntity(parsing: Array(text.utf8)[...])
        #expect(entity.headers["subject"] == "a long subject line")
        #expect(entity.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(entity.contentType.parameters["charset"] == "utf-8")
        #expect(entity.text == "body")
    }

    @Test("quoted-printable written by the sender decodes to the text it was made from")
    func quotedPrintableRoundTrip() {
        let samples = [
            "Plain ASCII line.\nSecond line with = sign and trailing space \n",
            "Nguyễn Thị Lan — 東京 · “quoted”\n" + String(repeating: "long line ", count: 30),
            "From the start of a line\n.a dot line\n\tTab at start\n",
        ]
        for sample in samples {
            let encoded = QuotedPrintable.encode(sample)
            let decoded = TransferDecoding.quotedPrintable(Array(encoded.utf8)[...])
            let expected = sample.replacingOccurrences(of: "\n", with: "\r\n")
            #expect(String(decoding: decoded, as: UTF8.self) == expected)
        }
    }

    @Test("quoted-printable: soft breaks join lines, bad escapes are kept, trailing blanks go")
    func quotedPrintableLenient() {
        let decoded = TransferDecoding.quotedPrintable(Array("caf=C3=A9 =\nau lait =ZZ end   \nnext".utf8)[...])
        #expect(String(decoding: decoded, as: UTF8.self) == "café au lait =ZZ end\nnext")
    }

    @Test("base64 across lines, with stray characters, decodes")
    func base64() {
        let original = "Delivery has failed to these recipients: mei.tan@example.com"
        let encoded = Data(original.utf8).base64EncodedString(options: .lineLength64Characters)
        let noisy = "  " + encoded.replacingOccurrences(of: "\r\n", with: "\n\t") + "\n"
        #expect(String(decoding: TransferDecoding.base64(Array(noisy.utf8)[...]), as: UTF8.self) == original)
    }

    @Test("encoded-words in Q and B forms decode, and the space between two of them goes")
    func encodedWords() {
        #expect(TransferDecoding.decodeEncodedWords("=?utf-8?q?unsubscribe?=") == "unsubscribe")
        #expect(TransferDecoding.decodeEncodedWords("=?UTF-8?B?w6lsw6g=?= =?utf-8?Q?ve?= text") == "élève text")
        #expect(TransferDecoding.decodeEncodedWords("Re: =?iso-8859-1?q?caf=E9?=") == "Re: café")
        #expect(TransferDecoding.decodeEncodedWords("not =?encoded") == "not =?encoded")
    }

    @Test("addresses are found in display-name, comment and group forms")
    func addresses() {
        let value = #""Tan, Mei" <mei.tan@example.com>, kenji@example.com (Kenji), team: a@x.example, b@x.example;"#
        #expect(
            MailHeaderFields.addresses(in: value) == [
                "mei.tan@example.com", "kenji@example.com", "a@x.example", "b@x.example",
            ])
    }

    @Test("nested multiparts are read to the bottom, and each part's body is decoded")
    func nestedMultipart() throws {
        let message = """
            From: a@example.com
            Content-Type: multipart/mixed; boundary="outer"

            preamble, ignored
            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            Caf=C3=A9
            --inner
            Content-Type: text/html; charset=utf-8
            Content-Transfer-Encoding: base64

            PHA+Q2Fmw6k8L3A+
            --inner--
            --outer   \n\
            Content-Type: message/rfc822

            Subject: enclosed
            Message-ID: <x@example.com>

            hello
            --outer--
            epilogue, ignored
            """
        let entity = try MIMEEntity(parsing: Array(message.utf8)[...])
        #expect(entity.parts.count == 2)
        #expect(entity.parts[0].parts.map(\.contentType.mimeType) == ["text/plain", "text/html"])
        #expect(entity.parts[0].parts[0].text == "Café")
        #expect(entity.parts[0].parts[1].text == "<p>Café</p>")
        let enclosed = try entity.parts[1].enclosedMessage()
        #expect(enclosed.headers["message-id"] == "<x@example.com>")
        // The message, the alternative and its two parts, the enclosed message's part.
        #expect(entity.allParts.count == 5)
    }

    @Test("a multipart without its closing delimiter keeps its last part")
    func missingCloseDelimiter() throws {
        let message =
            "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nfirst\n--b\nContent-Type: text/plain\n\nlast\n"
        let entity = try MIMEEntity(parsing: Array(message.utf8)[...])
        #expect(entity.parts.map(\.text) == ["first", "last\n"])
    }

    @Test(
        "what is no message, or has a broken structure, is refused with the reason",
        arguments: [
            ("%% not mail\nat all\n", "does not start with header fields"),
            ("", "empty"),
            ("Content-Type: multipart/mixed\n\n--x\n", "no boundary"),
            (
                "Content-Type: multipart/mixed; boundary=x\n\nno parts here\n",
                "boundary of its multipart/mixed part never appears"
            ),
        ])
    func refused(text: String, reason: String) {
        #expect {
            _ = try MIMEEntity(parsing: Array(text.utf8)[...])
        } throws: { error in
            guard let error = error as? BouncesError else { return false }
            return error.code == .malformedMessage && error.reason.contains(reason)
        }
    }

    @Test("parts nested past the limit are refused rather than followed")
    func tooDeep() {
        var message = ""
        for level in 0...MIMEEntity.maximumDepth + 1 {
            message += "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n"
        }
        message += "\nbottom\n"
        #expect(throws: BouncesError.self) { try MIMEEntity(parsing: Array(message.utf8)[...]) }
    }
}
