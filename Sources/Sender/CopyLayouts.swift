import Foundation
import Renderer
import Subscribers

/// Renders each distinct choice of sections once and makes every reader's copy of it by putting
/// their name and unsubscribe link in place of placeholders: rendering a copy from scratch costs
/// milliseconds, more than sending it.
///
/// The shortcut is taken only where it is provably the same as rendering: the copy is rendered
/// twice, with short and with long placeholders, and substituting the long ones into the short
/// rendering must give the long rendering exactly (so the layout does not depend on their length
/// in that range and nothing else of the reader shows). A reader whose name or link falls outside
/// that range, or holds characters that cleaning or escaping would change, is rendered in full.
final class CopyLayouts: @unchecked Sendable {
    private struct Layout {
        var text: Pieces
        var html: Pieces
        var encodedText: EncodedPieces
        var encodedHTML: EncodedPieces
    }

    /// A rendering in quoted-printable, encoded ahead except for the lines that hold a placeholder:
    /// quoted-printable encodes each line on its own, so a copy's encoding is the cached lines
    /// with its own few lines encoded in between. Encoding every byte of every copy would cost
    /// more than sending it.
    private struct EncodedPieces {
        enum Segment {
            case encoded(EncodedBody.Segment)
            case line(Pieces)
        }

        var segments: [Segment] = []

        init(_ body: String, name: String?, token: String) {
            var constant: [String] = []
            func flush() {
                if !constant.isEmpty {
                    // Checked once here, so that the writer need not scan it in every message.
                    let bytes = Array(QuotedPrintable.encode(constant.joined(separator: "\n")).utf8)
                    segments.append(
                        .encoded(EncodedBody.Segment(bytes: bytes, checked: MIMEWriter.isCleanEncodedSegment(bytes))))
                }
                constant = []
            }
            for slice in body.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                let line = String(decoding: slice, as: UTF8.self)
                if line.contains(token) || (name.map { line.contains($0) } ?? false) {
                    flush()
                    segments.append(.line(Pieces(line, name: name, token: token)))
                } else {
                    constant.append(line)
                }
            }
            flush()
        }

        func body(name: String, token: String) -> EncodedBody {
            EncodedBody(
                segments: segments.map { segment in
                    switch segment {
                    case .encoded(let encoded):
                        return encoded
                    case .line(let pieces):
                        let line = QuotedPrintable.encode(pieces.joined(name: name, token: token))
                        return EncodedBody.Segment(bytes: Array(line.utf8), checked: false)
                    }
                })
        }
    }

    /// A rendering cut at its placeholders, so personalising is joining, not searching.
    private struct Pieces {
        enum Piece {
            case literal(String)
            case name
            case token
        }

        var pieces: [Piece] = []
        var length = 0

        init(_ body: String, name: String?, token: String) {
            let bytes = Array(body.utf8)
            let nameBytes = name.map { Array($0.utf8) } ?? []
            let tokenBytes = Array(token.utf8)
            var start = 0
            var index = 0
            func flush(upTo end: Int) {
                if end > start { pieces.append(.literal(String(decoding: bytes[start..<end], as: UTF8.self))) }
            }
            while index < bytes.count {
                if !nameBytes.isEmpty, bytes[index...].starts(with: nameBytes) {
                    flush(upTo: index)
                    pieces.append(.name)
                    index += nameBytes.count
                    start = index
                } else if bytes[index...].starts(with: tokenBytes) {
                    flush(upTo: index)
                    pieces.append(.token)
                    index += tokenBytes.count
                    start = index
                } else {
                    index += 1
                }
            }
            flush(upTo: bytes.count)
            length = bytes.count
        }

        func joined(name: String, token: String) -> String {
            var output = ""
            output.reserveCapacity(length + 256)
            for piece in pieces {
                switch piece {
                case .literal(let text): output += text
                case .name: output += name
                case .token: output += token
                }
            }
            return output
        }
    }

    private static let shortName = "Wqzxj"
    private static let longName = "Wqzxj" + String(repeating: "m", count: 35)
    private static let shortToken = "Kvqzx" + String(repeating: "t", count: 15)
    private static let longToken = "Kvqzx" + String(repeating: "t", count: 195)

    private let lock = NSLock()
    /// By key (sections, and whether there is a name); nil when the shortcut is not exact.
    private var layouts: [String: Layout?] = [:]
    /// Each reader's sections as written, and the choice they make (see `choice(of:)`).
    private var choices: [[String]: [String]] = [:]

    /// The text and HTML bodies of `subscriber`'s copy, whose unsubscribe token is `token`.
    ///
    /// Without `includingPlain`, a copy made from a layout comes only in quoted-printable (its
    /// `text` and `html` are left empty): that is all a message needs, and joining the plain
    /// bodies as well would double the work.
    func bodies(
        for subscriber: Subscriber, token: String, mailing: IssueMailing, includingPlain: Bool = true
    ) throws -> Bodies {
        let name = subscriber.name
        guard Self.isPlain(name), Self.isPlainToken(token), token.utf8.count >= Self.shortToken.utf8.count,
            token.utf8.count <= Self.longToken.utf8.count
        else { return try Self.render(subscriber, mailing: mailing) }
        let sections = choice(of: subscriber.sections)
        let key = (name.isEmpty ? "-" : "+") + sections.joined(separator: ",")
        let layout = try layout(for: key, sections: sections, hasName: !name.isEmpty, mailing: mailing)
        guard let layout else { return try Self.render(subscriber, mailing: mailing) }
        return Bodies(
            text: includingPlain ? layout.text.joined(name: name, token: token) : "",
            html: includingPlain ? layout.html.joined(name: name, token: token) : "",
            encoded: (
                layout.encodedText.body(name: name, token: token), layout.encodedHTML.body(name: name, token: token)
            )
        )
    }

    /// The sections a reader chose, as a layout is keyed: trimmed, lower-cased, distinct,
    /// sorted. Lists repeat a few choices many times, so each is worked out once.
    private func choice(of sections: [String]) -> [String] {
        if let known = lock.withLock({ choices[sections] }) { return known }
        let choice = Set(sections.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            .filter { !$0.isEmpty }.sorted()
        lock.withLock {
            // Bounded: a list with a great many different choices stops adding to the cache.
            if choices.count < 4096 { choices[sections] = choice }
        }
        return choice
    }

    private func layout(for key: String, sections: [String], hasName: Bool, mailing: IssueMailing) throws -> Layout? {
        lock.lock()
        defer { lock.unlock() }
        if let known = layouts[key] { return known }
        let template = mailing.issue.masthead.unsubscribeURLTemplate
        let preferences = mailing.issue.masthead.preferencesURLTemplate
        func reader(name: String, token: String, email: String) -> Reader {
            Reader(
                email: email, name: hasName ? name : nil, sections: sections,
                unsubscribeURL: UnsubscribeLink.url(template, token: token),
                preferencesURL: preferences.map { UnsubscribeLink.url($0, token: token) })
        }
        let short = reader(name: Self.shortName, token: Self.shortToken, email: "short@layout.invalid")
        let long = reader(name: Self.longName, token: Self.longToken, email: "long@layout.invalid")
        let renderer = mailing.renderer
        let shortText = try renderer.text(mailing.issue, for: short)
        let shortHTML = try renderer.html(mailing.issue, for: short)
        let longText = try renderer.text(mailing.issue, for: long)
        let longHTML = try renderer.html(mailing.issue, for: long)
        let name = hasName ? Self.shortName : nil
        let text = Pieces(shortText, name: name, token: Self.shortToken)
        let html = Pieces(shortHTML, name: name, token: Self.shortToken)
        // The same cut must give the long rendering back, with the long placeholders put in.
        let exact =
            template.contains(UnsubscribeLink.placeholder)
            && text.joined(name: Self.longName, token: Self.longToken) == longText
            && html.joined(name: Self.longName, token: Self.longToken) == longHTML
            && shortHTML.contains(Self.shortToken) && (!hasName || shortHTML.contains(Self.shortName))
        let encodedText = EncodedPieces(shortText, name: name, token: Self.shortToken)
        let encodedHTML = EncodedPieces(shortHTML, name: name, token: Self.shortToken)
        // And the encoded cut must give the encoding of the long rendering.
        let encodedExact =
            encodedText.body(name: Self.longName, token: Self.longToken).text == QuotedPrintable.encode(longText)
            && encodedHTML.body(name: Self.longName, token: Self.longToken).text == QuotedPrintable.encode(longHTML)
        let layout =
            exact && encodedExact
            ? Layout(text: text, html: html, encodedText: encodedText, encodedHTML: encodedHTML) : nil
        layouts[key] = .some(layout)
        return layout
    }

    /// A copy's bodies, and their quoted-printable encoding when it was put together from the cache.
    struct Bodies {
        var text: String
        var html: String
        var encoded: (text: EncodedBody, html: EncodedBody)?
    }

    private static func render(_ subscriber: Subscriber, mailing: IssueMailing) throws -> Bodies {
        let reader = mailing.reader(for: subscriber)
        return Bodies(
            text: try mailing.renderer.text(mailing.issue, for: reader),
            html: try mailing.renderer.html(mailing.issue, for: reader), encoded: nil)
    }

    /// Letters, marks, digits, single inner spaces, `.` and `-`: what cleaning and HTML escaping
    /// leave as it is; at most 20 characters (40 columns even when each is wide).
    private static func isPlain(_ name: String) -> Bool {
        guard name.unicodeScalars.count <= 20, !name.hasPrefix(" "), !name.hasSuffix(" "),
            !HeaderEncoding.containsPair(name, " ", " ")
        else {
            return false
        }
        // Most names are ASCII: their letters and digits are known without looking up properties.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            return name.utf8.allSatisfy { isPlainASCII[Int($0)] || $0 == UInt8(ascii: " ") }
        }
        return name.unicodeScalars.allSatisfy { scalar in
            let properties = scalar.properties
            return scalar == " " || scalar == "." || scalar == "-" || properties.isAlphabetic
                || properties.numericType == .decimal || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark
        }
    }

    /// ASCII letters, digits, `.` and `-`, by byte value.
    private static let isPlainASCII: [Bool] = (0..<128).map { value in
        let byte = UInt8(value)
        return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "-")
    }

    /// ASCII letters, digits and `-_.~`: what a URL carries as it is.
    private static func isPlainToken(_ token: String) -> Bool {
        token.utf8.allSatisfy {
            $0 < 0x80 && (isPlainASCII[Int($0)] || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "~"))
        }
    }
}
