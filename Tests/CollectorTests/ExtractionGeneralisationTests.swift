import Foundation
import Testing

@testable import Collector

/// Pages built the ways real pages are, none taken from the benchmark: other scripts, a forum and
/// a blog, a story only in JSON-LD, prose in bare `<div>`s, link lists that outweigh the story,
/// and markup that defeats the structural scorer. The story must come out, and never nothing.
@Suite("Extraction that holds on pages of every build")
struct ExtractionGeneralisationTests {
    /// Menus, a link-list sidebar and a footer of the sort every page carries, in any language.
    static func furniture(_ body: String, lang: String = "en", head: String = "") -> String {
        """
        <!DOCTYPE html><html lang="\(lang)"><head><meta charset="utf-8"><title>Page</title>\(head)</head><body>
        <div id="top"><ul class="menu"><li><a href="/">Home</a></li><li><a href="/a">Politics</a></li>
        <li><a href="/b">Business</a></li><li><a href="/c">Culture</a></li><li><a href="/d">Sport</a></li></ul></div>
        \(body)
        <div class="links"><h3>More</h3><ul><li><a href="/1">First other story about the harbour works</a></li>
        <li><a href="/2">Second other story about the ferry timetable</a></li>
        <li><a href="/3">Third other story about the river crossing</a></li></ul></div>
        <div id="bottom"><a href="/about">About us</a> | <a href="/terms">Terms</a> | <a href="/privacy">Privacy</a></div>
        </body></html>
        """
    }

    static func paragraphs(of html: String) -> [String] {
        HTMLArticleExtractor().extract(Data(html.utf8)).cleaned.paragraphs
    }

    // MARK: Other scripts

    static let japanese = [
        "川沿いの町では、今年の夏に新しい渡し船が運航を始めることになった。町の担当者によると、朝と夕方に一日八便を出す予定だという。",
        "これまで住民は橋まで二キロほど歩く必要があり、高齢者からは不便だという声が多く寄せられていた。",
        "船は電動で、一度に十二人まで乗ることができる。運賃は大人百円、子どもは無料とする方針だ。",
    ]

    @Test("Japanese prose is found by its characters, not by words between spaces")
    func japanesePage() {
        let body = """
            <div class="wrap"><div class="kiji"><h2>渡し船が運航へ</h2>
            \(Self.japanese.map { "<p>\($0)</p>" }.joined(separator: "\n"))
            </div></div>
            """
        #expect(Self.paragraphs(of: Self.furniture(body, lang: "ja")) == ["渡し船が運航へ"] + Self.japanese)
    }

    static let thai = [
        "ชาวบ้านริมแม่น้ำรวมตัวกันปลูกต้นไม้ตามตลิ่งเพื่อป้องกันดินพังในฤดูฝนที่จะมาถึงนี้ โดยมีนักเรียนจากโรงเรียนใกล้เคียงมาช่วยกันอย่างคึกคัก",
        "ผู้ใหญ่บ้านกล่าวว่าปีที่แล้วน้ำกัดเซาะตลิ่งไปเกือบสามเมตร และหวังว่ารากของต้นไม้จะช่วยยึดดินไว้ได้ในระยะยาว",
    ]

    @Test("Thai prose, written without spaces between words, comes out whole")
    func thaiPage() {
        let body = """
            <main><section class="content-area">
            \(Self.thai.map { "<p>\($0)</p>" }.joined(separator: "\n"))
            </section></main>
            """
        #expect(Self.paragraphs(of: Self.furniture(body, lang: "th")) == Self.thai)
    }

    // MARK: Forums and blogs

    static let post = [
        "I have been restoring an old wooden dinghy over the winter, and the transom has soft spots near the drain hole.",
        "Has anyone here cut out rotten plywood and scarfed in a new piece, or is it better to replace the whole panel?",
    ]
    static let reply = [
        "I scarfed a new piece into mine two years ago, using a ratio of about eight to one, and it is still sound.",
        "Take your time with the bevel, keep the epoxy thin, and clamp it gently so you do not squeeze it all out.",
    ]

    @Test("a forum thread gives its posts, not the board's menus, breadcrumbs or post actions")
    func forumThread() {
        let body = """
            <div class="forum-container"><div class="breadcrumbs"><a href="/">Forum</a> › <a href="/boats">Boats</a></div>
            <div class="thread">
              <div class="message" id="post-1"><div class="user-card"><a href="/u/1">tidewater</a><span>Posts: 12</span></div>
                <div class="message-body">\(Self.post.joined(separator: "<br><br>"))</div>
                <div class="message-actions"><a href="#">Reply</a> <a href="#">Quote</a> <a href="#">Report</a></div></div>
              <div class="message" id="post-2"><div class="user-card"><a href="/u/2">oarlock</a><span>Posts: 340</span></div>
                <div class="message-body">\(Self.reply.joined(separator: "<br><br>"))</div>
                <div class="message-actions"><a href="#">Reply</a> <a href="#">Quote</a> <a href="#">Report</a></div></div>
            </div></div>
            """
        // Lines kept apart by a blank line come out as one block of text: the words are the same.
        let text = Self.paragraphs(of: Self.furniture(body)).joined(separator: " ")
        let posts = (Self.post + Self.reply).joined(separator: " ")
        #expect(text.hasPrefix(Self.post.joined(separator: " ")))
        #expect(text.replacingOccurrences(of: "oarlockPosts: 340 ", with: "") == posts)
        #expect(!text.contains("Report") && !text.contains("Forum") && !text.contains("tidewater"))
    }

    static let blog = [
        "Sourdough needs three things more than any recipe: a lively starter, patience, and a warm corner of the kitchen.",
        "I feed my starter twice a day for two days before baking, and I only mix the dough when it doubles in four hours.",
        "The long cold rise overnight in the fridge is what gives the crumb its open holes and the crust its tang.",
    ]

    @Test("a blog post comes without its sidebar widgets and comment form")
    func blogPost() {
        let body = """
            <div class="site"><div class="primary"><div class="entry">
              <h2>Three things sourdough needs</h2>
              \(Self.blog.map { "<p>\($0)</p>" }.joined(separator: "\n"))
              <div class="tags">Tagged: <a href="/t/bread">bread</a>, <a href="/t/baking">baking</a></div>
            </div>
            <div id="respond"><h3>Leave a reply</h3><form><textarea name="c"></textarea><button>Post comment</button></form></div>
            </div>
            <div class="widget-area"><h3>Archives</h3><ul><li><a href="/2026/05">May 2026</a></li><li><a href="/2026/04">April 2026</a></li>
              <li><a href="/2026/03">March 2026</a></li></ul><h3>Categories</h3><ul><li><a href="/c/bread">Bread</a></li>
              <li><a href="/c/cakes">Cakes</a></li></ul></div></div>
            """
        #expect(Self.paragraphs(of: Self.furniture(body)) == ["Three things sourdough needs"] + Self.blog)
    }

    // MARK: The page's own structure

    static let structuredBody = [
        "The county opened its first public library in a converted grain store on Saturday, after four years of fundraising.",
        "Volunteers catalogued more than nine thousand donated books, and the reading room will stay open until eight.",
    ]

    @Test("a story that is only in JSON-LD articleBody (a script renders the page) is read from there")
    func jsonLDOnly() throws {
        let ld: [String: Any] = [
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Library opens in grain store",
            "articleBody": Self.structuredBody.joined(separator: "\n"),
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: ld), as: UTF8.self)
        let html = Self.furniture(
            "<div id=\"app\"><noscript>Please enable JavaScript.</noscript></div>",
            head: "<script type=\"application/ld+json\">\(json)</script>")
        #expect(Self.paragraphs(of: html) == Self.structuredBody)
    }

    @Test("an articleBody that holds the story's markup gives its paragraphs, not its tags")
    func jsonLDMarkup() {
        let markup = Self.structuredBody.map { "<p>\($0)</p>" }.joined()
        #expect(HTMLArticleExtractor.paragraphs(ofArticleBody: markup) == Self.structuredBody)
        #expect(
            HTMLArticleExtractor.paragraphs(ofArticleBody: Self.structuredBody.joined(separator: "\n"))
                == Self.structuredBody)
    }

    @Test("microdata's itemprop articleBody marks the story among boxes that look like it")
    func microdata() {
        let body = """
            <div class="col"><div class="teaser"><p>A longer teaser for another story, about the new bus routes through the valley, with a comma or two, and more.</p></div>
            <div itemprop="articleBody">\(Self.structuredBody.map { "<p>\($0)</p>" }.joined())</div></div>
            """
        #expect(Self.paragraphs(of: Self.furniture(body)) == Self.structuredBody)
    }

    @Test("prose in bare <div>s, with no <p> at all, is found")
    func divProse() {
        let body = """
            <div class="page"><div class="main-col">
            \(Self.blog.map { "<div>\($0)</div>" }.joined(separator: "\n"))
            </div><div class="side"><div><a href="/x">Popular: the best bread knives</a></div></div></div>
            """
        #expect(Self.paragraphs(of: Self.furniture(body)) == Self.blog)
    }

    @Test("link lists that outweigh the story are left out and the story stays")
    func heavyLinkLists() {
        let list = (1...40).map {
            "<li><a href=\"/s/\($0)\">Another headline number \($0) about the week's events</a></li>"
        }
        .joined()
        let body = """
            <div class="layout"><div class="rail"><ul>\(list)</ul></div>
            <div class="story">\(Self.structuredBody.map { "<p>\($0)</p>" }.joined())</div>
            <div class="rail"><ul>\(list)</ul></div></div>
            """
        #expect(Self.paragraphs(of: Self.furniture(body)) == Self.structuredBody)
    }

    @Test("a column of <article> cards for other stories is a list, not the story, however much it says")
    func articleCards() {
        let cards = (0..<6).map { number in
            """
            <article class="card"><h3><a href="/s\(number)">Other story \(number)</a></h3><p>A teaser for another story, \
            number \(number), with a comma, and a few words about the week in the valley towns.</p></article>
            """
        }.joined()
        let body = """
            <div class="wrap"><div class="col-a">\(ExtractionStructureTests.prose.map { "<p>\($0)</p>" }.joined())</div>
            <div class="col-b">\(cards)</div></div>
            """
        #expect(Self.paragraphs(of: Self.furniture(body)) == ExtractionStructureTests.prose)
    }

    @Test("the lead that the page's description repeats anchors the story over longer comments")
    func leadAnchorsStory() {
        let comments = (1...3).map { number in
            "<div class=\"post\"><div class=\"content\">Reader \(number) writes: \(Self.blog.joined(separator: " "))</div></div>"
        }.joined()
        let html = """
            <html><head><meta property="og:description" content="\(Self.structuredBody[0])"></head><body>
            <div class="article"><div class="content">\(Self.structuredBody.joined(separator: "<br><br>"))</div></div>
            <div class="discussion">\(comments)</div></body></html>
            """
        #expect(Self.paragraphs(of: html) == [Self.structuredBody.joined(separator: " ")])
    }

    // MARK: Never nothing

    @Test("a page wrapped in a form, its story in a box named like a sidebar, still gives its prose")
    func defeatingMarkup() {
        let html = """
            <html><body><form id="aspnetForm" action="/page.aspx"><input type="hidden" name="state" value="x">
            <div class="sidebar-layout"><div class="sidebar-main">
            \(Self.structuredBody.map { "<span class=\"txt\">\($0)</span><br><br>" }.joined())
            </div></div></form></body></html>
            """
        #expect(Self.paragraphs(of: html) == [Self.structuredBody.joined(separator: " ")])
    }

    @Test("when every box is named like boilerplate, the longest run of prose stands in")
    func longestRunFallback() {
        let html = Self.furniture(
            """
            <div class="share-wrapper"><div class="related-content">
            \(Self.japanese.map { "<p>\($0)</p>" }.joined())
            </div></div>
            """, lang: "ja")
        #expect(Self.paragraphs(of: html) == Self.japanese)
    }

    @Test(
        "no page with prose comes out empty",
        arguments: [
            "<html><body><div>\(blog[0])</div></body></html>",
            "<html><body><aside><p>\(blog[0])</p><p>\(blog[1])</p></aside></body></html>",
            "<html><body><nav><p>\(blog[0])</p></nav></body></html>",
            "<html><body><header><div class=\"header\">\(japanese[0])</div></header></body></html>",
            "<html><body><footer><p>\(thai[0])</p></footer></body></html>",
            "<html><body><table><tr><td class=\"ad-cell\">\(blog[1])</td></tr></table></body></html>",
            "<html><body><div class=\"comments\"><div class=\"comment\">\(post[0])</div></div></body></html>",
        ])
    func neverEmpty(html: String) {
        #expect(!Self.paragraphs(of: html).isEmpty)
    }

    @Test("a page with no prose at all may come out empty, but not with its menu")
    func noProse() {
        let html = Self.furniture("<div class=\"gallery\"><img src=\"a.jpg\"><img src=\"b.jpg\"></div>")
        #expect(!Self.paragraphs(of: html).contains { $0.contains("Politics") })
    }

    // MARK: Pieces

    @Test("prose is told by length, few links and a sentence's end in any script")
    func proseBlocks() {
        let block = { (text: String, links: Int) in
            ProseRuns.Block(
                parts: [text], characters: ProseRuns.visibleCharacters(text), linkCharacters: links)
        }
        #expect(ProseRuns.isProse(block(Self.blog[0], 0)))
        #expect(ProseRuns.isProse(block(Self.japanese[1], 0)))
        #expect(ProseRuns.isProse(block("「船は電動で、一度に十二人まで乗ることができる」と担当者は話した。」", 0)))
        #expect(!ProseRuns.isProse(block("Home Politics Business Culture Sport", 0)))
        #expect(!ProseRuns.isProse(block(Self.blog[0], ProseRuns.visibleCharacters(Self.blog[0]))))
    }

    @Test("the page tree keeps text, the attributes it reads and JSON-LD, and drops script and style bodies")
    func pageTree() {
        let html = """
            <html lang="de"><head><style>p { color: red }</style><script>var a = "<p>not text</p>";</script>
            <script type="application/ld+json">{"@type":"NewsArticle"}</script><!-- <script>x</script> -->
            <meta data-a="1" property="og:title" onload="x()" content='Title "quoted"'>
            <link rel=canonical data-b="a > b" href="https://example.test/a"></head>
            <body><p class="Lead" id="x">Zwei &amp; drei</p>
            <p title="a <script> in a value" data-x='>'>Vier und fünf</p><script>var b = 1;</script></body></html>
            """
        let page = PageTree(parsing: Data(html.utf8), encoding: nil)
        let texts = page.nodes.filter(\.isText).map(\.text)
        #expect(texts.contains("Zwei & drei"))
        #expect(texts.contains("Vier und fünf"))
        #expect(texts.contains("{\"@type\":\"NewsArticle\"}"))
        #expect(!texts.contains { $0.contains("color") || $0.contains("not text") })
        let paragraph = page.nodes.indices.first { page.nodes[$0].name == "p" }
        #expect(paragraph.flatMap { page.attribute(.class, of: $0) } == "Lead")
        // Attributes the extractor reads survive the scan that leaves the others out before parsing.
        let meta = page.nodes.indices.first { page.nodes[$0].name == "meta" }
        #expect(meta.flatMap { page.attribute(.content, of: $0) } == "Title \"quoted\"")
        #expect(meta.flatMap { page.attribute(.property, of: $0) } == "og:title")
        let link = page.nodes.indices.first { page.nodes[$0].name == "link" }
        #expect(link.flatMap { page.attribute(.rel, of: $0) } == "canonical")
        #expect(link.flatMap { page.attribute(.href, of: $0) } == "https://example.test/a")
        #expect(
            page.nodes.indices.first { page.nodes[$0].name == "html" }.flatMap { page.attribute(.lang, of: $0) } == "de"
        )
    }
}
