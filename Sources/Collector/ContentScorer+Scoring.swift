import Foundation

/// Scoring the blocks of a page: link density, class and id names, commas, headings.
extension ContentScorer {
    // MARK: Scoring

    static let blockTags: Set<String> = [
        "p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "th", "div", "section",
        "article", "main", "ul", "ol", "dl", "table", "tbody", "tr", "center", "body", "details", "summary",
    ]
    static let paragraphTags: Set<String> = ["p", "pre", "blockquote", "td", "dd"]

    func linkDensity(_ index: Int) -> Double {
        let node = nodes[index]
        return node.textLength == 0 ? 0 : Double(node.linkLength) / Double(node.textLength)
    }

    /// True when an element holds only inline content (text, links, emphasis), no blocks.
    func isInlineOnly(_ index: Int) -> Bool {
        nodes[index].children.allSatisfy { child in
            let node = nodes[child]
            return node.isText || node.skipped || !node.kind.contains(.block)
        }
    }

    func classWeight(_ index: Int) -> Double {
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
    func countCommas(under indices: [Int]) -> Int {
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
    func starts(_ indices: [Int], with key: String) -> Bool {
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
    func articleElements(under index: Int) -> Int {
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
    func isInside(_ index: Int, _ container: Int) -> Bool {
        var current = index
        while current >= 0 {
            if current == container { return true }
            current = nodes[current].parent
        }
        return false
    }
}
