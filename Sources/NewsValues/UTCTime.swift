import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `2026-11-30T07:00:00.123Z`: a moment as UTC with milliseconds, whatever the locale; how the
/// delivery ledger, `digest run` and `digest approve` write times, and how they are read back.
public enum UTCTime {
    /// `date` written out.
    public static func format(_ date: Date) -> String {
        var bytes: [UInt8] = []
        append(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `format(date)` appended as ASCII, digit by digit.
    public static func append(_ date: Date, to output: inout [UInt8]) {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
        let fraction = Int(milliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var value = max(0, value)
            if value >= divisor * 10 {
                // A year past 9999: all of its digits.
                output.append(contentsOf: String(value).utf8)
                return
            }
            while divisor > 0 {
                output.append(UInt8(ascii: "0") + UInt8(value / divisor))
                value %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4)
        output.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2)
        output.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2)
        output.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2)
        output.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2)
        output.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2)
        output.append(UInt8(ascii: "."))
        digits(fraction, 3)
        output.append(UInt8(ascii: "Z"))
    }

    /// The moment `text` (as `format` writes it) names; nil for anything else.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
            bytes[23] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int32? { Int32(String(decoding: bytes[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            let millis = number(20..<23)
        else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        let seconds = timegm(&parts)
        return Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1000)
    }
}
