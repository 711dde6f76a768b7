import CHTMLParser
import Foundation

/// A node of a parsed HTML page, copied out of libxml2 into plain Swift values.
public enum HTMLNode: Sendable, Equatable {
    case element(HTMLElement)
    case text(String)
}

/// An HTML element with its attributes and children.
public struct HTMLElement: Sendable, Equatable {
    /// The tag name, lower case.
    public var name: String
    /// Attribute values by lower-case name; entities are already decoded.
    public var attributes: [String: String]
    public var children: [HTMLNode]

    public init(name: String, attributes: [String: String] = [:], children: [HTMLNode] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// An attribute's value, by name.
    public subscript(_ name: String) -> String? { attributes[name] }

    /// The concatenated text of every descendant text node.
    public var textContent: String {
        var result = ""
        appendText(to: &result)
        return result
    }

    private func appendText(to result: inout String) {
        for child in children {
            switch child {
            case .text(let text): result += text
            case .element(let element): element.appendText(to: &result)
            }
        }
    }

    /// Every descendant element (depth first, document order) for which `predicate` holds.
    public func descendants(where predicate: (HTMLElement) -> Bool) -> [HTMLElement] {
        var found: [HTMLElement] = []
        collect(into: &found, where: predicate)
        return found
    }

    private func collect(into found: inout [HTMLElement], where predicate: (HTMLElement) -> Bool) {
        for case .element(let element) in children {
            if predicate(element) { found.append(element) }
            element.collect(into: &found, where: predicate)
        }
    }

    /// The first descendant element named `name`.
    public func first(_ name: String) -> HTMLElement? {
        for case .element(let element) in children {
            if element.name == name { return element }
            if let found = element.first(name) { return found }
        }
        return nil
    }

    /// The element's class names.
    public var classes: [Substring] { (attributes["class"] ?? "").split(whereSeparator: \.isWhitespace) }
}

/// Parses HTML with libxml2's HTML parser, which recovers from broken markup as browsers do.
public enum HTMLParser {
    /// Parses `data` into a document element (a synthetic `#document` holding the page's root).
    /// `encoding` names the charset when the caller knows it (from HTTP headers); otherwise
    /// libxml2 reads `<meta charset>` and falls back to its own detection.
    public static func parse(_ data: Data, encoding: String? = nil) -> HTMLElement {
        var document = HTMLElement(name: "#document")
        guard !data.isEmpty else { return document }
        // dg_html_document is opaque in C, so Swift sees it as an OpaquePointer.
        let parsed: OpaquePointer? = data.withUnsafeBytes { bytes in
            guard let base = bytes.bindMemory(to: CChar.self).baseAddress else { return nil }
            guard let encoding else { return dg_html_parse(base, bytes.count, nil) }
            return encoding.withCString { dg_html_parse(base, bytes.count, $0) }
        }
        guard let handle = parsed else { return document }
        defer { dg_html_free(handle) }
        document.children = children(of: dg_html_root(handle))
        return document
    }

    private static func children(of node: dg_html_node?) -> [HTMLNode] {
        var result: [HTMLNode] = []
        var child = dg_html_first_child(node)
        while let current = child {
            switch dg_html_node_kind(current) {
            case DG_HTML_ELEMENT:
                result.append(.element(element(from: current)))
            case DG_HTML_TEXT:
                if let text = dg_html_node_text(current) { result.append(.text(String(cString: text))) }
            default:
                break
            }
            child = dg_html_next_sibling(current)
        }
        return result
    }

    private static func element(from node: dg_html_node) -> HTMLElement {
        let name = dg_html_node_name(node).map { String(cString: $0).lowercased() } ?? ""
        var attributes: [String: String] = [:]
        var attribute = dg_html_first_attribute(node)
        while let current = attribute {
            if let rawName = dg_html_attribute_name(current) {
                let attributeName = String(cString: rawName).lowercased()
                let value = dg_html_attribute_value(current)
                attributes[attributeName] = value.map { String(cString: $0) } ?? ""
                dg_html_free_string(value)
            }
            attribute = dg_html_next_attribute(current)
        }
        // Style bodies are never text.
        return HTMLElement(name: name, attributes: attributes, children: name == "style" ? [] : children(of: node))
    }
}
