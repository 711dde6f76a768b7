import Foundation

extension PublicAddress {
    /// The address the themes' `archive_url` points into: what comes before `/archive/<theme>/{week}/`,
    /// when every theme that has one says the same.
    ///
    /// - Throws: `ArchiveError`: `.differentSites` when the themes point to different sites,
    ///   `.noArchiveAddress` when no theme's `archive_url` ends that way (or what comes before is no
    ///   http(s) address).
    package static func archiveBase(of themes: [ArchiveTheme]) throws(ArchiveError) -> PublicAddress {
        let bases = Set(
            themes.compactMap { served -> String? in
                let suffix = "/archive/\(served.id)/{week}/"
                guard let template = served.theme.settings.archiveURL, template.hasSuffix(suffix) else { return nil }
                return String(template.dropLast(suffix.count))
            })
        if bases.count > 1 {
            throw ArchiveError(.differentSites, "the themes' archive_url point to different sites")
        }
        guard let base = bases.first, let address = PublicAddress(base) else {
            throw ArchiveError(.noArchiveAddress, "no theme's archive_url ends in /archive/<theme>/{week}/")
        }
        return address
    }
}

extension StaticArchive.Report {
    /// The line `digest archive` ends with: `Wrote 5 files to <folder> (0 unchanged): 1 issue of
    /// decoding-asia; publish it at https://example.com/`.
    package func summary(folder: URL, themes: [String], address: PublicAddress) -> String {
        let count = issues == 1 ? "1 issue" : "\(issues) issues"
        return "Wrote \(written.count) files to \(folder.path) (\(unchanged.count) unchanged): \(count) of "
            + "\(themes.joined(separator: ", ")); publish it at \(address.url("/"))"
    }
}
