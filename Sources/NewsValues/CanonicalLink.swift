import Foundation

extension Article {
    /// A link reduced to what identifies the page: lower-case scheme and host, no fragment, no
    /// `utm_*` tracking parameters, no trailing slash. Two links that reduce to the same one are
    /// the same page (for storing an item once, and for an editor's reference to a story).
    public static func canonicalLink(_ link: String) -> String {
        guard var components = URLComponents(string: link.trimmingCharacters(in: .whitespaces)) else { return link }
        components.scheme = components.scheme?.lowercased()
        components.host = components.host?.lowercased()
        components.fragment = nil
        if let items = components.queryItems {
            let kept = items.filter { !$0.name.lowercased().hasPrefix("utm_") }
            components.queryItems = kept.isEmpty ? nil : kept
        }
        if components.path.count > 1, components.path.hasSuffix("/") { components.path.removeLast() }
        return components.string ?? link
    }
}
