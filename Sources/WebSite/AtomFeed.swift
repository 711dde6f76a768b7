import Composer
import Foundation
import NewsValues

/// An Atom 1.0 feed (RFC 4287) of a newsletter's sent issues, newest first: each entry links to the issue's page
/// in the archive and lists its stories.
package struct AtomFeed {
    /// One issue in the feed.
    package struct Entry {
        var issue: ComposedIssue
        /// When it started sending: the entry's `published` and `updated`.
        var sentAt: Date
        /// The absolute URL of its archive page.
        var url: String
    }

    package var theme: Theme
    /// The absolute URLs of the archive's index and of the feed itself.
    package var indexURL: String
    package var selfURL: String
    package var entries: [Entry]

    /// The feed document.
    package var xml: String {
        let updated = entries.map(\.sentAt).max() ?? Date(timeIntervalSince1970: 0)
        let settings = theme.settings
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\#(Self.escape(settings.language))">"#,
            "  <title>\(Self.escape(settings.name))</title>",
        ]
        if !settings.tagline.isEmpty { lines.append("  <subtitle>\(Self.escape(settings.tagline))</subtitle>") }
        lines += [
            "  <id>\(Self.escape(indexURL))</id>",
            #"  <link rel="self" type="application/atom+xml" href="\#(Self.escape(selfURL))"/>"#,
            #"  <link rel="alternate" type="text/html" href="\#(Self.escape(indexURL))"/>"#,
            "  <updated>\(Self.timestamp(updated))</updated>",
            "  <author><name>\(Self.escape(settings.sender.name))</name></author>",
            "  <generator>digest</generator>",
        ]
        for entry in entries {
            lines += Self.lines(of: entry)
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func lines(of entry: Entry) -> [String] {
        let issue = entry.issue
        var lines = [
            "  <entry>",
            "    <title>\(escape("\(issue.masthead.name) · \(issue.periodLabel)"))</title>",
            "    <id>\(escape(entry.url))</id>",
            #"    <link rel="alternate" type="text/html" href="\#(escape(entry.url))"/>"#,
            "    <published>\(timestamp(entry.sentAt))</published>",
            "    <updated>\(timestamp(entry.sentAt))</updated>",
        ]
        if let top = issue.topStory {
            lines.append("    <summary>\(escape("Top story: \(top.headline)"))</summary>")
        }
        lines.append(#"    <content type="html">\#(escape(contentHTML(issue)))</content>"#)
        lines.append("  </entry>")
        return lines
    }

    /// The issue's stories as a small HTML outline (sections, linked headlines), escaped again as the entry's
    /// `content`; the full issue is its archive page.
    private static func contentHTML(_ issue: ComposedIssue) -> String {
        var html = ""
        if let top = issue.topStory {
            html += "<p><strong>Top story:</strong> \(link(top))</p>"
        }
        // As in the email, the top story is not listed again under its section.
        for section in issue.sections {
            let stories = section.stories.filter { $0.id != issue.topStory?.id }
            guard !stories.isEmpty else { continue }
            html += "<h2>\(escape(section.title))</h2><ul>"
            for story in stories {
                html += "<li>\(link(story))</li>"
            }
            html += "</ul>"
        }
        return html
    }

    private static func link(_ story: Story) -> String {
        let headline = escape(story.headline)
        guard let url = story.url, let scheme = URL(string: url)?.scheme?.lowercased(),
            scheme == "https" || scheme == "http"
        else { return headline }
        return #"<a href="\#(escape(url))">\#(headline)</a>"#
    }

    /// Text for XML (and HTML) character data and double-quoted attribute values; characters XML 1.0 forbids are
    /// dropped.
    package static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let allowed =
                    (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || value >= 0x10000
                if allowed { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }

    /// RFC 3339 in UTC: `2026-11-30T07:00:00Z`.
    package static func timestamp(_ date: Date) -> String {
        ISO8601.format(date)
    }
}
