/// Names that tie a text to a country: the country itself, its people, its capital and large
/// cities, its leaders' offices and institutions. Used to place stories in a theme's sections.
public struct Gazetteer: Sendable {
    public struct Country: Sendable {
        /// ISO 3166-1 alpha-2 code (plus territories: HK, MO, TW).
        public var code: String
        public var name: String
        /// Lower-case names and phrases that point to the country.
        public var terms: [String]
    }

    public let countries: [Country]
    /// Every term, longest first, with its country: longer names win ("north korea" before "korea").
    let terms: [(term: String, code: String)]
    private let byCode: [String: Country]
    /// Each term's scalars, in the order of `terms`.
    private let needles: [[Unicode.Scalar]]
    /// The terms (indices into `terms`) that start with each pair of scalars, and those of one
    /// scalar, so a text is read once rather than once per term.
    private let termsByPair: [UInt64: [Int]]
    private let singleScalarTerms: [Int]

    public init(countries: [Country]) {
        self.countries = countries
        var byCode: [String: Country] = [:]
        var terms: [(String, String)] = []
        for country in countries {
            byCode[country.code] = country
            for term in country.terms { terms.append((term, country.code)) }
        }
        self.byCode = byCode
        self.terms = terms.sorted { $0.0.count != $1.0.count ? $0.0.count > $1.0.count : $0.0 < $1.0 }
        needles = self.terms.map { Array($0.term.unicodeScalars) }
        var termsByPair: [UInt64: [Int]] = [:]
        var singles: [Int] = []
        for (index, needle) in needles.enumerated() {
            if needle.count >= 2 {
                termsByPair[Self.pairKey(needle[0], needle[1]), default: []].append(index)
            } else if !needle.isEmpty {
                singles.append(index)
            }
        }
        self.termsByPair = termsByPair
        singleScalarTerms = singles
    }

    public func country(_ code: String) -> Country? { byCode[code.uppercased()] }

    /// How often each country is named in `text`, counting every occurrence once (the longest
    /// name that covers it).
    public func mentions(in text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for occurrence in occurrences(in: Array(text.lowercased().unicodeScalars)) {
            counts[occurrence.code, default: 0] += 1
        }
        return counts
    }

    /// One place name found in a text: the country it names, the term, and where it stands (scalar
    /// offsets into the lower-cased text).
    public struct Occurrence: Sendable, Equatable {
        public var code: String
        public var term: String
        public var range: Range<Int>
    }

    /// Every place name in `haystack` (lower-cased scalars), in text order; where names overlap,
    /// the longest wins.
    public func occurrences(in haystack: [Unicode.Scalar]) -> [Occurrence] {
        // Every place a term could start (its first two scalars stand there), then tried in the
        // order of `terms`, longest first, so a longer name claims its words before a shorter one.
        var candidates: [(term: Int, index: Int)] = []
        if haystack.count > 1 {
            for index in 0..<(haystack.count - 1) {
                if let list = termsByPair[Self.pairKey(haystack[index], haystack[index + 1])] {
                    for term in list { candidates.append((term, index)) }
                }
            }
        }
        for term in singleScalarTerms {
            for index in haystack.indices where haystack[index] == needles[term][0] {
                candidates.append((term, index))
            }
        }
        guard !candidates.isEmpty else { return [] }
        candidates.sort { $0.term != $1.term ? $0.term < $1.term : $0.index < $1.index }
        var claimed = [Bool](repeating: false, count: haystack.count)
        var found: [Occurrence] = []
        for (term, index) in candidates {
            let needle = needles[term]
            let end = index + needle.count
            guard end <= haystack.count, matches(needle, in: haystack, at: index),
                !claimed[index..<end].contains(true)
            else { continue }
            // Chinese, Japanese and Korean names stand between other characters with no spaces.
            let ideographic = needle[0].value >= 0x3000
            guard ideographic || (isBoundary(haystack, index - 1) && isBoundary(haystack, end, after: true))
            else { continue }
            for position in index..<end { claimed[position] = true }
            found.append(Occurrence(code: terms[term].code, term: terms[term].term, range: index..<end))
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    private static func pairKey(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 {
        UInt64(a.value) << 32 | UInt64(b.value)
    }

    private func matches(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], at index: Int) -> Bool {
        for offset in 0..<needle.count where haystack[index + offset] != needle[offset] { return false }
        return true
    }

    /// Word boundary: outside the text, or not a letter or digit. A term ending in "." (u.s.)
    /// brings its own boundary; a possessive "'s" after a name is fine.
    private func isBoundary(_ text: [Unicode.Scalar], _ index: Int, after: Bool = false) -> Bool {
        guard index >= 0, index < text.count else { return true }
        if after, index > 0, text[index - 1] == "." { return true }
        let scalar = text[index]
        return !(scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
    }
}

extension Gazetteer {
    /// Asia in detail, with the places inside its countries that news names alone, and every
    /// other country of the world, so that a story about elsewhere is recognised as such.
    public static let standard: Gazetteer = {
        var countries = core.countries.map { country in
            var country = country
            country.terms += (asiaPlaces[country.code] ?? []) + (neighbourPlaces[country.code] ?? [])
            return country
        }
        let known = Set(countries.map(\.code))
        countries += world.filter { !known.contains($0.code) }
        return Gazetteer(countries: countries)
    }()

    /// Places inside the countries whose news most often shares Asian feeds (Australia's states and
    /// cities, America's), so that a match in Queensland or a storm in Texas is placed there.
    static let neighbourPlaces: [String: [String]] = [
        "AU": [
            "queensland", "new south wales", "western australia", "south australia", "tasmania",
            "northern territory", "brisbane", "perth", "adelaide", "hobart", "gold coast", "albanese",
        ],
        "US": [
            "texas", "florida", "illinois", "chicago", "los angeles", "san francisco", "seattle", "ohio", "michigan",
            "arizona", "nevada", "las vegas", "hawaii", "honolulu", "alaska", "pennsylvania", "massachusetts",
            "new jersey", "north carolina", "south carolina", "tennessee", "louisiana", "colorado", "minnesota",
            "wisconsin", "oregon", "utah", "iowa", "kentucky", "missouri", "oklahoma", "alabama", "mississippi",
            "capitol hill", "u.s. congress",
        ],
    ]

    /// The first list: Asia's countries with their main names, and the larger countries elsewhere.
    public static let core = Gazetteer(countries: [
        // East Asia
        .init(
            code: "CN", name: "China",
            terms: [
                "china", "chinese", "beijing", "shanghai", "shenzhen", "guangzhou", "wuhan", "chongqing", "tianjin",
                "hangzhou", "chengdu", "xinjiang", "tibet", "xi jinping", "li qiang", "people's bank of china", "pboc",
                "communist party of china", "yuan", "renminbi", "mainland", "prc", "state council", "中国", "中國", "北京",
                "上海", "深圳", "習近平", "习近平",
            ]),
        .init(code: "HK", name: "Hong Kong", terms: ["hong kong", "hongkonger", "hang seng", "kowloon", "hkma", "香港"]),
        .init(code: "MO", name: "Macau", terms: ["macau", "macao"]),
        .init(
            code: "TW", name: "Taiwan",
            terms: [
                "taiwan", "taiwanese", "taipei", "kaohsiung", "taichung", "hsinchu", "lai ching-te", "kuomintang",
                "taiex", "new taiwan dollar", "台湾", "台灣", "台北",
            ]),
        .init(
            code: "KR", name: "South Korea",
            terms: [
                "south korea", "south korean", "south koreans", "korea", "korean", "seoul", "busan", "incheon",
                "lee jae-myung", "bank of korea", "bok", "kospi", "republic of korea", "yonhap", "韓国", "韓國", "한국",
                "ソウル", "서울",
            ]),
        .init(
            code: "KP", name: "North Korea",
            terms: [
                "north korea", "north korean", "north koreans", "pyongyang", "kim jong un", "kim jong-un", "dprk",
                "kcna", "korean central news agency", "北朝鮮", "북한", "平壌",
            ]),
        .init(
            code: "JP", name: "Japan",
            terms: [
                "japan", "japanese", "tokyo", "osaka", "kyoto", "yokohama", "nagoya", "fukuoka", "sapporo", "okinawa",
                "hokkaido", "bank of japan", "boj", "nikkei", "topix", "yen", "liberal democratic party", "日本", "東京",
                "大阪", "日銀", "日経平均",
            ]),
        .init(code: "MN", name: "Mongolia", terms: ["mongolia", "mongolian", "ulaanbaatar"]),
        // Southeast Asia
        .init(
            code: "SG", name: "Singapore",
            terms: [
                "singapore", "singaporean", "singaporeans", "monetary authority of singapore", "changi",
            ]),
        .init(
            code: "MY", name: "Malaysia",
            terms: [
                "malaysia", "malaysian", "kuala lumpur", "putrajaya", "penang", "johor", "sabah", "sarawak",
                "bank negara", "ringgit", "bursa malaysia",
            ]),
        .init(
            code: "ID", name: "Indonesia",
            terms: [
                "indonesia", "indonesian", "indonesians", "jakarta", "surabaya", "bali", "java", "sumatra",
                "bank indonesia", "rupiah", "nusantara",
            ]),
        .init(
            code: "TH", name: "Thailand",
            terms: [
                "thailand", "thai", "bangkok", "phuket", "chiang mai", "bank of thailand", "baht",
            ]),
        .init(
            code: "VN", name: "Vietnam",
            terms: [
                "vietnam", "viet nam", "vietnamese", "hanoi", "ho chi minh city", "saigon", "da nang", "haiphong",
            ]),
        .init(
            code: "PH", name: "Philippines",
            terms: [
                "philippines", "philippine", "filipino", "filipinos", "manila", "cebu", "davao", "mindanao", "luzon",
                "bangko sentral", "marcos",
            ]),
        .init(code: "MM", name: "Myanmar", terms: ["myanmar", "burma", "burmese", "yangon", "naypyitaw", "naypyidaw"]),
        .init(code: "KH", name: "Cambodia", terms: ["cambodia", "cambodian", "phnom penh", "siem reap"]),
        .init(code: "LA", name: "Laos", terms: ["laos", "lao", "laotian", "vientiane"]),
        .init(code: "BN", name: "Brunei", terms: ["brunei", "bruneian", "bandar seri begawan"]),
        .init(code: "TL", name: "Timor-Leste", terms: ["timor-leste", "east timor", "dili"]),
        // South Asia
        .init(
            code: "IN", name: "India",
            terms: [
                "india", "indian", "indians", "new delhi", "delhi", "mumbai", "bengaluru", "bangalore", "chennai",
                "kolkata", "hyderabad", "ahmedabad", "pune", "reserve bank of india", "rbi", "narendra modi", "modi",
                "lok sabha", "sensex", "nifty", "bharatiya janata party", "bjp",
            ]),
        .init(
            code: "PK", name: "Pakistan",
            terms: [
                "pakistan", "pakistani", "pakistanis", "islamabad", "karachi", "lahore", "rawalpindi", "peshawar",
                "state bank of pakistan",
            ]),
        .init(
            code: "BD", name: "Bangladesh",
            terms: [
                "bangladesh", "bangladeshi", "dhaka", "chittagong", "chattogram", "taka",
            ]),
        .init(
            code: "LK", name: "Sri Lanka",
            terms: [
                "sri lanka", "sri lankan", "colombo", "kandy", "central bank of sri lanka",
            ]),
        .init(code: "NP", name: "Nepal", terms: ["nepal", "nepali", "nepalese", "kathmandu"]),
        .init(code: "BT", name: "Bhutan", terms: ["bhutan", "bhutanese", "thimphu"]),
        .init(code: "MV", name: "Maldives", terms: ["maldives", "maldivian"]),
        .init(code: "AF", name: "Afghanistan", terms: ["afghanistan", "afghan", "kabul", "taliban"]),
        // Elsewhere: named so that stories about them are recognised as outside Asia.
        .init(
            code: "US", name: "United States",
            terms: [
                "united states", "u.s.", "america", "american", "americans", "washington", "white house",
                "new york", "federal reserve", "pentagon", "wall street", "california",
            ]),
        .init(code: "CA", name: "Canada", terms: ["canada", "canadian", "ottawa", "toronto"]),
        .init(code: "MX", name: "Mexico", terms: ["mexico", "mexican", "mexico city"]),
        .init(code: "BR", name: "Brazil", terms: ["brazil", "brazilian", "brasilia", "sao paulo", "são paulo"]),
        .init(code: "AR", name: "Argentina", terms: ["argentina", "argentine", "buenos aires"]),
        .init(
            code: "CL", name: "Chile", terms: ["chile", "chilean", "chileans", "santiago", "banco central de chile"]),
        .init(
            code: "GB", name: "United Kingdom",
            terms: [
                "united kingdom", "britain", "british", "u.k.", "uk", "london", "england", "bank of england",
            ]),
        .init(
            code: "EU", name: "European Union",
            terms: [
                "european union", "eu", "brussels", "european commission", "european central bank", "ecb", "eurozone",
                "euro zone",
            ]),
        .init(code: "DE", name: "Germany", terms: ["germany", "german", "berlin", "frankfurt", "bundesbank"]),
        .init(code: "FR", name: "France", terms: ["france", "french", "paris"]),
        .init(code: "IT", name: "Italy", terms: ["italy", "italian", "rome"]),
        .init(code: "ES", name: "Spain", terms: ["spain", "spanish", "madrid"]),
        .init(
            code: "RU", name: "Russia", terms: ["russia", "russian", "moscow", "kremlin", "vladimir putin", "putin"]),
        .init(code: "UA", name: "Ukraine", terms: ["ukraine", "ukrainian", "kyiv"]),
        .init(code: "TR", name: "Turkey", terms: ["turkey", "turkish", "turkiye", "türkiye", "ankara", "istanbul"]),
        .init(code: "IL", name: "Israel", terms: ["israel", "israeli", "jerusalem", "tel aviv"]),
        .init(code: "PS", name: "Palestine", terms: ["gaza", "palestinian", "west bank", "hamas"]),
        .init(code: "IR", name: "Iran", terms: ["iran", "iranian", "tehran"]),
        .init(code: "SA", name: "Saudi Arabia", terms: ["saudi arabia", "saudi", "riyadh"]),
        .init(code: "AE", name: "United Arab Emirates", terms: ["united arab emirates", "uae", "dubai", "abu dhabi"]),
        .init(code: "EG", name: "Egypt", terms: ["egypt", "egyptian", "cairo"]),
        .init(code: "ZA", name: "South Africa", terms: ["south africa", "south african", "johannesburg", "pretoria"]),
        .init(code: "NG", name: "Nigeria", terms: ["nigeria", "nigerian", "lagos", "abuja"]),
        .init(code: "AU", name: "Australia", terms: ["australia", "australian", "canberra", "sydney", "melbourne"]),
        .init(code: "NZ", name: "New Zealand", terms: ["new zealand", "wellington", "auckland"]),
    ])

    /// Words that mark a story about the region as a whole rather than one country.
    static let regionalTerms = [
        "asean", "apec", "asia-pacific", "asia pacific", "rcep", "asean+3", "asean plus three", "indo-pacific",
        "southeast asian nations", "east asia summit", "shangri-la dialogue", "asian development bank",
    ]
}
