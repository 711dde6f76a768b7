import Foundation
import Summarizer
import Testing

@testable import Stories

/// One headline and what the copy desk must make of it.
struct CopyDeskHeadlineCase: CustomTestStringConvertible, Sendable {
    let title: String
    let text: String
    let label: HeadlineLabel?

    init(_ title: String, _ text: String, _ label: HeadlineLabel? = nil) {
        self.title = title
        self.text = text
        self.label = label
    }

    var testDescription: String { title }
}

/// Labels and slugs the desk strips, with what they say.
let copyDeskStrippedHeadlines: [CopyDeskHeadlineCase] = [
    .init("Analysis:Rice stocks thin as prices climb", "Rice stocks thin as prices climb", .analysis),
    .init("Analysis: Port strike tests the new cabinet", "Port strike tests the new cabinet", .analysis),
    .init("ANALYSIS-Lenders brace for slower growth", "Lenders brace for slower growth", .analysis),
    .init("Opinion | The bank should hold its nerve", "The bank should hold its nerve", .opinion),
    .init("Opinion: Why the canal matters", "Why the canal matters", .opinion),
    .init("Opinion | why the port deal matters", "Why the port deal matters", .opinion),
    .init("Breakingviews - Chipmaker's bet needs patience", "Chipmaker's bet needs patience", .opinion),
    .init("Explainer: How the new visa rules work", "How the new visa rules work", .explainer),
    .init("Factbox: Who is running for governor", "Who is running for governor", .factbox),
    .init("Exclusive: Airline weighs sale of cargo arm", "Airline weighs sale of cargo arm", .exclusive),
    .init("EXCLUSIVE-Miner in talks over nickel stake", "Miner in talks over nickel stake", .exclusive),
    .init(
        "Exclusive-Regional lenders weigh merger - sources", "Regional lenders weigh merger - sources", .exclusive),
    .init("UPDATE 2-Typhoon shuts ports in the south", "Typhoon shuts ports in the south", .update),
    .init("REFILE-Central bank holds rates", "Central bank holds rates", .update),
    .init("CORRECTED-Exports rise for a third month", "Exports rise for a third month", .correction),
    .init("UPDATE 1-EXCLUSIVE-Carmaker to cut jobs", "Carmaker to cut jobs", .exclusive),
    .init("Watch: Crowds greet the returning crew", "Crowds greet the returning crew", .watch),
    .init("[WATCH] Volcano erupts near a village", "Volcano erupts near a village", .watch),
    .init("See pics: Lantern festival lights up the river", "Lantern festival lights up the river", .gallery),
    .init("In pictures: Monsoon floods the old town", "Monsoon floods the old town", .gallery),
    .init("LIVE: Election results as they come in", "Election results as they come in", .live),
    .init("Live updates: Typhoon nears the coast", "Typhoon nears the coast", .live),
    .init("Podcast: The week in Asian markets", "The week in Asian markets", .podcast),
    .init("Tennis-Local hope reaches the semi-final", "Local hope reaches the semi-final", .sport),
    .init("Motor racing-Rookie takes pole in the rain", "Rookie takes pole in the rain", .sport),
    .init("Soccer-Harbour City sign a new striker", "Harbour City sign a new striker", .sport),
    // Wire slugs.
    .init("INFOSYS-India's outsourcer lifts its forecast", "India's outsourcer lifts its forecast"),
    .init("CHINA-TAIWAN/ Beijing holds drills near the strait", "Beijing holds drills near the strait"),
    .init("US-CHINA-TRADE/ Negotiators meet again", "Negotiators meet again"),
    .init("AFRICA-FX-Kenya's shilling steadies", "Kenya's shilling steadies"),
    .init("GLOBAL MARKETS-Stocks slip as yields climb", "Stocks slip as yields climb"),
    .init("SHIPPING-Freight rates ease on weak demand", "Freight rates ease on weak demand"),
    // Outlets and media labels after the headline.
    .init("Ferry services resume after storm - Reuters", "Ferry services resume after storm"),
    .init("Ferry services resume after storm | Reuters", "Ferry services resume after storm"),
    .init("Ferry services resume after storm - CNA", "Ferry services resume after storm"),
    .init("Ferry services resume after storm (AFP)", "Ferry services resume after storm"),
    .init("Market chief steps down - ロイター", "Market chief steps down"),
    .init("Flood waters recede in the delta (video)", "Flood waters recede in the delta", .watch),
    .init("The week in wildlife – in pictures", "The week in wildlife", .gallery),
    .init("Typhoon nears the coast: live updates", "Typhoon nears the coast", .live),
    .init("Opinion | Rates are too high - The Guardian", "Rates are too high", .opinion),
]

/// Headlines that only look labelled: each must stay as it is, with no label.
let copyDeskKeptHeadlines: [String] = [
    "US-China talks resume in Geneva",
    "US-South Korea drills are scaled back",
    "EU-Japan trade pact takes effect",
    "COVID-19 cases rise in the northern province",
    "K-pop band announces a world tour",
    "G7-led fund pledges more aid",
    "AI-driven trading draws scrutiny",
    "AI-Driven Trading Draws Scrutiny",
    "NATO-Led Mission Is Extended",
    "COVID-Era Rules Are Dropped",
    "US FDA-Approved Drug Is Recalled",
    "NEW YORK-Based Fund Buys Port Stake",
    "ZEW-Barometer steigt erneut",
    "LIVE music returns to the harbour front",
    "Live-streamed concert draws millions",
    "North Korea: what's next after the summit",
    "Climate damage: the next hit to public finances",
    "Watchdog fines bank over data leaks",
    "Report: Striker set to join rivals",
    "Focus on exports lifts shares",
    "Update on the rail strike expected today",
    "Oil - the new gold - divides the cabinet",
    "Bank shares slip - analysts see slower growth",
    "NORTH KOREA FIRES MISSILE INTO SEA",
    "UAE Stocks close mixed",
    "S&P 500 slips as oil rises",
    "US 30-year yields hit highest since 2007",
    "Golf-course plans anger residents",
    "Golf-Course Plans Anger Residents",
    "BAFIN-Chef Tritt Zurück",
]

/// One text and what it must become.
struct CopyDeskCase: CustomTestStringConvertible, Sendable {
    let text: String
    let expected: String

    init(_ text: String, _ expected: String) {
        self.text = text
        self.expected = expected
    }

    /// A text that must come out as it went in.
    init(unchanged text: String) {
        self.init(text, text)
    }

    var testDescription: String { String(text.prefix(60)) }
}

/// Datelines, and subjects and speakers that look like them.
let copyDeskDatelines: [CopyDeskCase] = [
    .init("SHANGHAI/BEIJING: Shares in the robot maker jumped.", "Shares in the robot maker jumped."),
    .init("SEOUL, Aug 20 (Reuters) - Exports rose for a fifth month.", "Exports rose for a fifth month."),
    .init("ZANDVOORT, Netherlands, Aug 21 : The champion took pole.", "The champion took pole."),
    .init("LONDON/NEW YORK, Aug 21 : A buyout firm weighs a sale.", "A buyout firm weighs a sale."),
    .init("AUSTIN, Texas, Aug 20 : A student found the flaw.", "A student found the flaw."),
    .init("SAN JOSE, Calif., Aug. 5 - Chip sales slowed.", "Chip sales slowed."),
    .init("TOKYO \u{2014} Bond yields hit a new high.", "Bond yields hit a new high."),
    .init("[SEOUL] Exports rose.", "Exports rose."),
    .init("NEW DELHI (AFP) - Monsoon rains eased.", "Monsoon rains eased."),
    .init("［東京\u{3000}１８日\u{3000}ロイター］ - 日経平均は反発した。", "日経平均は反発した。"),
    .init("【ワシントン共同】米政府は声明を出した。", "米政府は声明を出した。"),
    .init("BANGKOK: Schools held drills on Wednesday.", "Schools held drills on Wednesday."),
    .init("Aug 18 : Oil prices rose for a third session.", "Oil prices rose for a third session."),
    .init("Washington (CNN) \u{2014} The Senate voted.", "The Senate voted."),
    .init("MANCHESTER. England, Aug 20 : The visitors won.", "The visitors won."),
    .init(unchanged: "US: allies agree on the plan."),
    .init(unchanged: "US: Allies agree on the plan."),
    .init(unchanged: "NATO: Allies agree to spend more."),
    .init(unchanged: "UK \u{2014} the sixth-largest economy \u{2014} slowed."),
    .init(unchanged: "Washington - the city - is calm."),
    .init(unchanged: "Shares of the carmaker (AP) fell on Monday."),
    .init(unchanged: "Aug 18: Talks collapse."),
    .init(unchanged: "Aug 18 - Talks collapse."),
    .init(unchanged: "SEOUL Shares fell on Monday."),
    .init(unchanged: "NASA said the launch had slipped."),
    .init(unchanged: "[1] A study of alarm fatigue."),
]

/// Crossheads run into a sentence, and capitals that open a sentence of their own.
let copyDeskCrossheads: [CopyDeskCase] = [
    .init(
        "HARVEST FALLS SHORT The rice crop was the smallest in a decade.", "The rice crop was the smallest in a decade."
    ),
    .init("'NOT A SINGLE ONE' But officials said the count was wrong.", "But officials said the count was wrong."),
    .init("EYES ON YEN The currency firmed on Friday.", "The currency firmed on Friday."),
    .init("5/TESTING THE WATERS Voters go to the polls.", "Voters go to the polls."),
    .init("TALKS STALL AGAIN U.S. President Roe said little.", "U.S. President Roe said little."),
    .init("A ROBOT MAKER'S PLAN A Shenzhen firm showed its model.", "A Shenzhen firm showed its model."),
    .init("WHY HAVE PRICES RISEN?", ""),
    .init("MIND THE TAX GAP", ""),
    .init("'WE'VE LOST A LOT'", ""),
    .init(unchanged: "NATO."),
    .init(unchanged: "US FDA."),
    .init(unchanged: "US FDA Commissioner Jane Roe resigned."),
    .init(unchanged: "IMF staff reached a deal."),
    .init(unchanged: "BYD shares rose 3%."),
    .init(unchanged: "GDP GROWTH slowed in the quarter."),
    .init(unchanged: "SINGLE- OR TWIN-ENGINE PLANES planes were grounded."),
    .init(unchanged: "NATO allies met in Brussels."),
]

/// Stray spaces around punctuation.
let copyDeskSpacing: [CopyDeskCase] = [
    .init("He died at the age of 97 , as his family said .", "He died at the age of 97, as his family said."),
    .init("A first point ; a second", "A first point; a second"),
    .init("She asked why ?", "She asked why?"),
    .init("Note : prices vary", "Note: prices vary"),
    .init("Words  with   gaps", "Words with gaps"),
    .init("It ended ( see below ) today", "It ended (see below) today"),
    .init("its \u{201C} moderately loose \u{201D} policy", "its \u{201C}moderately loose\u{201D} policy"),
    .init("its \" moderately loose \" policy", "its \"moderately loose\" policy"),
    .init("Growth hit 5 % in June.", "Growth hit 5% in June."),
    .init("Shares (CODE.N) , rivals (OTHER.O) .", "Shares (CODE.N), rivals (OTHER.O)."),
    .init("  leading and trailing  ", "leading and trailing"),
    .init("one line \n  next line", "one line\nnext line"),
    .init(unchanged: "The shop opens at 10 : 30 daily."),
    .init(unchanged: "He paused ... then left."),
    .init(unchanged: "A walk of 10\u{A0}km."),
    .init(unchanged: "A 5\" screen and a \"good\" deal"),
    .init(unchanged: "The set is 22\" long and 22\" wide."),
    .init("A 22\" screen, a \" good \" deal", "A 22\" screen, a \"good\" deal"),
]

/// Texts a publisher cut off, and what is whole in them.
let copyDeskWholeSentences: [(String, String?)] = [
    (
        "The storm made landfall on Tuesday. It flooded roads, killing at least 16 people and...",
        "The storm made landfall on Tuesday."
    ),
    (
        "The storm made landfall on Tuesday. It flooded roads, killing at least 16 people and\u{2026}",
        "The storm made landfall on Tuesday."
    ),
    (
        "The storm made landfall on Tuesday. It flooded roads, killing at least 16 people and [\u{2026}]",
        "The storm made landfall on Tuesday."
    ),
    (
        "The storm made landfall on Tuesday. It flooded roads, killing at least 16 people and",
        "The storm made landfall on Tuesday."
    ),
    ("The storm made landfall on Tuesday. It flooded roads,", "The storm made landfall on Tuesday."),
    ("The storm made landfall on Tuesday. It flooded roads near the bri", "The storm made landfall on Tuesday."),
    ("Talks resumed on Sunday. Here is what to know:", "Talks resumed on Sunday."),
    ("Prices rose. The plan was backed by Gen.", "Prices rose."),
    ("Prices rose.Rates held while the minist", "Prices rose."),
    ("First paragraph ends here.\n\nThe second one is cut off mid", "First paragraph ends here."),
    ("A byline fragment with no end", nil),
    ("", nil),
    ("Most exports went to the U.S.", "Most exports went to the U.S."),
    ("Brent rose 2%. Its price hit $94 a barrel, while U.S.", "Brent rose 2%."),
    ("\"We are ready,\" she said. \"It starts now.\"", "\"We are ready,\" she said. \"It starts now.\""),
    ("The index closed higher (up 2%).", "The index closed higher (up 2%)."),
    ("He paused... Then he left.", "He paused... Then he left."),
    ("Did it work? Nobody knows!", "Did it work? Nobody knows!"),
    ("会議が開かれた。結果は明日", "会議が開かれた。"),
]

/// Sentences and paragraphs run together, and look-alikes that must stay.
let copyDeskRunTogether: [CopyDeskCase] = [
    .init(
        "The ministry said so on Tuesday.The plan starts in May.",
        "The ministry said so on Tuesday. The plan starts in May."),
    .init("Exports went to the U.S.The rest went to Europe.", "Exports went to the U.S. The rest went to Europe."),
    .init("Sales fell in the UK.Prices rose.", "Sales fell in the UK. Prices rose."),
    .init("\u{201C}We are ready.\u{201D}Officials agreed.", "\u{201C}We are ready.\u{201D} Officials agreed."),
    .init("Shares rose 5%.In the bond market, yields fell.", "Shares rose 5%. In the bond market, yields fell."),
    .init(
        "It trained its models.\u{2022} The data includes emails.",
        "It trained its models. \u{2022} The data includes emails."),
    .init(
        "Filings showed the deal on FridayThe move sets the stage.",
        "Filings showed the deal on Friday. The move sets the stage."),
    .init(unchanged: "Visit Amazon.com today."),
    .init(unchanged: "See news.Example.org/A for more."),
    .init(unchanged: "Mail desk@Paper.Example.com now."),
    .init(unchanged: "J.K.Rowling wrote it."),
    .init(unchanged: "He earned an M.Sc in physics."),
    .init(unchanged: "Trading starts at 8 a.m.The bell rings."),
    .init(unchanged: "Profits rose at LinkedIn and BofA."),
    .init(unchanged: "She met iShares staff and PlayStation fans."),
    .init(unchanged: "Version 3.5 shipped. It works."),
    .init(unchanged: "He paused...Then he left."),
    .init(unchanged: "NEW DELHI (AFP) - Monsoon rains eased."),
]

@Suite("The copy desk")
struct CopyDeskTests {
    let desk = CopyDesk()

    @Test("the writer's own question or first person is not news; someone quoted asking or saying I is")
    func columnistsVoice() {
        #expect(CopyDesk.isColumnistsVoice("What does a good corporate succession plan really look like?"))
        #expect(CopyDesk.isColumnistsVoice("Growing up in Busan, it was hard for me not to love the ferries."))
        #expect(CopyDesk.isColumnistsVoice("I have covered the port for a decade."))
        #expect(!CopyDesk.isColumnistsVoice("\u{201C}Why would we leave now?\u{201D} the mayor asked."))
        #expect(!CopyDesk.isColumnistsVoice("He asked: \"Who will pay for the new terminal?\""))
        #expect(!CopyDesk.isColumnistsVoice("\"I will not resign,\" the minister said on Tuesday."))
        #expect(!CopyDesk.isColumnistsVoice("The bank raised rates on Tuesday, citing a weak won."))
        #expect(!CopyDesk.isColumnistsVoice("World War I veterans marched in Seoul on Monday."))
        for news in [
            "'I will not resign,' the minister said on Tuesday.",
            "Travellers can apply online at www.imi.gov.my by Sept 30.",
            "The trial enrolled patients with stage I lung cancer.", "Traffic on I-95 was halted for two hours.",
            "I Stockholm öppnade hamnen en ny terminal på tisdagen.",
        ] {
            #expect(!CopyDesk.isColumnistsVoice(news), "\(news)")
        }
    }

    @Test("a contact line with an e-mail address is not news; an address in the news or an @handle stays")
    func emailAddress() {
        #expect(CopyDesk.hasEmailAddress("Write to me at desk.editor@news.example Also, the ferry sails at night."))
        #expect(!CopyDesk.hasEmailAddress("The minister posted on X as @harbourmin on Tuesday."))
        #expect(!CopyDesk.hasEmailAddress("The ferry leaves Busan at 11 p.m."))
        #expect(!CopyDesk.hasEmailAddress("The scam mails came from support@harbour-bank.example, police said."))
        #expect(CopyDesk.hasEmailAddress("Tell us what worked for you by emailing desk@news.example ."))
    }

    @Test("an explainer's sentence that only presents what follows goes; one that says something stays")
    func presentation() {
        let desk = CopyDesk()
        #expect(desk.sentence("Here's a look at how ties between Seoul and Washington have evolved.") == "")
        #expect(desk.sentence("Here is a timeline of the border dispute.") == "")
        #expect(desk.sentence("Here's what we know about the recall.") == "")
        // After a colon come the facts: the lead-in goes, they stay.
        #expect(
            desk.sentence("Here's what we know: Five people were killed and 30 injured in the blast on Tuesday.")
                == "Five people were killed and 30 injured in the blast on Tuesday.")
        for kept in [
            "Here is a look inside the plant, where 4,000 workers build 300 cars a day, the company said.",
            "Here are the ferries that will sail at night.",
            "Here's what we know about the crash that killed 179 people at the airport.",
        ] {
            #expect(desk.sentence(kept) == kept)
        }
    }

    @Test(
        "labels, wire tags, slugs and outlet tags come off a headline, and the label is kept",
        arguments: copyDeskStrippedHeadlines)
    func strippedHeadline(_ item: CopyDeskHeadlineCase) {
        let result = desk.headline(item.title)
        #expect(result.text == item.text)
        #expect(result.label == item.label)
    }

    @Test("a headline that only looks labelled stays as it is", arguments: copyDeskKeptHeadlines)
    func keptHeadline(_ title: String) {
        let result = desk.headline(title)
        #expect(result.text == title)
        #expect(result.label == nil)
    }

    @Test("a German compound stays even when its first part is long; an English slug that long goes")
    func compoundingLanguage() {
        #expect(CopyDesk(language: "de").headline("STOXX-Index steigt").text == "STOXX-Index steigt")
        #expect(CopyDesk(language: "de-AT").headline("BAFIN-Chef tritt ab").text == "BAFIN-Chef tritt ab")
        #expect(desk.headline("BAFIN-Chief steps down").text == "Chief steps down")
    }

    @Test("the article's own outlet is stripped from the end of its headline, another name is not")
    func sourceTag() {
        #expect(desk.headline("Rail link opens - Harbour Gazette", source: "Harbour Gazette").text == "Rail link opens")
        #expect(desk.headline("Rail link opens - Harbour Gazette").text == "Rail link opens - Harbour Gazette")
    }

    @Test("a gallery's standing title keeps its words and says it is a gallery")
    func galleryTitle() {
        #expect(desk.headline("Pictures of the day | 21 August") == ("Pictures of the day | 21 August", .gallery))
        #expect(
            desk.headline("Asia in pictures: lanterns and lions") == ("Asia in pictures: lanterns and lions", .gallery))
    }

    @Test("a label with nothing after it is left alone")
    func bareLabel() {
        #expect(desk.headline("Analysis:").text == "Analysis:")
        #expect(desk.headline("Opinion |").text == "Opinion |")
    }

    @Test("labels sort into writing about events and media")
    func labelKinds() {
        #expect(HeadlineLabel.allCases.filter(\.isCommentary) == [.analysis, .opinion, .explainer, .factbox, .review])
        #expect(HeadlineLabel.allCases.filter(\.isMedia) == [.watch, .gallery, .podcast])
    }

    @Test(
        "a dateline opening a sentence goes; a subject, a speaker or a timeline's date stays",
        arguments: copyDeskDatelines)
    func dateline(_ item: CopyDeskCase) {
        #expect(desk.sentence(item.text) == item.expected)
    }

    @Test("the summarizer's dateline rule is the one the desk uses", arguments: copyDeskDatelines)
    func segmenterDateline(_ item: CopyDeskCase) {
        // The crosshead and spacing rules do not touch these, so both give the same.
        #expect(SentenceSegmenter.removingDateline(from: item.text) == item.expected)
    }

    @Test("a crosshead run into a sentence goes; capitals that open a sentence stay", arguments: copyDeskCrossheads)
    func crosshead(_ item: CopyDeskCase) {
        #expect(desk.sentence(item.text) == item.expected)
    }

    @Test("a wire's lead-in to the story's details goes; a list, someone's text, a time or a second sentence stay")
    func leadIn() {
        #expect(
            desk.sentence(
                "Below are details from the port authority's statement released on Monday: The new berth can "
                    + "take the largest container ships, the authority said.")
                == "The new berth can take the largest container ships, the authority said.")
        #expect(desk.sentence("Following are highlights of the minister's budget speech:") == "")
        #expect(
            desk.sentence("Here are some details: \u{2022} The mill will close in March, the company said.")
                == "The mill will close in March, the company said.")
        #expect(
            desk.sentence("Here\u{2019}s what to know: The talks are at an early stage and may not lead to a deal.")
                == "The talks are at an early stage and may not lead to a deal.")
        let unchanged = [
            // A colon that continues its sentence, a list of names, someone's text presented.
            "Here is the point: the bank has no room left to cut rates this year.",
            "Here are the winners: Samsung, LG and Hyundai.",
            "Following is the statement from the junta: The election was rigged by the opposition parties.",
            // Details of someone's text that do not say whose they are.
            "Here are some details from the junta's statement: The election was rigged by the opposition parties.",
            // A time is not a lead-in's colon; a second sentence is not part of the lead-in.
            "Here are details of the 3:40 a.m. quake that hit the coast on Tuesday, the agency said.",
            "Here are the details of the typhoon. Landfall is expected at 10: 00 local time, the agency said.",
            // A minus sign is not a bullet.
            "Here are some details: -5C was the low in Seoul on Tuesday, the weather agency said.",
            "Belowground water levels fell: Officials blamed the long drought.",
            "Here are some details of " + Array(repeating: "many", count: 31).joined(separator: " ")
                + " things: The rest stays as it is in the copy.",
        ]
        for sentence in unchanged { #expect(desk.sentence(sentence) == sentence, "\(sentence)") }
        let german = "Here are some details: The German desk keeps the whole sentence as it is."
        #expect(CopyDesk(language: "de").sentence(german) == german)
    }

    @Test("text in other scripts and spaces passes through (an ideographic space ends a word too)")
    func otherScripts() {
        let japanese = "［東京\u{3000}１８日\u{3000}ロイター］ - 日経平均は反発した。"
        #expect(desk.repairingRunTogether(japanese) == japanese)
        #expect(desk.sentence("東京\u{3000}株価は上昇した。") == "東京\u{3000}株価は上昇した。")
        #expect(desk.sentence("ＡＢＣ\u{3000}株価\u{3000}ＧＨＩ Ｊｋｌ") == "ＡＢＣ\u{3000}株価\u{3000}ＧＨＩ Ｊｋｌ")
    }

    @Test("a bullet before a sentence goes")
    func bullet() {
        #expect(desk.sentence("\u{2022} The data includes emails.") == "The data includes emails.")
    }

    @Test(
        "stray spaces around punctuation go; a time, an ellipsis and a no-break space stay", arguments: copyDeskSpacing)
    func spacing(_ item: CopyDeskCase) {
        #expect(desk.tidyingSpaces(item.text) == item.expected)
    }

    @Test("French keeps its space before a colon, semicolon, exclamation and question mark")
    func frenchSpacing() {
        let french = CopyDesk(language: "fr")
        #expect(
            french.tidyingSpaces("Droits de douane : le Canada riposte !") == "Droits de douane : le Canada riposte !")
        #expect(french.tidyingSpaces("un accord , dit-il .") == "un accord, dit-il.")
        #expect(desk.tidyingSpaces("Tariffs : Canada hits back !") == "Tariffs: Canada hits back!")
    }

    @Test("a cut-off text gives only its whole sentences, or nothing", arguments: copyDeskWholeSentences)
    func wholeSentences(text: String, expected: String?) {
        #expect(desk.wholeSentences(text) == expected)
    }

    @Test("run-together sentences are separated; addresses, initials and names are not", arguments: copyDeskRunTogether)
    func runTogether(_ item: CopyDeskCase) {
        #expect(desk.repairingRunTogether(item.text) == item.expected)
    }

    @Test("a crosshead run into its paragraph is put on its own line, which the desk then drops")
    func crossheadLine() throws {
        let paragraph = "FAST GROWTH, HIGHER MARGINS Pouches sold well in the quarter. Margins rose."
        let repaired = desk.repairingRunTogether(paragraph)
        #expect(repaired == "FAST GROWTH, HIGHER MARGINS\nPouches sold well in the quarter. Margins rose.")
        let sentences = SentenceSegmenter().sentences(in: repaired).map(desk.sentence).filter { !$0.isEmpty }
        #expect(sentences == ["Pouches sold well in the quarter.", "Margins rose."])
    }

    @Test("a body from the wire comes out as clean sentences")
    func wholeBody() {
        let body = """
            A view of the harbour at dusk on Monday. REUTERS/File Photo
            SEOUL, Aug 21 : The central bank held its key rate at 2.5 % on Thursday , as expected.The won firmed.
            RATES ON HOLD FOR NOW Economists expect a cut in October.
            """
        let repaired = body.split(separator: "\n").map { desk.repairingRunTogether(String($0)) }.joined(separator: "\n")
        let sentences = SentenceSegmenter().sentences(in: repaired).map(desk.sentence).filter { !$0.isEmpty }
        #expect(
            sentences == [
                "A view of the harbour at dusk on Monday.", "REUTERS/File Photo",
                "The central bank held its key rate at 2.5% on Thursday, as expected.", "The won firmed.",
                "Economists expect a cut in October.",
            ])
    }
}
