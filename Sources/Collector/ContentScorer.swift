import Foundation

/// Finds an article page's story by the shape of its markup, in the style of readability and
/// trafilatura: paragraphs of prose score their ancestors (more for long text with commas, less
/// under many links), class and id names that say "article" or "comment" weigh in, and the best
/// container's blocks are read in order, leaving out link lists, menus and boilerplate boxes.
struct ContentScorer {
    /// One element or text of the page, in a flat array so scores can be kept per node.
    private struct Node {
        var name: String  // "#text" for text
        var isText = false
        /// What the element's tag is, looked up once per tag name of the page.
        var kind: TagKind = []
        var text: String = ""
        var names: String = ""  // class and id, lower case
        var parent: Int
        var children: [Int] = []
        var skipped = false
        var textLength = 0
        var linkLength = 0
        var score = 0.0
        var isArticleElement = false
        var unlikely = false
        var containsArticle = false
        var likelyName = false
    }

    /// The roles of a tag that scoring and reading ask about.
    struct TagKind: OptionSet {
        let rawValue: UInt8
        static let block = TagKind(rawValue: 1)
        static let paragraph = TagKind(rawValue: 2)
        static let box = TagKind(rawValue: 4)
        static let heading = TagKind(rawValue: 8)  // h2 to h6: headings inside a story
        static let anyHeading = TagKind(rawValue: 16)
        static let skipped = TagKind(rawValue: 32)

        init(rawValue: UInt8) { self.rawValue = rawValue }

        init(tag: String) {
            var kind: TagKind = []
            if ContentScorer.blockTags.contains(tag) { kind.insert(.block) }
            if ContentScorer.paragraphTags.contains(tag) { kind.insert(.paragraph) }
            if ContentScorer.boxTags.contains(tag) { kind.insert(.box) }
            if ContentScorer.headingTags.contains(tag) { kind.insert(.heading) }
            if ContentScorer.allHeadingTags.contains(tag) { kind.insert(.anyHeading) }
            if ContentScorer.skippedTags.contains(tag) { kind.insert(.skipped) }
            self = kind
        }
    }

    /// What a box's class and id names say about it.
    private struct NameTraits {
        /// A word that marks the story's own box (`article`, `content`, `post`, …).
        var likely = false
        /// A part that marks a box of its own kind (`comment`, `related`, `share`, …).
        var strong = false
        /// A part that names the story's body (`articlebody`, `story-body`, …).
        var articleBody = false
        /// A part or word that marks boilerplate.
        var unlikelyPart = false
        var unlikelyWord = false
        /// The names in lower case (kept for a class list, to reuse).
        var lowered = ""

        init() {}

        init(_ names: String) {
            guard !names.isEmpty else { return }
            // Word by word, without collecting them: this runs for every id on the page.
            let utf8 = names.utf8
            var start = utf8.startIndex
            while start < utf8.endIndex {
                var end = start
                while end < utf8.endIndex, !ContentScorer.isWordSeparator(utf8[end]) { end = utf8.index(after: end) }
                if end > start {
                    let word = Substring(utf8[start..<end])
                    if !likely, ContentScorer.likelyWords.contains(word) { likely = true }
                    if !unlikelyWord, ContentScorer.unlikelyWords.contains(word) { unlikelyWord = true }
                }
                start = end < utf8.endIndex ? utf8.index(after: end) : end
            }
            // Every part is looked for in one pass over the bytes, trying only the parts that
            // start with the byte at hand: this runs for every id on the page.
            let bytes = Array(names.utf8)
            for start in bytes.indices {
                for (pattern, kind) in NameTraits.parts[Int(bytes[start])]
                where start + pattern.count <= bytes.count
                    && bytes[start..<(start + pattern.count)].elementsEqual(pattern)
                {
                    switch kind {
                    case .strong: strong = true
                    case .articleBody: articleBody = true
                    case .unlikely: unlikelyPart = true
                    }
                }
            }
        }

        private enum PartKind { case strong, articleBody, unlikely }

        /// The parts to look for inside names, by their first byte.
        private static let parts: [[([UInt8], PartKind)]] = {
            var table = [[([UInt8], PartKind)]](repeating: [], count: 256)
            let kinds: [([String], PartKind)] = [
                (ContentScorer.strongBoilerplate, .strong), (ContentScorer.articleBodyParts, .articleBody),
                (ContentScorer.unlikelyParts, .unlikely),
            ]
            for (list, kind) in kinds {
                for part in list { table[Int(part.utf8.first ?? 0)].append((Array(part.utf8), kind)) }
            }
            return table
        }()

        mutating func formUnion(_ other: NameTraits) {
            likely = likely || other.likely
            strong = strong || other.strong
            articleBody = articleBody || other.articleBody
            unlikelyPart = unlikelyPart || other.unlikelyPart
            unlikelyWord = unlikelyWord || other.unlikelyWord
        }

        /// A likely name wins unless an unlikely one is a clear box of its own.
        var isUnlikely: Bool { likely ? strong && !articleBody : unlikelyPart || unlikelyWord }
    }

    /// Parts of names that name the story's body.
    private static let articleBodyParts = ["articlebody", "article-body", "article__body", "story-body"]

    private var nodes: [Node] = []
    private var classTraits: [String: NameTraits] = [:]
    private var tagKinds: [TagKind] = []

    init(page: PageTree) {
        nodes.reserveCapacity(page.nodes.count)
        nodes.append(Node(name: "#document", parent: -1))
        tagKinds = page.names.map(TagKind.init(tag:))
        add(page, childrenOf: 0, parent: 0, skipped: false)
        measure(0)
        protectStoryBoxes()
        // A box with an unlikely name is left out unless the story's own element, or a box named
        // like one, is inside it (pages wrap everything in boxes named like "page nav-open").
        for index in nodes.indices.reversed() where index > 0 {
            let node = nodes[index]
            let likely = !node.unlikely && node.likelyName
            if node.isArticleElement || node.containsArticle || likely {
                nodes[nodes[index].parent].containsArticle = true
            }
        }
        for index in nodes.indices where index > 0 {
            if nodes[nodes[index].parent].skipped {
                nodes[index].skipped = true
            } else if nodes[index].unlikely && !nodes[index].containsArticle {
                // Left out: its text no longer counts for the boxes around it.
                nodes[index].skipped = true
                let (text, links) = (nodes[index].textLength, nodes[index].linkLength)
                var ancestor = nodes[index].parent
                while ancestor >= 0 {
                    nodes[ancestor].textLength -= text
                    nodes[ancestor].linkLength = min(nodes[ancestor].linkLength - links, nodes[ancestor].textLength)
                    ancestor = nodes[ancestor].parent
                }
            }
        }
    }

    /// A box whose name says boilerplate but which holds most of the page's prose is the story's
    /// wrapper, whatever it is called ("page-header-wrap", a theme's "sidebar-layout"): it is kept
    /// as if the story's element were inside it. Names that say what the box is for (comments,
    /// related stories, sharing, newsletters, promotions, captions) still mark it out.
    private mutating func protectStoryBoxes() {
        // Prose per box: the text of paragraph-like elements under it with few links.
        var prose = [Int](repeating: 0, count: nodes.count)
        for index in nodes.indices.reversed() where index > 0 && !nodes[index].skipped && !nodes[index].isText {
            let node = nodes[index]
            let isParagraph =
                node.kind.contains(.paragraph) || (node.kind.contains(.box) && isInlineOnly(index))
            let own =
                isParagraph ? (node.textLength >= 25 && linkDensity(index) < 0.3 ? node.textLength : 0) : prose[index]
            prose[node.parent] += own
        }
        let total = prose[0]
        if total > 0 {
            for index in nodes.indices where nodes[index].unlikely && 2 * prose[index] >= total {
                if !Self.strongBoilerplate.contains(where: { nodes[index].names.includes($0) }) {
                    nodes[index].containsArticle = true
                }
            }
        }
    }

    // MARK: Building

    private static let skippedTags: Set<String> = [
        "nav", "header", "footer", "aside", "figure", "figcaption", "script", "style", "noscript", "form", "button",
        "svg", "iframe", "select", "template", "h1", "address", "menu", "dialog", "input", "label", "textarea",
        "object", "embed", "canvas", "video", "audio", "picture", "img", "head", "title", "meta", "link",
    ]

    /// Parts of names that say a box is something other than the story, whatever else it holds.
    private static let strongBoilerplate = ["comment", "related", "share", "social", "newsletter", "promo", "caption"]

    /// Elements that are never left out for their class names.
    private static let neverUnlikely: Set<String> = ["html", "body", "article", "main"]
    /// ARIA landmarks of a page's furniture.
    private static let boilerplateRoles: Set<String> = ["navigation", "complementary", "banner", "contentinfo"]

    /// Parts of class and id names that mark boxes which are never the story: distinctive enough
    /// to match inside longer names.
    private static let unlikelyParts = [
        "comment", "related", "share", "social", "newsletter", "subscribe", "signup", "sign-up", "promo", "advert",
        "sponsor", "breadcrumb", "byline", "caption", "recommend", "sidebar", "cookie", "toolbar", "popup",
        "modal", "masthead", "outbrain", "taboola", "disqus", "footer", "pagination", "carousel",
        "trending", "mostpopular", "most-popular", "tooltip", "login", "read-more", "readmore", "more-stories",
        "also-read", "next-article", "author-bio",
    ]
    /// Whole words of class and id names (split at spaces, `-` and `_`) that mark such boxes.
    private static let unlikelyWords: Set<Substring> = [
        "ad", "ads", "advertisement", "nav", "navbar", "navigation", "menu", "header", "tags", "tag", "print",
        "skip", "credit", "credits", "gallery", "meta", "author", "teaser", "rating", "banner", "dateline",
        "timestamp", "pager", "kicker", "topics", "keywords", "sr", "offscreen",
    ]
    /// Words that mark the story's own box, which keep a box even when an unlikely word appears.
    private static let likelyWords: Set<Substring> = [
        "article", "body", "content", "entry", "main", "post", "story", "text", "column", "blog", "articlebody",
        "story-body",
    ]

    private static func words(_ names: String) -> [Substring] {
        // Split on the UTF-8 bytes: splitting Characters was a measurable share of a page's time.
        names.utf8.split(whereSeparator: isWordSeparator).map { Substring($0) }
    }

    /// Class and id names are split into words at spaces, `-` and `_`.
    static func isWordSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x2D || byte == 0x5F || (0x09...0x0D).contains(byte)
    }

    /// ASCII letters in lower case; other characters as they are (class names are ASCII).
    static func asciiLowercased(_ text: String) -> String {
        guard text.utf8.contains(where: { (0x41...0x5A).contains($0) }) else { return text }
        return String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private mutating func add(_ page: PageTree, childrenOf pageIndex: Int, parent: Int, skipped: Bool) {
        var child = pageIndex + 1
        while child < page.nodes[pageIndex].end {
            defer { child = page.nodes[child].end }
            let element = page.nodes[child]
            let index = nodes.count
            if element.isText {
                var text = Node(name: "#text", text: element.text, parent: parent, skipped: skipped)
                text.isText = true
                text.textLength = element.visible
                nodes.append(text)
                nodes[parent].children.append(index)
                continue
            }
            // What the class and id names say, judged once per distinct class list (they repeat
            // through a page) and combined: every judgement is about one name or one word.
            let classValue = page.attribute(.class, of: child)
            let idValue = page.attribute(.id, of: child)
            var traits = NameTraits()
            var names = ""
            if let classValue {
                if let known = classTraits[classValue] {
                    traits = known
                } else {
                    let lowered = Self.asciiLowercased(classValue)
                    traits = NameTraits(lowered)
                    traits.lowered = lowered
                    classTraits[classValue] = traits
                }
                names = traits.lowered
            }
            if let idValue {
                let lowered = Self.asciiLowercased(idValue)
                traits.formUnion(NameTraits(lowered))
                names = names.isEmpty ? lowered : names + " " + lowered
            }
            let kind = element.nameID >= 0 ? tagKinds[element.nameID] : []
            var skip = skipped || kind.contains(.skipped)
            // A form can wrap a whole page (ASP.NET does): its controls are skipped by tag.
            if element.name == "form" { skip = skipped }
            var unlikely = false
            if !skip {
                if page.attribute(.hidden, of: child) != nil || page.attribute(.ariaHidden, of: child) == "true" {
                    skip = true
                }
                if let style = page.attribute(.style, of: child) {
                    let style = style.replacingOccurrences(of: " ", with: "").lowercased()
                    if style.includes("display:none") || style.includes("visibility:hidden") { skip = true }
                }
                if !names.isEmpty, !Self.neverUnlikely.contains(element.name) { unlikely = traits.isUnlikely }
                if let role = page.attribute(.role, of: child), Self.boilerplateRoles.contains(role) {
                    skip = true
                }
            }
            var node = Node(name: element.name, names: names, parent: parent, skipped: skip)
            node.kind = kind
            node.unlikely = unlikely
            node.likelyName = traits.likely
            node.isArticleElement =
                element.name == "article" || page.attribute(.itemprop, of: child) == "articleBody"
                || traits.articleBody
            nodes.append(node)
            nodes[parent].children.append(index)
            // A subtree skipped by its tag or as hidden is never read: no need to copy it.
            if !skip { add(page, childrenOf: child, parent: index, skipped: skip) }
        }
    }

    /// Text and link lengths bottom-up (skipped subtrees count nothing).
    @discardableResult
    private mutating func measure(_ index: Int) -> (Int, Int) {
        // Fields are read one by one: copying a node out of the array retains its strings.
        if nodes[index].skipped { return (0, 0) }
        if nodes[index].isText {
            // Characters that are not spaces, counted by the parser as it read them.
            return (nodes[index].textLength, 0)
        }
        var text = 0
        var links = 0
        let isLink = nodes[index].name == "a"
        var wrapsBlocks = false
        for position in nodes[index].children.indices {
            let child = nodes[index].children[position]
            let (childText, childLinks) = measure(child)
            text += childText
            links += childLinks
            if isLink, !wrapsBlocks, nodes[child].kind.contains(.block) { wrapsBlocks = true }
        }
        // A link wrapping blocks is markup gone wrong (an unclosed <a>), not a link list.
        if isLink, !wrapsBlocks { links = text }
        nodes[index].textLength = text
        nodes[index].linkLength = links
        return (text, links)
    }

    // MARK: Scoring

    private static let blockTags: Set<String> = [
        "p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "th", "div", "section",
        "article", "main", "ul", "ol", "dl", "table", "tbody", "tr", "center", "body", "details", "summary",
    ]
    private static let paragraphTags: Set<String> = ["p", "pre", "blockquote", "td", "dd"]

    private func linkDensity(_ index: Int) -> Double {
        let node = nodes[index]
        return node.textLength == 0 ? 0 : Double(node.linkLength) / Double(node.textLength)
    }

    /// True when an element holds only inline content (text, links, emphasis), no blocks.
    private func isInlineOnly(_ index: Int) -> Bool {
        nodes[index].children.allSatisfy { child in
            let node = nodes[child]
            return node.isText || node.skipped || !node.kind.contains(.block)
        }
    }

    private func classWeight(_ index: Int) -> Double {
        let names = nodes[index].names
        guard !names.isEmpty else { return 0 }
        var weight = 0.0
        let words = Self.words(names)
        if words.contains(where: Self.likelyWords.contains) { weight += 25 }
        if ["comment", "sidebar", "footer", "related", "promo", "share", "widget", "teaser"].contains(
            where: { names.includes($0) })
        {
            weight -= 25
        }
        return weight
    }

    /// The first characters of a text that are not spaces, to compare paragraphs with the page's
    /// summary in any script.
    static func key(_ text: String, length: Int = 32) -> String {
        var key = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars where !(scalar.value <= 0x20 || scalar.properties.isWhitespace) {
            key.append(scalar)
            count += 1
            if count == length { break }
        }
        return String(key)
    }

    /// The elements whose blocks make up the story, in document order. `lead` is the page's own
    /// summary (Open Graph or meta description): publishers take it from the story's first
    /// paragraph, so the paragraph that starts with it anchors the story.
    mutating func storyRoots(lead: String? = nil) -> [Int] {
        var leadKey = ""
        if let lead {
            var trimmed = lead
            while let last = trimmed.last, last == "." || last == "…" || last == " " { trimmed.removeLast() }
            leadKey = Self.key(trimmed)
            if leadKey.unicodeScalars.count < 32 { leadKey = "" }
        }
        var anchor = -1
        var isAnchorRun = false
        // Paragraph-like elements give their ancestors points.
        var scored: [Int] = []
        for index in nodes.indices where !nodes[index].skipped && !nodes[index].isText {
            let node = nodes[index]
            let isParagraph =
                node.kind.contains(.paragraph) || (node.kind.contains(.box) && isInlineOnly(index))
            var target = node.parent
            var length = node.textLength
            var commas = 0
            if isParagraph {
                guard node.textLength >= 25 else { continue }
                commas = countCommas(under: [index])
                if anchor < 0, !leadKey.isEmpty, node.textLength >= 32, starts([index], with: leadKey) {
                    anchor = index
                }
            } else {
                // Text written straight into a box between its blocks (`<div>text<br><br>text<p>…`)
                // counts as a paragraph of that box.
                guard node.kind.contains(.block) else { continue }
                let inline = node.children.filter { child in
                    let childNode = nodes[child]
                    return !childNode.skipped && (childNode.isText || !childNode.kind.contains(.block))
                }
                length = inline.reduce(0) { $0 + nodes[$1].textLength - nodes[$1].linkLength }
                guard length >= 25 else { continue }
                commas = countCommas(under: inline)
                target = index
                // A heading that repeats the description is a subheadline, not the story's lead.
                if anchor < 0, !leadKey.isEmpty, length >= 32, !node.kind.contains(.anyHeading),
                    starts(inline, with: leadKey)
                {
                    anchor = index
                    isAnchorRun = true
                }
            }
            var points = 1 + Double(commas) + min(Double(length) / 100, 3)
            if isParagraph { points *= 1 - linkDensity(index) }
            var ancestor = target
            var level = 0
            while ancestor > 0 && level < 3 {
                if nodes[ancestor].score == 0 { scored.append(ancestor) }
                nodes[ancestor].score += points / Double([1, 2, 3][level])
                ancestor = nodes[ancestor].parent
                level += 1
            }
        }
        let articleCount = nodes.reduce(0) { $0 + ($1.name == "article" && !$1.skipped ? 1 : 0) }
        var best = -1
        var bestScore = 0.0
        // `<article>` elements under each node: a box that holds several and is not one itself is a
        // list of stories (cards, a comment thread), never the story.
        var articlesUnder = [Int](repeating: 0, count: articleCount > 1 ? nodes.count : 0)
        if !articlesUnder.isEmpty {
            for index in nodes.indices.reversed() where index > 0 && !nodes[index].skipped {
                if nodes[index].name == "article" { articlesUnder[index] += 1 }
                articlesUnder[nodes[index].parent] += articlesUnder[index]
            }
        }
        for index in scored {
            var score = nodes[index].score + classWeight(index)
            // The story's own element, unless the page is a list of them (cards of other stories).
            if nodes[index].isArticleElement, nodes[index].name != "article" || articleCount <= 1 {
                score += 20
            }
            score *= 1 - linkDensity(index)
            if !articlesUnder.isEmpty, articlesUnder[index] >= 2, nodes[index].name != "article" { score = 0 }
            nodes[index].score = score
            if score > bestScore {
                bestScore = score
                best = index
            }
        }
        guard best > 0 else {
            // Nothing scored: the article element, main, or the body.
            if let article = nodes.indices.first(where: { nodes[$0].isArticleElement && !nodes[$0].skipped }) {
                return [article]
            }
            if let main = nodes.indices.first(where: { nodes[$0].name == "main" && !nodes[$0].skipped }) {
                return [main]
            }
            if let body = nodes.indices.first(where: { nodes[$0].name == "body" }) { return [body] }
            return [0]
        }
        // The paragraph that opens with the page's summary is the story's lead: when the best box
        // is elsewhere (comments longer than the story), the best box around the lead wins.
        var displaced = -1
        if anchor > 0, !isInside(anchor, best) {
            // The lead's own box: the paragraph's parent, or the box whose loose text it is.
            let box = isAnchorRun ? anchor : nodes[anchor].parent
            // Only a box that holds a real share of the story: a lone intro line above a long story
            // does not displace it.
            // A best box inside the lead's box is the story's body below its lead: it stays.
            if box > 0, !nodes[box].skipped, !isInside(best, box),
                Self.anchorShare * nodes[box].textLength >= nodes[best].textLength
            {
                displaced = best
                best = box
                bestScore = max(nodes[box].score, bestScore * 0.5)
            }
        }
        // A best candidate that is one of several similar siblings (a page split into sections)
        // widens to its parent when the parent's text is mostly prose of the same kind.
        var root = best
        let parent = nodes[root].parent
        if parent > 0, !nodes[parent].skipped, nodes[parent].name != "body",
            Double(nodes[root].textLength) < 0.6 * Double(nodes[parent].textLength), linkDensity(parent) < 0.25,
            nodes[parent].score >= bestScore * 0.4,
            // Not when the parent holds other <article>s: cards of other stories are no section of this one.
            articleCount <= 1 || articleElements(under: parent) == articleElements(under: root)
        {
            root = parent
        }
        // Siblings that read like more of the story join it (readability's sibling rule).
        var roots: [Int] = []
        var storyParagraphs = Set<String>()
        for child in nodes[root].children where nodes[child].kind.contains(.box) && isInlineOnly(child) {
            storyParagraphs.insert(nodes[child].name + " " + nodes[child].names)
        }
        let threshold = max(10, bestScore * 0.2)
        let grandparent = nodes[root].parent
        for sibling in (grandparent >= 0 ? nodes[grandparent].children : [root]) {
            if sibling == root {
                roots.append(sibling)
                continue
            }
            let node = nodes[sibling]
            guard !node.skipped, !node.isText else { continue }
            // The box the lead displaced (comments that outweighed the story) does not come back.
            if displaced > 0, isInside(displaced, sibling) { continue }
            var bonus = 0.0
            if !node.names.isEmpty, node.names == nodes[root].names { bonus = bestScore * 0.2 }
            if node.score + bonus >= threshold {
                roots.append(sibling)
            } else if node.name == "p" || storyParagraphs.contains(node.name + " " + node.names),
                node.textLength > 80, linkDensity(sibling) < 0.25
            {
                // A paragraph beside the story is story: a `<p>`, or a box marked up as the story's own
                // paragraphs are (pages that write paragraphs as `<div class="…paragraph">`).
                roots.append(sibling)
            }
        }
        return roots
    }

    /// Commas in the text under the nodes, in Latin and CJK scripts (`,` `，` `、`), counted on
    /// the UTF-8 bytes.
    private func countCommas(under indices: [Int]) -> Int {
        var commas = 0
        func visit(_ index: Int) {
            let node = nodes[index]
            if node.skipped { return }
            if node.isText {
                var previous: (UInt8, UInt8) = (0, 0)
                for byte in node.text.utf8 {
                    if byte == 0x2C {
                        commas += 1
                    } else if (previous == (0xEF, 0xBC) && byte == 0x8C) || (previous == (0xE3, 0x80) && byte == 0x81) {
                        commas += 1
                    }
                    previous = (previous.1, byte)
                }
                return
            }
            for child in node.children { visit(child) }
        }
        for index in indices { visit(index) }
        return commas
    }

    /// Whether the text under the nodes, read without its white space, starts with `key`: the
    /// comparison stops at the first character that differs.
    private func starts(_ indices: [Int], with key: String) -> Bool {
        var expected = key.unicodeScalars.makeIterator()
        var matched: Bool?  // nil while undecided
        func visit(_ index: Int) {
            guard matched == nil else { return }
            let node = nodes[index]
            if node.skipped { return }
            if node.isText {
                for scalar in node.text.unicodeScalars where !(scalar.value <= 0x20 || scalar.properties.isWhitespace) {
                    guard let next = expected.next() else {
                        matched = true
                        return
                    }
                    if next != scalar {
                        matched = false
                        return
                    }
                }
                return
            }
            if node.name == "br" { return }
            for child in node.children { visit(child) }
        }
        for index in indices { visit(index) }
        return matched ?? (expected.next() == nil)
    }

    /// The `<article>` elements at or under a node that are read.
    private func articleElements(under index: Int) -> Int {
        var count = 0
        func visit(_ index: Int) {
            if nodes[index].skipped || nodes[index].isText { return }
            if nodes[index].name == "article" { count += 1 }
            for child in nodes[index].children { visit(child) }
        }
        visit(index)
        return count
    }

    /// Whether `index` is `container` or inside it.
    private func isInside(_ index: Int, _ container: Int) -> Bool {
        var current = index
        while current >= 0 {
            if current == container { return true }
            current = nodes[current].parent
        }
        return false
    }

    // MARK: Reading the blocks

    private func plainText(_ index: Int) -> String {
        var text = ""
        func walk(_ index: Int) {
            let node = nodes[index]
            if node.skipped { return }
            if node.isText {
                text += node.text
            } else if node.name == "br" {
                text += " "
            } else {
                for child in node.children { walk(child) }
            }
        }
        walk(index)
        return text
    }

    /// The blocks of the story in order: paragraphs, headings, list items, quotes, each as text.
    ///
    /// `dek` is the page's summary: a block that repeats it and stands alone in its own box is the
    /// standfirst set above the story, not the story's first paragraph (which shares its box with
    /// the paragraphs after it), and is left out.
    func blocks(in roots: [Int], dek: String? = nil) -> [String] {
        var blocks: [String] = []
        for root in roots { collect(root, into: &blocks, dek: dek) }
        return blocks
    }

    private static let headingTags: Set<String> = ["h2", "h3", "h4", "h5", "h6"]
    /// The lead's box displaces a best box that holds at most this many times its text.
    static let anchorShare = 5
    /// Containers that, made mostly of links, are navigation.
    private static let listTags: Set<String> = ["ul", "ol", "table", "dl", "div", "section"]
    /// Boxes that pages also use as paragraphs when they hold only text.
    private static let boxTags: Set<String> = ["div", "section", "span"]
    private static let allHeadingTags: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    private func collect(_ index: Int, into blocks: inout [String], dek: String?) {
        let node = nodes[index]
        guard !node.skipped else { return }
        if node.isText {
            let text = TextCleaner.normalise(node.text)
            if !text.isEmpty { blocks.append(text) }
            return
        }
        // Lists and tables made mostly of links are navigation, whatever their class says.
        if node.textLength > 0, Self.listTags.contains(node.name),
            linkDensity(index) > 0.5, node.textLength < 2000 || linkDensity(index) > 0.8
        {
            return
        }
        if isInlineOnly(index) && node.name != "ul" && node.name != "ol" {
            let text = TextCleaner.normalise(plainText(index))
            guard !text.isEmpty else { return }
            let density = linkDensity(index)
            if density > 0.5 && !node.kind.contains(.heading) { return }
            if node.kind.contains(.heading) && density > 0.3 { return }
            if let dek, text == dek, nodes[node.parent].textLength == node.textLength { return }
            blocks.append(text)
            return
        }
        // Mixed content: runs of inline children form their own paragraph between the blocks.
        var run = ""
        var runLinks = 0
        var runLength = 0
        func flush() {
            let text = TextCleaner.normalise(run)
            if !text.isEmpty, runLength == 0 || Double(runLinks) / Double(runLength) <= 0.5 { blocks.append(text) }
            run = ""
            runLinks = 0
            runLength = 0
        }
        for child in node.children {
            let childNode = nodes[child]
            if childNode.skipped { continue }
            if childNode.isText || !childNode.kind.contains(.block) {
                if childNode.name == "br" {
                    if run.hasSuffix("\u{2028}") { flush() } else { run += "\u{2028}" }
                    continue
                }
                run += childNode.isText ? childNode.text : plainText(child)
                runLinks += childNode.linkLength
                runLength += childNode.textLength
            } else {
                flush()
                collect(child, into: &blocks, dek: dek)
            }
        }
        flush()
    }
}
