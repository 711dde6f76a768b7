extension Gazetteer {
    /// The rest of the world: every other sovereign state (and a few territories), with its name, its people, its
    /// capital and a few large cities, so that a story about it is recognised as outside Asia and a passing Asian word
    /// does not place it there. Central Asia, the Caucasus, the Gulf and the Pacific islands are here too: the theme's
    /// sections do not cover them. A name that is also an everyday English word, a common personal name or an Asian
    /// place is left out (the comment above its country says why); the country is then named by its other terms. Codes
    /// are ISO 3166-1 alpha-2, plus XK for Kosovo (the code the EU and the IMF use). Kept apart from `standard`, whose
    /// codes it does not repeat.
    static let world: [Country] = worldNorth + worldSouth

    /// Central Asia, the Caucasus, the Middle East and Europe.
    static let worldNorth: [Country] = [
        // Central Asia and the Caucasus
        .init(
            code: "KZ", name: "Kazakhstan",
            terms: [
                "kazakhstan", "kazakh", "kazakhs", "kazakhstani", "kazakhstanis", "astana", "nur-sultan", "almaty",
                "shymkent",
            ]),
        .init(
            code: "UZ", name: "Uzbekistan",
            terms: [
                "uzbekistan", "uzbek", "uzbeks", "uzbekistani", "tashkent", "samarkand", "bukhara",
            ]),
        .init(
            code: "TM", name: "Turkmenistan",
            terms: [
                "turkmenistan", "turkmen", "turkmens", "ashgabat", "ashkhabad", "turkmenabat",
            ]),
        // Not "osh" (its second city): also the abbreviation of occupational safety and health.
        .init(
            code: "KG", name: "Kyrgyzstan", terms: ["kyrgyzstan", "kyrgyz republic", "kyrgyz", "kirghizia", "bishkek"]),
        // Not "tajik(s)" alone: Tajiks are a quarter of Afghanistan, named in most stories about it.
        .init(
            code: "TJ", name: "Tajikistan",
            terms: [
                "tajikistan", "tajikistani", "tajik government", "tajik president", "dushanbe", "khujand",
            ]),
        // Not "georgia" or "georgian(s)": the US state and its people, a first name, the Georgian era in British
        // architecture.
        .init(
            code: "GE", name: "Georgia",
            terms: [
                "republic of georgia", "georgian dream", "tbilisi", "batumi", "kutaisi", "abkhazia", "south ossetia",
            ]),
        .init(code: "AM", name: "Armenia", terms: ["armenia", "armenian", "armenians", "yerevan", "gyumri"]),
        // Not "ganja" (its second city): slang for cannabis.
        .init(
            code: "AZ", name: "Azerbaijan",
            terms: [
                "azerbaijan", "azerbaijani", "azerbaijanis", "azeri", "azeris", "baku", "sumgait", "nagorno-karabakh",
                "nagorno karabakh", "karabakh",
            ]),
        // The Middle East
        .init(
            code: "IQ", name: "Iraq",
            terms: [
                "iraq", "iraqi", "iraqis", "baghdad", "basra", "mosul", "erbil", "iraqi kurdistan", "kurdistan region",
            ]),
        .init(code: "SY", name: "Syria", terms: ["syria", "syrian", "syrians", "damascus", "aleppo", "homs", "idlib"]),
        // Not "tripoli" (its second city): Libya's capital, far more often in news, which has it; nor "tyre": a
        // spelling of tire.
        .init(code: "LB", name: "Lebanon", terms: ["lebanon", "lebanese", "beirut", "sidon", "hezbollah"]),
        // Not "jordan": a first name (and a surname), and the Jordan River runs through Israel and the West Bank.
        .init(
            code: "JO", name: "Jordan",
            terms: [
                "jordanian", "jordanians", "hashemite kingdom", "kingdom of jordan", "amman", "aqaba",
            ]),
        .init(code: "KW", name: "Kuwait", terms: ["kuwait", "kuwaiti", "kuwaitis", "kuwait city"]),
        // Not "al jazeera": a broadcaster quoted on every region's news.
        .init(code: "QA", name: "Qatar", terms: ["qatar", "qatari", "qataris", "doha", "lusail"]),
        .init(code: "BH", name: "Bahrain", terms: ["bahrain", "bahraini", "bahrainis", "manama"]),
        .init(code: "OM", name: "Oman", terms: ["oman", "omani", "omanis", "muscat", "salalah", "sultanate of oman"]),
        .init(
            code: "YE", name: "Yemen",
            terms: [
                "yemen", "yemeni", "yemenis", "sanaa", "sana'a", "sana’a", "aden", "hodeidah", "houthi", "houthis",
            ]),
        // Europe
        .init(code: "AL", name: "Albania", terms: ["albania", "albanian", "albanians", "tirana"]),
        .init(code: "AD", name: "Andorra", terms: ["andorra", "andorran", "andorrans", "andorra la vella"]),
        .init(code: "AT", name: "Austria", terms: ["austria", "austrian", "austrians", "vienna", "salzburg", "graz"]),
        .init(code: "BY", name: "Belarus", terms: ["belarus", "belarusian", "belarusians", "minsk"]),
        // Not "brussels": standard gives it to the EU; nor "liege" without its accent: German for "lies".
        .init(code: "BE", name: "Belgium", terms: ["belgium", "belgian", "belgians", "antwerp", "ghent", "liège"]),
        .init(
            code: "BA", name: "Bosnia and Herzegovina",
            terms: [
                "bosnia and herzegovina", "bosnia", "herzegovina", "bosnian", "bosnians", "bosniak", "bosniaks",
                "sarajevo", "banja luka", "srebrenica", "republika srpska",
            ]),
        // Not "sofia" (its capital): a common first name; nor "varna" (its third city): the Hindu caste order.
        .init(code: "BG", name: "Bulgaria", terms: ["bulgaria", "bulgarian", "bulgarians", "plovdiv", "burgas"]),
        // Not "split" (its second city): an everyday English word.
        .init(
            code: "HR", name: "Croatia",
            terms: [
                "croatia", "croatian", "croatians", "croat", "croats", "zagreb", "dubrovnik", "rijeka",
            ]),
        .init(
            code: "CY", name: "Cyprus",
            terms: [
                "cyprus", "cypriot", "cypriots", "nicosia", "limassol", "larnaca", "northern cyprus",
            ]),
        .init(
            code: "CZ", name: "Czechia",
            terms: [
                "czech republic", "czechia", "czech", "czechs", "prague", "brno", "ostrava",
            ]),
        // Not "dane": a first name, and the Great Dane.
        .init(code: "DK", name: "Denmark", terms: ["denmark", "danish", "danes", "copenhagen", "aarhus"]),
        .init(code: "EE", name: "Estonia", terms: ["estonia", "estonian", "estonians", "tallinn", "tartu"]),
        // Not "finn": a first name and a surname.
        .init(code: "FI", name: "Finland", terms: ["finland", "finnish", "finns", "helsinki", "espoo", "tampere"]),
        .init(code: "GR", name: "Greece", terms: ["greece", "greek", "greeks", "athens", "thessaloniki", "piraeus"]),
        .init(code: "HU", name: "Hungary", terms: ["hungary", "hungarian", "hungarians", "budapest", "debrecen"]),
        .init(
            code: "IS", name: "Iceland",
            terms: [
                "iceland", "icelandic", "icelander", "icelanders", "reykjavik", "reykjavík",
            ]),
        // Not "cork" (its second city): an everyday word. Northern Ireland is part of GB, which standard names without
        // it, so "northern ireland" counts here through "ireland": outside Asia either way.
        .init(
            code: "IE", name: "Ireland",
            terms: [
                "ireland", "republic of ireland", "irish", "dublin", "galway", "limerick",
            ]),
        .init(code: "LV", name: "Latvia", terms: ["latvia", "latvian", "latvians", "riga"]),
        .init(code: "LI", name: "Liechtenstein", terms: ["liechtenstein", "vaduz"]),
        .init(
            code: "LT", name: "Lithuania",
            terms: [
                "lithuania", "lithuanian", "lithuanians", "vilnius", "kaunas", "klaipeda", "klaipėda",
            ]),
        .init(code: "LU", name: "Luxembourg", terms: ["luxembourg", "luxembourger", "luxembourgers", "luxembourgish"]),
        .init(code: "MT", name: "Malta", terms: ["malta", "maltese", "valletta"]),
        .init(
            code: "MD", name: "Moldova",
            terms: [
                "moldova", "moldovan", "moldovans", "chisinau", "chișinău", "transnistria",
            ]),
        // Not "monte carlo": also the simulation method of finance and science stories.
        .init(code: "MC", name: "Monaco", terms: ["monaco", "monegasque", "monégasque"]),
        .init(code: "ME", name: "Montenegro", terms: ["montenegro", "montenegrin", "montenegrins", "podgorica"]),
        // Not "holland": a surname. Not "the hague" (its seat of government): home of the International Criminal Court
        // that holds Rodrigo Duterte and of the South China Sea ruling, so mostly Philippine news.
        .init(
            code: "NL", name: "Netherlands",
            terms: [
                "netherlands", "dutch", "amsterdam", "rotterdam", "eindhoven", "utrecht",
            ]),
        .init(
            code: "MK", name: "North Macedonia",
            terms: [
                "north macedonia", "macedonia", "macedonian", "macedonians", "skopje",
            ]),
        // Not "bergen" (its second city): a surname and a county in New Jersey.
        .init(
            code: "NO", name: "Norway", terms: ["norway", "norwegian", "norwegians", "oslo", "stavanger", "trondheim"]),
        // Not "polish" or "poles" alone: everyday English words (to polish, nail polish, poles apart).
        .init(
            code: "PL", name: "Poland",
            terms: [
                "poland", "polish government", "polish president", "polish prime minister", "warsaw", "krakow",
                "kraków", "gdansk", "gdańsk", "wroclaw", "wrocław", "zloty",
            ]),
        // Not "porto" (its second city) alone: the Portuguese and Italian for port.
        .init(code: "PT", name: "Portugal", terms: ["portugal", "portuguese", "lisbon", "fc porto"]),
        .init(
            code: "RO", name: "Romania",
            terms: [
                "romania", "romanian", "romanians", "bucharest", "cluj-napoca", "cluj", "timisoara", "timișoara",
            ]),
        .init(code: "SM", name: "San Marino", terms: ["san marino", "sammarinese"]),
        .init(
            code: "RS", name: "Serbia",
            terms: [
                "serbia", "serbian", "serbians", "serb", "serbs", "belgrade", "novi sad",
            ]),
        .init(
            code: "SK", name: "Slovakia", terms: ["slovakia", "slovak", "slovaks", "bratislava", "kosice", "košice"]),
        .init(
            code: "SI", name: "Slovenia",
            terms: [
                "slovenia", "slovenian", "slovenians", "slovene", "slovenes", "ljubljana", "maribor",
            ]),
        // Not "swede": also the vegetable.
        .init(
            code: "SE", name: "Sweden",
            terms: [
                "sweden", "swedish", "swedes", "stockholm", "gothenburg", "malmo", "malmö",
            ]),
        // Not "basel": the Basel rules on bank capital come up in bank stories from everywhere; nor "davos", where
        // Asian leaders speak at the World Economic Forum.
        .init(
            code: "CH", name: "Switzerland",
            terms: [
                "switzerland", "swiss", "bern", "berne", "zurich", "zürich", "geneva", "lausanne",
            ]),
        // Not "pope": a person, who travels (a papal visit to Asia is an Asian story).
        .init(code: "VA", name: "Holy See", terms: ["holy see", "vatican", "vatican city"]),
        .init(code: "XK", name: "Kosovo", terms: ["kosovo", "kosovar", "kosovars", "pristina", "prishtina"]),
        .init(
            code: "FO", name: "Faroe Islands", terms: ["faroe islands", "faroes", "faroese", "torshavn", "tórshavn"]),
        .init(code: "GI", name: "Gibraltar", terms: ["gibraltar"]),
        // Not "jersey" or "guernsey" (the Channel Islands, JE and GG, left out): a garment, and New Jersey.
        .init(code: "IM", name: "Isle of Man", terms: ["isle of man"]),
        .init(code: "SJ", name: "Svalbard and Jan Mayen", terms: ["svalbard", "longyearbyen"]),
    ]
}
