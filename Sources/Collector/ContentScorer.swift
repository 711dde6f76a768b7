import Foundation

/// Finds an article page's story by the shape of its markup, in the style of readability and
/// trafilatura: paragraphs of prose score their ancestors (more for long text with commas, less
/// under many links), class and id names that say "article" or "comment" weigh in, and the best
/// container's blocks are read in order, leaving out link lists, menus and boilerplate boxes.
struct ContentScorer {
    /// One element or text of the page, in a flat array so scores can be kept per node.
    struct Node {
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
    struct NameTraits {
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

        enum PartKind { case strong, articleBody, unlikely }

        /// The parts to look for inside names, by their first byte.
        static let parts: [[([UInt8], PartKind)]] = {
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
    static let articleBodyParts = ["articlebody", "article-body", "article__body", "story-body"]

    var nodes: [Node] = []
    var classTraits: [String: NameTraits] = [:]
    var tagKinds: [TagKind] = []

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
    mutating func protectStoryBoxes() {
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

    static let skippedTags: Set<String> = [
        "nav", "header", "footer", "aside", "figure", "figcaption", "script", "style", "noscript", "form", "button",
        "svg", "iframe", "select", "template", "h1", "address", "menu", "dialog", "input", "label", "textarea",
        "object", "embed", "canvas", "video", "audio", "picture", "img", "head", "title", "meta", "link",
    ]

    /// Parts of names that say a box is something other than the story, whatever else it holds.
    static let strongBoilerplate = ["comment", "related", "share", "social", "newsletter", "promo", "caption"]

    /// Elements that are never left out for their class names.
    static let neverUnlikely: Set<String> = ["html", "body", "article", "main"]
    /// ARIA landmarks of a page's furniture.
    static let boilerplateRoles: Set<String> = ["navigation", "complementary", "banner", "contentinfo"]

    /// Parts of class and id names that mark boxes which are never the story: distinctive enough
    /// to match inside longer names.
    static let unlikelyParts = [
        "comment", "related", "share", "social", "newsletter", "subscribe", "signup", "sign-up", "promo", "advert",
        "sponsor", "breadcrumb", "byline", "caption", "recommend", "sidebar", "cookie", "toolbar", "popup",
        "modal", "masthead", "outbrain", "taboola", "disqus", "footer", "pagination", "carousel",
        "trending", "mostpopular", "most-popular", "tooltip", "login", "read-more", "readmore", "more-stories",
        "also-read", "next-article", "author-bio",
    ]
    /// Whole words of class and id names (split at spaces, `-` and `_`) that mark such boxes.
    static let unlikelyWords: Set<Substring> = [
        "ad", "ads", "advertisement", "nav", "navbar", "navigation", "menu", "header", "tags", "tag", "print",
        "skip", "credit", "credits", "gallery", "meta", "author", "teaser", "rating", "banner", "dateline",
        "timestamp", "pager", "kicker", "topics", "keywords", "sr", "offscreen",
    ]
    /// Words that mark the story's own box, which keep a box even when an unlikely word appears.
    static let likelyWords: Set<Substring> = [
        "article", "body", "content", "entry", "main", "post", "story", "text", "column", "blog", "articlebody",
        "story-body",
    ]

    static func words(_ names: String) -> [Substring] {
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

    mutating func add(_ page: PageTree, childrenOf pageIndex: Int, parent: Int, skipped: Bool) {
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
    mutating func measure(_ index: Int) -> (Int, Int) {
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
}
