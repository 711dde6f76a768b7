import Foundation
import NewsValues

/// What an article is, as far as grouping it into events goes: a report of something that
/// happened, or a piece written about events (analysis, explainer, opinion, column, a roundup).
///
/// A report and an analysis of one happening are one story; an analysis of a topic is not the
/// story of each event on that topic. So an analysis joins a report only on closer evidence.
public enum ArticleKind: String, Sendable, Codable, CaseIterable {
    /// A report of an event, or a brief on one.
    case report
    /// Analysis, explainer, opinion, column, feature, factbox: writing about events.
    case analysis
    /// A podcast, video, gallery or roundup of several happenings.
    case roundup

    /// The kind an article's headline and link give it.
    ///
    /// Signals, in the order newsrooms use them: a desk label before the headline ("Analysis:",
    /// "Opinion |", "Explainer -"), a question or an explaining opener as the headline ("How has…?",
    /// "What we know about…", "Why…"), and the folder the link files the article under
    /// (`/opinion/`, `/commentary/`, `/analysis/`, `/podcasts/`, `/videos/`).
    public static func of(title: String, url: String?) -> ArticleKind {
        if let label = copyDesk.headline(title).label {
            if label.isCommentary { return .analysis }
            if label.isMedia || label == .live { return .roundup }
        }
        if let url, let kind = kind(ofLink: url) { return kind }
        let words = title.split(whereSeparator: { $0 == " " }).map { $0.lowercased() }
        // The leading letters only, so a label run into the headline ("Analysis:Japan") counts.
        guard let first = words.first.map({ String($0.prefix(while: \.isLetter)) }) else { return .report }
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasSuffix("?") { return .analysis }
        // Headlines that promise an explanation rather than news.
        let second = words.count > 1 ? words[1] : ""
        switch first {
        case "how", "why":
            return .analysis
        case "what":
            // "What we know", "What's next", "What to watch", "What does … mean".
            return .analysis
        case "explainer", "analysis", "opinion", "commentary", "column", "factbox", "editorial", "podcast":
            return .analysis
        case "inside", "behind":
            return second == "the" ? .analysis : .report
        default:
            return .report
        }
    }

    private static let copyDesk = CopyDesk()

    /// The kind a link's folders give, or `nil` when they say nothing.
    static func kind(ofLink link: String) -> ArticleKind? {
        guard let url = URL(string: link) else { return nil }
        for folder in url.pathComponents.dropLast().map({ $0.lowercased() }) {
            switch folder {
            case "opinion", "opinions", "commentary", "commentaries", "analysis", "breakingviews", "columns",
                "column", "editorial", "editorials", "explainer", "explainers", "letters", "features":
                return .analysis
            case "podcast", "podcasts", "video", "videos", "photos", "pictures", "gallery", "galleries",
                "watch", "listen", "live", "interactive", "graphics":
                return .roundup
            default: continue
            }
        }
        return nil
    }
}
