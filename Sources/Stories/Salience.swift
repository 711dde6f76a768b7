import Foundation
import NewsValues

/// How much an event weighs in the week's news, as an editor would judge it from the coverage:
/// how many independent outlets and distinct reports tell it, how long it stayed in the news, how
/// often other stories' headlines name its subject, and whether it is news at all (a report of
/// something that happened, rather than a feature, an analysis or a gallery).
///
/// The length of one article does not count: a long feature is not a big story.
public struct Salience: Sendable {
    /// Weight of each point of evidence. An outlet counts most: each newsroom that reports an
    /// event judged it news on its own; one outlet's updates of its report say less.
    public var perOutlet = 1.5
    /// Per doubling of distinct reports (copies of one report count once).
    public var perReportDoubling = 1.0
    /// Per day between the first and the last report, up to `maximumDays`.
    public var perDay = 0.5
    public var maximumDays = 2.0
    /// Per other event whose headline names this one's subject, up to `maximumPresence`.
    public var perPresence = 0.75
    public var maximumPresence = 4
    /// How much of its weight a piece keeps when it is not a dated report of an event.
    public var undatedReport = 0.7
    public var analysis = 0.6
    public var roundup = 0.3
    /// Words of a headline that mark news of the kind editors rank first (conflict, disaster,
    /// death, justice, power: "missiles", "earthquake", "killed", "court", "election"), lower
    /// case; a word also matches with a plural or past ending. Themes set their own.
    public var newsValueWords: Set<String> = Salience.standardNewsValueWords
    /// How much more a story weighs when its headline carries one of `newsValueWords`.
    public var newsValueFactor = 1.5

    public init() {}

    /// Conflict, disaster, death, justice and power, as English headlines write them; not the words that
    /// sport and markets use as verbs.
    public static let standardNewsValueWords: Set<String> = [
        // Conflict and violence.
        "missile", "nuclear", "war", "attack", "strike", "clash", "troops", "military", "coup", "invasion",
        "ceasefire", "bomb", "bombing", "shooting", "gunman", "hostage", "kidnap", "kidnapped", "assassinate",
        "assassination", "riot", "curfew",
        // Disaster (not `sink`, `storm`, `drought`: shares sink, a player storms in, a title drought).
        "earthquake", "quake", "tsunami", "typhoon", "cyclone", "hurricane", "flood", "landslide", "eruption",
        "volcano", "wildfire", "famine", "outbreak", "epidemic", "evacuate", "capsize", "shipwreck", "crash",
        // Death.
        "killed", "kill", "dead", "deaths", "death", "toll", "die",
        // Justice.
        "court", "verdict", "sentenced", "jailed", "convicted", "trial", "arrested", "charged",
        // Power.
        "election", "vote", "elect", "sworn", "protest", "resign", "impeach", "ousted", "sanctions",
    ]

    /// The salience of `event`.
    public func of(_ event: Event) -> Double {
        let days = event.lastPublished.timeIntervalSince(event.firstPublished) / 86_400
        let coverage =
            perOutlet * Double(event.sources.count)
            + perReportDoubling * log2(1 + Double(event.reports))
            + perDay * min(max(days, 0), maximumDays)
            + perPresence * Double(min(event.relatedEvents, maximumPresence))
        return coverage * factor(of: event.lead) * (carriesNewsValue(event.lead.title) ? newsValueFactor : 1)
    }

    /// Whether `headline` has one of `newsValueWords` (or its plural, or its past form).
    /// A vessel sinking (`Cargo ship sinks off India`) and a tropical storm count too: `sink` and `storm` alone
    /// are a market's or a team's verbs.
    func carriesNewsValue(_ headline: String) -> Bool {
        let lower = headline.lowercased()
        let words = lower.split(whereSeparator: { !$0.isLetter }).map(String.init)
        if words.contains(where: { Self.vessels.contains($0) }), words.contains(where: { Self.sinking.contains($0) }) {
            return true
        }
        // A storm with a name of its kind (`weakens to tropical storm`) is weather news.
        if lower.contains("tropical storm") { return true }
        return words.contains { word in
            if newsValueWords.contains(word) { return true }
            for ending in ["s", "es", "ed", "d"] where word.hasSuffix(ending) {
                if newsValueWords.contains(String(word.dropLast(ending.count))) { return true }
            }
            return false
        }
    }

    private static let vessels: Set<String> = [
        "ship", "ships", "vessel", "vessels", "ferry", "ferries", "boat", "boats", "tanker", "freighter", "trawler",
        "submarine",
    ]
    private static let sinking: Set<String> = ["sink", "sinks", "sank", "sunk", "sinking"]

    /// How much of its coverage a story of `lead` keeps by what the lead is.
    func factor(of lead: Article) -> Double {
        switch ArticleKind.of(title: lead.title, url: lead.url) {
        case .analysis: analysis
        case .roundup: roundup
        case .report: NewsPeg.isDated(ProfileBuilder.lede(of: lead), published: lead.published) ? 1 : undatedReport
        }
    }
}

/// The time peg of a news lede: a report says when its event happened ("on Thursday", "(Aug 21)",
/// "yesterday"); a feature or an analysis opens on a scene or an argument and has none.
enum NewsPeg {
    /// Whether the first sentence or two of `lede` say when something happened: a weekday, "today",
    /// "last night", or a date within three days of `published` (a date further off is history
    /// or a plan, not the news of the day).
    static func isDated(_ lede: String, published: Date? = nil) -> Bool {
        let words = lede.prefix(400).split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        let lower = words.map { $0.lowercased() }
        if lower.contains(where: { dayWords.contains($0) }) { return true }
        for index in lower.indices.dropLast() {
            if pegPhrases.contains(lower[index] + " " + lower[index + 1]) { return true }
            // "(Aug 21)", "on August 21": a month, written with its capital ("may" is a verb), and
            // a day of it, close to the day of the report.
            if let month = months[lower[index]], words[index].first?.isUppercase == true,
                let day = Int(lower[index + 1]), (1...31).contains(day), isNear(month: month, day: day, published)
            {
                return true
            }
        }
        return false
    }

    private static func isNear(month: Int, day: Int, _ published: Date?) -> Bool {
        guard let published else { return true }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let year = calendar.component(.year, from: published)
        return [year - 1, year, year + 1].contains { year in
            guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)) else {
                return false
            }
            return abs(date.timeIntervalSince(published)) <= 3.5 * 86_400
        }
    }

    private static let dayWords: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
        "tonight", "overnight",
    ]
    private static let pegPhrases: Set<String> = [
        "this morning", "this afternoon", "this evening", "last night", "this week", "last week", "earlier today",
    ]
    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2, "march": 3, "april": 4, "june": 6,
        "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    ]
}
