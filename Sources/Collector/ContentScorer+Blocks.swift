import Foundation

/// Reading the chosen blocks back as text.
extension ContentScorer {
    // MARK: Reading the blocks

    func plainText(_ index: Int) -> String {
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

    static let headingTags: Set<String> = ["h2", "h3", "h4", "h5", "h6"]
    /// The lead's box displaces a best box that holds at most this many times its text.
    static let anchorShare = 5
    /// Containers that, made mostly of links, are navigation.
    static let listTags: Set<String> = ["ul", "ol", "table", "dl", "div", "section"]
    /// Boxes that pages also use as paragraphs when they hold only text.
    static let boxTags: Set<String> = ["div", "section", "span"]
    static let allHeadingTags: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    func collect(_ index: Int, into blocks: inout [String], dek: String?) {
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
