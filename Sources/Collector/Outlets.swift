import Foundation

/// Names the outlet behind an article the way readers know it ("Reuters", "CNA", "The Straits
/// Times"), not by a feed's title ("China", "Channel Asia Latest News") or a byline in another
/// script ("ロイター").
///
/// A feed's title is often a section's name, an aggregator's link points at the aggregator, and a
/// wire's story carried by another outlet is the wire's report: so the evidence is weighed in an
/// order of trust (see `outlet(for:)`), every name passing through one table of the region's
/// outlets and wires and their aliases in other scripts and forms.
enum Outlets {
    /// What an article says about who published it, each piece as it was found.
    struct Evidence: Sendable, Equatable {
        /// An agency or outlet named in the text: a sign-off, a `Source: …` line, a Japanese
        /// dateline's agency (`［東京 １８日 ロイター］`).
        var signOff: String?
        /// The item's `<source>`, or the outlet an aggregator names after its headline.
        var itemSource: String?
        /// The byline: it counts only when it names an outlet (`dc:creator` "ロイター").
        var author: String?
        /// The story's own link.
        var link: String?
        /// The page's publisher (JSON-LD or `og:site_name`), when the page was read.
        var siteName: String?
        /// The feed's channel title and link.
        var feedTitle: String?
        var feedLink: String?
    }

    /// The outlet an article is credited to, most trusted evidence first:
    /// 1. a wire's or outlet's sign-off in the text (a CNA page that ends `Source: Reuters` carries Reuters' report);
    /// 2. the item's `<source>` or an aggregator's "Headline - Outlet" suffix;
    /// 3. a byline that is itself an outlet's name;
    /// 4. the link's host, by the table (subdomains included);
    /// 5. the page's publisher;
    /// 6. the feed's link host by the table, then its channel title unless that is a section's name;
    /// 7. a readable form of the link's host (never an aggregator's).
    ///
    /// Every name found goes through the aliases (`ロイター` and "Reuters Staff" are Reuters).
    static func outlet(for evidence: Evidence) -> String? {
        if let signOff = evidence.signOff.flatMap(signOffName) { return signOff }
        if let source = evidence.itemSource.flatMap(usableName) { return source }
        if let author = evidence.author.flatMap(knownName) { return author }
        if let link = evidence.link, let name = name(forLink: link) { return name }
        if let site = evidence.siteName.flatMap(usableName) { return site }
        if let feedLink = evidence.feedLink, let name = name(forLink: feedLink) { return name }
        let feedIsAggregated = evidence.feedLink.map(isAggregator(link:)) ?? false
        if !feedIsAggregated, let title = evidence.feedTitle, let name = outlet(inFeedTitle: title) { return name }
        if let link = evidence.link, !isAggregator(link: link), let host = readableHost(link) { return host }
        return nil
    }

    // MARK: Names

    /// The outlet's usual name for a known name or alias, else nil. Case, width (`ＡＦＰ`),
    /// "By …" and "… Staff" do not matter.
    static func knownName(_ text: String) -> String? {
        let key = aliasKey(text)
        guard !key.isEmpty else { return nil }
        return aliasTable[key]
    }

    /// The name to print for a name found in an item or on a page: the usual name when known,
    /// else the name as given, unless it is no outlet's name (an aggregator, a section, "Agencies").
    static func usableName(_ text: String) -> String? {
        let name = TextCleaner.normalise(text)
        if let known = knownName(name) { return known }
        guard !name.isEmpty, name.count <= 60, !isGenericTitle(name) else { return nil }
        let key = aliasKey(name)
        if notOutlets.contains(key) || aggregatorNames.contains(where: { key.hasPrefix($0) }) { return nil }
        // A bare host ("jiji.com") is named like a link.
        if !name.contains(" "), name.contains("."), let host = host(of: "https://" + name) {
            return self.name(forHost: host) ?? readableHost("https://" + host)
        }
        return name
    }

    /// A sign-off's outlet: as `usableName`, and a known wire followed by its desk's initials
    /// (`REUTERS MCM AAJ`) is the wire.
    static func signOffName(_ text: String) -> String? {
        if let known = knownName(text) { return known }
        let words = text.split(separator: " ")
        if words.count > 1 {
            for length in stride(from: words.count - 1, through: 1, by: -1) {
                if let known = knownName(words.prefix(length).joined(separator: " ")) { return known }
            }
        }
        return usableName(text)
    }

    /// The outlet a feed's title names, when it names one: `Harbour Wire — World` gives
    /// `Harbour Wire`, `World news | The Guardian` gives `The Guardian`, `China` and
    /// `Asia Latest News` give nothing.
    static func outlet(inFeedTitle title: String) -> String? {
        let title = TextCleaner.normalise(title)
        var parts = [title]
        for separator in [" — ", " – ", " | ", " - ", ": ", " > ", " :: ", " » "] {
            parts = parts.flatMap { $0.components(separatedBy: separator) }
        }
        parts = parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        // A part the table knows, whole or without its section words ("CNA World").
        for part in parts {
            if let known = knownName(part) ?? knownName(withoutSectionWords(part)) { return known }
        }
        // Else the first part, when it is not a section's name or an aggregator's.
        guard let first = parts.first else { return nil }
        let key = aliasKey(first)
        if aggregatorNames.contains(where: { key.hasPrefix($0) }) { return nil }
        return isGenericTitle(first) ? nil : usableName(first)
    }

    /// Whether a title is only section words ("China", "Top Stories", "Asia Latest News"), which
    /// names no outlet.
    static func isGenericTitle(_ title: String) -> Bool {
        let words = aliasKey(title).split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" })
        guard !words.isEmpty else { return true }
        return words.allSatisfy { sectionWords.contains(String($0)) }
    }

    /// A title without the section words around its name: `CNA World` gives `CNA`.
    static func withoutSectionWords(_ title: String) -> String {
        var words = title.split(separator: " ").map(String.init)
        while let last = words.last, words.count > 1, sectionWords.contains(aliasKey(last)) { words.removeLast() }
        while let first = words.first, words.count > 1, sectionWords.contains(aliasKey(first)) { words.removeFirst() }
        return words.joined(separator: " ")
    }

    /// The lookup form of a name: compatibility-folded (`ＡＦＰ` is `AFP`), lower case, without
    /// "By" or "The" before it, "Staff" after it, or a trailing full stop.
    static func aliasKey(_ text: String) -> String {
        var key = text.precomposedStringWithCompatibilityMapping.lowercased()
            .trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ".,;:()[]（）「」")))
        for prefix in ["by ", "from ", "via ", "source: ", "©", "the "] where key.hasPrefix(prefix) {
            key = String(key.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        for suffix in [" staff writers", " staff writer", " staff reporters", " staff", " reporters", " reporter"]
        where key.hasSuffix(suffix) {
            key = String(key.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
        }
        return key
    }

    /// A wire named at the end of a headline, as Japanese aggregators print it: `…（ロイター）`,
    /// `… ロイター`.
    static func wireAtEnd(ofHeadline headline: String) -> String? {
        let text = headline.trimmingCharacters(in: .whitespaces)
        let candidate: Substring
        if let last = text.last, last == ")" || last == "）",
            let open = text.lastIndex(where: { $0 == "(" || $0 == "（" })
        {
            candidate = text[text.index(after: open)..<text.index(before: text.endIndex)]
        } else if let space = text.lastIndex(where: { $0 == " " || $0 == "\u{3000}" }) {
            candidate = text[text.index(after: space)...]
        } else {
            return nil
        }
        guard let name = knownName(String(candidate)), wires.contains(name) else { return nil }
        return name
    }

    // MARK: Hosts

    /// The outlet a link's host belongs to, by the table: `https://www.reuters.com/world/…` and
    /// `https://jp.reuters.com/…` give "Reuters".
    static func name(forLink link: String) -> String? {
        host(of: link).flatMap(name(forHost:))
    }

    /// The table's name for a host or any of its parent domains (the longest match wins).
    static func name(forHost host: String) -> String? {
        var labels = host.split(separator: ".")
        while labels.count >= 2 {
            if let name = hostTable[labels.joined(separator: ".")] { return name }
            labels.removeFirst()
        }
        return nil
    }

    /// Whether a link points at a news aggregator (Google News, Yahoo News, MSN…), whose host
    /// names no outlet.
    static func isAggregator(link: String) -> Bool {
        guard let host = host(of: link) else { return false }
        var labels = host.split(separator: ".")
        while labels.count >= 2 {
            if aggregatorHosts.contains(labels.joined(separator: ".")) { return true }
            labels.removeFirst()
        }
        return false
    }

    /// A link's host in lower case, without a trailing dot; nil for a path or a local address.
    static func host(of link: String) -> String? {
        guard let url = URL(string: link), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            var host = url.host?.lowercased()
        else { return nil }
        if host.hasSuffix(".") { host.removeLast() }
        guard host.contains("."), host != "localhost", !host.allSatisfy({ $0.isNumber || $0 == "." || $0 == ":" })
        else { return nil }
        return host
    }

    /// A host as a reader would write it, its registrable domain: `https://www.example-news.com/a`
    /// and `https://news.example-news.com/a` give `example-news.com`, `https://www.example.co.jp/`
    /// gives `example.co.jp`.
    static func readableHost(_ link: String) -> String? {
        guard let host = host(of: link) else { return nil }
        let labels = host.split(separator: ".")
        guard labels.count > 2 else { return host }
        // A country's second level (`co.jp`, `com.sg`) is part of the suffix.
        let secondLevel: Set<Substring> = ["co", "com", "or", "ne", "net", "org", "ac", "go", "gov", "edu", "gob"]
        let keep = labels[labels.count - 1].count == 2 && secondLevel.contains(labels[labels.count - 2]) ? 3 : 2
        return labels.suffix(keep).joined(separator: ".")
    }

    // MARK: Tables

    /// The region's outlets and the wires they carry, by registrable host (or a subdomain that is
    /// an outlet of its own, like `asia.nikkei.com`).
    static let hostTable: [String: String] = [
        // Wires.
        "reuters.com": "Reuters", "reutersagency.com": "Reuters", "bloomberg.com": "Bloomberg",
        "bloomberg.co.jp": "Bloomberg", "apnews.com": "AP", "ap.org": "AP", "afp.com": "AFP", "kyodonews.net": "Kyodo",
        "kyodonews.jp": "Kyodo", "jiji.com": "Jiji", "yna.co.kr": "Yonhap", "yonhapnews.co.kr": "Yonhap",
        "xinhuanet.com": "Xinhua", "news.cn": "Xinhua", "bernama.com": "Bernama", "antaranews.com": "Antara",
        "ptinews.com": "PTI", "aninews.in": "ANI", "efe.com": "EFE", "dpa.com": "dpa",
        "dpa-international.com": "dpa", "ansa.it": "ANSA", "tass.com": "TASS", "aa.com.tr": "Anadolu",
        "upi.com": "UPI", "kcna.kp": "KCNA", "cna.com.tw": "Central News Agency", "focustaiwan.tw": "Focus Taiwan",
        "pna.gov.ph": "Philippine News Agency", "vna.vn": "Vietnam News Agency",
        // Singapore and Malaysia.
        "channelnewsasia.com": "CNA", "cna.asia": "CNA", "straitstimes.com": "The Straits Times",
        "businesstimes.com.sg": "The Business Times", "todayonline.com": "TODAY", "mothership.sg": "Mothership",
        "thestar.com.my": "The Star", "malaymail.com": "Malay Mail", "nst.com.my": "New Straits Times",
        "freemalaysiatoday.com": "Free Malaysia Today", "malaysiakini.com": "Malaysiakini",
        "theedgemalaysia.com": "The Edge Malaysia",
        // Greater China.
        "scmp.com": "South China Morning Post", "xinhua.net": "Xinhua", "globaltimes.cn": "Global Times",
        "chinadaily.com.cn": "China Daily", "chinadailyhk.com": "China Daily", "people.com.cn": "People's Daily",
        "people.cn": "People's Daily", "cgtn.com": "CGTN", "caixinglobal.com": "Caixin", "caixin.com": "Caixin",
        "sixthtone.com": "Sixth Tone", "hongkongfp.com": "Hong Kong Free Press", "thestandard.com.hk": "The Standard",
        "rthk.hk": "RTHK", "taipeitimes.com": "Taipei Times", "taiwannews.com.tw": "Taiwan News",
        "chinatimes.com": "China Times", "udn.com": "United Daily News",
        // Japan.
        "japantimes.co.jp": "The Japan Times", "asia.nikkei.com": "Nikkei Asia", "nikkei.com": "Nikkei",
        "nhk.or.jp": "NHK", "asahi.com": "The Asahi Shimbun", "mainichi.jp": "The Mainichi",
        "yomiuri.co.jp": "The Yomiuri Shimbun", "japannews.yomiuri.co.jp": "The Japan News",
        "sankei.com": "The Sankei Shimbun", "newsdig.tbs.co.jp": "TBS News Dig",
        "nishinippon.co.jp": "Nishinippon Shimbun",
        "tokyo-np.co.jp": "Tokyo Shimbun",
        // Korea.
        "koreaherald.com": "The Korea Herald", "koreatimes.co.kr": "The Korea Times",
        "joongang.co.kr": "Korea JoongAng Daily", "koreajoongangdaily.joins.com": "Korea JoongAng Daily",
        "joins.com": "JoongAng Ilbo", "chosun.com": "The Chosun Ilbo", "donga.com": "The Dong-A Ilbo",
        "hani.co.kr": "The Hankyoreh", "kbs.co.kr": "KBS", "arirang.com": "Arirang", "nknews.org": "NK News",
        "dailynk.com": "Daily NK",
        // South Asia.
        "thehindu.com": "The Hindu", "hindustantimes.com": "Hindustan Times", "indianexpress.com": "The Indian Express",
        "timesofindia.indiatimes.com": "The Times of India", "economictimes.indiatimes.com": "The Economic Times",
        "ndtv.com": "NDTV", "livemint.com": "Mint", "business-standard.com": "Business Standard",
        "indiatoday.in": "India Today", "theprint.in": "ThePrint", "scroll.in": "Scroll", "thewire.in": "The Wire",
        "deccanherald.com": "Deccan Herald", "dawn.com": "Dawn", "tribune.com.pk": "The Express Tribune",
        "geo.tv": "Geo News", "thedailystar.net": "The Daily Star",
        "dhakatribune.com": "Dhaka Tribune", "bdnews24.com": "bdnews24.com", "kathmandupost.com": "The Kathmandu Post",
        "dailymirror.lk": "Daily Mirror", "economynext.com": "EconomyNext",
        // Southeast Asia.
        "thejakartapost.com": "The Jakarta Post", "jakartaglobe.id": "Jakarta Globe", "tempo.co": "Tempo",
        "kompas.com": "Kompas", "bangkokpost.com": "Bangkok Post", "nationthailand.com": "The Nation",
        "khaosodenglish.com": "Khaosod English", "thaipbsworld.com": "Thai PBS World", "vnexpress.net": "VnExpress",
        "tuoitrenews.vn": "Tuoi Tre News", "vietnamnews.vn": "Viet Nam News", "vietnamplus.vn": "VietnamPlus",
        "inquirer.net": "Philippine Daily Inquirer", "rappler.com": "Rappler", "philstar.com": "Philstar",
        "gmanetwork.com": "GMA News", "abs-cbn.com": "ABS-CBN", "irrawaddy.com": "The Irrawaddy",
        "myanmar-now.org": "Myanmar Now", "frontiermyanmar.net": "Frontier Myanmar", "khmertimeskh.com": "Khmer Times",
        "phnompenhpost.com": "The Phnom Penh Post", "laotiantimes.com": "Laotian Times",
        // Regional and international.
        "bbc.co.uk": "BBC", "bbc.com": "BBC", "theguardian.com": "The Guardian", "nytimes.com": "The New York Times",
        "cnn.com": "CNN", "aljazeera.com": "Al Jazeera", "france24.com": "France 24", "dw.com": "DW",
        "rfa.org": "Radio Free Asia", "voanews.com": "Voice of America", "thediplomat.com": "The Diplomat",
        "ft.com": "Financial Times", "wsj.com": "The Wall Street Journal", "washingtonpost.com": "The Washington Post",
        "economist.com": "The Economist", "cnbc.com": "CNBC", "abc.net.au": "ABC",
        "smh.com.au": "The Sydney Morning Herald",
        "rnz.co.nz": "RNZ", "sbs.com.au": "SBS", "npr.org": "NPR", "politico.com": "Politico", "axios.com": "Axios",
        "euronews.com": "Euronews", "lowyinstitute.org": "The Interpreter", "eastasiaforum.org": "East Asia Forum",
    ]

    /// The news agencies, whose copy other outlets carry under the agency's name.
    static let wires: Set<String> = [
        "Reuters", "Bloomberg", "AP", "AFP", "Kyodo", "Jiji", "Yonhap", "Xinhua", "Bernama", "Antara", "PTI", "ANI",
        "EFE", "dpa", "ANSA", "TASS", "Anadolu", "UPI", "KCNA", "Central News Agency", "Philippine News Agency",
        "Vietnam News Agency",
    ]

    /// Hosts of aggregators: their links name no outlet.
    static let aggregatorHosts: Set<String> = [
        "news.google.com", "feedproxy.google.com", "news.yahoo.co.jp", "news.yahoo.com", "yahoo.com", "msn.com",
        "flipboard.com", "newsnow.co.uk", "feeds.feedburner.com", "smartnews.com", "news.livedoor.com",
        "news.naver.com", "n.news.naver.com", "v.daum.net", "news.nate.com", "ground.news", "newsbreak.com",
        "apple.news", "inoreader.com", "feedly.com", "headtopics.com", "news.goo.ne.jp", "newspicks.com",
    ]

    /// The start of an aggregator's name, in the lookup form: a feed or item so named names no outlet.
    static let aggregatorNames: [String] = [
        "google news", "yahoo!ニュース", "yahoo!news", "yahoo news", "yahoo! news", "msn", "flipboard", "newsnow",
        "smartnews", "livedoor", "naver", "daum", "グノシー", "gunosy", "newspicks", "goo ニュース",
    ]

    /// Names that credit nobody in particular.
    static let notOutlets: Set<String> = [
        "agencies", "agency", "wires", "wire services", "news agencies", "staff", "editorial", "editor", "editors",
        "admin", "newsroom", "desk", "news desk", "web desk", "online desk", "correspondent", "our correspondent",
        "unknown", "anonymous", "guest",
    ]

    /// Words of section and feed names: a title made only of them names no outlet.
    static let sectionWords: Set<String> = [
        // Sections and feed furniture.
        "world", "news", "latest", "top", "stories", "story", "home", "homepage", "rss", "feed", "feeds", "channel",
        "business", "breaking", "headlines", "headline", "international", "national", "local", "politics", "economy",
        "markets", "market", "finance", "money", "tech", "technology", "science", "sport", "sports", "opinion",
        "commentary", "lifestyle", "life", "entertainment", "culture", "health", "environment", "climate", "region",
        "regional", "edition", "english", "today", "updates", "update", "live", "all", "main", "front", "page",
        "the", "and", "of", "in", "&", "from", "more", "video", "videos", "photos", "features", "analysis",
        "global", "general", "public", "recent", "most", "popular", "read", "trending",
        // Regions and countries a section is named after.
        "asia", "asian", "asia-pacific", "pacific", "east", "west", "south", "north", "southeast", "central",
        "middle", "americas", "europe", "africa", "oceania", "us", "u.s", "uk", "china", "japan", "korea", "india",
        "singapore", "malaysia", "indonesia", "thailand", "vietnam", "philippines", "myanmar", "cambodia", "laos",
        "taiwan", "hong", "kong", "macau", "mongolia", "pakistan", "bangladesh", "sri", "lanka", "nepal", "bhutan",
        "maldives", "afghanistan", "brunei", "timor-leste", "australia", "zealand", "new", "peninsula",
    ]

    /// Every name and alias by its lookup form, to the outlet's usual name: the table's names,
    /// the wires' and outlets' names in other scripts and forms.
    static let aliasTable: [String: String] = {
        var table: [String: String] = [:]
        // A name that is also a section's ("TODAY") is known by its host only.
        for name in hostTable.values where !isGenericTitle(name) { table[aliasKey(name)] = name }
        let aliases: [String: [String]] = [
            "Reuters": [
                "Reuters", "Thomson Reuters", "Reuters News", "Reuters Breakingviews", "ロイター", "ロイター通信",
                "路透", "路透社", "로이터", "로이터통신",
            ],
            "Bloomberg": [
                "Bloomberg News", "Bloomberg L.P", "Bloomberg.com", "Bloomberg Businessweek", "ブルームバーグ",
                "ブルームバーグ・ニュース", "彭博", "彭博社", "블룸버그",
            ],
            "AP": ["Associated Press", "The Associated Press", "AP通信", "美联社", "美聯社", "AP연합뉴스"],
            "AFP": [
                "Agence France-Presse", "Agence France Presse", "AFP時事", "AFP=時事", "AFP-Jiji", "AFP Jiji",
                "AFP通信", "法新社", "AFPBB News",
            ],
            "Kyodo": ["Kyodo News", "共同", "共同通信", "共同通信社", "共同社", "교도통신"],
            "Jiji": ["Jiji Press", "時事", "時事通信", "時事通信社", "時事ドットコム", "jiji.com"],
            "Yonhap": [
                "Yonhap News", "Yonhap News Agency", "연합뉴스", "연합", "聯合", "聯合ニュース", "聯合通信", "韩联社",
                "韓聯社",
            ],
            "Xinhua": ["Xinhua News Agency", "新华社", "新華社", "新华网", "新華網", "新華社通信", "신화통신"],
            "KCNA": ["Korean Central News Agency", "朝鮮中央通信", "조선중앙통신"],
            "Bernama": ["Malaysian National News Agency"],
            "Antara": ["Antara News"],
            "PTI": ["Press Trust of India"],
            "ANI": ["Asian News International"],
            "CNA": ["Channel NewsAsia", "Channel News Asia", "CNA Asia"],
            "Central News Agency": ["中央社", "中央通訊社"],
            "South China Morning Post": ["SCMP", "South China Morning Post Publishers"],
            "The Straits Times": ["Straits Times"],
            "The Japan Times": ["Japan Times"],
            "Nikkei": ["日本経済新聞", "日本経済新聞社", "日経", "日経新聞", "Nikkei Inc"],
            "Nikkei Asia": ["Nikkei Asian Review"],
            "NHK": ["NHK World", "NHK World-Japan", "NHKニュース", "NHK NEWS WEB"],
            "The Asahi Shimbun": ["Asahi Shimbun", "朝日新聞", "朝日新聞デジタル"],
            "The Mainichi": ["Mainichi", "Mainichi Shimbun", "毎日新聞"],
            "The Yomiuri Shimbun": ["Yomiuri Shimbun", "読売新聞", "読売新聞オンライン"],
            "The Sankei Shimbun": ["Sankei Shimbun", "産経新聞", "産経ニュース"],
            "Nishinippon Shimbun": ["西日本新聞", "西日本新聞me"],
            "TBS News Dig": ["TBS NEWS DIG"],
            "The Korea Herald": ["Korea Herald"],
            "The Korea Times": ["Korea Times"],
            "Korea JoongAng Daily": ["JoongAng Daily", "중앙일보"],
            "The Chosun Ilbo": ["Chosun Ilbo", "Chosun", "조선일보"],
            "The Hankyoreh": ["Hankyoreh", "한겨레"],
            "The Indian Express": ["Indian Express"],
            "The Times of India": ["Times of India", "TOI"],
            "The Jakarta Post": ["Jakarta Post"],
            "Philippine Daily Inquirer": ["Inquirer", "Inquirer.net"],
            "BBC": ["BBC News", "BBC World Service"],
            "The Guardian": ["Guardian"],
            "The New York Times": ["New York Times", "NYT", "NYTimes"],
            "Al Jazeera": ["Al Jazeera English"],
            "DW": ["Deutsche Welle"],
            "Radio Free Asia": ["RFA"],
            "Voice of America": ["VOA", "VOA News"],
            "Global Times": ["环球时报", "環球時報"],
            "People's Daily": ["人民日报", "人民日報"],
            "Financial Times": ["FT"],
            "The Wall Street Journal": ["Wall Street Journal", "WSJ"],
            "The Economist": ["Economist"],
        ]
        for (name, forms) in aliases {
            for form in forms { table[aliasKey(form)] = name }
        }
        return table
    }()
}
