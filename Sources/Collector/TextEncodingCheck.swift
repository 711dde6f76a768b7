import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Decides how a page's bytes are to be decoded, and refuses bytes that cannot be: an encoding
/// nobody knows, or bytes that claim (or default to) UTF-8 and are not.
enum TextEncodingCheck {
    /// The encoding to parse `data` with: `declared` (from HTTP) or the page's own `<meta charset>`,
    /// nil for UTF-8. Throws `.unknownEncoding` or `.notUTF8`.
    static func htmlEncoding(_ data: Data, declared: String?, source: String) throws -> String? {
        let name = declared ?? metaCharset(data)
        if let name, !isUTF8(name) {
            guard isKnown(name) else {
                throw CollectorError(
                    .unknownEncoding, source: source, message: "unknown character encoding '\(name)'")
            }
            return name
        }
        if let offset = invalidUTF8Offset(data) {
            throw CollectorError(
                .notUTF8, source: source,
                message: "text is not valid UTF-8 (first bad byte at offset \(offset)) and names no other encoding")
        }
        return name == nil ? nil : "UTF-8"
    }

    /// `<meta charset="x">` or `<meta http-equiv … content="…; charset=x">` in the first 4 KB.
    static func metaCharset(_ data: Data) -> String? {
        // Searched on the bytes, as ASCII without case: this runs on every page.
        let needle = Array("charset=".utf8)
        return data.prefix(4096).withUnsafeBytes { (head: UnsafeRawBufferPointer) -> String? in
            func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
            let count = head.count
            guard count >= needle.count else { return nil }
            var start = -1
            for offset in 0...(count - needle.count) where lower(head[offset]) == needle[0] {
                if (1..<needle.count).allSatisfy({ lower(head[offset + $0]) == needle[$0] }) {
                    start = offset
                    break
                }
            }
            guard start >= 0 else { return nil }
            var index = start + needle.count
            while index < count,
                head[index] == UInt8(ascii: "\"") || head[index] == UInt8(ascii: "'")
                    || head[index] == UInt8(ascii: " ")
            {
                index += 1
            }
            var name: [UInt8] = []
            while index < count, name.count < 64 {
                let byte = lower(head[index])
                let isNameByte =
                    (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
                guard isNameByte else { break }
                name.append(byte)
                index += 1
            }
            return name.isEmpty ? nil : String(decoding: name, as: UTF8.self)
        }
    }

    static func isUTF8(_ name: String) -> Bool {
        ["utf-8", "utf8"].contains(name.lowercased())
    }

    /// True when iconv (which libxml2 uses too) can convert from `name`.
    static func isKnown(_ name: String) -> Bool {
        let descriptor = iconv_open("UTF-8", name)
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return false }
        iconv_close(descriptor)
        return true
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil.
    static func invalidUTF8Offset(_ data: Data) -> Int? {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int? in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    index += 1
                    continue
                }
                let length: Int
                switch byte {
                case 0xC2...0xDF: length = 2
                case 0xE0...0xEF: length = 3
                case 0xF0...0xF4: length = 4
                default: return index
                }
                guard index + length <= count else { return index }
                for next in 1..<length where bytes[index + next] & 0xC0 != 0x80 { return index }
                index += length
            }
            return nil
        }
    }
}
