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
    ///
    /// Written over raw buffers: it runs over every byte of every message sent.
    public static func encode(_ text: String) -> String {
        var text = text
        return text.withUTF8 { input in
            // Each byte becomes at most 3, a soft break (3) comes at most once per 73 written, and
            // a line feed becomes CRLF: 5 per input byte is more than enough.
            String(unsafeUninitializedCapacity: input.count * 5 + 16) { output in
                var written = 0
                func put(_ byte: UInt8) {
                    output[written] = byte
                    written += 1
                }
                func hex(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 48 + nibble : 55 + nibble }
                // Whether a byte is written as `=XX`: anything but printable ASCII and inner
                // spaces, and at the start of an encoded line a `.` (SMTP's end-of-data marker)
                // or the `F` of `From ` (mbox files mangle it).
                func mustEscape(_ position: Int, end: Int, atLineStart: Bool) -> Bool {
                    let byte = input[position]
                    let printable = byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")
                    let isLast = position == end - 1
                    let innerSpace = (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && !isLast
                    guard printable || innerSpace else { return true }
                    guard atLineStart else { return false }
                    if byte == UInt8(ascii: ".") { return true }
                    guard byte == UInt8(ascii: "F"), position + fromSpace.count <= end else { return false }
                    for offset in 1..<fromSpace.count where input[position + offset] != fromSpace[offset] {
                        return false
                    }
                    return true
                }
                // One line without its break, as one or more encoded lines joined by soft breaks.
                func encodeLine(from start: Int, to end: Int) {
                    var column = 0
                    var position = start
                    while position < end {
                        let byte = input[position]
                        var escape = mustEscape(position, end: end, atLineStart: column == 0)
                        // A soft break needs one column for its `=`, except after the line's last token.
                        let limit = position == end - 1 ? maximumLineLength : maximumLineLength - 1
                        if column + (escape ? 3 : 1) > limit {
                            put(UInt8(ascii: "="))
                            put(UInt8(ascii: "\r"))
                            put(UInt8(ascii: "\n"))
                            column = 0
                            escape = mustEscape(position, end: end, atLineStart: true)
                        }
                        if escape {
                            put(UInt8(ascii: "="))
                            put(hex(byte >> 4))
                            put(hex(byte & 0x0F))
                            column += 3
                        } else {
                            put(byte)
                            column += 1
                        }
                        position += 1
                    }
                }
                var lineStart = 0
                for index in 0..<input.count where input[index] == UInt8(ascii: "\n") {
                    var end = index
                    if end > lineStart, input[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                    encodeLine(from: lineStart, to: end)
                    put(UInt8(ascii: "\r"))
                    put(UInt8(ascii: "\n"))
                    lineStart = index + 1
                }
                encodeLine(from: lineStart, to: input.count)
                return written
            }
        }
    }

    private static let fromSpace = Array("From ".utf8)
}
