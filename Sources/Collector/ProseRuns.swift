import Foundation

/// The last resort of extraction: the longest run of prose-like text blocks on the page, found by
/// text and link density alone, so it works in any language and script and on any layout.
///
/// A page that has paragraphs of prose must never come out empty (a story with no summary is the
/// worst result), even when its markup defeats the structural scorer: a whole page wrapped in a
/// `<form>`, a story inside a box named like a sidebar, prose in bare `<div>`s. So this reads every
/// visible block in order, whatever its tag or class, and keeps the run of consecutive blocks that
/// read like prose (long enough, few links, ending like a sentence in any script) holding the most
/// characters. Characters are counted, never words split at spaces, so Chinese, Japanese and Thai
/// count as fully as English.
struct ProseRuns {
    /// One block of text as the page shows it, with its counts. Its text is put together only
    /// for the blocks that are kept: most pages never need the fallback's text.
    struct Block {
        /// The block's text nodes as the page has them.
        var parts: [String]
        /// Characters that are not white space.
        var characters: Int
        /// Such characters inside links.
        var linkCharacters: Int

        var linkDensity: Double { characters == 0 ? 0 : Double(linkCharacters) / Double(characters) }
        var text: String { TextCleaner.normalise(parts.joined()) }
    }

    /// Elements that never show text: their contents are not read.
    private static let invisible: Set<String> = [
        "script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "select", "option",
        "textarea", "button", "iframe", "object", "embed", "canvas", "video", "audio", "picture", "img", "input",
    ]
    /// Elements that break the flow of text into blocks.
    private static let blockTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "th", "div",
        "section", "article", "main", "ul", "ol", "dl", "table", "tbody", "thead", "tfoot", "tr", "center", "body",
        "html", "details", "summary", "header", "footer", "nav", "aside", "form", "figure", "figcaption", "address",
        "fieldset", "hr", "menu", "dialog",
    ]

    /// Characters that end a sentence in the scripts news is written in: Latin, CJK full stops and
    /// marks, Devanagari danda, Arabic and Urdu, Ethiopic, Burmese, Armenian.
    private static let sentenceEnds: Set<Unicode.Scalar> = [
        ".", "!", "?", "。", "！", "？", "．", "।", "॥", "؟", "۔", "።", "။", "։", "…", "‼", "｡",
    ]
    /// Closing quotes and brackets that may follow the sentence's end.
    private static let closers: Set<Unicode.Scalar> = ["\"", "'", "”", "’", "»", ")", "）", "」", "』", "】", "›"]

    /// A block of at least this many characters reads like prose when it has few links.
    static let minimumCharacters = 40

    /// Every visible block of the page, in reading order.
    static func blocks(in page: PageTree) -> [Block] {
        var blocks: [Block] = []
        var run: [String] = []
        var runCharacters = 0
        var runLinks = 0
        // One `<br>` is a line break inside a paragraph; two in a row (`text<br><br>text`) end it.
        var afterBreak = false
        func flush() {
            if runCharacters > 0 {
                blocks.append(Block(parts: run, characters: runCharacters, linkCharacters: runLinks))
            }
            run.removeAll(keepingCapacity: true)
            runCharacters = 0
            runLinks = 0
            afterBreak = false
        }
        // The open elements around the current node: where each ends, whether it is a block (its
        // end ends a paragraph) and whether it is a link.
        var open: [(end: Int, isBlock: Bool, isLink: Bool)] = []
        var links = 0
        let nodes = page.nodes
        var index = 1
        while index < nodes.count {
            while let last = open.last, last.end <= index {
                open.removeLast()
                if last.isLink { links -= 1 }
                if last.isBlock { flush() }
            }
            let node = nodes[index]
            if node.isText {
                let count = node.visible
                run.append(node.text)
                runCharacters += count
                if links > 0 { runLinks += count }
                if count > 0 { afterBreak = false }
                index += 1
                continue
            }
            if invisible.contains(node.name) || page.attribute(.hidden, of: index) != nil
                || page.attribute(.ariaHidden, of: index) == "true"
            {
                index = node.end
                continue
            }
            if node.name == "br" {
                if afterBreak { flush() } else { run.append(" ") }
                afterBreak = true
                index = node.end
                continue
            }
            let isBlock = blockTags.contains(node.name)
            if isBlock { flush() }
            let isLink = node.name == "a"
            if isLink { links += 1 }
            open.append((node.end, isBlock, isLink))
            index += 1
        }
        flush()
        return blocks
    }

    /// Whether a block reads like prose: long enough, mostly not links, and ending like a sentence
    /// (or long enough that it must be one).
    static func isProse(_ block: Block) -> Bool {
        guard block.linkDensity <= 0.3 else { return false }
        // A wide (CJK) character says about what two narrow ones do: 40 of them are two sentences.
        let size =
            block.characters >= 3 * minimumCharacters
            ? block.characters : block.characters + wideCharacters(block.parts)
        guard size >= minimumCharacters else { return false }
        return size >= 3 * minimumCharacters || endsLikeSentence(block.parts)
    }

    /// Characters from U+3000 to U+D7FF (CJK punctuation, kana, ideographs, Hangul), counted by
    /// their UTF-8 lead bytes.
    static func wideCharacters(_ parts: [String]) -> Int {
        parts.reduce(0) { count, part in count + part.utf8.reduce(0) { $0 + ((0xE3...0xED).contains($1) ? 1 : 0) } }
    }

    /// Whether the text ends like a sentence, looking back past closing quotes and spaces.
    static func endsLikeSentence(_ parts: [String]) -> Bool {
        for part in parts.reversed() {
            for scalar in part.unicodeScalars.reversed() {
                if scalar.properties.isWhitespace || closers.contains(scalar) { continue }
                return sentenceEnds.contains(scalar)
            }
        }
        return false
    }

    /// The longest run of prose on the page: consecutive prose blocks, with short, link-free
    /// blocks between them (subheadings, a one-line paragraph) kept inside the run; a link list or
    /// three other blocks in a row end it. Empty only when the page has no prose block at all, and
    /// then the longest block with few links stands in for it.
    static func longestRun(in page: PageTree) -> [Block] {
        longestRun(of: blocks(in: page))
    }

    static func longestRun(of blocks: [Block]) -> [Block] {
        var best: ArraySlice<Block> = []
        var bestCharacters = 0
        var start: Int?
        var lastProse = -1
        var characters = 0
        var gap = 0
        func close() {
            if let first = start, characters > bestCharacters {
                bestCharacters = characters
                best = blocks[first...lastProse]
            }
            start = nil
            characters = 0
            gap = 0
        }
        for (index, block) in blocks.enumerated() {
            if isProse(block) {
                if start == nil { start = index }
                lastProse = index
                characters += block.characters
                gap = 0
            } else if start != nil {
                gap += 1
                if block.linkDensity > 0.5 || gap > 2 { close() }
            }
        }
        close()
        if !best.isEmpty { return Array(best) }
        let candidates = blocks.filter { $0.linkDensity <= 0.5 && $0.characters >= 15 }
        return candidates.max(by: { $0.characters < $1.characters }).map { [$0] } ?? []
    }

    /// Characters that are not white space, counted on UTF-8 lead bytes (no Unicode lookups).
    static func visibleCharacters(_ text: String) -> Int {
        text.utf8.reduce(0) { count, byte in
            count + (byte & 0xC0 == 0x80 || byte == 0x20 || (0x09...0x0D).contains(byte) ? 0 : 1)
        }
    }
}
