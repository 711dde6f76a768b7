import Foundation

/// Text files as people save them: a byte-order mark in front (Windows editors and spreadsheets write one), and
/// sometimes UTF-16. Every reader of a `.txt`, `.md` or `.csv` the user gives turns the bytes into plain UTF-8 here
/// first, so a file saved "as Unicode" reads like any other instead of failing as "not valid UTF-8".
public enum TextBytes {
    /// The encoding a byte-order mark announces.
    public enum Mark: String, Sendable, Equatable {
        case utf8 = "UTF-8"
        case utf16LittleEndian = "UTF-16LE"
        case utf16BigEndian = "UTF-16BE"
    }

    /// The byte-order mark `bytes` start with, if any.
    public static func mark(_ bytes: some Collection<UInt8>) -> Mark? {
        var iterator = bytes.makeIterator()
        let first = iterator.next()
        let second = iterator.next()
        switch (first, second) {
        case (0xEF, 0xBB): return iterator.next() == 0xBF ? .utf8 : nil
        case (0xFF, 0xFE):
            // FF FE 00 00 is UTF-32LE's mark, which is not read.
            let third = iterator.next()
            let fourth = iterator.next()
            return third == 0 && fourth == 0 ? nil : .utf16LittleEndian
        case (0xFE, 0xFF): return .utf16BigEndian
        default: return nil
        }
    }

    /// The text as UTF-8 without a byte-order mark: a UTF-8 mark is dropped, UTF-16 with its mark is converted;
    /// bytes without a mark are returned as they are (UTF-8 is checked by whoever reads them). Nil when UTF-16 is
    /// broken (an odd number of bytes, a lone surrogate).
    public static func utf8(_ bytes: [UInt8]) -> [UInt8]? {
        switch mark(bytes) {
        case nil: return bytes
        case .utf8: return Array(bytes.dropFirst(3))
        case .utf16LittleEndian: return decodeUTF16(bytes.dropFirst(2), bigEndian: false)
        case .utf16BigEndian: return decodeUTF16(bytes.dropFirst(2), bigEndian: true)
        }
    }

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8]? {
        guard bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(high) << 8 | UInt16(low))
            index += 2
        }
        var output: [UInt8] = []
        output.reserveCapacity(units.count * 2)
        let failed = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) {
            output.append($0)
        }
        return failed ? nil : output
    }
}
