import Foundation

/// The words that name what someone is, and the ones that never do.
extension SpeakerIdentifier {
    // MARK: Vocabulary

    /// A word, as written, that names what someone is: the list, or a lower-case agent noun
    /// ("-ist", "-ian", "-er" and "-or" of six letters or more, not "another" or "whether").
    static func isRoleWord(_ word: String) -> Bool {
        let lower = word.lowercased()
        if roleWords.contains(lower) { return true }
        // "co-head", "vice-chair", "deputy-director".
        if let last = lower.split(separator: "-").last, lower.contains("-"), roleWords.contains(String(last)) {
            return true
        }
        guard word.first?.isLowercase == true, word.count >= 6, !notAgents.contains(lower) else { return false }
        return lower.hasSuffix("ist") || lower.hasSuffix("ian") || lower.hasSuffix("er") || lower.hasSuffix("or")
    }

    static let speechVerbs: Set<String> = ["said", "says", "added", "told"]
    static let honorifics: Set<String> = ["mr.", "mrs.", "ms.", "dr.", "prof.", "mr", "mrs", "ms", "dr", "prof"]
    static let nameParticles: Set<String> = [
        "bin", "binti", "bte", "van", "von", "der", "de", "da", "del", "la", "le", "al", "el", "di", "dos", "du",
    ]
    static let weekdays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]
    /// Words that date a title: "former", "late", "then".
    /// Words that qualify a whole title, before its capitalised words: "former BOJ official",
    /// "senior United Nations Ebola coordinator".
    static let timeModifiers: Set<String> = ["former", "late", "then", "ex", "outgoing", "incoming", "retired"]
    static let leadingQualifiers: Set<String> = [
        "former", "late", "then", "ex", "outgoing", "incoming", "retired", "interim", "acting", "senior", "junior",
        "top",
    ]
    /// "-ing" and "-ed" words that are a title's modifiers, not verbs.
    static let modifiers: Set<String> = [
        "reigning", "ruling", "governing", "leading", "founding", "managing", "acting", "visiting", "sitting",
        "presiding", "serving", "defending", "retiring", "opposing", "elected", "appointed", "embattled", "exiled",
        "ousted", "jailed", "deposed", "disgraced", "renowned", "acclaimed", "respected", "seasoned", "experienced",
        "self-described", "so-called", "qualified", "certified", "licensed", "designated", "unnamed", "veteran",
        "trained", "registered", "senior", "junior",
    ]
    /// Lower-case words that may follow a speaker's name in an attribution.
    static let nameFollowers: Set<String> = [
        "on", "in", "at", "of", "from", "during", "after", "before", "when", "while", "as", "who", "and", "to",
        "told", "last", "this", "has", "had", "is", "was", "will", "would", "earlier", "later", "via", "about", "for",
        "with", "wrote", "posted", "explained", "noted", "argued", "insisted", "warned", "stressed", "recalled",
    ]
    /// Common verbs that are not "-ed" forms: a title's modifiers stop at them.
    static let verbs: Set<String> = [
        "met", "saw", "told", "gave", "sent", "took", "let", "made", "hit", "led", "won", "beat", "put", "set", "is",
        "was", "are", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "may", "might",
        "must", "should", "did", "does", "do", "says", "said", "see", "meet", "thank", "thanks", "urge", "urges",
        "call", "calls", "name", "names", "like", "likes", "praise", "praises", "join", "joins", "sue", "sues",
        "brought", "bought", "caught", "fought", "taught", "thought", "left", "kept", "held", "found", "became",
    ]
    /// Capitalised words that begin no person's name.
    static let notNameStarts: Set<String> = [
        "the", "he", "she", "it", "they", "we", "i", "this", "that", "a", "an", "but", "and", "its", "his", "her",
        "their", "our", "there", "these", "those", "in", "on", "at", "for", "if", "when", "while", "as",
    ]
    /// Words of no person's name: pronouns and the words of organisations' names.
    static let notNames: Set<String> = notNameStarts.union([
        "institute", "ministry", "bank", "group", "corp", "corporation", "company", "university",
        "agency", "party", "council", "office", "department", "association", "committee", "commission", "authority",
        "government", "police", "army", "navy", "court", "news", "times", "post", "fund", "board", "federation",
        "union", "organisation", "organization", "center", "centre", "foundation", "inc", "ltd", "securities",
        "capital", "holdings", "research", "service", "services", "network", "embassy", "parliament", "senate",
        "congress", "house", "airlines", "reuters", "bloomberg", "xinhua", "kcna", "yonhap", "kyodo", "afp", "auto",
        "motor", "motors", "energy", "electric", "technologies", "technology", "systems", "pharma", "steel",
        "telecom", "media", "partners", "investments", "international", "global", "labs", "ventures", "exchange",
        "club", "fc", "united", "city", "team", "racing", "sport", "sports", "bulls", "ministry's", "airways",
        "industries", "insurance", "financial", "bancorp", "trust", "institute's", "school", "college", "hospital",
    ])
    /// Lower-case words that end a title's descriptors or a search backwards for them.
    static let preStops: Set<String> = [
        "the", "a", "an", "and", "or", "but", "of", "to", "by", "with", "for", "from", "in", "on", "at", "as",
        "that", "when", "while", "after", "before", "according", "his", "her", "their", "its", "our", "he", "she",
        "they", "it", "we", "yesterday", "today", "meanwhile", "earlier", "later", "also", "however", "separately",
        "then", "still", "this", "last", "next", "who", "which", "said", "says", "told", "added", "asked", "now",
        "it's", "it’s", "there", "here", "not", "is", "was", "are", "were", "be", "been", "has", "have", "had",
    ]
    static let appositiveStops: Set<String> = [
        "in", "at", "on", "for", "with", "without", "from", "to", "by", "after", "before", "during", "while", "when",
        "where", "as", "but", "and", "or", "so", "because", "although", "though", "if", "which", "that", "this",
        "whose", "whom", "according", "citing", "referring", "adding", "noting", "speaking", "pointing", "saying",
        "also", "then", "earlier", "later", "again", "too", "not", "he", "she", "they", "it", "we", "i",
    ]
    static let timeWords: Set<String> = [
        "day", "week", "month", "year", "hour", "minute", "moment", "few", "little", "while", "time", "night",
        "morning", "evening", "decade",
    ]
    static let whoVerbs: Set<String> = [
        "is", "was", "heads", "headed", "leads", "led", "runs", "ran", "chairs", "chaired", "directs", "manages",
        "owns",
        "founded", "co-founded", "represents", "teaches", "taught", "coaches", "oversees", "works", "worked",
        "serves", "served", "advises", "commands", "commanded", "chairs", "studies", "researches", "covers",
    ]
    static let danglingWords: Set<String> = [
        "in", "at", "of", "the", "a", "an", "and", "for", "with", "on", "to", "from", "by", "or", "its", "his", "her",
    ]
    static let notAgents: Set<String> = [
        "another", "whether", "either", "neither", "rather", "together", "however", "whatever", "whenever", "wherever",
        "former", "latter", "further", "farther", "better", "letter", "matter", "number", "member's", "border",
        "sector", "factor", "interior", "senior", "junior", "major", "minor", "superior", "inferior", "exterior",
        "corridor", "mirror", "terror", "horror", "error", "colour", "behavior", "behaviour", "quarter", "powder",
        "after", "under", "order", "water", "paper", "power", "summer", "winter", "center", "remember", "december",
        "november", "october", "september", "thunder", "shoulder", "disorder", "answer", "chapter", "cancer",
        "character", "register", "monitor", "whisper", "barrier", "carrier", "border", "chamber", "thereafter",
        "meanwhile", "christian", "asian", "indian", "italian", "russian", "canadian", "australian", "indonesian",
        "malaysian", "iranian", "egyptian", "brazilian", "ukrainian", "civilian", "median", "guardian", "wonder",
        "consider", "offer", "bigger", "larger", "smaller", "higher", "lower", "longer", "stronger", "weaker",
        "greater", "faster", "slower", "earlier", "later", "cheaper", "deeper", "wider", "closer", "harder",
        "easier", "broader", "tighter", "looser", "sooner", "younger", "older", "newer", "lawmaker's",
    ]
    /// Words that say what someone is (lower case): titles, offices, trades and kinds of people.
    static let roleWords: Set<String> = [
        "minister", "president", "vice-president", "premier", "chancellor", "governor", "mayor", "senator", "lawmaker",
        "legislator", "congressman", "congresswoman", "parliamentarian", "mp", "councillor", "councilor",
        "secretary", "undersecretary", "secretary-general", "director-general", "ambassador", "envoy", "diplomat",
        "consul", "commissioner", "chairman", "chairwoman", "chairperson", "chair", "ceo", "cfo", "coo", "cto",
        "founder", "co-founder", "cofounder", "director", "executive", "officer", "official", "spokesman",
        "spokeswoman", "spokesperson", "representative", "head", "chief", "leader", "manager", "partner", "principal",
        "dean", "professor", "lecturer", "researcher", "fellow", "scientist", "economist", "analyst", "strategist",
        "adviser", "advisor", "consultant", "lawyer", "attorney", "prosecutor", "judge", "justice", "magistrate",
        "detective", "inspector", "superintendent", "commander", "general", "colonel", "lieutenant", "captain",
        "major", "sergeant", "admiral", "marshal", "brigadier", "soldier", "veteran", "king", "queen", "prince",
        "princess", "emperor", "empress", "sultan", "sheikh", "pope", "cardinal", "bishop", "archbishop", "priest",
        "monk", "imam", "rabbi", "pastor", "reverend", "youtuber", "blogger", "vlogger", "influencer", "streamer",
        "podcaster", "journalist", "reporter", "editor", "columnist", "photographer", "author", "writer", "novelist",
        "poet", "artist", "actor", "actress", "singer", "rapper", "musician", "composer", "filmmaker", "producer",
        "comedian", "designer", "architect", "chef", "doctor", "physician", "surgeon", "nurse", "pharmacist",
        "paramedic", "teacher", "student", "pupil", "farmer", "fisherman", "worker", "employee", "labourer",
        "laborer", "driver", "pilot", "engineer", "technician", "mechanic", "trader", "investor", "banker", "broker",
        "entrepreneur", "businessman", "businesswoman", "billionaire", "tycoon", "owner", "shopkeeper", "vendor",
        "merchant", "resident", "villager", "survivor", "witness", "victim", "activist", "campaigner", "protester",
        "organiser", "organizer", "volunteer", "coach", "player", "striker", "midfielder", "defender", "goalkeeper",
        "batter", "bowler", "athlete", "champion", "swimmer", "runner", "boxer", "star", "referee", "mother",
        "father", "grandmother", "grandfather", "son", "daughter", "wife", "husband", "widow", "widower", "candidate",
        "nominee", "member", "delegate", "negotiator", "mediator", "aide", "deputy", "laureate", "expert",
        "specialist", "historian", "observer", "commentator", "pollster", "regulator", "auditor", "accountant",
        "staffer", "guard", "policeman", "policewoman", "firefighter", "rescuer", "monarch", "ruler", "militant",
        "rebel", "fighter", "defendant", "plaintiff", "suspect", "agent", "assistant", "attendant", "participant",
        "migrant", "immigrant", "refugee", "tenant", "correspondent", "parent", "patient", "speaker", "president-elect",
        "premier-elect", "prime", "crown", "novice", "newcomer", "hopeful", "incumbent", "administrator",
        "coordinator", "finalist", "right-hander", "left-hander", "graduate", "professional", "scholar", "academic",
        "chairmen", "officials",
        "residents", "workers", "ceo-designate", "governor-general", "lord", "sir", "dame", "cabinet", "secretary-",
        "gen.", "lt.", "col.", "sgt.", "capt.", "gov.", "sen.", "rep.", "rev.", "maj.", "adm.", "cmdr.",
    ]
}
