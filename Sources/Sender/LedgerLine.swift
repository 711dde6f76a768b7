import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// JSON string quoting for ledger lines.
enum LedgerJSON {
    static func quote(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` as a JSON string, quotes included, appended as UTF-8.
    static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): output.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): output.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): output.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default:
                // Other bytes, multi-byte UTF-8 included, stand for themselves.
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// `value` in decimal, appended as ASCII.
    static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        output.append(contentsOf: String(value).utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The fields of a record's line, as read by `flatRecord`.
    struct FlatRecord {
        var time: String?
        var email: String?
        var state: String?
        var attempt: Int?
        var code: Int?
        var reply: String?
        var retryAt: String?
        var messageID: String?
    }

    /// The fields of a line written as `appendJSONLine` writes one: an object without spaces,
    /// with string keys and string or integer values, time, email, state, reply, retry_at and
    /// message_id strings and attempt and code integers (other keys are passed over). Nil for
    /// anything else (spaces, nested values, fractions, a surrogate escape), which is then left
    /// to a full JSON reader. `bytes` must be valid UTF-8, as a string's are.
    static func flatRecord(_ bytes: UnsafeBufferPointer<UInt8>) -> FlatRecord? {
        var index = 0
        func take(_ expected: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == expected else { return false }
            index += 1
            return true
        }
        func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }
        /// A string's bytes, unescaped; the quotes are ASCII, so the bytes between are whole UTF-8.
        func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"),
                bytes[index] >= 0x20
            {
                index += 1
            }
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index - 1]), as: UTF8.self)
            }
            var text = Array(bytes[start..<index])
            while index < bytes.count {
                let current = bytes[index]
                index += 1
                switch current {
                case UInt8(ascii: "\""):
                    return String(decoding: text, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return nil }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
                    case UInt8(ascii: "n"): text.append(0x0A)
                    case UInt8(ascii: "r"): text.append(0x0D)
                    case UInt8(ascii: "t"): text.append(0x09)
                    case UInt8(ascii: "b"): text.append(0x08)
                    case UInt8(ascii: "f"): text.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard index + 4 <= bytes.count else { return nil }
                        var value: UInt32 = 0
                        for digit in bytes[index..<index + 4] {
                            guard let nibble = hexValue(digit) else { return nil }
                            value = value << 4 | nibble
                        }
                        index += 4
                        guard let scalar = Unicode.Scalar(value) else { return nil }  // a surrogate
                        text.append(contentsOf: String(Character(scalar)).utf8)
                    default:
                        return nil
                    }
                case 0..<0x20:
                    return nil
                default:
                    text.append(current)
                }
            }
            return nil
        }
        func integer() -> Int? {
            let negative = take(UInt8(ascii: "-"))
            let start = index
            var value = 0
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                value = value &* 10 &+ Int(bytes[index] &- UInt8(ascii: "0"))
                index += 1
            }
            // JSON has no leading zeros; such a number, or a long one, is left to the full reader.
            let digits = index - start
            guard digits > 0, digits <= 18, bytes[start] != UInt8(ascii: "0") || digits == 1 else { return nil }
            return negative ? -value : value
        }
        func key() -> [UInt8]? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
                index += 1
            }
            guard take(UInt8(ascii: "\"")) else { return nil }
            return Array(bytes[start..<index - 1])
        }
        guard take(UInt8(ascii: "{")) else { return nil }
        var record = FlatRecord()
        while true {
            guard let name = key(), take(UInt8(ascii: ":")), index < bytes.count else { return nil }
            // Any value that does not read leaves the whole line to the full reader.
            if bytes[index] == UInt8(ascii: "\"") {
                guard let value = string() else { return nil }
                switch name {
                case timeKey: record.time = value
                case emailKey: record.email = value
                case stateKey: record.state = value
                case replyKey: record.reply = value
                case retryAtKey: record.retryAt = value
                case messageIDKey: record.messageID = value
                case attemptKey, codeKey: return nil
                default: break
                }
            } else {
                guard let value = integer() else { return nil }
                switch name {
                case attemptKey: record.attempt = value
                case codeKey: record.code = value
                case timeKey, emailKey, stateKey, replyKey, retryAtKey, messageIDKey: return nil
                default: break
                }
            }
            if take(UInt8(ascii: "}")) { return index == bytes.count ? record : nil }
            guard take(UInt8(ascii: ",")) else { return nil }
        }
    }

    private static let timeKey = Array("time".utf8)
    private static let emailKey = Array("email".utf8)
    private static let stateKey = Array("state".utf8)
    private static let attemptKey = Array("attempt".utf8)
    private static let codeKey = Array("code".utf8)
    private static let replyKey = Array("reply".utf8)
    private static let retryAtKey = Array("retry_at".utf8)
    private static let messageIDKey = Array("message_id".utf8)
}
