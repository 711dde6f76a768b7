import NewsValues

/// The header fields of a message or a MIME part (RFC 5322 section 2.2), and of the field groups of
/// a delivery-status or feedback report, which use the same syntax.
///
/// Lines may end in CRLF or LF. Folded fields are unfolded; names are matched without regard to
/// case (`Content-type` is `Content-Type`). Values are kept as written, encoded-words and all:
/// `decodedValue(_:)` decodes them.
public struct MailHeaderFields: Sendable {
    /// One field: its name as written and its unfolded value, without the spaces around it.
    public struct Field: Sendable, Equatable {
        /// The name as written, like `Final-Recipient`.
        public var name: String
        /// The value, unfolded and trimmed.
        public var value: String
    }

    /// Every field, in order.
    public private(set) var fields: [Field] = []

    /// No fields.
    public init() {}

    /// The value of the first field called `name` (any case), or nil.
    public subscript(_ name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.name.lowercased() == key }?.value
    }

    /// The values of every field called `name` (any case), in order.
    public func values(_ name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.name.lowercased() == key }.map(\.value)
    }

    /// The value of the first field called `name` with its encoded-words decoded.
    public func decodedValue(_ name: String) -> String? {
        self[name].map(TransferDecoding.decodeEncodedWords)
    }

    /// The `Content-Type`, or `text/plain` when there is none or it cannot be read.
    public var contentType: ContentType {
        self["Content-Type"].flatMap(ContentType.init(parsing:)) ?? ContentType.plainText
    }

    /// Reads the header block at the start of `bytes`; returns the fields and the bytes after the
    /// blank line that ends them (the body).
    ///
    /// A line of spaces and tabs counts as the blank line. A line that is neither a field nor a
    /// continuation ends the block (what follows is taken as the body), but only once one field
    /// has been read: a text that does not start with a field is no message.
    ///
    /// - Throws: `.malformedMessage` when the first line is not a header field.
    public static func parse(
        _ bytes: ArraySlice<UInt8>
    ) throws(BouncesError) -> (fields: MailHeaderFields, body: ArraySlice<UInt8>) {
        var headers = MailHeaderFields()
        var lineStart = bytes.startIndex
        var lineNumber = 0
        while lineStart < bytes.endIndex {
            lineNumber += 1
            let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            let next = newline < bytes.endIndex ? newline + 1 : newline
            var line = bytes[lineStart..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                return (headers, bytes[next...])
            }
            if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
                guard !headers.fields.isEmpty else {
                    throw BouncesError(.malformedMessage, "the first line is a continuation, not a header field")
                }
                let more = TransferDecoding.text(line, charset: "utf-8").trimmingSpaces()
                let last = headers.fields.count - 1
                headers.fields[last].value += headers.fields[last].value.isEmpty ? more : " " + more
            } else if let field = field(in: line) {
                headers.fields.append(field)
            } else {
                guard !headers.fields.isEmpty else {
                    let shown = String(decoding: line.prefix(60), as: UTF8.self)
                    throw BouncesError(
                        .malformedMessage,
                        "it does not start with header fields (line 1 is '\(printable(shown))')")
                }
                // A line that is no field: the header ends here and the body starts with it.
                return (headers, bytes[lineStart...])
            }
            lineStart = next
        }
        guard !headers.fields.isEmpty else { throw BouncesError(.malformedMessage, "it is empty") }
        return (headers, bytes[bytes.endIndex...])
    }

    /// Reads groups of fields separated by blank lines, as in the body of a
    /// `message/delivery-status` part: the per-message group, then one per recipient.
    public static func groups(in bytes: ArraySlice<UInt8>) -> [MailHeaderFields] {
        var groups: [MailHeaderFields] = []
        var rest = bytes
        while !rest.isEmpty {
            // Blank lines between groups.
            while let first = rest.first,
                first == UInt8(ascii: "\n") || first == UInt8(ascii: "\r")
                    || first == UInt8(ascii: " ") || first == UInt8(ascii: "\t")
            {
                rest = rest.dropFirst()
            }
            guard !rest.isEmpty, let (group, after) = try? parse(rest) else { break }
            groups.append(group)
            if after.startIndex == rest.startIndex { break }
            rest = after
        }
        return groups
    }

    /// Whether the first line of `bytes` is a header field.
    static func startsWithField(_ bytes: ArraySlice<UInt8>) -> Bool {
        let end = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        return field(in: bytes[..<end]) != nil
    }

    /// The field on one line, or nil when the line is not `name: value`.
    private static func field(in line: ArraySlice<UInt8>) -> Field? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        var nameBytes = line[..<colon]
        // The obsolete syntax allows spaces before the colon.
        while let last = nameBytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            nameBytes = nameBytes.dropLast()
        }
        guard !nameBytes.isEmpty, nameBytes.allSatisfy({ $0 > 32 && $0 < 127 }) else { return nil }
        let value = TransferDecoding.text(line[(colon + 1)...], charset: "utf-8").trimmingSpaces()
        return Field(name: String(decoding: nameBytes, as: UTF8.self), value: value)
    }

    /// The bare addresses (`local@domain`) in an address-list header value such as
    /// `"Lin, Mei" <mei@example.com>, kenji@example.com (Kenji)`, in order; not validated.
    public static func addresses(in value: String) -> [String] {
        var addresses: [String] = []
        var bare = ""
        var bracketed: String?
        var inBrackets = false
        var inQuotes = false
        var escaped = false
        var commentDepth = 0
        func finish() {
            let address = (bracketed ?? bare).trimmingSpaces()
            if address.contains("@") { addresses.append(address) }
            bare = ""
            bracketed = nil
        }
        for character in value {
            if escaped {
                escaped = false
                continue
            }
            if inQuotes {
                if character == "\\" { escaped = true } else if character == "\"" { inQuotes = false }
                continue
            }
            if commentDepth > 0 {
                if character == "\\" {
                    escaped = true
                } else if character == "(" {
                    commentDepth += 1
                } else if character == ")" {
                    commentDepth -= 1
                }
                continue
            }
            if inBrackets {
                if character == ">" { inBrackets = false } else { bracketed?.append(character) }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case "(": commentDepth = 1
            case "<":
                inBrackets = true
                bracketed = ""
            case ",", ";": finish()
            case ":": bare = ""  // a group's name (`friends: a@example.com, b@example.com;`)
            default: bare.append(character)
            }
        }
        finish()
        return addresses
    }
}

/// A MIME type with its parameters, read from a `Content-Type` value such as
/// `multipart/report; report-type=delivery-status; boundary="=_b1"`.
public struct ContentType: Sendable, Equatable {
    /// `text/plain`, the type of a part that does not say.
    public static let plainText = ContentType(type: "text", subtype: "plain", parameters: [:])

    /// The top-level type, lower-cased: `multipart`.
    public var type: String
    /// The subtype, lower-cased: `report`.
    public var subtype: String
    /// The parameters by lower-cased name; quoted values unquoted.
    public var parameters: [String: String]

    /// `type/subtype`.
    public var mimeType: String { "\(type)/\(subtype)" }

    /// Creates a content type.
    public init(type: String, subtype: String, parameters: [String: String]) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// Reads a `Content-Type` value; nil when it has no `type/subtype`.
    public init?(parsing value: String) {
        var pieces = Self.split(value)
        guard !pieces.isEmpty else { return nil }
        let mime = pieces.removeFirst().lowercased()
        let halves = mime.split(separator: "/", maxSplits: 1).map { $0.trimmingSpaces() }
        guard halves.count == 2, !halves[0].isEmpty, !halves[1].isEmpty else { return nil }
        type = halves[0]
        subtype = halves[1]
        parameters = [:]
        for piece in pieces {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimmingSpaces().lowercased()
            var raw = piece[piece.index(after: equals)...].trimmingSpaces()
            if raw.hasPrefix("\"") { raw = QuotedString.read(afterOpeningQuote: Substring(raw.dropFirst())).value }
            if !name.isEmpty, parameters[name] == nil { parameters[name] = raw }
        }
    }

    /// The value split at each `;` outside quotes, with comments left out.
    private static func split(_ value: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        var commentDepth = 0
        for character in value {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            switch character {
            case "\\" where inQuotes:
                current.append(character)
                escaped = true
            case "\"" where commentDepth == 0:
                inQuotes.toggle()
                current.append(character)
            case "(" where !inQuotes: commentDepth += 1
            case ")" where !inQuotes && commentDepth > 0: commentDepth -= 1
            case _ where commentDepth > 0: continue
            case ";" where !inQuotes:
                pieces.append(current)
                current = ""
            default: current.append(character)
            }
        }
        pieces.append(current)
        return pieces.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    }
}

/// `text` with control characters shown as `?`, for messages that quote input.
func printable(_ text: String) -> String {
    String(
        String.UnicodeScalarView(
            text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "?" : $0 }))
}
