import Foundation

/// Dates as mail and feeds write them (RFC 5322 section 3.3, RFC 822 in RSS): `Tue, 06 Jan 2026 09:40:00 +0800`,
/// with English day and month names whatever the machine's locale (no `DateFormatter`).
///
/// `format` writes a message's `Date:` header; `parse` reads `Date:` and `Arrival-Date:` fields of reports and
/// the `pubDate` of feeds, with RFC 5322's obsolete forms.
public enum MailDate {
    /// What `parse` makes of a zone it cannot read (a name it does not know, a malformed offset).
    public enum UnknownZone: Sendable {
        /// UTC, as RFC 5322 (section 4.3) asks of a mail reader.
        case utc
        /// No date at all (a feed's date in an unknown zone is not trusted).
        case reject
    }

    /// `date` as seen in `timeZone`, with that zone's offset: `Tue, 06 Jan 2026 09:40:00 +0800`.
    public static func format(_ date: Date, in timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let fields = CivilDate.fields(of: date, offsetSeconds: offset)
        let minutes = abs(offset) / 60
        let two = CivilDate.two
        return "\(CivilDate.weekdayNames[fields.weekday].prefix(3)), \(two(fields.day)) "
            + "\(CivilDate.monthNames[fields.month - 1].prefix(3)) \(fields.year) "
            + "\(two(fields.hour)):\(two(fields.minute)):\(two(fields.second)) "
            + "\(offset < 0 ? "-" : "+")\(two(minutes / 60))\(two(minutes % 60))"
    }

    /// Zone names written instead of offsets, in minutes east of UTC: RFC 5322's own and those feeds use.
    public static let namedZones: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420,
        "MDT": -360, "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600, "BST": 60, "CET": 60,
        "CEST": 120, "EET": 120, "EEST": 180, "MSK": 180, "IST": 330, "PKT": 300, "ICT": 420, "WIB": 420,
        "SGT": 480, "HKT": 480, "PHT": 480, "AWST": 480, "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660,
        "NZST": 720, "NZDT": 780,
    ]

    /// The moment `text` names, or nil when it is not such a date: an optional weekday, the day, the month's
    /// name, the year (two digits or four), optionally the time (with or without seconds) and a zone (an
    /// offset like `+0100` or `+01:00`, or a name; none is UTC). Comments such as `(CET)` go; `Jan 06 2026`,
    /// the month first, is read too.
    public static func parse(_ text: String, unknownZone: UnknownZone = .utc) -> Date? {
        var cleaned = ""
        var depth = 0
        for character in text {
            if character == "(" {
                depth += 1
            } else if character == ")" {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                cleaned.append(character)
            }
        }
        var tokens = cleaned.split(whereSeparator: { $0 == "," || $0.isWhitespace })
        if let first = tokens.first, first.first?.isLetter == true, CivilDate.month(named: first) == nil {
            tokens.removeFirst()  // the weekday
        }
        guard tokens.count >= 3 else { return nil }
        let day: Int?
        let month: Int?
        if let number = Int(tokens[0]) {
            (day, month) = (number, CivilDate.month(named: tokens[1]))
        } else {
            (day, month) = (Int(tokens[1]), CivilDate.month(named: tokens[0]))
        }
        guard let day, let month, (1...31).contains(day), var year = Int(tokens[2]) else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        var clock = [0, 0, 0]
        if tokens.count >= 4 {
            let parts = tokens[3].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard (2...3).contains(parts.count), let hour = parts[0], let minute = parts[1], (0...23).contains(hour),
                (0...59).contains(minute)
            else { return nil }
            clock = [hour, minute, parts.count == 3 ? (parts[2] ?? 0) : 0]
        }
        var offsetMinutes = 0
        if tokens.count >= 5 {
            let zone = tokens[4]
            if let sign = zone.first, sign == "+" || sign == "-" {
                let digits = zone.dropFirst().replacingOccurrences(of: ":", with: "")
                if digits.count == 4, let value = Int(digits) {
                    offsetMinutes = (value / 100 * 60 + value % 100) * (sign == "-" ? -1 : 1)
                } else if unknownZone == .reject {
                    return nil
                }
            } else if let named = namedZones[zone.uppercased()] {
                offsetMinutes = named
            } else if unknownZone == .reject {
                return nil
            }
        }
        return CivilDate.moment(
            year: year, month: month, day: day, hour: clock[0], minute: clock[1], second: Double(clock[2]),
            offsetSeconds: offsetMinutes * 60)
    }
}
