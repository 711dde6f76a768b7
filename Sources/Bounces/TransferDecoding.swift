/// Reading what mail encodes: the content transfer encodings of RFC 2045 (base64,
/// quoted-printable), text in a declared charset, and the encoded-words of RFC 2047 in headers.
///
/// Every decoder is lenient, as a reader of mail written by many programs must be: bytes that do
/// not fit the encoding are passed over or kept as they are, never a reason to give up.
public enum TransferDecoding {
    /// The body bytes of a part decoded by its `Content-Transfer-Encoding` (`base64`,
    /// `quoted-printable`; anything else, `7bit` and `8bit` included, is taken as it is).
    public static func decode(_ bytes: ArraySlice<UInt8>, encoding: String?) -> [UInt8] {
        switch encoding?.lowercased().trimmingSpaces() {
        case "base64": base64(bytes)
        case "quoted-printable": quotedPrintable(bytes)
        default: Array(bytes)
        }
    }

    /// Base64 decoded, passing over line breaks and any other byte outside the alphabet, and
    /// stopping at the first `=`.
    public static func base64(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = byte - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="): return output
            default: continue
            }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return output
    }

    /// Quoted-printable decoded: `=XX` is the byte XX, `=` at the end of a line joins it to the
    /// next (a soft break), spaces and tabs at the end of a line are dropped (RFC 2045 6.7), and an
    /// `=` followed by anything else is kept as it is.
    public static func quotedPrintable(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        /// Where the run of spaces and tabs at the end of `output` starts, if it ends in one.
        var blankStart: Int?
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if let start = blankStart { output.removeSubrange(start...) }
                blankStart = nil
                output.append(byte)
                index += 1
                continue
            }
            if byte == UInt8(ascii: "=") {
                var next = index + 1
                while next < bytes.endIndex, bytes[next] == UInt8(ascii: " ") || bytes[next] == UInt8(ascii: "\t") {
                    next += 1
                }
                if next == bytes.endIndex || bytes[next] == UInt8(ascii: "\n") || bytes[next] == UInt8(ascii: "\r") {
                    // A soft line break: the line goes on after it.
                    if next < bytes.endIndex, bytes[next] == UInt8(ascii: "\r") { next += 1 }
                    if next < bytes.endIndex, bytes[next] == UInt8(ascii: "\n") { next += 1 }
                    index = next
                    blankStart = nil
                    continue
                }
                if index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]),
                    let low = hexValue(bytes[index + 2])
                {
                    output.append(high << 4 | low)
                    index += 3
                    blankStart = nil
                    continue
                }
            }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                if blankStart == nil { blankStart = output.count }
            } else {
                blankStart = nil
            }
            output.append(byte)
            index += 1
        }
        if let start = blankStart { output.removeSubrange(start...) }
        return output
    }

    /// `bytes` as text in `charset`: UTF-8 (and US-ASCII) when the bytes are valid UTF-8, else
    /// ISO-8859-1, which every byte sequence is; the charsets of the Latin-1 family are read as
    /// ISO-8859-1.
    public static func text(_ bytes: some Collection<UInt8>, charset: String?) -> String {
        let name = charset?.lowercased().trimmingSpaces() ?? "us-ascii"
        let latin = ["iso-8859-1", "latin1", "iso-8859-15", "windows-1252", "cp1252"]
        if !latin.contains(name), let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// A header value with its RFC 2047 encoded-words (`=?utf-8?q?unsubscribe?=`) decoded; the
    /// space between two encoded-words is dropped, as the RFC says.
    public static func decodeEncodedWords(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var result = ""
        var rest = Substring(value)
        var pendingSpace = ""
        var lastWasEncoded = false
        while !rest.isEmpty {
            if rest.hasPrefix("=?"), let (decoded, after) = encodedWord(at: rest) {
                if !lastWasEncoded { result += pendingSpace }
                pendingSpace = ""
                result += decoded
                rest = after
                lastWasEncoded = true
                continue
            }
            let character = rest.removeFirst()
            if character == " " || character == "\t" {
                pendingSpace.append(character)
                continue
            }
            result += pendingSpace
            pendingSpace = ""
            result.append(character)
            lastWasEncoded = false
        }
        return result + pendingSpace
    }

    /// The encoded-word at the start of `text` and what follows it, or nil when it is not one.
    private static func encodedWord(at text: Substring) -> (String, Substring)? {
        let parts = text.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[3].hasPrefix("="), !parts[0].isEmpty, parts[2].allSatisfy({ $0 != " " })
        else { return nil }
        let charset = parts[0].split(separator: "*").first.map(String.init)
        let payload = Array(parts[2].utf8)
        let bytes: [UInt8]
        switch parts[1].lowercased() {
        case "b":
            bytes = base64(payload[...])
        case "q":
            let spaced = payload.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }
            bytes = quotedPrintable(spaced[...])
        default:
            return nil
        }
        return (self.text(bytes, charset: charset), parts[3].dropFirst())
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

extension StringProtocol {
    /// The text without spaces, tabs and line breaks at either end.
    func trimmingSpaces() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
