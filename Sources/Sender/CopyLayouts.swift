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
            case encoded(String)
            case line(Pieces)
        }

        var segments: [Segment] = []

        init(_ body: String, name: String?, token: String) {
            var constant: [String] = []
            func flush() {
                if !constant.isEmpty {
                    segments.append(.encoded(QuotedPrintable.encode(constant.joined(separator: "\n"))))
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

        func joined(name: String, token: String) -> String {
            var output = ""
            for (index, segment) in segments.enumerated() {
                if index > 0 { output += "\r\n" }
                switch segment {
                case .encoded(let text): output += text
                case .line(let pieces): output += QuotedPrintable.encode(pieces.joined(name: name, token: token))
                }
            }
            return output
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

    /// The text and HTML bodies of `subscriber`'s copy.
    func bodies(for subscriber: Subscriber, mailing: IssueMailing) throws -> Bodies {
        let name = subscriber.name
        let token = mailing.secret.token(list: mailing.list, email: subscriber.email)
        guard Self.isPlain(name), Self.isPlainToken(token), token.count >= Self.shortToken.count,
            token.count <= Self.longToken.count
        else { return try Self.render(subscriber, mailing: mailing) }
        let sections = Set(subscriber.sections.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            .filter { !$0.isEmpty }.sorted()
        let key = (name.isEmpty ? "-" : "+") + sections.joined(separator: ",")
        let layout = try layout(for: key, sections: sections, hasName: !name.isEmpty, mailing: mailing)
        guard let layout else { return try Self.render(subscriber, mailing: mailing) }
        return Bodies(
            text: layout.text.joined(name: name, token: token), html: layout.html.joined(name: name, token: token),
            encoded: (
                layout.encodedText.joined(name: name, token: token), layout.encodedHTML.joined(name: name, token: token)
            ))
    }

    private func layout(for key: String, sections: [String], hasName: Bool, mailing: IssueMailing) throws -> Layout? {
        lock.lock()
        defer { lock.unlock() }
        if let known = layouts[key] { return known }
        let template = mailing.issue.masthead.unsubscribeURLTemplate
        func reader(name: String, token: String, email: String) -> Reader {
            Reader(
                email: email, name: hasName ? name : nil, sections: sections,
                unsubscribeURL: template.replacingOccurrences(of: "{token}", with: token))
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
            template.contains("{token}") && text.joined(name: Self.longName, token: Self.longToken) == longText
            && html.joined(name: Self.longName, token: Self.longToken) == longHTML
            && shortHTML.contains(Self.shortToken) && (!hasName || shortHTML.contains(Self.shortName))
        let encodedText = EncodedPieces(shortText, name: name, token: Self.shortToken)
        let encodedHTML = EncodedPieces(shortHTML, name: name, token: Self.shortToken)
        // And the encoded cut must give the encoding of the long rendering.
        let encodedExact =
            encodedText.joined(name: Self.longName, token: Self.longToken) == QuotedPrintable.encode(longText)
            && encodedHTML.joined(name: Self.longName, token: Self.longToken) == QuotedPrintable.encode(longHTML)
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
        var encoded: (text: String, html: String)?
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
        guard name.unicodeScalars.count <= 20, !name.hasPrefix(" "), !name.hasSuffix(" "), !name.contains("  ") else {
            return false
        }
        return name.unicodeScalars.allSatisfy { scalar in
            let properties = scalar.properties
            return scalar == " " || scalar == "." || scalar == "-" || properties.isAlphabetic
                || properties.numericType == .decimal || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark
        }
    }

    private static func isPlainToken(_ token: String) -> Bool {
        token.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "-_.~".unicodeScalars.contains(scalar))
        }
    }
}
