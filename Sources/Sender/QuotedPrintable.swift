/// The quoted-printable content transfer encoding (RFC 2045, section 6.7) for UTF-8 text bodies.
///
/// Line breaks (LF or CRLF) become CRLF hard breaks; longer lines get soft breaks (`=` at the end)
/// so that no encoded line exceeds 76 characters. `=`, control characters and every non-ASCII
/// byte are encoded, as are a space or tab before a line break (transports may strip them), a
/// `.` starting a line (SMTP's end-of-data marker) and the `F` of a line starting `From ` (mbox
/// files mangle it): the decoded text is always exactly the input, with CRLF line breaks.
public enum QuotedPrintable {
    /// The longest encoded line, without its CRLF.
    public static let maximumLineLength = 76

    /// `text` encoded; the result is ASCII with CRLF line breaks and ends without one unless `text` did.
    public static func encode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                var end = index
                if end > lineStart, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                encode(line: bytes[lineStart..<end], into: &output)
                output += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
                lineStart = index + 1
            }
            index += 1
        }
        encode(line: bytes[lineStart..<bytes.count], into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
    private static let fromSpace = Array("From ".utf8)

    /// One line without its break, as one or more encoded lines joined by soft breaks.
    private static func encode(line: ArraySlice<UInt8>, into output: inout [UInt8]) {
        var column = 0
        var position = line.startIndex
        while position < line.endIndex {
            let byte = line[position]
            let isLast = position == line.endIndex - 1
            var token = literalOrEscaped(byte, isLast: isLast)
            if column == 0 {
                token = startOfLine(token, line: line, position: position)
            }
            // A soft break needs one column for its `=`, except after the line's last token.
            let limit = isLast ? maximumLineLength : maximumLineLength - 1
            if column + token.count > limit {
                output += [UInt8(ascii: "="), UInt8(ascii: "\r"), UInt8(ascii: "\n")]
                column = 0
                token = startOfLine(literalOrEscaped(byte, isLast: isLast), line: line, position: position)
            }
            output += token
            column += token.count
            position += 1
        }
    }

    private static func literalOrEscaped(_ byte: UInt8, isLast: Bool) -> [UInt8] {
        let printable = (33...126).contains(byte) && byte != UInt8(ascii: "=")
        let innerSpace = (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && !isLast
        return printable || innerSpace ? [byte] : escaped(byte)
    }

    /// Encodes what would be risky at the start of an encoded line.
    private static func startOfLine(_ token: [UInt8], line: ArraySlice<UInt8>, position: Int) -> [UInt8] {
        guard token.count == 1 else { return token }
        if token[0] == UInt8(ascii: ".") { return escaped(token[0]) }
        if token[0] == UInt8(ascii: "F"), line[position...].starts(with: fromSpace) { return escaped(token[0]) }
        return token
    }

    private static func escaped(_ byte: UInt8) -> [UInt8] {
        [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
    }
}
