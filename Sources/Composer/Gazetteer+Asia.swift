extension Gazetteer {
    /// Places inside the region's countries that news names without the country: provinces,
    /// states, regions, islands and large cities, and a few institutions, by country code.
    /// A name is left out when it is an everyday English word, a common personal name or
    /// surname, a company, already in `standard`, or shared by two countries (the comment
    /// above a country says which and why).
    static let asiaPlaces: [String: [String]] = [
        // Provinces and autonomous regions (the four municipalities, Tibet and Xinjiang are in `standard`), large
        // cities, regions and institutions. "inner mongolia" outweighs Mongolia's own name (longest first). Not
        // "politburo" alone: Vietnam, Laos and North Korea have one too; nor "central military commission" or "ministry
        // of state security" (North Korea's too). Not "npc" (non-player character, many companies), "ccp" (a central
        // counterparty in finance), "cctv" (closed-circuit cameras), "people's daily" ("the people's daily lives"),
        // "global times" (a phrase and a masthead). Not "tibetan(s)": the exiles in India and Nepal. Not "gobi"
        // (Mongolia's too) nor the disputed "diaoyu", "aksai chin", "galwan", "doklam", "paracel(s)", "spratly",
        // "scarborough shoal": each is news about two countries in different sections. Not "sanya" (a Russian first
        // name). "pla" is the army in news; the plastic of that name is rare there.
        "CN": [
            "hebei", "shanxi", "liaoning", "jilin", "heilongjiang", "jiangsu", "zhejiang", "anhui", "fujian", "jiangxi",
            "shandong", "henan", "hubei", "hunan", "guangdong", "hainan", "sichuan", "guizhou", "yunnan", "shaanxi",
            "gansu", "qinghai", "inner mongolia", "guangxi", "ningxia", "xizang", "nanjing", "suzhou", "wuxi", "ningbo",
            "wenzhou", "xiamen", "fuzhou", "quanzhou", "dongguan", "foshan", "zhuhai", "zhengzhou", "changsha",
            "nanchang", "hefei", "jinan", "qingdao", "shenyang", "dalian", "changchun", "harbin", "xi'an", "xi’an",
            "lanzhou", "xining", "yinchuan", "hohhot", "taiyuan", "shijiazhuang", "kunming", "guiyang", "nanning",
            "haikou", "lhasa", "urumqi", "kashgar", "pudong", "greater bay area", "pearl river delta", "yangtze",
            "three gorges", "uyghur", "uyghurs", "uighur", "uighurs", "zhongnanhai", "great hall of the people",
            "national people's congress", "national people’s congress", "cppcc", "politburo standing committee",
            "people's liberation army", "people’s liberation army", "pla", "xinhua", "csrc", "csi 300", "csi300",
        ],
        // Not "new territories": "expand into new territories" is an everyday phrase. Not "victoria harbour" (also in
        // British Columbia), "admiralty", "central" (words), "sfc" (many), "john lee" (a common name).
        "HK": [
            "tsim sha tsui", "mong kok", "wan chai", "causeway bay", "sha tin", "tuen mun", "yuen long", "tai po",
            "sai kung", "lantau", "chek lap kok", "kai tak", "legco", "hkex", "hksar",
        ],
        "MO": ["cotai", "taipa", "coloane", "macanese"],
        // "legislative yuan" and "executive yuan" outweigh China's "yuan" (longest first). Not "dpp" (a director of
        // public prosecutions in Britain and the Commonwealth), "tpp" (the trade pact), "tsmc" and "foxconn" (companies
        // whose plants abroad are news there), "formosa" (Formosa Plastics), "new taipei" ("taipei" covers it).
        "TW": [
            "taoyuan", "tainan", "keelung", "hualien", "taitung", "pingtung", "yilan", "chiayi", "changhua", "yunlin",
            "nantou", "miaoli", "kinmen", "matsu", "penghu", "pratas", "legislative yuan", "executive yuan",
            "democratic progressive party", "kmt", "mainland affairs council", "han kuang",
        ],
        // Not surnames that are also places or words ("kim", "park", "lee"…), nor "national assembly", "democratic
        // party", "constitutional court", "joint chiefs of staff", "national intelligence service" (other countries'
        // too), "blue house" (words), "dmz" and "demilitarized zone" (networking; other borders), "fss" (many), the
        // companies ("samsung", "hyundai", "sk hynix"). Not "dokdo" (nor Japan's "takeshima"): the islets are news
        // about Korea and Japan together. "gangwon" is the South's spelling (the North's province is Kangwon).
        "KR": [
            "gyeonggi", "gangwon", "chungcheong", "jeolla", "gyeongsang", "jeju", "sejong", "daegu", "gwangju",
            "daejeon", "ulsan", "suwon", "changwon", "pohang", "gyeongju", "gimpo", "pangyo", "yongsan", "yeouido",
            "gwanghwamun", "cheong wa dae", "people power party", "kosdaq", "unification ministry",
            "ministry of unification", "chaebol", "chaebols", "yoon suk yeol", "yoon suk-yeol",
        ],
        // Panmunjom straddles the line; news of it (talks, crossings, defections) is mostly about the North, and both
        // Koreas share one section anyway. "workers' party of korea" and "korean people's army" outweigh "korea" and
        // "korean" (South Korea's terms). Not "workers' party" alone (Brazil, Singapore, Ireland), "paektu", "yalu",
        // "tumen" (on the Chinese border too).
        "KP": [
            "kaesong", "panmunjom", "sinuiju", "wonsan", "hamhung", "chongjin", "rason", "nampo", "yongbyon",
            "punggye-ri", "sohae", "hwasong", "workers' party of korea", "workers’ party of korea",
            "korean people's army", "korean people’s army", "supreme people's assembly", "supreme people’s assembly",
            "rodong sinmun", "kim yo jong", "kim yo-jong",
        ],
        // Prefectures that are not also common surnames or words. Left out: "chiba", "nagano", "ishikawa", "yamaguchi",
        // "miyazaki", "miyagi", "yamagata", "kagawa", "fukui", "toyama", "shiga", "shimane" (surnames, of film stars
        // and athletes abroad too), "akita" (a dog breed), "saga", "nara" (an Indian name and the US National
        // Archives), "mie" (a French word), "kochi" (also Kerala's Kochi: South Asia). Kept: "fukushima" (a surname
        // too, but in news the plant and the prefecture), "wakayama", "okayama" (rare surnames). Not "kobe" (a first
        // name), "kawasaki", "narita", "kanazawa" (surnames; Kawasaki a brand), "noto" alone (a town and a word in
        // Italy: "noto peninsula"), "fuji" (the brand: "mount fuji"), "diet" (a word), "sdf" (Syria's Kurdish-led
        // force), "tepco" (a company), "senkaku" and "kuril" (disputed with China, Russia). The last three prime
        // ministers' surnames are rare and in news mean them.
        "JP": [
            "aomori", "iwate", "fukushima", "ibaraki", "tochigi", "gunma", "saitama", "kanagawa", "niigata",
            "yamanashi", "gifu", "shizuoka", "aichi", "hyogo", "wakayama", "tottori", "okayama", "hiroshima",
            "tokushima", "ehime", "nagasaki", "kumamoto", "oita", "kagoshima", "sendai", "kitakyushu", "hamamatsu",
            "haneda", "kyushu", "honshu", "shikoku", "kansai", "kanto", "tohoku", "hokuriku", "ryukyu", "ryukyus",
            "yonaguni", "ishigaki", "noto peninsula", "mount fuji", "mt fuji", "mt. fuji", "kasumigaseki", "nagatacho",
            "kantei", "komeito", "constitutional democratic party", "nippon ishin", "sanseito", "keidanren",
            "self-defense forces", "self-defence forces", "jgb", "jgbs", "takaichi", "ishiba", "kishida",
        ],
        // Mongolia is in no section of the theme; named so that its stories are told apart from China's. Not "darkhan"
        // (a first name in Central Asia), "gobi" (the desert is Inner Mongolia's too).
        "MN": ["ulan bator", "erdenet", "oyu tolgoi", "tavan tolgoi", "great khural"],
        // Not "pap", "mas" (words; Malaysia Airlines), "cpf" (also Thailand's CP Foods), "hdb" (also an Indian lender),
        // "istana" (Malaysia's palaces too), "padang" (also an Indonesian city), "woodlands" (a word), "straits times"
        // (a masthead: its world news is not about Singapore), "temasek" and "gic" (investors whose deals abroad are
        // news there), "tuas" alone (a Portuguese word: "tuas port").
        "SG": [
            "jurong", "sentosa", "tuas port", "punggol", "tampines", "toa payoh", "ang mo kio", "bukit timah",
            "sengkang", "pasir ris", "marina bay", "orchard road", "people's action party", "people’s action party",
            "sgx",
        ],
        // "sabah" (in `standard`) is also the name of Kuwait's ruling family ("Sheikh Mishal al-Ahmad al-Sabah"): a
        // Kuwait story counts once for Malaysia. Not "malacca": news of it is mostly the Strait of Malacca, Indonesia's
        // and Singapore's shore too ("melaka" is the state). Not "borneo" (Indonesia's and Brunei's island too), "sulu"
        // (the sea, and the Philippine province), "shah alam" (a common name), "pas" (a word), "pkr" (Pakistan's
        // rupee), "macc" (short), "genting" and "petronas" (companies abroad).
        "MY": [
            "selangor", "kelantan", "terengganu", "kedah", "perak", "pahang", "melaka", "negeri sembilan", "perlis",
            "labuan", "langkawi", "ipoh", "petaling jaya", "klang", "kuching", "kota kinabalu", "umno",
            "pakatan harapan", "perikatan nasional", "barisan nasional", "dewan rakyat", "yang di-pertuan agong",
            "agong", "1mdb", "anwar ibrahim",
        ],
        // "papua" yields to the longer "papua new guinea" (PG, in `world`). Not "borneo" (shared), "timor" alone
        // (Timor-Leste: "west timor"), "flores" (a common surname), "komodo" (the dragons in zoos), "solo" (a word),
        // "padang" (Singapore's Padang), "dpr" (the Donetsk People's Republic), "kpk" (also Khyber Pakhtunkhwa), "tni",
        // "idx" (short), "pertamina" (a company).
        "ID": [
            "papua", "west papua", "aceh", "sulawesi", "kalimantan", "maluku", "moluccas", "nusa tenggara", "riau",
            "banten", "jambi", "lampung", "bengkulu", "gorontalo", "bangka", "belitung", "lombok", "west timor",
            "halmahera", "yogyakarta", "bandung", "medan", "makassar", "semarang", "palembang", "batam", "bekasi",
            "tangerang", "bogor", "depok", "kupang", "ambon", "jayapura", "manado", "pekanbaru", "denpasar", "ubud",
            "surakarta", "balikpapan", "samarinda", "pontianak", "banjarmasin", "merapi", "semeru", "krakatau",
            "krakatoa", "golkar", "gerindra", "pdi-p", "danantara", "prabowo", "jokowi",
        ],
        // Not "yala" alone (also Sri Lanka's best-known national park: "yala province"), "mekong" (six countries),
        // "andaman" (the sea, and India's islands), "golden triangle" (Laos and Myanmar too), "set" (the exchange; a
        // word), "move forward", "people's party" (words; other countries' parties).
        "TH": [
            "pattaya", "chiang rai", "narathiwat", "yala province", "pattani", "songkhla", "hat yai", "krabi",
            "koh samui", "isaan", "samui", "koh phangan", "hua hin", "ayutthaya", "sukhothai", "khon kaen",
            "nakhon ratchasima", "udon thani", "surat thani", "nakhon si thammarat", "ubon ratchathani", "buriram",
            "surin", "sisaket", "si sa ket", "sa kaeo", "trat", "don mueang", "suvarnabhumi", "pheu thai",
            "bhumjaithai", "thaksin", "shinawatra", "paetongtarn", "yingluck", "anutin",
        ],
        // Not "hue" (a colour word), "mekong" alone (six countries; the delta is Vietnam's), "dong" (the currency is
        // also a Chinese and Korean surname), "tonkin" (the gulf is China's too), "to lam" ("… to Lam Research"),
        // "vingroup", "vinfast" (companies abroad).
        "VN": [
            "hai phong", "danang", "can tho", "nha trang", "quang ninh", "ha long", "halong", "hoi an", "vung tau",
            "bac ninh", "binh duong", "dong nai", "thanh hoa", "nghe an", "ha tinh", "quang ngai", "quang nam",
            "quang tri", "lao cai", "dien bien", "phu quoc", "mekong delta", "vn-index",
        ],
        // Not "samar" (a common first name), "negros", "laguna", "isabela", "clark", "moro" (words and names), "sulu"
        // (the sea, and the sultanate's claim on Malaysia), "ayungin" and "second thomas shoal" (disputed with China),
        // "afp" (the French news agency), "bsp" (also an Indian party), "pnp", "pse" (short, many).
        "PH": [
            "quezon", "visayas", "bicol", "zamboanga", "iloilo", "makati", "taguig", "pasig", "bohol", "palawan",
            "leyte", "panay", "mindoro", "batangas", "pampanga", "bulacan", "cavite", "tacloban", "bacolod", "cagayan",
            "basilan", "marawi", "cotabato", "maguindanao", "bangsamoro", "subic", "batanes", "malacañang",
            "malacanang", "ndrrmc", "pagasa", "phivolcs", "comelec", "abu sayyaf", "psei", "duterte",
        ],
        // "karen state", "chin state", "mon state" only: Karen is a first name, chin and mon are words. Not "shan"
        // alone (a surname), "bago" (also a Philippine city), "wa state" (Western Australia), "kia" (the carmaker),
        // "rohingya" (most news of them is from the camps in Bangladesh).
        "MM": [
            "rakhine", "arakan", "arakan army", "shan state", "kachin", "mandalay", "sagaing", "karen state", "kayin",
            "kayah", "karenni", "chin state", "magway", "ayeyarwady", "irrawaddy", "tanintharyi", "mon state",
            "myawaddy", "kyaukphyu", "lashio", "sittwe", "hpakant", "bagan", "kokang", "laukkaing", "tatmadaw",
            "national league for democracy", "nld", "mndaa", "united wa state army", "min aung hlaing", "suu kyi",
        ],
        // Not "ream" alone (a word: "ream naval base"), "kampong" (a Malay word), "cpp" (also the Philippine
        // communists, Canada's pension plan).
        "KH": [
            "battambang", "sihanoukville", "kampot", "koh kong", "kampong cham", "preah vihear", "oddar meanchey",
            "banteay meanchey", "pursat", "poipet", "angkor", "tonle sap", "ream naval base", "funan techo", "hun sen",
            "hun manet",
        ],
        // Not "boten" (a German word: they offered, messengers).
        "LA": [
            "luang prabang", "savannakhet", "pakse", "champasak", "vang vieng", "bokeo", "plain of jars", "xayaburi",
        ],
        // Not "muara" (a Malay and Indonesian word), "seria" (a Spanish and Italian word).
        "BN": ["belait", "tutong", "temburong", "bolkiah"],
        "TL": ["baucau", "oecusse", "fretilin", "xanana", "ramos-horta"],
        // States and union territories. Not "punjab" (also Pakistan's largest province; both countries share a section
        // here, but another theme may split them: the story's other names tell which), "bengal" (Bangladesh is East
        // Bengal; "west bengal"), "kashmir" and "kashmiri" (divided between India and Pakistan: "jammu and kashmir",
        // "kashmir valley" here, "azad kashmir" under PK), "andaman" alone (the sea is Thailand's and Myanmar's too),
        // "tamil" (Sri Lanka's Tamils), "kochi" (also a Japanese prefecture), "bombay" (a gin), "calcutta" (a rugby
        // cup), "madras" (a curry), "line of control", "line of actual control", "galwan", "sundarbans", "terai" (two
        // countries each). Not "cbi" (the Confederation of British Industry), "rss" (feeds), "upi" (a news agency),
        // "aap", "bse", "nse" (short, many), "amit shah" (a common name), the companies ("adani", "tata", "reliance",
        // "infosys"). "congress party" is India's (the US Congress has parties, not a party).
        "IN": [
            "andhra pradesh", "arunachal pradesh", "assam", "bihar", "chhattisgarh", "goa", "gujarat", "haryana",
            "himachal pradesh", "jharkhand", "karnataka", "kerala", "madhya pradesh", "maharashtra", "manipur",
            "meghalaya", "mizoram", "nagaland", "odisha", "orissa", "rajasthan", "sikkim", "tamil nadu", "telangana",
            "tripura", "uttar pradesh", "uttarakhand", "west bengal", "andaman and nicobar", "nicobar", "chandigarh",
            "dadra and nagar haveli", "jammu and kashmir", "jammu", "kashmir valley", "ladakh", "lakshadweep",
            "puducherry", "pondicherry", "srinagar", "pahalgam", "pulwama", "kargil", "lucknow", "jaipur", "kanpur",
            "surat", "nagpur", "indore", "bhopal", "patna", "vadodara", "ludhiana", "amritsar", "agra", "varanasi",
            "ayodhya", "prayagraj", "noida", "gurugram", "gurgaon", "ghaziabad", "visakhapatnam", "coimbatore",
            "madurai", "thiruvananthapuram", "guwahati", "imphal", "shillong", "aizawl", "kohima", "agartala",
            "itanagar", "gangtok", "dehradun", "shimla", "ranchi", "raipur", "bhubaneswar", "siliguri", "darjeeling",
            "meitei", "meiteis", "kuki-zo", "rajya sabha", "isro", "drdo", "sebi", "niti aayog", "congress party",
            "rashtriya swayamsevak sangh", "aadhaar", "aam aadmi party", "trinamool", "shiv sena", "dmk", "aiadmk",
            "samajwadi", "rahul gandhi", "jaishankar",
        ],
        // Not "kpk" (Indonesia's anti-graft agency), "swat" alone (police teams: "swat valley"), "isi", "ppp" (short;
        // purchasing power parity), "pti" (also an Indian news agency), "jamaat-e-islami" (Bangladesh's and India's
        // too), "baloch" (Iran's and Afghanistan's too), "durand line", "torkham" (the Afghan border: both sides),
        // "imran khan" (a common name, and an Indian film actor).
        "PK": [
            "sindh", "balochistan", "baluchistan", "khyber pakhtunkhwa", "pakhtunkhwa", "khyber", "gilgit-baltistan",
            "gilgit", "azad kashmir", "azad jammu and kashmir", "muzaffarabad", "waziristan", "bajaur", "kurram",
            "bannu", "dera ismail khan", "quetta", "gwadar", "multan", "faisalabad", "sialkot", "gujranwala", "sukkur",
            "larkana", "mardan", "swat valley", "chitral", "abbottabad", "bahawalpur", "muridke", "ispr",
            "inter-services intelligence", "tehreek-e-insaf", "tehrik-e-insaf", "tehreek-e-taliban", "tehrik-e-taliban",
            "tehrik-i-taliban", "ttp", "pml-n", "baloch liberation army", "bhutto", "shehbaz sharif", "nawaz sharif",
            "asim munir",
        ],
        // Not "bnp" (BNP Paribas), "jamuna", "padma" (rivers named in India too; Padma a first name), "rab" (a word),
        // "muhammad yunus" (a common name).
        "BD": [
            "sylhet", "khulna", "rajshahi", "barisal", "barishal", "rangpur", "mymensingh", "cox's bazar",
            "cox’s bazar", "narayanganj", "gazipur", "bhasan char", "teknaf", "kutupalong", "awami league",
            "sheikh hasina", "tarique rahman",
        ],
        // Not "mannar" (the gulf is India's too), "npp" (Ghana's party; nuclear plants), "dissanayake" alone (a common
        // surname).
        "LK": [
            "jaffna", "galle", "trincomalee", "batticaloa", "negombo", "anuradhapura", "kilinochchi", "mullaitivu",
            "vavuniya", "hambantota", "nuwara eliya", "ltte", "tamil tigers", "jvp", "slpp", "rajapaksa",
            "wickremesinghe", "anura kumara dissanayake", "sinhala", "sinhalese",
        ],
        // Not "everest" (China's side too; a surname), "annapurna" (an Indian name and brand), "mustang" (the car),
        // "lalitpur" (also in India), "koshi", "bagmati" (rivers of Bihar too), "uml" (a modelling language).
        "NP": [
            "pokhara", "lumbini", "chitwan", "biratnagar", "birgunj", "bhaktapur", "janakpur", "gandaki", "karnali",
            "sudurpaschim", "madhesh", "sagarmatha", "cpn-uml", "rastriya swatantra party",
        ],
        // Not "paro" (a Spanish word). "wangchuck" is the royal house (Ladakh's Sonam Wangchuk is spelt without c).
        "BT": ["punakha", "gelephu", "phuentsholing", "wangchuck", "tshering tobgay"],
        // Not "male" without its accent (a word).
        "MV": ["malé", "hulhumalé", "hulhumale", "addu", "muizzu"],
        // Not "farah" (a first name), "hazara", "pashtun" (Pakistan's too), "haqqani" (a network on both sides of the
        // border), "amu darya" (a border river).
        "AF": [
            "kandahar", "herat", "helmand", "mazar-i-sharif", "mazar-e-sharif", "jalalabad", "kunduz", "ghazni",
            "bamiyan", "badakhshan", "panjshir", "nangarhar", "khost", "paktika", "paktia", "kunar", "wardak", "zabul",
            "uruzgan", "nimroz", "balkh", "faryab", "takhar", "baghlan", "parwan", "bagram", "wakhan", "spin boldak",
            "islamic emirate", "hibatullah",
        ],
    ]
}
