/// Function words that carry no topic, per language, lower-cased.
public enum StopWords {
    /// The words dropped from terms in `language`.
    /// The stop words of `language`, lower-cased: words too common to tell texts apart.
    public static func list(for language: Language) -> Set<String> {
        switch language {
        case .english: english
        case .portuguese: portuguese
        case .spanish: spanish
        case .french: french
        case .german: german
        case .other: []
        }
    }

    static let english: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
        "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
        "did", "do", "does", "doing", "down", "during", "each", "even", "ever", "every", "few", "for", "from",
        "further", "get", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
        "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "like",
        "may", "me", "might", "more", "most", "much", "must", "my", "myself", "no", "nor", "not", "now", "of",
        "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "per",
        "same", "says", "said", "say", "she", "should", "since", "so", "some", "still", "such", "than", "that",
        "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those",
        "through", "to", "too", "under", "until", "up", "upon", "us", "very", "was", "we", "were", "what", "when",
        "where", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would",
        "yet", "you", "your", "yours", "yourself", "yourselves", "mr", "mrs", "ms", "dr", "lrb", "rrb", "lsb",
        "rsb", "n't", "s", "t", "ll", "ve", "re", "d", "m",
    ]

    static let portuguese: Set<String> = [
        "a", "ao", "aos", "as", "às", "com", "como", "da", "das", "de", "dela", "dele", "deles", "do", "dos", "e",
        "é", "ela", "elas", "ele", "eles", "em", "entre", "era", "essa", "esse", "esta", "está", "este", "eu",
        "foi", "foram", "há", "isso", "isto", "já", "lhe", "mais", "mas", "me", "mesmo", "muito", "na", "nas",
        "não", "nem", "no", "nos", "num", "numa", "o", "os", "ou", "para", "pela", "pelas", "pelo", "pelos",
        "por", "quando", "que", "quem", "se", "sem", "ser", "seu", "seus", "só", "sua", "suas", "também", "te",
        "tem", "têm", "um", "uma", "umas", "uns", "disse", "segundo",
    ]

    static let spanish: Set<String> = [
        "a", "al", "como", "con", "de", "del", "el", "ella", "ellos", "en", "entre", "era", "es", "esta", "está",
        "este", "fue", "ha", "han", "la", "las", "le", "les", "lo", "los", "más", "me", "mi", "muy", "no", "nos",
        "o", "para", "pero", "por", "que", "se", "sin", "sobre", "su", "sus", "también", "un", "una", "y", "ya",
    ]

    static let french: Set<String> = [
        "à", "au", "aux", "avec", "ce", "ces", "cette", "dans", "de", "des", "du", "elle", "en", "est", "et", "été",
        "il", "ils", "je", "la", "le", "les", "leur", "lui", "mais", "ne", "nous", "on", "ou", "par", "pas", "pour",
        "qu", "que", "qui", "sa", "se", "ses", "son", "sont", "sur", "un", "une", "vous", "y", "a", "l", "d",
    ]

    static let german: Set<String> = [
        "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "das", "dass", "dem", "den", "der", "des",
        "die", "ein", "eine", "einem", "einen", "einer", "er", "es", "für", "hat", "ich", "im", "in", "ist", "mit",
        "nach", "nicht", "noch", "nur", "oder", "sich", "sie", "sind", "so", "um", "und", "von", "vor", "war",
        "wie", "wir", "wird", "zu", "zum", "zur",
    ]
}
