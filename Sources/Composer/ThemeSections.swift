import Foundation

extension Theme {
    /// The section ids in `text` (separated by commas or semicolons, blanks dropped), checked
    /// against the sections of every theme in `templates` that mails the list `list`: what a
    /// subscriber of that list may choose.
    ///
    /// - Throws: `ComposerError` (`.unknownSection`) naming the first id a theme does not have, the
    ///   theme, and the ids it does have.
    public static func checkedSections(_ text: String, forList list: String, templates: URL) throws(ComposerError)
        -> [String]
    {
        let ids = text.split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for id in (try? available(in: templates)) ?? [] {
            guard let theme = try? load(id: id, templates: templates), theme.settings.list == list else { continue }
            let known = theme.settings.sections.map(\.id)
            if let unknown = ids.first(where: { !known.contains($0) }) {
                throw ComposerError(
                    .unknownSection,
                    "unknown section '\(unknown)' in theme \(id) (known: \(known.joined(separator: ", ")))")
            }
        }
        return ids
    }
}

extension Theme {
    /// The ids of the themes in `templates` (see `available(in:)`).
    ///
    /// - Throws: `ComposerError` (`.noTheme`) when there is none, or the folder cannot be read.
    public static func all(in templates: URL) throws(ComposerError) -> [String] {
        let ids = (try? available(in: templates)) ?? []
        guard !ids.isEmpty else {
            throw ComposerError(
                .noTheme, "no theme found in \(templates.path) (each theme is a folder with theme.yaml)")
        }
        return ids
    }
}
