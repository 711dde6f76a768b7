import Foundation
import NewsValues
import Summarizer

/// When a report says its happening takes place: the days its lede names, read forward for a
/// report of something still to come ("will visit … on Thursday", "is set to announce …") and
/// backward for a report of something done ("met … on Thursday").
///
/// News announces a happening before it reports it: a visit is announced, then held; a game is
/// previewed, then played. The two reports share their who and where but not their words of what
/// happened, so only the day ties them. A report counts as forward-looking when the first tense
/// its lede shows is the future ("will", "is set to", "is expected to", "plans to", "aims to"),
/// not a thing done first ("has been dropped for Saturday's test … will start"): a team named for
/// a match, or a statement about a visit, reports its own happening and is not the preview of one.
struct Schedule: Equatable, Sendable {
    /// Whether the lede speaks of a happening still to come.
    var isForward: Bool
    /// The days (counted from 2001-01-01, UTC) the lede names: on or after the publication day for
    /// a forward-looking report, on or before it for any other.
    var days: Set<Int>

    /// How many sentences of the lede are read.
    static let sentences = 2
    /// The summarizer's sentence splitter, which knows initials, abbreviations and datelines.
    static let segmenter = SentenceSegmenter()

    /// The day (counted from 2001-01-01, UTC) of a time in seconds since then.
    static func day(of time: Double) -> Int { Int((time / 86_400).rounded(.down)) }

    /// The schedule a lede gives, for a report published at `published` (seconds since 2001-01-01).
    static func of(lede: String, published: Double) -> Schedule {
        let sentences = Array(Self.segmenter.sentences(in: lede).prefix(Self.sentences))
        let isForward = Self.isForward(sentences)
        let today = day(of: published)
        var days: Set<Int> = []
        for named in sentences.flatMap(namedDays) {
            switch named {
            case .weekday(let weekday):
                // 2001-01-01 was a Monday: a day's weekday is the day modulo 7, Monday 0.
                let todayWeekday = ((today % 7) + 7) % 7
                days.insert(
                    isForward ? today + (weekday - todayWeekday + 7) % 7 : today - (todayWeekday - weekday + 7) % 7)
            case .date(let month, let dayOfMonth):
                guard let date = Self.day(month: month, day: dayOfMonth, near: today) else { continue }
                if isForward ? (date >= today && date <= today + 14) : (date <= today && date >= today - 7) {
                    days.insert(date)
                }
            case .today:
                days.insert(today)
            }
        }
        return Schedule(isForward: isForward, days: days)
    }

    /// Whether `self`, a forward-looking report, names a day that `later`, a report of a thing done
    /// published after it and at most a day after that day, says its happening was on.
    func isAnnouncement(of later: Schedule, published: Double, laterPublished: Double) -> Bool {
        guard isForward, !later.isForward, laterPublished > published else { return false }
        let laterDay = Self.day(of: laterPublished)
        return days.contains { later.days.contains($0) && laterDay - $0 <= 1 }
    }

    // MARK: Reading the lede

    enum NamedDay: Equatable {
        case weekday(Int)
        case date(month: Int, day: Int)
        case today
    }

    /// Day names, lower case, Monday first (`CivilDate`'s names).
    static let weekdays = (1...7).map { CivilDate.weekdayNames[$0 % 7].lowercased() }
    /// Month names and their three-letter abbreviations (and "sept"), lower case, to their number. Whole words
    /// only: `CivilDate.month(named:)` reads any word by its first three letters, which free text cannot afford
    /// ("marching", "mayor").
    static let months: [String: Int] = {
        var months = ["sept": 9]
        for (index, name) in CivilDate.monthNames.enumerated() {
            months[name.lowercased()] = index + 1
            months[String(name.lowercased().prefix(3))] = index + 1
        }
        return months
    }()
    /// Whether a name's words are all of days and months ("Thursday", "Aug", "Saturday Aug").
    static func isCalendarWord(_ key: String) -> Bool {
        let words = key.split(separator: " ").map(String.init)
        return !words.isEmpty && words.allSatisfy { weekdays.contains($0) || months[$0] != nil || $0 == "today" }
    }

    /// Words that, followed by "to", say what someone means to do: "is set to", "plans to" (not
    /// "tries", which a match report scores: "four tries to beat").
    static let intentions: Set<String> = [
        "set", "expected", "plan", "plans", "planning", "planned", "aim", "aims", "aiming", "look", "looks",
        "looking", "attempt", "attempts", "hope", "hopes", "strive", "strives", "scheduled",
        "poised", "slated",
    ]
    /// Words of a thing done or said: the perfect, the past and attribution.
    static let done: Set<String> = ["has", "have", "had", "was", "were", "did", "said", "says", "told"]

    /// Whether the first tense marker of the sentences is a future one. "Will" counts only in
    /// lower case, so a name (Will Jordan) is not a tense.
    static func isForward(_ sentences: [String]) -> Bool {
        for sentence in sentences {
            let words = sentence.split(whereSeparator: { !($0.isLetter || $0 == "'") }).map(String.init)
            for (index, word) in words.enumerated() {
                let next = index + 1 < words.count ? words[index + 1] : ""
                if word == "will" || word == "shall" || word == "won't" { return true }
                let lower = word.lowercased()
                if next == "to", intentions.contains(lower) || lower == "is" || lower == "are" { return true }
                if done.contains(lower) { return false }
                // A past tense or participle ("named", "dropped", "launched").
                if word.first?.isLowercase == true, lower.count > 4, lower.hasSuffix("ed") { return false }
            }
        }
        return false
    }

    /// The days a sentence names: weekdays, dates ("August 19", "Aug 19-20", "19 August") and today,
    /// but not the day of an attribution ("said on Monday").
    static func namedDays(in sentence: String) -> [NamedDay] {
        let words = sentence.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        var named: [NamedDay] = []
        for (index, word) in words.enumerated() {
            // The day a thing was said ("the ministry said on Tuesday") is not the day it speaks of.
            let before = index > 0 ? words[index - 1] : ""
            if done.contains(before) || (before == "on" && index > 1 && done.contains(words[index - 2])) { continue }
            if let weekday = weekdays.firstIndex(of: word) {
                named.append(.weekday(weekday))
            } else if word == "today" || word == "tonight" {
                named.append(.today)
            } else if let month = months[word] {
                if index + 1 < words.count, let first = Int(words[index + 1]), (1...31).contains(first) {
                    named.append(.date(month: month, day: first))
                    // A range: "August 19-20", "August 19 to 20".
                    var after = index + 2
                    if after < words.count, words[after] == "to" || words[after] == "and" { after += 1 }
                    if after < words.count, let last = Int(words[after]), last > first, last <= min(31, first + 14) {
                        for day in (first + 1)...last { named.append(.date(month: month, day: day)) }
                    }
                } else if index > 0, let day = Int(words[index - 1]), (1...31).contains(day) {
                    named.append(.date(month: month, day: day))
                }
            }
        }
        return named
    }

    /// The day number (`day(of:)`'s count) of 2001-01-01 in `CivilDate`'s count from 1970-01-01.
    private static let epoch = CivilDate.days(year: 2001, month: 1, day: 1)

    /// The day of `month`/`day` in the year closest to `today` (a date in early January, named in
    /// late December, is next year's); nil when no such year has that day (30 February).
    static func day(month: Int, day: Int, near today: Int) -> Int? {
        guard (1...12).contains(month), day >= 1 else { return nil }
        let year = CivilDate.date(ofDay: today + epoch).year
        return [year - 1, year, year + 1]
            .filter { day <= CivilDate.daysIn(month: month, year: $0) }
            .map { CivilDate.days(year: $0, month: month, day: day) - epoch }
            .min { abs($0 - today) < abs($1 - today) }
    }
}
