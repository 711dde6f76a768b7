/// Who a quoted speaker is, as the article says it: a title or role before the name ("Finance
/// Minister Ana Reyes", "YouTuber Ana Reyes"), an appositive after it ("Ana Reyes, a teacher at
/// a village school", "Ana Reyes, 45, a fisherman"), or the body they speak for ("Ana Reyes of
/// the port authority"), from the quote's own attribution or from the name's first mention
/// elsewhere in the article.
///
/// A name alone tells a reader nothing ("— Jeon Suk-jae"), so a speaker the article never
/// identifies, or names only by a surname it never gives in full, has no speaker line.
struct SpeakerIdentifier {
    /// The article's text, where speakers are introduced.
    var paragraphs: [String]

    /// The speaker line for the attribution that follows a quotation (`said Ana Reyes, a teacher …`
    /// or `Ana Reyes said`), or nil when the attribution names nobody the article identifies.
    func speaker(after attribution: Substring) -> String? {
        let tokens = Token.split(attribution.prefix(600))
        guard let found = Self.attribution(in: tokens) else { return nil }
        var name = found.name
        var core = found.core
        var role = Role(before: found.before, after: found.after, affiliation: found.affiliation)
        if core.count == 1 {
            // "Reyes said": only a full name introduced in the article tells who that is.
            guard let full = fullName(ofSurname: core[0]) else { return nil }
            core = full
            name = full.joined(separator: " ")
        }
        if role.isEmpty { role = firstMentionRole(of: core) ?? role }
        guard !role.isEmpty else { return nil }
        return role.line(for: name)
    }

    // MARK: The attribution

    /// A speaker as an attribution gives them.
    struct Attribution {
        /// The name as printed (an honorific kept), and its words without honorifics.
        var name: String
        var core: [String]
        /// A title or role before the name, an appositive after it, an `of …` after it.
        var before: String?
        var after: String?
        var affiliation: String?
    }

    /// Reads `said [role] Name[, appositive]` or `[role] Name[, appositive,] said`: the name is
    /// the first run of capitalised words that ends the speaker's phrase (a title's run, like
    /// "U.S. Ambassador", or one a role word follows, like "NHL" in "NHL deputy commissioner", is
    /// not), and the words before it are the title.
    static func attribution(in tokens: [Token]) -> Attribution? {
        guard !tokens.isEmpty else { return nil }
        var index = 0
        let verbFirst = speechVerbs.contains(tokens[0].lower)
        if verbFirst {
            index = 1
            if tokens[0].lower == "told" {
                // Only "told reporters"; "told Reuters" and the like attribute to no one here.
                guard tokens.count > 1, tokens[1].lower == "reporters", !tokens[1].closes else { return nil }
                index = 2
            }
        }
        let phraseStart = index
        var afterTitleRun = false
        // Where the name starts, the words before it (the title), and the name's words.
        var nameRun: (start: Int, title: [Token], name: [Token])?
        while nameRun == nil, index < tokens.count, index < phraseStart + 10 {
            let token = tokens[index]
            if token.opensQuote || speechVerbs.contains(token.lower) { return nil }
            guard token.word.first?.isUppercase == true else {
                // "to" and "of" belong to a title ("Ambassador to Israel"); other small words end the search.
                let joinsTitle = afterTitleRun && ["to", "of", "for"].contains(token.lower)
                if token.closes || (preStops.contains(token.lower) && !joinsTitle) { return nil }
                afterTitleRun = false
                index += 1
                continue
            }
            let followsTitle = afterTitleRun
            let (run, end) = capitalisedRun(in: tokens, from: index)
            index = end
            guard let last = run.last else { return nil }
            // A run that ends in a role word ("U.S. Ambassador") is a title.
            if roleWords.contains(last.lower) {
                if last.closes { return nil }
                afterTitleRun = true
                continue
            }
            afterTitleRun = false
            let next = end < tokens.count ? tokens[end] : nil
            let endsPhrase =
                last.closes || next == nil
                || next.map { speechVerbs.contains($0.lower) || nameFollowers.contains($0.lower) }
                    == true
            guard endsPhrase else {
                if last.closes { return nil }
                continue
            }
            guard var (title, name) = splitTitle(run) else { return nil }
            if followsTitle, title == nil, name.count >= 3 {
                // "Ambassador to Israel Mike Huckabee": the place before the last two words is the title's.
                name = Array(name.suffix(2))
                title = []
            }
            let titleTokens = Array(tokens[phraseStart..<(end - run.count)]) + run.prefix(run.count - name.count)
            nameRun = (end - name.count, titleTokens, name)
        }
        guard let (nameStart, titleTokens, nameTokens) = nameRun else { return nil }
        let core = nameTokens.filter { !honorifics.contains($0.lower) }.map { String($0.word) }
        guard (1...4).contains(core.count), !core.contains(where: { notNames.contains($0.lowercased()) }) else {
            return nil
        }
        // The words before the name say who the speaker is, or nothing is taken from them: a
        // capitalised title ("ONS Director of Economic Statistics") whole, else a role word and
        // its modifiers ("Hyrox's India head").
        let hasTitle = titleTokens.contains { $0.word.first?.isUppercase == true && roleWords.contains($0.lower) }
        let before =
            hasTitle
            ? titleTokens.map { String($0.word) }.joined(separator: " ")
            : titleTokens.isEmpty ? nil : roleBefore(titleTokens).flatMap { $0.0 }
        let name = nameTokens.map { String($0.word) }.joined(separator: " ")
        var found = Attribution(name: name, core: core, before: before)
        index = nameStart + nameTokens.count
        guard let last = nameTokens.last else { return nil }

        if last.comma {
            let appositive = Self.appositive(in: tokens, from: index)
            if verbFirst {
                found.after = appositive?.role
            } else {
                // "Ana Reyes, a teacher, said": the appositive closes before the verb.
                guard let appositive, appositive.closedByComma, appositive.next < tokens.count,
                    speechVerbs.contains(tokens[appositive.next].lower)
                else { return nil }
                found.after = appositive.role
            }
        } else if last.closes {
            guard verbFirst else { return nil }
        } else if !verbFirst {
            guard index < tokens.count, speechVerbs.contains(tokens[index].lower) else { return nil }
        } else if index < tokens.count {
            found.affiliation = affiliation(in: tokens, from: index)
        }
        return found
    }

    /// The capitalised words from `start` (with name particles between them, "bin", "van"), up
    /// to the first that closes a clause, and the index after them.
    static func capitalisedRun(in tokens: [Token], from start: Int) -> ([Token], Int) {
        var run: [Token] = []
        var index = start
        while index < tokens.count, run.count < 7 {
            let token = tokens[index]
            let capital = token.word.first?.isUppercase == true
            let particle =
                !run.isEmpty && nameParticles.contains(token.lower) && index + 1 < tokens.count
                && tokens[index + 1].word.first?.isUppercase == true
            guard capital || particle, !(token.opensQuote && !run.isEmpty), !weekdays.contains(token.lower) else {
                break
            }
            run.append(token)
            index += 1
            if token.closes { break }
        }
        return (run, index)
    }

    /// Splits a capitalised run into a title ("Finance Minister") and a name ("Ana Reyes"): the
    /// title ends at the last role word that leaves a name after it.
    static func splitTitle(_ run: [Token]) -> ([String]?, [Token])? {
        guard !run.isEmpty, !notNameStarts.contains(run[0].lower) else { return nil }
        let roleEnd = run.indices.dropLast().last { roleWords.contains(run[$0].lower) }
        guard let roleEnd else { return (nil, run) }
        let title = run[...roleEnd].map { String($0.word) }
        return (title, Array(run[(roleEnd + 1)...]))
    }

    /// An appositive starting at `start`, up to its closing comma or the sentence's end, and
    /// whether it reads as a role. An age ("45,") joins the appositive after it.
    static func appositive(in tokens: [Token], from start: Int) -> (role: String?, next: Int, closedByComma: Bool)? {
        guard let (words, next, comma) = phrase(in: tokens, from: start) else { return nil }
        if words.count == 1, words[0].allSatisfy(\.isNumber), words[0].count <= 3, comma {
            // "Ana Reyes, 45, a fisherman": the age is kept with the role that follows it.
            guard let rest = appositive(in: tokens, from: next), let role = rest.role else {
                return (nil, next, comma)
            }
            return (words[0] + ", " + role, rest.next, rest.closedByComma)
        }
        return (isRole(words) ? shortened(words) : nil, next, comma)
    }

    /// `of the port authority` after a name, up to the clause's end ("from" names where someone
    /// came from as often as whom they speak for).
    static func affiliation(in tokens: [Token], from start: Int) -> String? {
        guard tokens[start].lower == "of", let (words, _, _) = phrase(in: tokens, from: start),
            words.count >= 2, words.count <= 10, words.dropFirst().contains(where: { $0.first?.isUppercase == true })
        else { return nil }
        return shortened(words)
    }

    /// The words from `start` to the first that closes a clause (its punctuation dropped), the
    /// index after them, and whether a comma closed them. A quotation, a dash or a bracket ends
    /// the phrase too.
    static func phrase(in tokens: [Token], from start: Int) -> ([String], Int, Bool)? {
        var words: [String] = []
        var index = start
        while index < tokens.count, words.count < 30 {
            let token = tokens[index]
            if token.opensQuote || token.raw == "—" || token.raw == "–" || token.raw.hasPrefix("(") { break }
            words.append(String(token.word))
            index += 1
            if token.closes { return words.isEmpty ? nil : (words, index, token.comma) }
        }
        return words.isEmpty ? nil : (words, index, false)
    }

    /// Whether an appositive's words say what someone is: "a teacher at …", "the city's mayor",
    /// "chief economist at …", "who heads …"; not "adding that …", "in a statement", "a day later".
    static func isRole(_ words: [String]) -> Bool {
        guard let first = words.first?.lowercased() else { return false }
        if ["a", "an", "the", "one"].contains(first) {
            guard words.count >= 2 else { return false }
            let second = words[1].lowercased()
            // "the former" alone is a pronoun; "the former marketing chief" is a role.
            if second == "former" || second == "latter" { return words.count >= 3 }
            let notRoles = ["same", "first", "last", "next", "following", "previous", "other"]
            return !timeWords.contains(second) && !notRoles.contains(second)
        }
        if first == "who" {
            // "who heads the port authority", "who is a teacher"; not "who is 53 points clear".
            guard words.count >= 3, whoVerbs.contains(words[1].lowercased()) else { return false }
            guard ["is", "was"].contains(words[1].lowercased()) else { return true }
            return ["a", "an", "the"].contains(words[2].lowercased()) || isRoleWord(words[2])
        }
        if appositiveStops.contains(first) || (first.hasSuffix("ing") && !roleWords.contains(first)) { return false }
        let head = words.prefix(first.hasSuffix("'s") || first.hasSuffix("’s") ? 6 : 3)
        return head.contains(where: isRoleWord)
    }

    /// At most about 80 characters, cut before a relative clause; a longer role is cut before
    /// its last "and" or preposition that fits ("a fellow at the Department of War Studies", not
    /// "… at King's"), without a dangling "of" or "the".
    static func shortened(_ words: [String]) -> String {
        var kept: [String] = []
        var cut = false
        // A "whose" clause after a bare role says what makes it one ("a YouTuber whose channel has
        // 3.7 million subscribers"); other relative clauses tell events ("who died last week").
        let keepsWhose =
            words.prefix(4).contains { $0.lowercased() == "whose" } && words.joined(separator: " ").count <= 80
        for (offset, word) in words.enumerated() {
            let lower = word.lowercased()
            if offset > 1, ["who", "which", "that", "where"].contains(lower) || (lower == "whose" && !keepsWhose) {
                break
            }
            if (kept + [word]).joined(separator: " ").count > 80 {
                cut = true
                break
            }
            kept.append(word)
        }
        if cut {
            // "of", "for" and "and" between capitalised words are inside a name ("Department of War
            // Studies"); "at" and "in" start the place ("… at King's College").
            func isCapital(_ index: Int) -> Bool {
                kept.indices.contains(index) && kept[index].first?.isUppercase == true
            }
            let joint = kept.indices.dropFirst(2).last { index in
                let word = kept[index].lowercased()
                if ["at", "in", "with", "from", "by", "to"].contains(word) { return true }
                return ["of", "for", "and", "on"].contains(word) && !(isCapital(index - 1) && isCapital(index + 1))
            }
            if let joint { kept.removeSubrange(joint...) }
        }
        while kept.count > 1, let last = kept.last?.lowercased(), danglingWords.contains(last) { kept.removeLast() }
        return kept.joined(separator: " ")
    }

    // MARK: The article

    /// A role given where the article introduces the name: `Ana Reyes, the city's mayor,`,
    /// `Finance Minister Ana Reyes`, `The city's mayor, Ana Reyes,`.
    func firstMentionRole(of core: [String]) -> Role? {
        let name = core.joined(separator: " ")
        for paragraph in paragraphs {
            var searchStart = paragraph.startIndex
            while let range = paragraph.range(of: name, range: searchStart..<paragraph.endIndex) {
                searchStart = range.upperBound
                // Whole words only: "Ana Reyes" is not in "Ana Reyeson".
                if range.upperBound < paragraph.endIndex, paragraph[range.upperBound].isLetter { continue }
                if range.lowerBound > paragraph.startIndex,
                    paragraph[paragraph.index(before: range.lowerBound)].isLetter
                {
                    continue
                }
                var role = Role()
                if paragraph[range.upperBound...].hasPrefix(",") {
                    let rest = Token.split(paragraph[paragraph.index(after: range.upperBound)...].prefix(600))
                    role.after = Self.appositive(in: rest, from: 0)?.role
                } else {
                    let after = Token.split(paragraph[range.upperBound...].prefix(300))
                    if !after.isEmpty { role.affiliation = Self.affiliation(in: after, from: 0) }
                }
                let before = Token.split(paragraph[..<range.lowerBound].suffix(300))
                if let (title, commaRole) = Self.roleBefore(before) {
                    role.before = title
                    if role.after == nil { role.after = commaRole }
                }
                if !role.isEmpty { return role }
            }
        }
        return nil
    }

    /// A title just before a name ("Finance Minister", "opposition lawmaker", "YouTuber"), or a
    /// role closed by a comma before it ("The city's mayor, Ana Reyes").
    static func roleBefore(_ tokens: [Token]) -> (String?, String?)? {
        var index = tokens.count - 1
        while index >= 0, honorifics.contains(tokens[index].lower) { index -= 1 }
        guard index >= 0 else { return nil }
        let nearest = tokens[index]
        if nearest.comma {
            // The phrase back to the sentence's start, when it is short and says what someone is.
            var words: [String] = []
            var start = index
            while start >= 0, words.count < 8 {
                if start < index, tokens[start].closes { break }
                words.insert(String(tokens[start].word), at: 0)
                start -= 1
            }
            guard let first = words.first?.lowercased(),
                ["the", "a", "an"].contains(first) || first.hasSuffix("'s") || first.hasSuffix("’s"), isRole(words)
            else { return nil }
            // The sentence's capital is not the role's: "The city's mayor, Ana Reyes" gives "the city's mayor".
            if ["the", "a", "an"].contains(first) { words[0] = first }
            return (nil, shortened(words))
        }
        guard !nearest.closes, isRoleWord(String(nearest.word)) else { return nil }
        // A title's capitalised words ("Japan's Finance Minister"); before a lower-case role word,
        // its modifiers ("Swiss National Bank governing board member"), but no verb ("police
        // detained YouTuber").
        let capitalised = nearest.word.first?.isUppercase == true
        var words = [String(nearest.word)]
        var position = index - 1
        var sawCapital = false
        while position >= 0, words.count < 6 {
            let token = tokens[position]
            if token.closes || token.opensQuote || preStops.contains(token.lower) || speechVerbs.contains(token.lower) {
                break
            }
            // "former" always comes first; "senior" does before capitalised words ("senior United
            // Nations Ebola coordinator"), and is a modifier before lower-case ones ("ActivTrades senior analyst").
            if timeModifiers.contains(token.lower) || (sawCapital && leadingQualifiers.contains(token.lower)) {
                // "former Premier", "the late singer": the qualifier belongs to the title.
                words.insert(String(token.word), at: 0)
                break
            }
            let isCapital = token.word.first?.isUppercase == true
            guard token.word.contains(where: \.isLetter) else { break }
            // Capitalised words come first, lower-case modifiers just before the role word:
            // "Paris St Germain coach", not "worry Paris St Germain coach".
            if (capitalised || sawCapital), !isCapital { break }
            sawCapital = sawCapital || isCapital
            let isVerbLike =
                !isCapital && (token.lower.hasSuffix("ed") || token.lower.hasSuffix("ing"))
                && !roleWords.contains(token.lower) && !modifiers.contains(token.lower)
            if isVerbLike || verbs.contains(token.lower) { break }
            words.insert(String(token.word), at: 0)
            position -= 1
        }
        return (words.joined(separator: " "), nil)
    }

    /// The full name a surname stands for, from its first mention with a given name ("Ana Reyes"
    /// for "Reyes", "Jeon Suk-jae" for "Jeon"), or nil when the article never gives one.
    func fullName(ofSurname surname: String) -> [String]? {
        for paragraph in paragraphs {
            let tokens = Token.split(paragraph[...])
            for (index, token) in tokens.enumerated() where token.word == surname || token.word == surname + "'s" {
                var start = index
                while start > 0, start > index - 3, tokens[start - 1].word.first?.isUppercase == true,
                    !tokens[start - 1].closes, !Self.preStops.contains(tokens[start - 1].lower)
                {
                    start -= 1
                }
                var end = index
                while end + 1 < tokens.count, end < index + 2, !tokens[end].closes,
                    tokens[end + 1].word.first?.isUppercase == true, !tokens[end + 1].opensQuote
                {
                    end += 1
                }
                let run = Array(tokens[start...end])
                guard var (_, nameTokens) = Self.splitTitle(run) else { continue }
                if start >= 2, ["to", "of", "for"].contains(tokens[start - 1].lower),
                    Self.roleWords.contains(tokens[start - 2].lower), nameTokens.count >= 3
                {
                    // "Ambassador to Israel Mike Huckabee": the place is the title's.
                    nameTokens = Array(nameTokens.suffix(2))
                }
                let core = nameTokens.filter { !Self.honorifics.contains($0.lower) }.map {
                    String($0.word.hasSuffix("'s") ? $0.word.dropLast(2) : $0.word)
                }
                if core.count >= 2, core.count <= 4, core.contains(surname),
                    !core.contains(where: { Self.notNames.contains($0.lowercased()) })
                {
                    return core
                }
            }
        }
        return nil
    }
}
