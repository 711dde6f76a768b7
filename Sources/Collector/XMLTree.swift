import CHTMLParser
import Foundation

/// An element of a parsed XML document (a feed), copied out of libxml2 into plain Swift values.
struct XMLElement: Sendable {
    /// The local name, as written (XML names are case-sensitive).
    var name: String
    /// The namespace URI, or nil for none.
    var namespace: String?
    /// Attribute values by local name (`xml:base` is `base`).
    var attributes: [String: String]
    var children: [XMLContent]
    /// False for an element the document's first well-formedness error cut short (it was still open there): its
    /// content is only what came before the error.
    var isComplete = true

    /// The concatenated text of every descendant text node.
    var text: String {
        var result = ""
        func walk(_ element: XMLElement) {
            for child in element.children {
                switch child {
                case .text(let value): result += value
                case .element(let inner): walk(inner)
                }
            }
        }
        walk(self)
        return result
    }

    /// Child elements, in order.
    var elements: [XMLElement] {
        children.compactMap { child in
            if case .element(let element) = child { return element }
            return nil
        }
    }

    /// The first child element with this local name, in `namespace` when given (`nil` matches any).
    func child(_ name: String, in namespace: String? = nil) -> XMLElement? {
        elements.first { $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }

    /// Every child element with this local name.
    func children(_ name: String, in namespace: String? = nil) -> [XMLElement] {
        elements.filter { $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }

    /// Trimmed text of the first child with this name, nil when absent or empty.
    func value(_ name: String, in namespace: String? = nil) -> String? {
        guard let text = child(name, in: namespace)?.text.trimmingCharacters(in: .whitespacesAndNewlines),
            !text.isEmpty
        else { return nil }
        return text
    }
}

/// The content of an XML element.
enum XMLContent: Sendable {
    case element(XMLElement)
    case text(String)
}

/// Namespace URIs feeds use.
enum FeedNamespace {
    static let atom = "http://www.w3.org/2005/Atom"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    static let media = "http://search.yahoo.com/mrss/"
    static let rss10 = "http://purl.org/rss/1.0/"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
}

/// Parses XML with libxml2, strictly first so a malformed document is reported with its line.
enum XMLTreeParser {
    /// The outcome: the root element, and the first error. For a document with an error the tree is what came
    /// before the error, its elements still open there marked incomplete; for an error libxml2 can read past (an
    /// undeclared entity) it is libxml2's recovered tree.
    struct Parsed {
        var root: XMLElement?
        /// `line N: message` of the first well-formedness error, nil when the document was clean.
        var error: String?
        /// libxml2's code for that error.
        var errorCode: Int32 = 0
    }

    /// libxml2's codes for an undeclared entity (`&nbsp;` in a feed).
    static let undeclaredEntityCodes: Set<Int32> = [26, 27]
    /// libxml2's code for an encoding it cannot convert from.
    static let unsupportedEncodingCode: Int32 = 32

    static func parse(_ data: Data) -> Parsed {
        guard !data.isEmpty else { return Parsed(root: nil, error: "the file is empty") }
        var error = dg_xml_error()
        var wellFormed: Int32 = 0
        var root = parsePrefix(data, error: &error, wellFormed: &wellFormed)
        if wellFormed == 0, undeclaredEntityCodes.contains(error.code) {
            // `&nbsp;` and the like, copied from HTML without a declaration: kept as the text `&nbsp;` (the HTML
            // entity decoder expands it later) by escaping their `&`, and the feed read again, as strictly. A
            // recovering parse would drop them (`Rates&nbsp;hold` became `Rateshold`) and guess at real errors.
            error = dg_xml_error()
            root = parsePrefix(escapingUndeclaredEntities(data), error: &error, wellFormed: &wellFormed)
        }
        if wellFormed != 0 { return Parsed(root: root, error: nil) }
        let message = withUnsafeBytes(of: error.message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        let text = error.code == 0 ? "not well-formed XML" : "line \(error.line): \(message)"
        return Parsed(root: root, error: text, errorCode: error.code)
    }

    /// The bytes with the `&` of every named reference other than XML's own five (`&amp;` `&lt;` `&gt;` `&quot;`
    /// `&apos;`) escaped, outside comments and CDATA sections: `&nbsp;` becomes `&amp;nbsp;`, which reads as the
    /// text `&nbsp;`. Line breaks are untouched, so error lines stay right.
    static func escapingUndeclaredEntities(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 16)
        let predefined: Set<[UInt8]> = [
            Array("amp".utf8), Array("lt".utf8), Array("gt".utf8), Array("quot".utf8), Array("apos".utf8),
        ]
        func starts(_ marker: String, at index: Int) -> Bool {
            let marker = Array(marker.utf8)
            return index + marker.count <= bytes.count && bytes[index..<index + marker.count].elementsEqual(marker)
        }
        func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
                return !first
            default: return false
            }
        }
        var index = 0
        while index < bytes.count {
            // Comments and CDATA sections are copied as they are: no references in them.
            for (open, close) in [("<!--", "-->"), ("<![CDATA[", "]]>")] where starts(open, at: index) {
                var end = index + open.utf8.count
                while end < bytes.count && !starts(close, at: end) { end += 1 }
                end = min(end + close.utf8.count, bytes.count)
                output.append(contentsOf: bytes[index..<end])
                index = end
            }
            guard index < bytes.count else { break }
            let byte = bytes[index]
            output.append(byte)
            index += 1
            guard byte == UInt8(ascii: "&") else { continue }
            var end = index
            while end < bytes.count && end - index < 64 && isNameByte(bytes[end], first: end == index) { end += 1 }
            if end > index, end < bytes.count, bytes[end] == UInt8(ascii: ";"),
                !predefined.contains(Array(bytes[index..<end]))
            {
                output.append(contentsOf: Array("amp;".utf8))
            }
        }
        return Data(output)
    }

    /// The tree up to the first error (all of it when there is none), its elements open at the error marked.
    private static func parsePrefix(_ data: Data, error: inout dg_xml_error, wellFormed: inout Int32) -> XMLElement? {
        let handle: OpaquePointer? = data.withUnsafeBytes { bytes in
            guard let base = bytes.bindMemory(to: CChar.self).baseAddress else { return nil }
            return dg_xml_parse_prefix(base, bytes.count, &error, &wellFormed)
        }
        guard let handle else { return nil }
        defer { dg_html_free(handle) }
        var open = Set<UnsafeRawPointer>()
        for index in 0..<dg_xml_open_count(handle) {
            if let node = dg_xml_open_node(handle, index) { open.insert(node) }
        }
        var child = dg_html_first_child(dg_html_root(handle))
        while let current = child {
            if dg_html_node_kind(current) == DG_HTML_ELEMENT { return element(from: current, open: open) }
            child = dg_html_next_sibling(current)
        }
        return nil
    }

    private static func element(from node: dg_html_node, open: Set<UnsafeRawPointer>) -> XMLElement {
        let name = dg_html_node_name(node).map { String(cString: $0) } ?? ""
        let namespace = dg_html_node_namespace(node).map { String(cString: $0) }
        var attributes: [String: String] = [:]
        var attribute = dg_html_first_attribute(node)
        while let current = attribute {
            if let rawName = dg_html_attribute_name(current) {
                let value = dg_html_attribute_value(current)
                attributes[String(cString: rawName)] = value.map { String(cString: $0) } ?? ""
                dg_html_free_string(value)
            }
            attribute = dg_html_next_attribute(current)
        }
        var children: [XMLContent] = []
        var child = dg_html_first_child(node)
        while let current = child {
            switch dg_html_node_kind(current) {
            case DG_HTML_ELEMENT:
                children.append(.element(element(from: current, open: open)))
            case DG_HTML_TEXT:
                if let text = dg_html_node_text(current) { children.append(.text(String(cString: text))) }
            case DG_HTML_ENTITY_REFERENCE:
                // An entity the feed never declared (`&nbsp;`): keep it for the HTML entity decoder.
                if let entity = dg_html_node_name(current) { children.append(.text("&\(String(cString: entity));")) }
            default:
                break
            }
            child = dg_html_next_sibling(current)
        }
        return XMLElement(
            name: name, namespace: namespace, attributes: attributes, children: children,
            isComplete: open.isEmpty || !open.contains(node))
    }
}
