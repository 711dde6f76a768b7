import CHTMLParser
import Foundation

/// An HTML page as the article extractor reads it: its elements and text in document order, each
/// element's subtree the run of nodes after it, with the few attributes extraction looks at.
///
/// Built straight from libxml2's HTML parser as it reads (SAX), without the parser's own tree or a
/// tree of Swift values: building and freeing those was most of an extraction's time. Scripts
/// keep their text only when they hold JSON-LD, styles never.
struct PageTree {
    /// The attributes a page keeps.
    enum Attribute: Int32 {
        case `class` = 0, id, style, hidden, ariaHidden, role, itemprop, name, property, content, rel, href, type,
            datetime, lang
    }

    struct Node {
        /// The element's lower-case tag name; `#text` for text and `#document` for the root.
        var name: String
        /// A text node's text (entities decoded).
        var text = ""
        /// A text node's characters that are not white space.
        var visible = 0
        /// The element's name as an index into `names` (the same name, the same index); -1 for
        /// text and the root.
        var nameID = -1
        /// The parent's index; -1 for the root.
        var parent: Int
        /// One past the last node of the subtree.
        var end: Int
        var firstAttribute = 0
        var attributeCount = 0

        var isText: Bool { name == "#text" }
    }

    /// Node 0 is the document; the page's nodes follow in document order.
    private(set) var nodes: [Node]
    /// The page's distinct element names.
    private(set) var names: [String] = []
    private var attributeCodes: [Int32] = []
    private var attributeValues: [String] = []

    /// Parses `data`; `encoding` names the charset when the caller knows it, otherwise libxml2
    /// reads `<meta charset>` and falls back to its own detection.
    init(parsing data: Data, encoding: String?) {
        nodes = [Node(name: "#document", parent: -1, end: 1)]
        guard !data.isEmpty else { return }
        let parsed: UnsafeMutablePointer<dg_flat_page>? = data.withUnsafeBytes { bytes in
            guard let base = bytes.bindMemory(to: CChar.self).baseAddress else { return nil }
            guard let encoding else { return dg_flat_parse(base, bytes.count, nil) }
            return encoding.withCString { dg_flat_parse(base, bytes.count, $0) }
        }
        guard let page = parsed else { return }
        defer { dg_flat_free(page) }
        let flat = page.pointee
        let arena = UnsafeRawPointer(flat.arena)
        func string(_ offset: Int32, _ length: Int32) -> String {
            guard let arena, length > 0 else { return "" }
            let start = arena.advanced(by: Int(offset)).assumingMemoryBound(to: UInt8.self)
            return String(decoding: UnsafeBufferPointer(start: start, count: Int(length)), as: UTF8.self)
        }
        names.reserveCapacity(Int(flat.name_count))
        for index in 0..<Int(flat.name_count) {
            names.append(string(flat.name_offsets[index], flat.name_lengths[index]))
        }
        let count = Int(flat.node_count)
        nodes.reserveCapacity(count + 1)
        attributeCodes.reserveCapacity(Int(flat.attribute_count))
        attributeValues.reserveCapacity(Int(flat.attribute_count))
        for index in 0..<Int(flat.attribute_count) {
            let attribute = flat.attributes[index]
            attributeCodes.append(attribute.code)
            attributeValues.append(string(attribute.value_offset, attribute.value_length))
        }
        for index in 0..<count {
            let node = flat.nodes[index]
            // Shifted by one for the document node in front.
            let parent = Int(node.parent) + 1
            if node.kind == DG_HTML_TEXT.rawValue {
                nodes.append(
                    Node(
                        name: "#text", text: string(node.text_offset, node.text_length),
                        visible: Int(node.text_visible), parent: parent, end: index + 2))
            } else {
                nodes.append(
                    Node(
                        name: node.name >= 0 ? names[Int(node.name)] : "", nameID: Int(node.name), parent: parent,
                        end: Int(node.end) + 1,
                        firstAttribute: Int(node.first_attribute), attributeCount: Int(node.attribute_count)))
            }
        }
        nodes[0].end = nodes.count
    }

    /// An attribute's value (an empty string for one written without a value), or nil.
    func attribute(_ attribute: Attribute, of index: Int) -> String? {
        let node = nodes[index]
        for slot in node.firstAttribute..<(node.firstAttribute + node.attributeCount)
        where attributeCodes[slot] == attribute.rawValue {
            return attributeValues[slot]
        }
        return nil
    }

    /// The node's children, in order.
    func children(of index: Int) -> [Int] {
        var children: [Int] = []
        var child = index + 1
        while child < nodes[index].end {
            children.append(child)
            child = nodes[child].end
        }
        return children
    }

    /// The text of every text node under the node, joined.
    func textContent(of index: Int) -> String {
        var text = ""
        for child in (index + 1)..<nodes[index].end where nodes[child].isText { text += nodes[child].text }
        return text
    }
}
