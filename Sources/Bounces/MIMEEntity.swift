/// A message or one part of it (RFC 2045, 2046): its header fields, its body, and for a multipart
/// its parts, read recursively.
///
/// Reading is lenient where mail in the wild needs it (LF or CRLF line ends, a missing closing
/// delimiter, transport padding after a delimiter, any case in field names) and strict where a
/// message cannot be understood otherwise: a text that does not start with header fields, a
/// multipart without a boundary or whose boundary never appears, parts nested too deep.
public struct MIMEEntity: Sendable {
    /// How deep multiparts and enclosed messages may nest: a real report goes three or four levels
    /// down; more is a broken or hostile message.
    public static let maximumDepth = 16

    /// The entity's header fields.
    public let headers: MailHeaderFields
    /// Its `Content-Type` (`text/plain` when it does not say).
    public let contentType: ContentType
    /// For a multipart, its parts in order; empty otherwise.
    public let parts: [MIMEEntity]
    /// The body as it is in the message, before any transfer decoding.
    public let rawBody: ArraySlice<UInt8>
    /// How deep this entity sits (0 for the message itself).
    let depth: Int

    /// Reads a message (or a part) from its bytes.
    ///
    /// - Throws: `.malformedMessage` naming the fault.
    public init(parsing bytes: ArraySlice<UInt8>) throws(BouncesError) {
        try self.init(parsing: bytes, depth: 0)
    }

    private init(parsing bytes: ArraySlice<UInt8>, depth: Int) throws(BouncesError) {
        guard depth <= Self.maximumDepth else {
            throw BouncesError(.malformedMessage, "its parts are nested more than \(Self.maximumDepth) deep")
        }
        let (headers, body) = try MailHeaderFields.parse(bytes)
        self.headers = headers
        self.contentType = headers.contentType
        self.rawBody = body
        self.depth = depth
        if contentType.type == "multipart" {
            guard let boundary = contentType.parameters["boundary"], !boundary.isEmpty else {
                throw BouncesError(.malformedMessage, "a \(contentType.mimeType) part has no boundary parameter")
            }
            var parts: [MIMEEntity] = []
            for slice in try Self.split(body, boundary: boundary, type: contentType.mimeType) {
                parts.append(try MIMEEntity(parsingPart: slice, depth: depth + 1))
            }
            self.parts = parts
        } else {
            self.parts = []
        }
    }

    /// A body part: its header may be empty (a part of just a blank line and text is `text/plain`).
    private init(parsingPart bytes: ArraySlice<UInt8>, depth: Int) throws(BouncesError) {
        let startsBlank = bytes.first == UInt8(ascii: "\n") || bytes.starts(with: [13, 10])
        if startsBlank || !MailHeaderFields.startsWithField(bytes) {
            // No header fields: the defaults, and the body after the blank line (or all of it,
            // from a writer that left the blank line out).
            let body = startsBlank ? bytes.dropFirst(bytes.first == UInt8(ascii: "\r") ? 2 : 1) : bytes
            self.init(headers: MailHeaderFields(), contentType: .plainText, parts: [], rawBody: body, depth: depth)
            return
        }
        try self.init(parsing: bytes, depth: depth)
    }

    private init(
        headers: MailHeaderFields, contentType: ContentType, parts: [MIMEEntity], rawBody: ArraySlice<UInt8>,
        depth: Int
    ) {
        self.headers = headers
        self.contentType = contentType
        self.parts = parts
        self.rawBody = rawBody
        self.depth = depth
    }

    /// The body with its `Content-Transfer-Encoding` undone.
    public var body: [UInt8] {
        TransferDecoding.decode(rawBody, encoding: headers["Content-Transfer-Encoding"])
    }

    /// The body as text, in its declared charset.
    public var text: String {
        TransferDecoding.text(body, charset: contentType.parameters["charset"])
    }

    /// For a `message/rfc822` (or `message/global`) part, the message it carries.
    ///
    /// - Throws: `.malformedMessage` when the enclosed message cannot be read.
    public func enclosedMessage() throws(BouncesError) -> MIMEEntity {
        let decoded = body
        return try MIMEEntity(parsing: decoded[...], depth: depth + 1)
    }

    /// This entity and every part below it, depth first, in order.
    public var allParts: [MIMEEntity] {
        [self] + parts.flatMap(\.allParts)
    }

    /// The bodies between the delimiter lines `--boundary` of a multipart body; the preamble
    /// before the first and the epilogue after `--boundary--` are left out, and so is the line
    /// break before each delimiter (it belongs to the delimiter).
    static func split(
        _ body: ArraySlice<UInt8>, boundary: String, type: String
    ) throws(BouncesError) -> [ArraySlice<UInt8>] {
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var lineStart = body.startIndex
        var closed = false
        while lineStart < body.endIndex {
            let newline = body[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? body.endIndex
            let next = newline < body.endIndex ? newline + 1 : newline
            let line = body[lineStart..<newline]
            if line.starts(with: delimiter) {
                let rest = line.dropFirst(delimiter.count)
                let isClose = rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
                let padding = isClose ? rest.dropFirst(2) : rest
                // Only spaces, tabs and a CR may follow a delimiter; anything else is body text.
                if padding.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) {
                    if let start = partStart { parts.append(trimLineBreak(body[start..<lineStart])) }
                    if isClose {
                        closed = true
                        break
                    }
                    partStart = next
                }
            }
            lineStart = next
        }
        if !closed, let start = partStart {
            // No closing delimiter: the last part runs to the end.
            parts.append(body[start..<body.endIndex])
        }
        guard partStart != nil else {
            throw BouncesError(.malformedMessage, "the boundary of its \(type) part never appears")
        }
        return parts
    }

    /// `bytes` without the one line break (LF or CRLF) at its end.
    private static func trimLineBreak(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = bytes
        if bytes.last == UInt8(ascii: "\n") { bytes = bytes.dropLast() }
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        return bytes
    }
}
