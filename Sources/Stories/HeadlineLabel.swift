/// What a desk label or wire tag on a headline says the piece is: `Analysis:`, `Opinion |`,
/// `EXCLUSIVE-`, `Watch:`, `In pictures:`, `UPDATE 2-`, a sport desk's `Tennis-`.
///
/// `CopyDesk.headline(_:source:)` strips the label and returns it, so that the editorial desk can
/// keep writing about events (analysis, opinion, explainers) apart from reports of them, and can
/// tell media pieces (videos, galleries, podcasts) from news.
public enum HeadlineLabel: String, Sendable, Hashable, Codable, CaseIterable {
    /// `Analysis:`, `News analysis:`, `INSIGHT-`, `FOCUS-`.
    case analysis
    /// `Opinion |`, `Comment:`, `Column:`, `Editorial:`, `Breakingviews -`.
    case opinion
    /// `Explainer:`, `Explained:`, `Q&A:`, `Fact check:`.
    case explainer
    /// `Factbox:`, `Timeline:`, `Key facts:`.
    case factbox
    /// `Exclusive:`, `EXCLUSIVE-`.
    case exclusive
    /// `Interview:`.
    case interview
    /// `Breaking:`, `Just in:`, `Developing:`.
    case breaking
    /// `LIVE:`, `Live updates:`, `… – as it happened`: a live blog.
    case live
    /// `Watch:`, `Video:`, `… (video)`.
    case watch
    /// `In pictures:`, `See pics:`, `Photos:`, `Pictures of the day`.
    case gallery
    /// `Podcast:`, `Listen:`.
    case podcast
    /// `Review:`.
    case review
    /// `Obituary:`.
    case obituary
    /// A sport desk's slug: `Soccer-`, `Tennis-`, `Motor racing-`.
    case sport
    /// A wire's re-send of a story it has filed before: `UPDATE 2-`, `REFILE-`, `RPT-`, `WRAPUP 1-`.
    case update
    /// A corrected re-send: `CORRECTED-`, `Correction:`.
    case correction

    /// Writing about events rather than a report of one: analysis, opinion, explainer, factbox,
    /// review.
    public var isCommentary: Bool {
        switch self {
        case .analysis, .opinion, .explainer, .factbox, .review: true
        default: false
        }
    }

    /// A piece told in pictures or sound rather than in copy: a video, a gallery, a podcast.
    public var isMedia: Bool {
        switch self {
        case .watch, .gallery, .podcast: true
        default: false
        }
    }

    /// Housekeeping of the wire (a re-send or a correction) that says nothing about the piece.
    var isHousekeeping: Bool { self == .update || self == .correction }
}
