import DigestTestSupport
import Foundation
import Sender
import Subscribers
import Testing

/// What `check_mime.py` (Python's `email` package) reads in a message.
struct MIMEReport: Decodable {
    struct Address: Decodable, Equatable {
        var display_name: String
        var addr_spec: String
    }

    var to: [Address]?
    /// `To` by the RFC 2047 rules (see check_mime.py), and how many encoded-words it holds.
    var to_rfc2047: [Address]?
    var to_encoded_words: Int
    var from: [Address]?
    var reply_to: [Address]?
    var subject: String?
    var date: String?
    var message_id: String?
    var mime_version: String?
    var list_id: String?
    var list_unsubscribe: String?
    var list_unsubscribe_post: String?
    var content_type: String
    var part_types: [String]
    var part_charsets: [String?]
    var part_encodings: [String?]
    var text: String?
    var html: String?
    var header_names: [String]
    var has_bcc: Bool
    var line_over_998: Bool
    var longest_header_line: Int
    var bare_lf: Bool
    var bare_cr: Bool
    var ascii_only: Bool
    var defects: [String]
}

/// Runs `check_mime.py` (Python's `email` package) on the message and decodes its report.
func checkMIME(_ message: Data) throws -> MIMEReport {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("check_mime.py")
    return try JSONDecoder().decode(MIMEReport.self, from: try runPython([script.path], input: message))
}

/// A message with every field filled, to vary one thing at a time.
func sampleMessage(
    subject: String = "Decoding Asia: the week in review",
    text: String = "Hello,\nthe week in Asia.\n",
    html: String = "<p>Hello, the week in Asia.</p>\n",
    toName: String? = "Mei Lin",
    messageSeed: UInt64 = 1
) throws -> OutgoingMessage {
    var generator = SeededGenerator(state: messageSeed)
    let from = MailAddress(try EmailAddress("letters@decoding-asia.example"), displayName: "Decoding Asia")
    return OutgoingMessage(
        from: from,
        to: MailAddress(try EmailAddress("mei@example.com"), displayName: toName),
        replyTo: MailAddress(try EmailAddress("editor@decoding-asia.example"), displayName: "The Editor"),
        subject: subject, textBody: text, htmlBody: html,
        date: Date(timeIntervalSince1970: 1_767_663_600),  // Tue, 06 Jan 2026 01:40:00 UTC
        messageID: MessageID.random(for: from.address, using: &generator),
        listID: ListID(name: "Decoding Asia", identifier: "decoding-asia.letters.example"),
        listUnsubscribeURL: try #require(URL(string: "https://decoding-asia.example/unsubscribe?token=abc123")),
        listUnsubscribeMailto: URL(string: "mailto:leave@decoding-asia.example?subject=unsubscribe"))
}
