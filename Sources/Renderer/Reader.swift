/// One reader's personal copy: their name in the greeting, only their sections, their unsubscribe link.
///
/// Pass `nil` instead of a reader for the editor's preview: every section, a nameless greeting and a placeholder
/// where each reader's unsubscribe link goes.
public struct Reader: Sendable, Equatable {
    /// The reader's address; not printed, but handy to tell copies apart.
    public var email: String
    /// The name for the greeting (“Hello Mei,”); `nil` or blank greets with “Hello,”.
    public var name: String?
    /// The sections the reader chose, by section id (`korean-peninsula`) or title (`Korean Peninsula`), matched
    /// case-insensitively; empty means every section.
    public var sections: [String]
    /// The reader's own unsubscribe link, token included; the footer shows it.
    public var unsubscribeURL: String?
    /// The reader's own preferences page, token included; the footer links to it when the theme has one.
    public var preferencesURL: String?

    /// A reader with the given address, name, chosen sections (empty = all), unsubscribe and preferences links.
    public init(
        email: String, name: String? = nil, sections: [String] = [], unsubscribeURL: String? = nil,
        preferencesURL: String? = nil
    ) {
        self.preferencesURL = preferencesURL
        self.email = email
        self.name = name
        self.sections = sections
        self.unsubscribeURL = unsubscribeURL
    }
}

/// How the terminal preview is laid out and styled.
public struct TerminalOptions: Sendable, Equatable {
    /// The narrowest width the preview lays out for; anything narrower is a usage error.
    public static let minimumWidth = 20

    /// Columns per line; no output line is wider (CJK and emoji count two columns).
    public var width: Int
    /// ANSI colour and styles. When `false` the output holds no escape sequence at all (`NO_COLOR`, piped output),
    /// so hyperlinks fall back to `text <url>` too.
    public var color: Bool
    /// OSC 8 hyperlinks (clickable link text) instead of `text <url>`; needs `color`.
    public var hyperlinks: Bool

    /// Options for a terminal `width` columns wide.
    public init(width: Int = 80, color: Bool = true, hyperlinks: Bool = true) {
        self.width = width
        self.color = color
        self.hyperlinks = hyperlinks
    }

    /// No escape sequences at all: for pipes, files and `NO_COLOR`.
    public static func plain(width: Int = 80) -> TerminalOptions {
        TerminalOptions(width: width, color: false, hyperlinks: false)
    }
}
