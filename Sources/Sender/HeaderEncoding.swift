import Foundation

/// Writing header fields: RFC 2047 encoded-words for non-ASCII text, quoting for display names,
/// and folding (RFC 5322) so lines stay within 78 characters where possible and never pass 998.
enum HeaderEncoding {
    /// The line length folding aims for.
    static let preferredLineLength = 78
    /// The line length SMTP allows, without the CRLF.
    static let maximumLineLength = 998

    /// Refuses a value that holds CR or LF: written into a header, it could start a header of its own.
    static func checkNoLineBreaks(_ value: String, header: String) throws(SenderError) {
        if value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw SenderError(
                .headerInjection, "the value contains a line break (CR or LF); refused to prevent header injection",
                header: header)
        }
    }

    /// `Name: value` for free text such as `Subject`, folded, with encoded-words when plain text will not do.
    static func unstructured(_ name: String, _ value: String) throws(SenderError) -> String {
        try checkNoLineBreaks(value, header: name)
        if let pieces = plainPieces(value), fitsOnLines(name, pieces) {
            return fold(name, pieces: pieces.enumerated().map { $0.offset == 0 ? " " + $0.element : $0.element })
        }
        return fold(name, pieces: [], encodedWordsFor: value)
    }

    /// `Name: Display Name <address>`, the name quoted or encoded as it needs, folded.
    static func address(_ name: String, _ mailAddress: MailAddress) throws(SenderError) -> String {
        let angle = "<\(mailAddress.address.ascii)>"
        guard let displayName = mailAddress.displayName, !displayName.isEmpty else {
            return fold(name, pieces: [" " + mailAddress.address.ascii])
        }
        try checkNoLineBreaks(displayName, header: name)
        return phrase(name, displayName, then: [" " + angle])
    }

    /// `Name: phrase <tail>`: `phrase` as atoms, a quoted string, or encoded-words, then the tail pieces.
    static func phrase(_ name: String, _ text: String, then tail: [String]) -> String {
        if let pieces = plainPieces(text) {
            var words = pieces
            let isAtoms = text.unicodeScalars.allSatisfy { $0 == " " || isAtext($0) } && !containsPair(text, " ", " ")
            if !isAtoms {
                // A quoted string may be folded at its spaces: unfolding gives the same string back.
                let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "\"", with: "\\\"")
                words = plainPieces("\"" + escaped + "\"") ?? ["\"" + escaped + "\""]
            }
            if fitsOnLines(name, words) {
                words[0] = " " + words[0]
                return fold(name, pieces: words + tail)
            }
        }
        return fold(name, pieces: tail, encodedWordsFor: text)
    }

    /// The value split before each run of spaces when it can be written as it is: printable ASCII
    /// and spaces, no tabs or controls, nothing a decoder could take for an encoded-word, no space
    /// at either end (a header would lose it). Each piece but the first starts with its spaces.
    private static func plainPieces(_ value: String) -> [String]? {
        guard !value.isEmpty else { return [""] }
        let scalars = value.unicodeScalars
        guard scalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }), !containsPair(value, "=", "?"),
            scalars.first != " ", scalars.last != " "
        else { return nil }
        var pieces: [String] = []
        var current = ""
        var previousWasSpace = false
        for scalar in scalars {
            if scalar == " " && !previousWasSpace && !current.isEmpty {
                pieces.append(current)
                current = ""
            }
            current.unicodeScalars.append(scalar)
            previousWasSpace = scalar == " "
        }
        pieces.append(current)
        return pieces
    }

    /// Whether `text` holds the two ASCII characters next to each other, comparing UTF-8 bytes
    /// (Foundation's `contains` goes through UTF-16 and costs more than the rest of a header).
    static func containsPair(_ text: String, _ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(first.value) && byte == UInt8(second.value) { return true }
            previous = byte
        }
        return false
    }

    /// Whether the pieces can be folded with no line over 78 characters; when they cannot (a very
    /// long word), encoded-words, which can be cut anywhere, are used instead.
    private static func fitsOnLines(_ name: String, _ pieces: [String]) -> Bool {
        pieces.enumerated().allSatisfy { index, piece in
            piece.utf8.count + (index == 0 ? name.utf8.count + 2 : 0) <= preferredLineLength
        }
    }

    /// RFC 5322 `atext`.
    private static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) { return true }
        return "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
    }

    /// Joins pieces into `Name:` lines, breaking before a piece (which starts with a space) when the
    /// line would pass 78 characters. Each piece after the first must start with a space.
    static func fold(_ name: String, pieces: [String]) -> String {
        var lines: [String] = []
        var line = name + ":"
        var hasContent = false
        for piece in pieces {
            if hasContent && line.utf8.count + piece.utf8.count > preferredLineLength {
                lines.append(line)
                line = ""
            }
            line += piece
            hasContent = true
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    /// `Name:` then `text` as `=?utf-8?b?…?=` words, each at most 75 characters and each line at most
    /// 78, cut only between characters, then the `tail` pieces.
    static func fold(_ name: String, pieces tail: [String], encodedWordsFor text: String) -> String {
        let prefix = "=?utf-8?b?"
        let suffix = "?="
        let longestWord = 75
        // Units never split across words: characters, or the scalars of an oversized character.
        var units: [[UInt8]] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if bytes.count <= 45 {
                units.append(bytes)
            } else {
                units += character.unicodeScalars.map { Array(String($0).utf8) }
            }
        }
        var lines: [String] = []
        var line = name + ":"
        var index = 0
        while index < units.count {
            // Room on this line for " =?utf-8?b?" + base64 + "?=".
            let room = min(preferredLineLength - line.utf8.count - 1, longestWord) - prefix.count - suffix.count
            var budget = max(0, room / 4 * 3)
            if budget < units[index].count && line != name + ":" {
                lines.append(line)
                line = ""
                continue
            }
            // A long header name leaves little room: take at least one unit.
            budget = max(budget, units[index].count)
            var chunk: [UInt8] = []
            while index < units.count, chunk.count + units[index].count <= budget {
                chunk += units[index]
                index += 1
            }
            line += " " + prefix + Data(chunk).base64EncodedString() + suffix
        }
        for piece in tail {
            if line.utf8.count + piece.utf8.count > preferredLineLength {
                lines.append(line)
                line = ""
            }
            line += piece
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }
}
