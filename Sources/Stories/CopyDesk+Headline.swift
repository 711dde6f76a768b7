import Foundation

extension CopyDesk {
    /// `title` without what desks and wires put around a headline, and the label it had.
    ///
    /// - Desk labels before it: `Analysis:Japan…` (no space), `Analysis: `, `Opinion | `,
    ///   `Explainer - `, `Exclusive-`, `EXCLUSIVE-`, `[WATCH] `, `See pics: `, `In pictures: `,
    ///   `Breakingviews - `, `LIVE: ` (only with a colon or a bar: `LIVE music returns` stays).
    /// - Wire tags and slugs: `UPDATE 2-`, `REFILE-`, `CORRECTED-`, `RPT-`; a slug in capitals
    ///   ending in `/ ` (`CHINA-TAIWAN/ `), or of several parts (`AFRICA-FX-`, `GLOBAL MARKETS-`),
    ///   or one long word or one before a possessive (`INFOSYS-India's…`); a sport desk's
    ///   `Tennis-`. Not a compound: `US-China talks`, `US FDA-Approved`, `COVID-19`, `K-pop`,
    ///   `G7-led`, `AI-driven`, and in German `ZEW-Barometer`.
    /// - After it: the outlet (` - Reuters`, ` | CNA`, `source` when given, ` (AFP)`) and media
    ///   labels (` (video)`, ` – in pictures`, `: live updates`).
    ///
    /// A colon after anything else is the headline's own (`North Korea: what's next`). When
    /// nothing would be left the headline stays as it was, with its label (`Pictures of the day`).
    /// Spacing is tidied as `tidyingSpaces(_:)` does.
    public func headline(_ title: String, source: String? = nil) -> (text: String, label: HeadlineLabel?) {
        var flat = title
        if flat.contains(where: \.isNewline) {
            flat = flat.split(whereSeparator: \.isNewline).joined(separator: " ")
        }
        let tidy = tidyingSpaces(flat).trimmingCharacters(in: .whitespaces)
        var scalars = Array(tidy.unicodeScalars)
        var label: HeadlineLabel?
        func note(_ found: HeadlineLabel?) {
            guard let found else { return }
            if let current = label, !current.isHousekeeping || found.isHousekeeping { return }
            label = found
        }
        // Tags before it, several in a row (`UPDATE 2-EXCLUSIVE-…`).
        for _ in 0..<4 {
            if let tag = Self.leadingLabel(in: scalars) ?? wireSlug(in: scalars) {
                note(tag.label)
                scalars = Array(scalars[tag.end...])
            } else {
                break
            }
        }
        // Tags after it (`… (video) - Reuters`).
        for _ in 0..<3 {
            guard let tag = trailingTag(in: scalars, source: source) else { break }
            note(tag.label)
            scalars = Array(scalars[..<tag.start])
            while let last = scalars.last, Self.isHorizontalSpace(last) { scalars.removeLast() }
        }
        if label == nil, Self.isGalleryTitle(scalars) { label = .gallery }
        guard scalars.contains(where: Self.isLetter) else { return (tidy, label) }
        // `Opinion | why…` → `Why…`; `iPhone…` stays.
        if let first = scalars.first, Self.isLower(first),
            !scalars.prefix(while: { !$0.properties.isWhitespace }).contains(where: Self.isUpper)
        {
            let upper = Array(String(first).uppercased().unicodeScalars)
            scalars.replaceSubrange(0..<1, with: upper)
        }
        return (String(String.UnicodeScalarView(scalars)), label)
    }

    // MARK: - Labels before the headline

    /// A desk label or wire tag that `scalars` opens with: where the headline starts after it,
    /// and what it says.
    static func leadingLabel(in scalars: [Unicode.Scalar]) -> (end: Int, label: HeadlineLabel?)? {
        guard let first = scalars.first else { return nil }
        let bracketed = first == "[" || first == "("
        let start = bracketed ? 1 : 0
        // A capital, or a letter of a script without case (`コラム：`).
        guard start < scalars.count, isLetter(scalars[start]), !isLower(scalars[start]) else { return nil }
        for entry in labelEntries {
            var index = start
            guard matches(scalars, at: index, entry.phrase) else { continue }
            index += entry.phrase.count
            let spelled = scalars[start..<index]
            if entry.capitalsOnly, spelled.contains(where: isLower) { continue }
            // `UPDATE 2-`, `WRAPUP 1-`.
            if entry.numbered, index + 1 < scalars.count, scalars[index] == " ", isDigit(scalars[index + 1]) {
                index += 1
                while index < scalars.count, isDigit(scalars[index]) { index += 1 }
            }
            guard index < scalars.count else { return nil }
            var rest: Int?
            if bracketed {
                let close: Unicode.Scalar = first == "[" ? "]" : ")"
                if scalars[index] == close { rest = index + 1 }
            } else {
                rest = separatorEnd(in: scalars, at: index, colonOrBarOnly: entry.colonOrBarOnly)
            }
            guard var headline = rest else { continue }
            while headline < scalars.count, isHorizontalSpace(scalars[headline]) { headline += 1 }
            guard scalars[headline...].contains(where: isLetter) else { return nil }
            return (headline, entry.label)
        }
        return nil
    }

    /// Where the headline starts after a label's separator at `index`: `:` (a space after it or
    /// not: `Analysis:Japan`), ` | `, ` - `, ` – `, ` — `, or a hyphen or dash run into a capital
    /// (`EXCLUSIVE-China`, `Exclusive-Regional`); `nil` when there is none.
    static func separatorEnd(in scalars: [Unicode.Scalar], at index: Int, colonOrBarOnly: Bool) -> Int? {
        let count = scalars.count
        let scalar = scalars[index]
        if scalar == ":" || scalar == "\u{FF1A}" || scalar == "|" || scalar == "\u{FF5C}" { return index + 1 }
        if scalar == " ", index + 1 < count {
            let mark = scalars[index + 1]
            if mark == "|" || mark == "\u{FF5C}" { return index + 2 }
            if !colonOrBarOnly, isDash(mark), index + 2 < count, scalars[index + 2] == " " { return index + 3 }
            return nil
        }
        if !colonOrBarOnly, isDash(scalar), index + 1 < count {
            let next = scalars[index + 1]
            if isUpper(next) || isDigit(next) || isOpeningQuote(next) || (isLetter(next) && !isLower(next)) {
                return index + 1
            }
        }
        return nil
    }

    struct LabelEntry: Sendable {
        /// Lower case.
        let phrase: [Unicode.Scalar]
        let label: HeadlineLabel?
        /// A wire's tag, which it writes in capitals (`FOCUS-`), unlike a word that may open a
        /// headline (`Focus on…`).
        var capitalsOnly = false
        /// May carry a number: `UPDATE 2`.
        var numbered = false
        /// Takes a colon or a bar only: `LIVE:`, not `LIVE music` or `Live-streamed`.
        var colonOrBarOnly = false
    }

    /// Desk labels and wire tags, longest first so `Live updates` wins over `Live`.
    static let labelEntries: [LabelEntry] = {
        func entry(
            _ phrase: String, _ label: HeadlineLabel?, capitals: Bool = false, numbered: Bool = false,
            colon: Bool = false
        ) -> LabelEntry {
            LabelEntry(
                phrase: Array(phrase.unicodeScalars), label: label, capitalsOnly: capitals, numbered: numbered,
                colonOrBarOnly: colon)
        }
        let entries: [LabelEntry] = [
            entry("analysis", .analysis), entry("news analysis", .analysis), entry("insight", .analysis),
            entry("focus", .analysis, capitals: true), entry("instant view", .analysis, capitals: true),
            entry("special report", .analysis), entry("deep dive", .analysis),
            entry("opinion", .opinion), entry("comment", .opinion), entry("commentary", .opinion),
            entry("column", .opinion), entry("editorial", .opinion), entry("op-ed", .opinion),
            entry("viewpoint", .opinion), entry("breakingviews", .opinion), entry("guest column", .opinion),
            entry("explainer", .explainer), entry("explained", .explainer), entry("q&a", .explainer),
            entry("fact check", .explainer), entry("factcheck", .explainer), entry("backgrounder", .explainer),
            entry("factbox", .factbox), entry("fact box", .factbox), entry("timeline", .factbox),
            entry("key facts", .factbox),
            entry("exclusive", .exclusive), entry("scoop", .exclusive),
            entry("interview", .interview),
            entry("breaking", .breaking, colon: true), entry("breaking news", .breaking, colon: true),
            entry("just in", .breaking, colon: true), entry("developing", .breaking, colon: true),
            entry("live", .live, colon: true), entry("live updates", .live, colon: true),
            entry("live blog", .live, colon: true), entry("live news", .live, colon: true),
            entry("watch", .watch), entry("video", .watch), entry("watch live", .watch),
            entry("in pictures", .gallery), entry("in pics", .gallery), entry("see pics", .gallery),
            entry("see pictures", .gallery), entry("see photos", .gallery), entry("in photos", .gallery),
            entry("photos", .gallery), entry("pictures", .gallery), entry("gallery", .gallery),
            entry("photo gallery", .gallery), entry("photo essay", .gallery), entry("photo story", .gallery),
            entry("podcast", .podcast), entry("listen", .podcast, colon: true),
            entry("review", .review, colon: true), entry("obituary", .obituary), entry("obit", .obituary),
            entry("update", .update, numbered: true), entry("wrapup", .update, capitals: true, numbered: true),
            entry("refile", .update, capitals: true), entry("refiled", .update, capitals: true),
            entry("rpt", .update, capitals: true), entry("repeat", .update, capitals: true),
            entry("brief", .update, capitals: true), entry("graphic", nil, capitals: true),
            entry("graphics", nil, capitals: true),
            entry("corrected", .correction, numbered: true), entry("correction", .correction),
            entry("clarification", .correction),
            // Reuters' Japanese service: `アングル：`, `コラム：`, `再送-`, `訂正-`.
            entry("アングル", .analysis), entry("焦点", .analysis), entry("コラム", .opinion),
            entry("情報ＢＯＸ", .factbox), entry("インタビュー", .interview), entry("写真特集", .gallery),
            entry("再送", .update), entry("訂正", .correction),
        ]
        return entries.sorted { $0.phrase.count > $1.phrase.count }
    }()

    // MARK: - Wire slugs

    /// A wire's slug that `scalars` opens with (`INFOSYS-`, `AFRICA-FX-`, `CHINA-TAIWAN/ `,
    /// `GLOBAL MARKETS-`, `Soccer-`): where the headline starts, and `.sport` for a sport desk's.
    func wireSlug(in scalars: [Unicode.Scalar]) -> (end: Int, label: HeadlineLabel?)? {
        let count = scalars.count
        // A slug heads a headline in sentence case; in title case a capitalised word before a
        // hyphen starts a compound (`Golf-Course Plans Anger Residents`).
        guard let first = scalars.first, Self.isUpper(first), Self.isSentenceCase(scalars) else { return nil }
        for sport in Self.sportSlugs where Self.matches(scalars, at: 0, sport) {
            let end = sport.count
            if end + 1 < count, scalars[end] == "-", Self.isUpper(scalars[end + 1]) { return (end + 1, .sport) }
        }
        // Parts in capitals joined by `-`, `/` or a space, then `-` or `/ ` before the headline.
        var parts: [String] = []
        var index = 0
        while true {
            let start = index
            while index < count, Self.isSlugScalar(scalars[index]) { index += 1 }
            let part = scalars[start..<index]
            guard part.contains(where: Self.isUpper), index < count else { return nil }
            parts.append(String(String.UnicodeScalarView(part)))
            let mark = scalars[index]
            if mark == "/" {
                guard index + 1 < count else { return nil }
                if scalars[index + 1] == " " {
                    // `CHINA-TAIWAN/ China says…`
                    var headline = index + 1
                    while headline < count, scalars[headline] == " " { headline += 1 }
                    guard headline < count, scalars[headline...].contains(where: Self.isLower) else { return nil }
                    return (headline, nil)
                }
                index += 1
                continue
            }
            guard mark == "-" || mark == " ", index + 1 < count else { return nil }
            // What follows: another part in capitals, or the headline's first word.
            var peek = index + 1
            while peek < count, Self.isSlugScalar(scalars[peek]) { peek += 1 }
            let followedByLower = peek < count && Self.isLower(scalars[peek])
            if mark == " " {
                // `GLOBAL MARKETS-`: only a part in capitals may follow a space.
                guard peek > index + 1, !followedByLower, peek < count, scalars[peek] == "-" || scalars[peek] == "/"
                else { return nil }
                index += 1
                continue
            }
            if peek > index + 1, !followedByLower, peek < count,
                scalars[peek] == "-" || scalars[peek] == "/" || scalars[peek] == " "
            {
                index += 1
                continue
            }
            // The headline: a capitalised word (`Ghana's`, `Stocks`), right after the hyphen.
            guard Self.isUpper(scalars[index + 1]), followedByLower else { return nil }
            var wordEnd = index + 1
            while wordEnd < count,
                Self.isLetter(scalars[wordEnd]) || scalars[wordEnd] == "'"
                    || scalars[wordEnd] == "\u{2019}"
            {
                wordEnd += 1
            }
            let word = String(String.UnicodeScalarView(scalars[(index + 1)..<wordEnd]))
            guard isSlug(parts, before: word) else { return nil }
            return (index + 1, nil)
        }
    }

    /// Whether capitals `parts` before a hyphen and `word` are a slug and a headline rather than
    /// one compound (`US-China`, `NATO-Led`, `COVID-Era`, `FDA-Approved`).
    func isSlug(_ parts: [String], before word: String) -> Bool {
        let lower = word.lowercased()
        let bare = lower.hasSuffix("'s") || lower.hasSuffix("\u{2019}s") ? String(lower.dropLast(2)) : lower
        if Self.compoundEndings.contains(bare)
            || (bare.count >= 4 && (bare.hasSuffix("ed") || bare.hasSuffix("ing")) && bare == lower)
        {
            return false
        }
        if parts.count >= 2 { return true }
        guard let part = parts.first, !Self.compoundAcronyms.contains(part) else { return false }
        if bare != lower { return true }  // `INFOSYS-India's`
        // German, Dutch and the Nordic languages join a short name to a noun (`ZEW-Barometer`).
        if Self.compoundingLanguages.contains(languageCode) { return false }
        return part.unicodeScalars.filter(Self.isUpper).count >= 5
    }

    /// Whether a headline is in sentence case: one of its first words of four letters or more
    /// starts in lower case (title case capitalises all but the short ones).
    static func isSentenceCase(_ scalars: [Unicode.Scalar]) -> Bool {
        var words = 0
        var index = 0
        while index < scalars.count, words < 10 {
            while index < scalars.count, !isLetter(scalars[index]) { index += 1 }
            let start = index
            while index < scalars.count, isLetter(scalars[index]) { index += 1 }
            guard index > start else { break }
            words += 1
            if index - start >= 4, isLower(scalars[start]), start == 0 || scalars[start - 1] == " " { return true }
        }
        return false
    }

    static func isSlugScalar(_ scalar: Unicode.Scalar) -> Bool {
        isUpper(scalar) || isDigit(scalar) || scalar == "&" || scalar == "."
    }

    /// Second parts of compounds, which a slug's headline does not open with.
    static let compoundEndings: Set<String> = [
        "era", "style", "like", "friendly", "free", "based", "led", "wide", "related", "made", "level", "sized",
        "size", "scale", "linked", "only", "specific", "focused", "proof", "ready", "type", "class", "bound",
        "born", "run", "owned", "backed", "listed", "centric", "first", "heavy", "rich", "hit", "themed",
        "inspired", "approved", "funded", "controlled", "dominated", "compliant", "native", "year", "plus",
    ]

    /// Names written in capitals that make compounds: not slugs.
    static let compoundAcronyms: Set<String> = [
        "ASEAN", "BRICS", "NASDAQ", "STOXX", "COVID", "UNESCO", "UNICEF", "UNHCR", "LGBTQ", "AUKUS", "OPEC",
        "NATO", "FIFA", "UEFA", "NASA", "SPAC", "CHIPS", "SWIFT", "INTERPOL", "MERCOSUR", "ECOWAS", "NAFTA",
        "USMCA", "NIKKEI", "KOSPI", "SENSEX", "NIFTY", "TOPIX", "MSCI", "FTSE",
    ]

    static let compoundingLanguages: Set<String> = ["de", "nl", "sv", "da", "nb", "nn", "no", "fi", "is", "af"]

    /// Sport desks' slugs, lower case: `Soccer-Iran striker joins…`.
    static let sportSlugs: [[Unicode.Scalar]] =
        ([
            "soccer", "football", "tennis", "golf", "cricket", "rugby", "rugby union", "rugby league", "athletics",
            "olympics", "paralympics", "cycling", "motor racing", "motorcycling", "formula one", "basketball",
            "baseball", "ice hockey", "hockey", "boxing", "swimming", "badminton", "sailing", "skiing",
            "alpine skiing", "snooker", "darts", "esports", "horse racing", "rowing", "volleyball", "judo",
            "wrestling", "gymnastics", "triathlon", "table tennis", "handball", "sumo", "motogp", "nascar",
            "equestrian", "fencing", "surfing", "weightlifting", "taekwondo", "netball", "squash", "chess",
            "nfl", "nba", "nhl", "mlb", "mls",
        ] as [String]).map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }

    // MARK: - Tags after the headline

    /// An outlet or media label that `scalars` ends with (` - Reuters`, ` | CNA`, ` (video)`,
    /// ` – in pictures`, `: live updates`): where it starts, and the label.
    func trailingTag(in scalars: [Unicode.Scalar], source: String?) -> (start: Int, label: HeadlineLabel?)? {
        let count = scalars.count
        guard count > 3 else { return nil }
        let sourceName = source?.lowercased().trimmingCharacters(in: .whitespaces)
        // ` (video)`, ` [PHOTOS]`, ` (Reuters)`
        if let last = scalars.last, last == ")" || last == "]" {
            let open: Unicode.Scalar = last == ")" ? "(" : "["
            if let start = scalars.lastIndex(of: open), start > 0, scalars[start - 1] == " " {
                let inside = String(String.UnicodeScalarView(scalars[(start + 1)..<(count - 1)])).lowercased()
                if let label = Self.trailingLabels[inside] { return (start - 1, label) }
                if outlets.contains(inside) || inside == sourceName { return (start - 1, nil) }
            }
        }
        // The last ` - `, ` | `, ` – `, ` — ` or `: `.
        var index = count - 2
        while index > 0 {
            let scalar = scalars[index]
            let spaced = scalars[index - 1] == " " && scalars[index + 1] == " "
            let isSeparator =
                (spaced && (scalar == "|" || Self.isDash(scalar))) || scalar == "\u{FF5C}"
                || (scalar == ":" && scalars[index + 1] == " ")
            if isSeparator {
                let tail = String(String.UnicodeScalarView(scalars[(index + 1)...]))
                    .trimmingCharacters(in: .whitespaces).lowercased()
                var start = index
                while start > 0, scalars[start - 1] == " " { start -= 1 }
                if let label = Self.trailingLabels[tail] { return (start, label) }
                if scalar != ":", outlets.contains(tail) || tail == sourceName { return (start, nil) }
                return nil
            }
            index -= 1
        }
        return nil
    }

    static let trailingLabels: [String: HeadlineLabel] = [
        "video": .watch, "videos": .watch, "watch": .watch, "watch live": .watch, "photos": .gallery,
        "pictures": .gallery, "in pictures": .gallery, "in pics": .gallery, "gallery": .gallery,
        "photo gallery": .gallery, "live": .live, "live updates": .live, "as it happened": .live,
        "live blog": .live, "podcast": .podcast, "opinion": .opinion, "analysis": .analysis,
        "explainer": .explainer, "exclusive": .exclusive, "interview": .interview, "obituary": .obituary,
    ]

    /// A gallery's standing title (`Pictures of the day`) or one in `X in pictures: …`, whose
    /// words are not a label to strip.
    static func isGalleryTitle(_ scalars: [Unicode.Scalar]) -> Bool {
        let lower = String(String.UnicodeScalarView(scalars.prefix(60))).lowercased()
        let titles = [
            "pictures of the day", "photos of the day", "pictures of the week", "photos of the week",
            "week in pictures", "the week in pictures", "day in pictures", "the day in pictures",
            "year in pictures", "the year in pictures",
        ]
        if titles.contains(where: lower.hasPrefix) { return true }
        return ["in pictures:", "in pictures |", "in pics:", "in photos:"].contains(where: lower.contains)
    }

    /// Outlets commonly named at the end of a headline (by aggregators, or by themselves), lower
    /// case.
    public static let knownOutlets: Set<String> = [
        "reuters", "reuters.com", "cna", "channel newsasia", "channelnewsasia", "ap", "ap news",
        "associated press", "the associated press", "afp", "bloomberg", "bloomberg.com", "nikkei",
        "nikkei asia", "the japan times", "japan times", "kyodo", "kyodo news", "yonhap", "yonhap news agency",
        "the korea herald", "korea herald", "the korea times", "korea times", "korea joongang daily",
        "the straits times", "straits times", "south china morning post", "scmp", "bbc", "bbc news", "cnn",
        "al jazeera", "the guardian", "guardian", "financial times", "ft", "the new york times", "nytimes",
        "the washington post", "wsj", "the wall street journal", "cnbc", "abc news", "nhk", "nhk world",
        "xinhua", "global times", "the hindu", "times of india", "the times of india", "hindustan times", "ndtv",
        "the economic times", "dawn", "the diplomat", "the asahi shimbun", "asahi shimbun", "the mainichi",
        "mainichi", "japan today", "the star", "malay mail", "the jakarta post", "jakarta globe", "bangkok post",
        "vnexpress", "vnexpress international", "rappler", "inquirer", "philstar", "sky news", "france 24",
        "dw", "euronews", "axios", "politico", "npr", "fox news", "nbc news", "cbs news", "yahoo news",
        "yahoo finance", "msn", "ロイター", "共同通信", "日本経済新聞", "時事通信", "時事ドットコム", "jiji.com",
        "nhkニュース", "yahoo!ニュース",
    ]

    // MARK: - Scalars

    /// Whether `scalars` has `phrase` (lower case, ASCII letters matched in either case) at `index`,
    /// not followed by a letter.
    static func matches(_ scalars: [Unicode.Scalar], at index: Int, _ phrase: [Unicode.Scalar]) -> Bool {
        guard index + phrase.count <= scalars.count else { return false }
        for (offset, expected) in phrase.enumerated() {
            var actual = scalars[index + offset]
            if (0x41...0x5A).contains(actual.value), let lower = Unicode.Scalar(actual.value + 0x20) { actual = lower }
            if actual != expected { return false }
        }
        let end = index + phrase.count
        return end == scalars.count || !isLetter(scalars[end])
    }

    static func isDash(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "\u{2013}" || scalar == "\u{2014}" || scalar == "\u{FF0D}"
    }
}
