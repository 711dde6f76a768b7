import Foundation

/// Where the pages are reached from outside: the scheme, host and port a browser sees, and the path the reverse
/// proxy mounts it under (`https://example.com/decoding-asia` → origin `https://example.com`, path
/// `/decoding-asia`). Links in pages are paths under `path`; the feed's are absolute.
package struct PublicAddress: Sendable, Equatable {
    /// `https://example.com`, `http://127.0.0.1:8080`.
    package var origin: String
    /// The path prefix without a trailing slash; empty at the root.
    package var path: String

    /// Reads a `--base-url`: an absolute http(s) URL without query or fragment.
    package init?(_ text: String) {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty, components.query == nil, components.fragment == nil,
            components.user == nil, components.password == nil
        else { return nil }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        origin = "\(scheme)://\(bracketed.lowercased())" + (components.port.map { ":\($0)" } ?? "")
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        self.path = path
    }

    /// Whether browsers reach it over https (then the pages ask for HSTS).
    package var isHTTPS: Bool { origin.hasPrefix("https://") }

    /// The path of a page: `page` starts with `/`.
    package func path(_ page: String) -> String { path + page }

    /// The absolute URL of a page.
    package func url(_ page: String) -> String { origin + path + page }
}
