import Foundation
import NewsValues
import Subscribers

/// Turns an `OutgoingMessage` into the bytes of an Internet message (RFC 5322 with MIME).
///
/// The message is `multipart/alternative` with the plain-text part first and the HTML part second
/// (clients show the last part they can), both UTF-8 in quoted-printable, so every line is ASCII,
/// ends in CRLF and is at most 76 characters in the bodies and 998 anywhere. Headers carry the
/// list headers bulk senders need (`List-Id`, `List-Unsubscribe` with https and mailto,
/// `List-Unsubscribe-Post` for one-click unsubscribe) and never a `Bcc`; a header value holding CR
/// or LF is refused, since it could add a header of its own.
///
/// Writing is a pure function of the message: the date and the Message-ID come in with it, from
/// the caller's clock and random source, so the same message always gives the same bytes.
public struct MIMEWriter: Sendable {
    /// The zone the `Date` header is written in.
    public var timeZone: TimeZone

    /// Creates a writer that dates messages in `timeZone` (UTC unless told).
    public init(timeZone: TimeZone = TimeZone(secondsFromGMT: 0) ?? .current) {
        self.timeZone = timeZone
    }

    /// Headers we write ourselves, and ones a newsletter must never carry; extra headers may not use them.
    private static let reservedHeaders: Set<String> = [
        "from", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id", "mime-version", "list-id",
        "list-unsubscribe", "list-unsubscribe-post", "sender", "return-path",
    ]

    /// The message as bytes with CRLF line endings.
    ///
    /// - Throws: `SenderError`, naming the header and the recipient: `.headerInjection` for CR or LF
    ///   in a header value, `.forbiddenHeader` for an extra `Bcc`/`Cc`/… header, `.invalidHeader`,
    ///   `.invalidURL` or `.lineTooLong`.
    public func write(_ message: OutgoingMessage) throws(SenderError) -> Data {
        do {
            return try build(message)
        } catch {
            var error = error
            error.recipient = error.recipient ?? message.to.address.description
            throw error
        }
    }

    private func build(_ message: OutgoingMessage) throws(SenderError) -> Data {
        // The headers every message of a mailing shares, when they were written ahead for these values.
        let shared = message.sharedHeaders.flatMap { $0.matches(message) ? $0 : nil }
        var headers: [String] = []
        if let shared {
            headers.append(shared.fromLine)
            headers.append(try HeaderEncoding.address("To", message.to))
            if let replyToLine = shared.replyToLine { headers.append(replyToLine) }
            headers.append(shared.subjectLine)
        } else {
            headers.append(try HeaderEncoding.address("From", message.from))
            headers.append(try HeaderEncoding.address("To", message.to))
            if let replyTo = message.replyTo {
                headers.append(try HeaderEncoding.address("Reply-To", replyTo))
            }
            headers.append(try HeaderEncoding.unstructured("Subject", message.subject))
        }
        headers.append("Date: " + MailDate.format(message.date, in: timeZone))
        headers.append("Message-ID: \(message.messageID)")
        headers.append("MIME-Version: 1.0")
        if let shared {
            headers.append(shared.listIDLine)
        } else {
            headers.append(try Self.listIDHeader(message.listID))
        }
        headers.append(
            try listUnsubscribeHeader(https: message.listUnsubscribeURL, mailto: message.listUnsubscribeMailto))
        headers.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        for extra in message.extraHeaders {
            headers.append(try extraHeader(extra))
        }

        let text = message.encodedBodies?.text ?? EncodedBody(QuotedPrintable.encode(message.textBody))
        let html = message.encodedBodies?.html ?? EncodedBody(QuotedPrintable.encode(message.htmlBody))
        let boundary = Self.boundary(for: message, avoiding: [text, html])
        headers.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
        let head = headers.joined(separator: "\r\n") + "\r\n\r\n"
        try Self.checkLineLengths(head.utf8)
        for body in [text, html] {
            for segment in body.segments where !segment.checked { try Self.checkLineLengths(segment.bytes) }
        }

        // One buffer of the final size, filled by copying: a message is tens of kilobytes, and
        // building it as a string first and converting it would copy and scan it twice more.
        let parts = [("plain", text), ("html", html)]
        var output = Data(capacity: head.utf8.count + text.byteCount + html.byteCount + 3 * boundary.utf8.count + 256)
        output.append(contentsOf: head.utf8)
        for (subtype, body) in parts {
            output.append(contentsOf: "--\(boundary)\r\n".utf8)
            output.append(contentsOf: "Content-Type: text/\(subtype); charset=utf-8\r\n".utf8)
            output.append(contentsOf: "Content-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
            body.write(to: &output)
            output.append(contentsOf: Self.lineBreak)
        }
        output.append(contentsOf: "--\(boundary)--\r\n".utf8)
        return output
    }

    private static let lineBreak: [UInt8] = [0x0D, 0x0A]

    fileprivate static func listIDHeader(_ listID: ListID) throws(SenderError) -> String {
        let identifier = listID.identifier
        try HeaderEncoding.checkNoLineBreaks(identifier, header: "List-Id")
        let labels = identifier.split(separator: ".", omittingEmptySubsequences: false)
        let validLabels = labels.allSatisfy { label in
            !label.isEmpty
                && label.unicodeScalars.allSatisfy {
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
                }
        }
        guard labels.count >= 2, validLabels else {
            throw SenderError(
                .invalidHeader, "'\(identifier)' is not a list identifier like letters.example.com", header: "List-Id")
        }
        guard let name = listID.name, !name.isEmpty else { return "List-Id: <\(identifier)>" }
        try HeaderEncoding.checkNoLineBreaks(name, header: "List-Id")
        return HeaderEncoding.phrase("List-Id", name, then: [" <\(identifier)>"])
    }

    private func listUnsubscribeHeader(https: URL, mailto: URL?) throws(SenderError) -> String {
        func checked(_ url: URL, scheme: String) throws(SenderError) -> String {
            let text = url.absoluteString
            try HeaderEncoding.checkNoLineBreaks(text, header: "List-Unsubscribe")
            guard url.scheme?.lowercased() == scheme else {
                throw SenderError(.invalidURL, "'\(text)' is not a \(scheme): link", header: "List-Unsubscribe")
            }
            guard text.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 && $0 != "<" && $0 != ">" }) else {
                throw SenderError(
                    .invalidURL, "'\(text)' has spaces, angle brackets or non-ASCII characters; percent-encode them",
                    header: "List-Unsubscribe")
            }
            return "<\(text)>"
        }
        var pieces = [" " + (try checked(https, scheme: "https"))]
        if let mailto {
            pieces[0] += ","
            pieces.append(" " + (try checked(mailto, scheme: "mailto")))
        }
        return HeaderEncoding.fold("List-Unsubscribe", pieces: pieces)
    }

    private func extraHeader(_ header: MailHeader) throws(SenderError) -> String {
        let name = header.name
        try HeaderEncoding.checkNoLineBreaks(name, header: name)
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.value >= 33 && $0.value <= 126 && $0 != ":" }) else {
            throw SenderError(.invalidHeader, "'\(name)' is not a valid header name", header: name)
        }
        let lower = name.lowercased()
        if lower == "bcc" || lower == "cc" {
            throw SenderError(.forbiddenHeader, "a newsletter message never carries a \(name) header", header: name)
        }
        if Self.reservedHeaders.contains(lower) || lower.hasPrefix("content-") {
            throw SenderError(.invalidHeader, "the \(name) header is written by the MIME writer itself", header: name)
        }
        return try HeaderEncoding.unstructured(name, header.value)
    }

    /// A boundary no body can contain: quoted-printable never writes `=_`, and we check anyway
    /// (segments checked ahead are known to hold no `=_` at all, so no candidate can be in them).
    private static func boundary(for message: OutgoingMessage, avoiding bodies: [EncodedBody]) -> String {
        var seed = fnv1a(message.messageID.description)
        while true {
            let hex = String(seed, radix: 16)
            let candidate = "=_digest_" + String(repeating: "0", count: 16 - hex.count) + hex
            let found = bodies.contains { body in
                body.segments.contains { !$0.checked && contains($0.bytes, Array(candidate.utf8)) }
            }
            if !found { return candidate }
            seed = fnv1a(candidate)
        }
    }

    /// Whether `bytes` hold `needle` (over raw bytes: Foundation's `contains` converts both to
    /// UTF-16 first, which costs more than the rest of writing a message).
    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard bytes.count >= needle.count else { return false }
        return bytes.withUnsafeBufferPointer { bytes in
            var index = 0
            while index <= bytes.count - needle.count {
                if bytes[index] == first && bytes[index..<index + needle.count].elementsEqual(needle) { return true }
                index += 1
            }
            return false
        }
    }

    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// Every line within SMTP's 998 octets, and no CR or LF outside a CRLF pair. `bytes` start at
    /// the start of a line and end at the end of one.
    static func checkLineLengths(_ bytes: some Sequence<UInt8>) throws(SenderError) {
        // Over the raw bytes where they are contiguous: a generic iterator costs more than the
        // rest of writing a message.
        let problem: SenderError? =
            bytes.withContiguousStorageIfAvailable { lineProblem(in: $0) }
            ?? Array(bytes).withUnsafeBufferPointer { lineProblem(in: $0) }
        if let problem { throw problem }
    }

    /// Whether `bytes` are quoted-printable as `QuotedPrintable.encode` writes it, for a body
    /// segment that is checked once and then written into many messages: no line over 998
    /// octets, CR and LF only as pairs, and no `=_` (which starts every boundary).
    static func isCleanEncodedSegment(_ bytes: [UInt8]) -> Bool {
        (try? checkLineLengths(bytes)) != nil && !contains(bytes, Array("=_".utf8))
    }

    private static func lineProblem(in bytes: UnsafeBufferPointer<UInt8>) -> SenderError? {
        var length = 0
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                guard previous == UInt8(ascii: "\r") else {
                    return SenderError(.invalidHeader, "a bare line feed would be written")
                }
                length = 0
            } else if byte != UInt8(ascii: "\r") {
                length += 1
                if length > HeaderEncoding.maximumLineLength {
                    return SenderError(.lineTooLong, "a line would be longer than 998 octets")
                }
            }
            previous = byte
        }
        return nil
    }
}

/// A body in quoted-printable, as segments of whole lines that are joined with CRLF.
///
/// A segment made once and written into many messages (the shared part of a copy layout) is
/// checked once when it is made and marked `checked`; the writer checks the others every time.
struct EncodedBody: Sendable {
    /// Whole lines of quoted-printable, without the CRLF after the last one.
    struct Segment: Sendable {
        var bytes: [UInt8]
        /// Whether `MIMEWriter.isCleanEncodedSegment` holds for `bytes`.
        var checked: Bool
    }

    var segments: [Segment]

    init(segments: [Segment]) {
        self.segments = segments
    }

    /// The body as one unchecked segment.
    init(_ encoded: String) {
        segments = [Segment(bytes: Array(encoded.utf8), checked: false)]
    }

    /// The length in bytes of the joined body.
    var byteCount: Int {
        segments.reduce(max(0, 2 * (segments.count - 1))) { $0 + $1.bytes.count }
    }

    /// The segments joined with CRLF, appended to `output`.
    func write(to output: inout Data) {
        for (index, segment) in segments.enumerated() {
            if index > 0 { output.append(contentsOf: [0x0D, 0x0A]) }
            output.append(contentsOf: segment.bytes)
        }
    }

    /// The body as text.
    var text: String {
        var output = Data(capacity: byteCount)
        write(to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}

/// The header lines every message of a mailing shares (`From`, `Reply-To`, `Subject`,
/// `List-Id`), written once for the values they were made from: the writer uses them for a
/// message with those same values, so they are a shortcut, never a different answer.
struct SharedHeaders: Sendable {
    let from: MailAddress
    let replyTo: MailAddress?
    let subject: String
    let listID: ListID
    let fromLine: String
    let replyToLine: String?
    let subjectLine: String
    let listIDLine: String

    /// Writes the lines; throws what writing a message with these values would throw.
    init(from: MailAddress, replyTo: MailAddress?, subject: String, listID: ListID) throws(SenderError) {
        self.from = from
        self.replyTo = replyTo
        self.subject = subject
        self.listID = listID
        fromLine = try HeaderEncoding.address("From", from)
        replyToLine = try replyTo.map { address throws(SenderError) in try HeaderEncoding.address("Reply-To", address) }
        subjectLine = try HeaderEncoding.unstructured("Subject", subject)
        listIDLine = try MIMEWriter.listIDHeader(listID)
    }

    /// Whether `message` has the values these lines were written for.
    func matches(_ message: OutgoingMessage) -> Bool {
        message.from == from && message.replyTo == replyTo && message.subject == subject && message.listID == listID
    }
}
