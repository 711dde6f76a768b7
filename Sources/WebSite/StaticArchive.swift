import Composer
import Foundation
import Storage

/// The archive written as static files, for a newsletter published with any web server: the pages `digest serve`
/// answers under `/archive/` and `/assets/`, each at the path that serves it (a folder's page as its `index.html`):
///
/// ```
/// archive/index.html                          /archive/
/// archive/<theme>/index.html                  /archive/<theme>/
/// archive/<theme>/<week>/index.html           /archive/<theme>/<week>/
/// archive/<theme>/feed.xml                    /archive/<theme>/feed.xml
/// assets/<theme>/style.css                    /assets/<theme>/style.css
/// ```
///
/// Every page is rendered before anything is written, so an issue that cannot be read stops the whole run with
/// nothing changed. Each file is then replaced atomically (a web server never sends half of one), files whose bytes
/// are the same are left alone (their dates and caches stay valid), and everything is flushed to disk at the end.
/// Files the archive no longer has are not removed.
package enum StaticArchive {
    /// What `write` did.
    package struct Report: Sendable, Equatable {
        /// The files written, as paths under the folder.
        package var written: [String] = []
        /// The files that already held the same bytes.
        package var unchanged: [String] = []
        /// How many issue pages there are.
        package var issues = 0

        /// An empty report.
        package init() {}
    }

    /// The files of the archive of `themes`, by path under the folder, in the order they are written.
    package static func files(
        of themes: [ArchiveTheme], pages: ArchivePages, address: PublicAddress
    ) throws(ArchiveError) -> [(path: String, bytes: [UInt8])] {
        guard let first = themes.first else { return [] }
        var files: [(path: String, bytes: [UInt8])] = []
        func add(_ path: String, _ text: String) { files.append((path, Array(text.utf8))) }
        add("archive/index.html", pages.index(of: themes, styledBy: first, address: address))
        for theme in themes {
            add("archive/\(theme.id)/index.html", pages.index(of: [theme], styledBy: theme, address: address))
            for week in pages.issues.sentWeeks(theme: theme.id) {
                let page: String?
                do {
                    page = try pages.issuePage(theme, week: week, address: address)
                } catch {
                    throw ArchiveError(.unreadableIssue, "the issue \(theme.id) \(week) cannot be shown: \(error)")
                }
                if let page { add("archive/\(theme.id)/\(week)/index.html", page) }
            }
            add("archive/\(theme.id)/feed.xml", pages.feed(of: theme, address: address))
            add("assets/\(theme.id)/style.css", ArchivePages.stylesheet(of: theme))
        }
        return files
    }

    /// Writes the archive of `themes` into `folder` (made when missing), with links under `address`.
    ///
    /// - Throws: `ArchiveError` naming the issue that cannot be shown or the file that cannot be written.
    package static func write(
        _ themes: [ArchiveTheme], pages: ArchivePages, address: PublicAddress, to folder: URL
    ) throws(ArchiveError) -> Report {
        let files = try files(of: themes, pages: pages, address: address)
        var report = Report()
        report.issues =
            files.filter { $0.path.hasSuffix("/index.html") && $0.path.split(separator: "/").count == 4 }
            .count
        for (path, bytes) in files {
            let url = folder.appendingPathComponent(path)
            if let existing = FileManager.default.contents(atPath: url.path), [UInt8](existing) == bytes {
                report.unchanged.append(path)
                continue
            }
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw ArchiveError(
                    .writeFailed,
                    "cannot create the folder \(url.deletingLastPathComponent().path): \(error.localizedDescription)")
            }
            do {
                // Flushed all at once below: one wait instead of one per file.
                try AtomicFile.replaceContents(of: url, with: bytes, durable: false)
            } catch {
                throw ArchiveError(.writeFailed, "cannot write \(url.path): \(error)")
            }
            report.written.append(path)
        }
        if !report.written.isEmpty {
            do {
                try AtomicFile.synchronizeFileSystem(of: folder)
            } catch {
                throw ArchiveError(.writeFailed, "cannot flush \(folder.path) to disk: \(error)")
            }
        }
        return report
    }
}

/// Why the archive cannot be written, as one line naming the issue or file.
package struct ArchiveError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, to switch on.
    package enum Code: Sendable, Equatable {
        /// An issue cannot be read or shown.
        case unreadableIssue
        /// A folder or file cannot be made, written or flushed.
        case writeFailed
        /// No theme's `archive_url` says where the archive is published.
        case noArchiveAddress
        /// The themes' `archive_url` point to different sites.
        case differentSites
    }

    /// What went wrong.
    package let code: Code
    package let description: String

    package init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}
