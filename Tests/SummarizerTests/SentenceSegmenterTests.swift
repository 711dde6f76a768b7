import Foundation
import Testing

@testable import Summarizer

/// One segmentation case: a text and the sentences it must split into.
struct SegmentationCase: CustomTestStringConvertible, Sendable {
    let text: String
    let sentences: [String]

    init(_ text: String, _ sentences: [String]) {
        self.text = text
        self.sentences = sentences
    }

    var testDescription: String { String(text.prefix(60)) }
}

/// The table: news prose, abbreviations, numbers, quotations, tokenised corpora, other scripts.
let segmentationTable: [SegmentationCase] = [
    // Titles and abbreviations.
    .init("Mr. Tan arrived. He spoke briefly.", ["Mr. Tan arrived.", "He spoke briefly."]),
    .init("Dr. Lim and Prof. Ng agreed. Talks ended.", ["Dr. Lim and Prof. Ng agreed.", "Talks ended."]),
    .init("Mrs. Ono met Ms. Park. They talked.", ["Mrs. Ono met Ms. Park.", "They talked."]),
    .init("Gen. Prayuth and Sen. Warren spoke.", ["Gen. Prayuth and Sen. Warren spoke."]),
    .init("Lt. Col. Reyes led the unit. It held.", ["Lt. Col. Reyes led the unit.", "It held."]),
    .init("Rev. King spoke at St. Paul's. Crowds came.", ["Rev. King spoke at St. Paul's.", "Crowds came."]),
    .init("Sammy Davis Jr. sang. The crowd cheered.", ["Sammy Davis Jr. sang.", "The crowd cheered."]),
    .init(
        "Samsung Electronics Co. said profit rose. Analysts cheered.",
        ["Samsung Electronics Co. said profit rose.", "Analysts cheered."]),
    .init("Apple Inc. The company said sales grew.", ["Apple Inc.", "The company said sales grew."]),
    .init(
        "Exports to the U.S. fell 3.5 per cent. Imports rose.",
        ["Exports to the U.S. fell 3.5 per cent.", "Imports rose."]),
    .init("He moved to the U.S. The move was quiet.", ["He moved to the U.S.", "The move was quiet."]),
    .init("The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
    .init("The U.N. Security Council met on Monday.", ["The U.N. Security Council met on Monday."]),
    .init("Apples, pears, etc. The list goes on.", ["Apples, pears, etc.", "The list goes on."]),
    .init("Fruit, e.g. apples, sold well. Prices fell.", ["Fruit, e.g. apples, sold well.", "Prices fell."]),
    .init("Smith et al. found a link. Others did not.", ["Smith et al. found a link.", "Others did not."]),
    .init("Team A beat Team B, i.e. the champions.", ["Team A beat Team B, i.e. the champions."]),
    .init("It was Liverpool vs. Everton. Liverpool won.", ["It was Liverpool vs. Everton.", "Liverpool won."]),
    .init("He lives at No. 10 Downing St. now.", ["He lives at No. 10 Downing St. now."]),
    .init(
        "The Sr. Silva e a Dra. Costa chegaram. Foi rápido.", ["The Sr. Silva e a Dra. Costa chegaram.", "Foi rápido."]),
    // Dates and times.
    .init("The vote is on Nov. 21 in Hanoi. Results follow.", ["The vote is on Nov. 21 in Hanoi.", "Results follow."]),
    .init("It began on Jan. 5, 2026, in Seoul.", ["It began on Jan. 5, 2026, in Seoul."]),
    .init(
        "Trading opens at 9 a.m. local time. It closes at 3 p.m.",
        ["Trading opens at 9 a.m. local time.", "It closes at 3 p.m."]),
    .init("The market shut at 4 p.m. Shares had fallen.", ["The market shut at 4 p.m.", "Shares had fallen."]),
    .init("Talks start at 10 a.m. Friday in Jakarta.", ["Talks start at 10 a.m. Friday in Jakarta."]),
    .init("Flights resume at 6 a.m. GMT on Sunday.", ["Flights resume at 6 a.m. GMT on Sunday."]),
    // Initials.
    .init("J. K. Lee led the team. It won.", ["J. K. Lee led the team.", "It won."]),
    .init("Robert E. Lee surrendered. The war ended.", ["Robert E. Lee surrendered.", "The war ended."]),
    .init("George W. Bush visited Tokyo. He left on Sunday.", ["George W. Bush visited Tokyo.", "He left on Sunday."]),
    // Numbers, money, versions.
    .init("It sold for US$1.2 billion. Shares rose.", ["It sold for US$1.2 billion.", "Shares rose."]),
    .init("Growth was 2.5%. The yen fell.", ["Growth was 2.5%.", "The yen fell."]),
    .init(
        "The index fell 0.7 points to 3,215.44. Bonds rose.", ["The index fell 0.7 points to 3,215.44.", "Bonds rose."]),
    .init("It cost S$4.50. That was cheap.", ["It cost S$4.50.", "That was cheap."]),
    .init("Version 2.1.3 shipped. Bugs remain.", ["Version 2.1.3 shipped.", "Bugs remain."]),
    .init("Rates rose 25 bp. to 5.5 per cent.", ["Rates rose 25 bp. to 5.5 per cent."]),
    .init("He came 3rd. His rival won.", ["He came 3rd.", "His rival won."]),
    .init("In 2024. The year after, it fell.", ["In 2024.", "The year after, it fell."]),
    // URLs and e-mail.
    .init(
        "See www.example.org/a.html for details. Or mail desk@example.org now.",
        ["See www.example.org/a.html for details.", "Or mail desk@example.org now."]),
    .init(
        "Visit https://news.example.com/x?id=1. Then reload.",
        ["Visit https://news.example.com/x?id=1.", "Then reload."]),
    .init("Write to tips@paper.co.uk. We reply.", ["Write to tips@paper.co.uk.", "We reply."]),
    .init("Amazon.com Inc. grew. eBay did not.", ["Amazon.com Inc. grew.", "eBay did not."]),
    // Quotations.
    .init("\u{201C}We are ready.\u{201D} She left.", ["\u{201C}We are ready.\u{201D}", "She left."]),
    .init("\"Is it over?\" he asked. Nobody knew.", ["\"Is it over?\" he asked.", "Nobody knew."]),
    .init("\"Go!\" she shouted. They ran.", ["\"Go!\" she shouted.", "They ran."]),
    .init(
        "He said: \"It is over. We lost.\" Then he left.", ["He said: \"It is over.", "We lost.\"", "Then he left."]),
    .init("'We won,' he said. 'Again.'", ["'We won,' he said.", "'Again.'"]),
    .init(
        "\u{201C}Why?\u{201D} asked Kim. \u{201C}Because.\u{201D}",
        ["\u{201C}Why?\u{201D} asked Kim.", "\u{201C}Because.\u{201D}"]),
    .init("«Vamos.» Ele saiu.", ["«Vamos.»", "Ele saiu."]),
    // Ellipses and runs.
    .init("Wait... what happened? It rained!", ["Wait... what happened?", "It rained!"]),
    .init("He paused... Then he left.", ["He paused...", "Then he left."]),
    .init("It was\u{2026} odd. Very odd.", ["It was\u{2026} odd.", "Very odd."]),
    .init("Really?! Yes. Wow!!! Fine.", ["Really?!", "Yes.", "Wow!!!", "Fine."]),
    .init("Yahoo! said profit rose.", ["Yahoo! said profit rose."]),
    // Brackets.
    .init("Bugs remain (see note 4.). Fixes follow.", ["Bugs remain (see note 4.).", "Fixes follow."]),
    .init("He won. (The vote was close.) She conceded.", ["He won.", "(The vote was close.)", "She conceded."]),
    .init(
        "Profit rose (up 5.2 per cent) in March. Sales fell.",
        ["Profit rose (up 5.2 per cent) in March.", "Sales fell."]),
    // Lists and lines.
    .init("1. Buy rice\n2. Sell bonds", ["1. Buy rice", "2. Sell bonds"]),
    .init("a. First point\nb. Second point", ["a. First point", "b. Second point"]),
    .init("- Rates held.\n- Yen fell.", ["- Rates held.", "- Yen fell."]),
    .init("first line\nsecond line", ["first line", "second line"]),
    .init("One.\r\nTwo.\r\n\r\nThree.", ["One.", "Two.", "Three."]),
    .init("Para one.\u{2029}Para two.", ["Para one.", "Para two."]),
    // Datelines stay in the sentence (the summarizer drops them).
    .init(
        "SEOUL, Jan. 5 (Yonhap) -- Exports rose. Imports fell.",
        ["SEOUL, Jan. 5 (Yonhap) -- Exports rose.", "Imports fell."]),
    .init("(CNN)A man was arrested. Police said so.", ["(CNN)A man was arrested.", "Police said so."]),
    // Lower-cased, tokenised text (the CNN/DailyMail test release).
    .init("the yen fell . the nikkei rose .", ["the yen fell .", "the nikkei rose ."]),
    .init("-lrb- cnn -rrb- the yen fell . bonds rose .", ["-lrb- cnn -rrb- the yen fell .", "bonds rose ."]),
    .init("`` we won , '' he said . `` again . ''", ["`` we won , '' he said .", "`` again . ''"]),
    .init("`` it is over . '' he left .", ["`` it is over . ''", "he left ."]),
    .init("`` is it over ? '' he asked . nobody knew .", ["`` is it over ? '' he asked .", "nobody knew ."]),
    .init("he moved to the u.s. last year . it rained .", ["he moved to the u.s. last year .", "it rained ."]),
    .init("mr. smith arrived . he spoke .", ["mr. smith arrived .", "he spoke ."]),
    .init("said peter m.f . mbithi in a statement .", ["said peter m.f . mbithi in a statement ."]),
    .init("shares rose 3.5 % . bonds fell .", ["shares rose 3.5 % .", "bonds fell ."]),
    .init(
        "it ended -lrb- see below . -rrb- then it rained .", ["it ended -lrb- see below . -rrb-", "then it rained ."]),
    .init("mr. tan arrived. he spoke briefly.", ["mr. tan arrived.", "he spoke briefly."]),
    .init("it rained ... heavily ! we left .", ["it rained ... heavily !", "we left ."]),
    .init("wait ... the roof fell !", ["wait ...", "the roof fell !"]),
    // Other scripts.
    .init("東京で会議が開かれた。結果は明日発表される。", ["東京で会議が開かれた。", "結果は明日発表される。"]),
    .init("「行く」と彼は言った。皆が笑った！本当？", ["「行く」と彼は言った。", "皆が笑った！", "本当？"]),
    .init("北京消息。会议结束", ["北京消息。", "会议结束"]),
    .init("O Banco Central cortou a taxa. A inflação caiu.", ["O Banco Central cortou a taxa.", "A inflação caiu."]),
    .init("Él llegó. ¿Por qué? No sé.", ["Él llegó.", "¿Por qué?", "No sé."]),
    .init("Die Bank senkte den Zins. Der Euro fiel.", ["Die Bank senkte den Zins.", "Der Euro fiel."]),
    .init("Привет. Как дела?", ["Привет.", "Как дела?"]),
    // Edges.
    .init("no full stop at all", ["no full stop at all"]),
    .init("", []),
    .init("   \n\n  ", []),
    .init("...", ["..."]),
    .init("End.", ["End."]),
    .init("A sentence.   Another one.", ["A sentence.", "Another one."]),

    // A time (a.m., p.m.) goes on into a time zone, a weekday, "Beijing time", or, when the
    // sentence so far only names the time ("At 7 p.m."), into its clause; after a clause, a
    // capitalised word starts the next sentence, a title too.
    .init(
        "At 7 p.m. Prime Minister Anwar Ibrahim addressed the nation. He spoke for an hour.",
        ["At 7 p.m. Prime Minister Anwar Ibrahim addressed the nation.", "He spoke for an hour."]),
    .init(
        "Shortly after 9 a.m. President Marcos landed in Jakarta.",
        ["Shortly after 9 a.m. President Marcos landed in Jakarta."]),
    .init("By 11 p.m. Mr. Tan had left the party office.", ["By 11 p.m. Mr. Tan had left the party office."]),
    .init(
        "On Monday at 6 p.m. Chief Minister M. K. Stalin opened the line.",
        ["On Monday at 6 p.m. Chief Minister M. K. Stalin opened the line."]),
    .init(
        "SEOUL (Reuters) - At 10 a.m. Unification Minister Kim spoke.",
        ["SEOUL (Reuters) - At 10 a.m. Unification Minister Kim spoke."]),
    .init("Polls open at 7 a.m. ET on Tuesday.", ["Polls open at 7 a.m. ET on Tuesday."]),
    .init(
        "The launch is set for 10.30 a.m. Beijing time on Friday.",
        ["The launch is set for 10.30 a.m. Beijing time on Friday."]),
    .init(
        "Trading halted at 1.15 p.m. Hong Kong time. It resumed an hour later.",
        ["Trading halted at 1.15 p.m. Hong Kong time.", "It resumed an hour later."]),
    .init(
        "The rally starts at 3 p.m. Saturday (0700 GMT) in Bangkok.",
        ["The rally starts at 3 p.m. Saturday (0700 GMT) in Bangkok."]),
    .init(
        "Around 2 a.m. Sunday local time, the quake struck.", ["Around 2 a.m. Sunday local time, the quake struck."]),
    .init(
        "The vote closed at 8 p.m. The count began at once.", ["The vote closed at 8 p.m.", "The count began at once."]),
    .init(
        "Markets reopened at 9 a.m. Traders were cautious.", ["Markets reopened at 9 a.m.", "Traders were cautious."]),
    .init(
        "The briefing ended at 4 p.m. Defence Minister Ng then took questions.",
        ["The briefing ended at 4 p.m.", "Defence Minister Ng then took questions."]),
    .init(
        "The ferry left Singapore at 5 a.m. Mr. Lim was on board.",
        ["The ferry left Singapore at 5 a.m.", "Mr. Lim was on board."]),
    .init("Talks ran until 11 p.m. But no deal emerged.", ["Talks ran until 11 p.m.", "But no deal emerged."]),
    .init(
        "He was last seen at 10 P.M. Police found his car on Friday.",
        ["He was last seen at 10 P.M.", "Police found his car on Friday."]),
    .init(
        "At 6 A.M. Seoul time, the North fired a missile.", ["At 6 A.M. Seoul time, the North fired a missile."]),

    .init(
        "Last contact: 4:12 a.m. Last position: off the Natuna Islands.",
        ["Last contact: 4:12 a.m.", "Last position: off the Natuna Islands."]),

    // Titles before a name never end a sentence; a street or a mountain may.
    .init(
        "Gov. Lee Ju-ho met Sen. Ram on Tuesday. They discussed trade.",
        ["Gov. Lee Ju-ho met Sen. Ram on Tuesday.", "They discussed trade."]),
    .init(
        "Capt. Rahman and Sgt. Lim led the rescue. Both were praised.",
        ["Capt. Rahman and Sgt. Lim led the rescue.", "Both were praised."]),
    .init(
        "Rep. Kim Young-bae and Col. Park spoke. Neither took questions.",
        ["Rep. Kim Young-bae and Col. Park spoke.", "Neither took questions."]),
    .init(
        "Maj. Gen. Hassan Abdullah commanded the drill near Kuantan.",
        ["Maj. Gen. Hassan Abdullah commanded the drill near Kuantan."]),
    .init(
        "Adm. Paparo and Lt. Gen. Sato attended the ceremony in Manila.",
        ["Adm. Paparo and Lt. Gen. Sato attended the ceremony in Manila."]),
    .init(
        "Prof. Wang Gungwu, a historian, was honoured. He is 95.",
        ["Prof. Wang Gungwu, a historian, was honoured.", "He is 95."]),
    .init(
        "Ms. Nguyen and Mrs. Tran founded the firm in Hanoi.", ["Ms. Nguyen and Mrs. Tran founded the firm in Hanoi."]),
    .init(
        "Messrs. Ong and Goh denied the charges. Both were freed.",
        ["Messrs. Ong and Goh denied the charges.", "Both were freed."]),
    .init(
        "The bill was drafted by Dr. Mahathir's allies. It failed.",
        ["The bill was drafted by Dr. Mahathir's allies.", "It failed."]),
    .init(
        "Supt. Mohd Noor said two men were held. A third is sought.",
        ["Supt. Mohd Noor said two men were held.", "A third is sought."]),
    .init(
        "Ms. Lee visited St. Joseph's Institution. The school turned 170.",
        ["Ms. Lee visited St. Joseph's Institution.", "The school turned 170."]),
    .init("The stall is on Temple St. It sells clay pots.", ["The stall is on Temple St.", "It sells clay pots."]),
    .init(
        "Climbers returned from Mt. Kinabalu. One was hurt.", ["Climbers returned from Mt. Kinabalu.", "One was hurt."]),

    // Initials: a letter after a given name, a title or another initial goes on into the name;
    // a letter after a lower-case word is a word of its own.
    .init(
        "The novel by J. M. Coetzee sold well. Critics were divided.",
        ["The novel by J. M. Coetzee sold well.", "Critics were divided."]),
    .init(
        "Lyndon B. Johnson flew to Manila in 1966. He met Marcos there.",
        ["Lyndon B. Johnson flew to Manila in 1966.", "He met Marcos there."]),
    .init(
        "A. P. J. Abdul Kalam was India's president. He died in 2015.",
        ["A. P. J. Abdul Kalam was India's president.", "He died in 2015."]),
    .init(
        "The board named Mary T. Ng chief executive. She starts in May.",
        ["The board named Mary T. Ng chief executive.", "She starts in May."]),
    .init(
        "\"It was just my brother and I. Nobody else came,\" he said.",
        ["\"It was just my brother and I.", "Nobody else came,\" he said."]),
    .init(
        "The bank moved to Plan B. Its reserves had run low.",
        ["The bank moved to Plan B.", "Its reserves had run low."]),
    .init("Police named the driver as Lim K. He was 42.", ["Police named the driver as Lim K.", "He was 42."]),
    .init("Q. Why now? A. Because rates rose.", ["Q. Why now?", "A. Because rates rose."]),

    // Abbreviations before a number, and those that may end a sentence.
    .init(
        "Downing Street's No. 2 official resigned. He cited health reasons.",
        ["Downing Street's No. 2 official resigned.", "He cited health reasons."]),
    .init("She is ranked No. 1. Her rival is No. 3.", ["She is ranked No. 1.", "Her rival is No. 3."]),
    .init(
        "The wreck lies at N\u{B0}. 4.117.09. Divers found it in May.",
        ["The wreck lies at N\u{B0}. 4.117.09.", "Divers found it in May."]),
    .init("The answer was no. The minister left.", ["The answer was no.", "The minister left."]),
    .init(
        "See Vol. 3, pp. 112-118, for the data. It is public.",
        ["See Vol. 3, pp. 112-118, for the data.", "It is public."]),
    .init("The chart (Fig. 4) shows exports. They fell.", ["The chart (Fig. 4) shows exports.", "They fell."]),
    .init(
        "It will cost approx. 2 billion baht. Work starts soon.",
        ["It will cost approx. 2 billion baht.", "Work starts soon."]),
    .init(
        "The temple, est. 1350, draws pilgrims. Few stay long.",
        ["The temple, est. 1350, draws pilgrims.", "Few stay long."]),
    .init("The final is Japan vs. Korea. Tickets sold out.", ["The final is Japan vs. Korea.", "Tickets sold out."]),
    .init(
        "Rice, sugar, cooking oil, etc. Prices of all three rose.",
        ["Rice, sugar, cooking oil, etc.", "Prices of all three rose."]),
    .init("Rice, sugar, etc. are subsidised in Indonesia.", ["Rice, sugar, etc. are subsidised in Indonesia."]),
    .init(
        "Jobs, homes and schools etc. All were promised.", ["Jobs, homes and schools etc.", "All were promised."]),
    .init(
        "Art. 5 of the treaty applies. Allies must respond.", ["Art. 5 of the treaty applies.", "Allies must respond."]),
    .init(
        "The order came under Sec. 144. Crowds dispersed.", ["The order came under Sec. 144.", "Crowds dispersed."]),

    // Companies, countries and streets: an abbreviation ends a sentence before a common opening.
    .init(
        "Shares of Sea Ltd. jumped 9 per cent. The company beat forecasts.",
        ["Shares of Sea Ltd. jumped 9 per cent.", "The company beat forecasts."]),
    .init(
        "He sold his stake in Acme Holdings Inc. The buyer was not named.",
        ["He sold his stake in Acme Holdings Inc.", "The buyer was not named."]),
    .init(
        "Toyota Motor Corp. President Koji Sato spoke.", ["Toyota Motor Corp. President Koji Sato spoke."]),
    .init(
        "Malayan Banking Bhd. Chief Executive Khairussaleh Ramli said loans grew.",
        ["Malayan Banking Bhd. Chief Executive Khairussaleh Ramli said loans grew."]),
    .init("Tata Sons Pvt. Ltd. owns the airline.", ["Tata Sons Pvt. Ltd. owns the airline."]),
    .init(
        "Swire Pacific Ltd. It owns part of Cathay.", ["Swire Pacific Ltd.", "It owns part of Cathay."]),
    .init(
        "I visited the U.S.A. last year. Prices were high.", ["I visited the U.S.A. last year.", "Prices were high."]),
    .init("Talks moved to the E.U. How it responds matters.", ["Talks moved to the E.U.", "How it responds matters."]),
    .init(
        "U.S. President Joe Biden met Xi in Bali. Both smiled.",
        ["U.S. President Joe Biden met Xi in Bali.", "Both smiled."]),
    .init("He lives on Orchard Rd. The flat is small.", ["He lives on Orchard Rd.", "The flat is small."]),
    .init("Samsung C&T Corp. said on Monday it won the bid.", ["Samsung C&T Corp. said on Monday it won the bid."]),

    // Inline lists: a marker of any common shape starts a sentence (at the start of a paragraph,
    // or in a run of consecutive markers of one shape whose items open with a capital).
    .init(
        "1. Cut the fuel subsidy 2. Raise the sales tax 3. Cap rice prices",
        ["1. Cut the fuel subsidy", "2. Raise the sales tax", "3. Cap rice prices"]),
    .init(
        "1. The bank holds rates. 2. The yen weakens.", ["1. The bank holds rates.", "2. The yen weakens."]),
    .init("1) Ship the vaccines 2) Train the nurses", ["1) Ship the vaccines", "2) Train the nurses"]),
    .init("1) Voters back the plan. 2) Turnout is high.", ["1) Voters back the plan.", "2) Turnout is high."]),
    .init(
        "(1) Lower tariffs (2) Open the ports (3) Ease visas",
        ["(1) Lower tariffs", "(2) Open the ports", "(3) Ease visas"]),
    .init("(a) Hold the election (b) Count by hand", ["(a) Hold the election", "(b) Count by hand"]),
    .init("a) Tighten the rules b) Fine the banks", ["a) Tighten the rules", "b) Fine the banks"]),
    .init("a. Beijing b. Tokyo c. Seoul", ["a. Beijing", "b. Tokyo", "c. Seoul"]),
    .init(
        "i. Growth slows ii. Inflation rises iii. Rates climb",
        ["i. Growth slows", "ii. Inflation rises", "iii. Rates climb"]),
    .init("(i) Tax reform (ii) Land reform", ["(i) Tax reform", "(ii) Land reform"]),
    .init("A) Approve the merger B) Reject it", ["A) Approve the merger", "B) Reject it"]),
    .init("1.) Close the border 2.) Reopen the schools", ["1.) Close the border", "2.) Reopen the schools"]),
    .init(
        "\u{2022} Exports rose \u{2022} Imports fell \u{2022} The won firmed",
        ["\u{2022} Exports rose", "\u{2022} Imports fell", "\u{2022} The won firmed"]),
    .init("- Rates held - The yen fell - Gold rose", ["- Rates held", "- The yen fell", "- Gold rose"]),
    .init(
        "\u{2013} Jakarta floods \u{2013} Manila braces for a typhoon",
        ["\u{2013} Jakarta floods", "\u{2013} Manila braces for a typhoon"]),
    .init("* Rice prices up * Fuel prices down", ["* Rice prices up", "* Fuel prices down"]),
    .init("\u{2022} 4. Kyoto \u{2022} 5. Osaka", ["\u{2022} 4. Kyoto", "\u{2022} 5. Osaka"]),
    .init("\u{2043}7. Hue \u{2043}8. Da Nang", ["\u{2043}7. Hue", "\u{2043}8. Da Nang"]),
    .init("The plan: 1. Cut subsidies 2. Raise taxes", ["The plan:", "1. Cut subsidies", "2. Raise taxes"]),
    .init(
        "' we will rebuild . ' \u{2022} donations can be made online .",
        ["' we will rebuild . '", "\u{2022} donations can be made online ."]),
    // ...and what only looks like one.
    .init(
        "He cited three reasons: (1) cost, (2) time and (3) risk.",
        ["He cited three reasons: (1) cost, (2) time and (3) risk."]),
    .init("Sales fell in 2023. They rose in 2024.", ["Sales fell in 2023.", "They rose in 2024."]),
    .init(
        "1. Seoul 2. Busan Both ranked in the top 2. Incheon was third.",
        ["1. Seoul", "2. Busan Both ranked in the top 2.", "Incheon was third."]),
    .init(
        "- Critic, Daily: Best film - Parasite; director - Bong Joon-ho",
        ["- Critic, Daily: Best film - Parasite; director - Bong Joon-ho"]),
    .init("Officials - and there were many - stayed away.", ["Officials - and there were many - stayed away."]),
    .init("Japan won 2-1. Korea lost 3-0. Fans left.", ["Japan won 2-1.", "Korea lost 3-0.", "Fans left."]),
    .init(
        "The team was 1 point clear. 2 games remain.", ["The team was 1 point clear.", "2 games remain."]),
]

@Suite("Splitting news text into sentences")
struct SentenceSegmenterTests {
    let segmenter = SentenceSegmenter()

    @Test("sentence boundaries in news text", arguments: segmentationTable)
    func boundaries(_ item: SegmentationCase) {
        #expect(segmenter.sentences(in: item.text) == item.sentences)
    }

    @Test("the table is broad")
    func tableSize() {
        #expect(segmentationTable.count >= 150)
    }

    @Test(
        "a time goes on into a zone, a weekday or a place's time; after a clause, a capital starts a sentence",
        arguments: ["ET", "GMT", "SGT", "Friday", "Jan. 5", "Beijing time", "Hong Kong time", "Eastern Time"])
    func timeGoesOn(following: String) {
        let text = "Voting ends at 8 p.m. \(following) in Dhaka."
        #expect(segmenter.sentences(in: text) == [text])
    }

    @Test(
        "after a clause ending in a time, a capitalised word starts the next sentence",
        arguments: [
            "The count starts.", "It was calm.", "Police stood by.", "Mr. Tan voted.", "Prime Minister Hasina spoke.",
        ])
    func timeEndsClause(next: String) {
        #expect(segmenter.sentences(in: "Voting ended at 8 p.m. \(next)") == ["Voting ended at 8 p.m.", next])
    }

    @Test(
        "a phrase that only names a time goes on into its clause",
        arguments: ["At 8 p.m.", "Shortly after 8 p.m.", "By 8 p.m. on Sunday", "DHAKA - Around 8 p.m."])
    func frontedTime(phrase: String) {
        for clause in ["Prime Minister Hasina spoke.", "Mr. Tan voted.", "The count started."] {
            #expect(segmenter.sentences(in: "\(phrase) \(clause)") == ["\(phrase) \(clause)"])
        }
    }

    @Test(
        "every common list marker starts a sentence, inside one paragraph",
        arguments: [
            ("1.", "2."), ("1)", "2)"), ("1.)", "2.)"), ("(1)", "(2)"), ("a.", "b."), ("a)", "b)"), ("(a)", "(b)"),
            ("i.", "ii."), ("(i)", "(ii)"), ("A)", "B)"), ("\u{2022}", "\u{2022}"), ("\u{25AA}", "\u{25AA}"),
            ("-", "-"), ("*", "*"), ("\u{2013}", "\u{2013}"),
        ])
    func listMarkers(first: String, second: String) {
        let text = "\(first) Rates held \(second) The yen fell\nMarkets closed."
        #expect(
            segmenter.sentencesByParagraph(in: text) == [
                ["\(first) Rates held", "\(second) The yen fell"], ["Markets closed."],
            ])
    }

    @Test("a text with no full stops is cut into pieces no longer than the limit, at spaces")
    func longSentence() {
        let text = String(repeating: "word ", count: 2_000)
        let pieces = SentenceSegmenter(maximumLength: 200).sentences(in: text)
        #expect(pieces.count > 40)
        #expect(pieces.allSatisfy { $0.utf8.count <= 200 && !$0.hasPrefix(" ") && !$0.hasSuffix(" ") })
        #expect(pieces.joined(separator: " ") == text.trimmingCharacters(in: .whitespaces))
    }

    @Test("an unspaced script without punctuation is cut at the limit, never inside a character")
    func longJapanese() {
        let text = String(repeating: "会議", count: 500)
        let pieces = SentenceSegmenter(maximumLength: 100).sentences(in: text)
        #expect(pieces.count == 31)
        #expect(pieces.allSatisfy { $0.utf8.count <= 100 })
        #expect(pieces.joined() == text)
    }

    @Test(
        "paragraphs keep their own sentences",
        arguments: [("One. Two.\nThree.", [["One.", "Two."], ["Three."]]), ("\nA.\n\nB.\n", [["A."], ["B."]])])
    func paragraphs(text: String, expected: [[String]]) {
        #expect(segmenter.sentencesByParagraph(in: text) == expected)
    }

    @Test(
        "a leading dateline is removed",
        arguments: [
            ("LONDON (Reuters) - Shares fell.", "Shares fell."),
            ("(CNN)A man was arrested.", "A man was arrested."),
            ("nairobi , kenya ( cnn ) university students fled .", "university students fled ."),
            ("-lrb- cnn -rrb- -- the yen fell .", "the yen fell ."),
            ("WASHINGTON \u{2014} The Senate voted.", "The Senate voted."),
            ("SÃO PAULO, Brazil - Prices rose.", "Prices rose."),
            ("[SEOUL] Exports rose.", "Exports rose."),
            ("SEOUL, Jan. 5 (Yonhap) -- Exports rose.", "Exports rose."),
            ("Washington - the city - is calm.", "Washington - the city - is calm."),
            ("The firm (Reuters said) grew.", "The firm (Reuters said) grew."),
            ("He said the plan (by CNN) failed.", "He said the plan (by CNN) failed."),
            ("(CNN)", "(CNN)"),
            ("SHANGHAI/BEIJING: Shares in the robot maker jumped.", "Shares in the robot maker jumped."),
            ("ZANDVOORT, Netherlands, Aug 21 : The champion took pole.", "The champion took pole."),
            ("Washington (CNN) \u{2014} The Senate voted.", "The Senate voted."),
            ("NATO: Allies agree to spend more.", "NATO: Allies agree to spend more."),
            ("US: Allies agree.", "US: Allies agree."),
            ("Shares of the carmaker (AP) fell.", "Shares of the carmaker (AP) fell."),
            ("Aug 18: Talks collapse.", "Aug 18: Talks collapse."),
        ])
    func dateline(sentence: String, expected: String) {
        #expect(SentenceSegmenter.removingDateline(from: sentence) == expected)
    }
}
