import Composer
import Foundation
import Mustache
import Renderer

/// A theme's web pages: the Mustache templates in `Templates/<theme>/web/`, read and checked once.
///
/// - `unsubscribe.mustache`: the confirmation page a GET of an unsubscribe link shows (a form, never a change);
/// - `unsubscribed.mustache`: what the form's POST answers;
/// - `archive.mustache`: the list of sent issues;
/// - `subscribe.mustache`: the sign-up form; `inbox.mustache`: "check your inbox", its answer whatever the address;
/// - `activate.mustache`: the confirmation link's page (a button) and, after it, the welcome;
/// - `preferences.mustache`: a reader's name and sections;
/// - `problem.mustache`: an error (a link that is not valid, a page that does not exist, the list busy);
/// - `head.mustache`, `foot.mustache`: the partials every page starts and ends with (`{{>head}}`, `{{>foot}}`);
/// - `style.css.mustache`: the one stylesheet, in the theme's colours (rendered as text).
///
/// Data is HTML-escaped (Mustache's default): keep double braces for data, never triple. A syntax error or a name
/// the pages do not have is reported with the file, line and column when the server starts.
struct WebPages: Sendable {
    /// The pages, by template name.
    enum Page: String, CaseIterable, Sendable {
        case unsubscribe, unsubscribed, archive, problem, subscribe, inbox, activate, preferences
    }

    static let partials = ["head", "foot"]
    static let stylesheetFile = "style.css.mustache"
    static let folderName = "web"

    /// The theme's `web/` folder.
    let folder: URL
    private let library: MustacheLibrary
    private let stylesheetTemplate: MustacheTemplate

    /// Reads every template of `web/` in `themeDirectory`.
    init(themeDirectory: URL) throws(RenderError) {
        folder = themeDirectory.appendingPathComponent(Self.folderName, isDirectory: true)
        var library = MustacheLibrary()
        let pageNames = MustacheSource.names(reachableFrom: PageView.sample)
        for name in Page.allCases.map(\.rawValue) + Self.partials {
            // Pages include the partials; a partial includes none, so no partial can include itself.
            let template = try Self.load(
                "\(name).mustache", from: folder, asText: false, knownNames: pageNames,
                partials: Self.partials.contains(name) ? [] : Set(Self.partials))
            library.register(template, named: name)
        }
        self.library = library
        stylesheetTemplate = try Self.load(
            Self.stylesheetFile, from: folder, asText: true,
            knownNames: MustacheSource.names(reachableFrom: StyleView.sample))
    }

    /// The page rendered with `view`.
    func render(_ page: Page, _ view: PageView) -> String {
        library.render(view, withTemplate: page.rawValue) ?? ""
    }

    /// The stylesheet in the theme's colours.
    func stylesheet(_ view: StyleView) -> String {
        stylesheetTemplate.render(view)
    }

    private static func load(
        _ file: String, from folder: URL, asText: Bool, knownNames: Set<String>, partials: Set<String> = []
    ) throws(RenderError) -> MustacheTemplate {
        let url = folder.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw RenderError(
                code: .templateMissing, file: url.path,
                message: "the web page template \(file) is missing (copy Templates/decoding-asia/web/ to start from)")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RenderError(code: .templateUnreadable, file: url.path, message: "cannot read the template")
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw RenderError(code: .templateUnreadable, file: url.path, message: "the template is not valid UTF-8")
        }
        return try MustacheSource.parse(
            source, file: url.path, asText: asText, knownNames: knownNames, partials: partials)
    }
}

// MARK: - View models

/// What every page template renders: the site around it and one of the page's own parts.
///
/// Templates see the stored properties by name; an absent part is `nil`, so `{{#confirm}}…{{/confirm}}` shows only
/// on its page.
struct PageView {
    /// BCP 47 language of the page (`lang`).
    var language: String
    /// The document's `<title>`.
    var title: String
    var site: SiteView
    /// The unsubscribe confirmation page.
    var confirm: ConfirmView?
    /// The page after unsubscribing.
    var done: DoneView?
    /// The list of sent issues.
    var archive: ArchiveView?
    /// An error page.
    var problem: ProblemView?
    /// The sign-up form.
    var subscribe: SubscribeView?
    /// The answer to a sign-up.
    var inbox: InboxView?
    /// The confirmation link's page, and the welcome after it.
    var activate: ActivateView?
    /// A reader's preferences.
    var preferences: PreferencesView?
}

/// One of the theme's sections, as a checkbox.
struct SectionChoice {
    var id: String
    var title: String
    var checked: Bool
}

/// The sign-up form.
struct SubscribeView {
    var action: String
    /// The theme the form signs up to (a hidden field).
    var theme: String
    var formToken: String
    /// What was typed, when the form is shown again.
    var email: String
    var name: String
    var sections: [SectionChoice]
    /// Why the form is shown again.
    var error: String?
    /// The form had waited too long.
    var expired: Bool
    /// False when the server has no relay to send confirmations through.
    var open: Bool
}

/// "Check your inbox": the same for every address.
struct InboxView {
    var email: String
    /// How long the link works.
    var hours: Int
}

/// The confirmation link's page.
struct ActivateView {
    var email: String
    var action: String
    var formToken: String
    var expired: Bool
    /// The button was pressed and the address is active.
    var activated: Bool
    var preferencesURL: String?
}

/// A reader's preferences.
struct PreferencesView {
    enum Notice: Equatable { case saved, expired }

    var email: String
    var name: String
    var action: String
    var formToken: String
    var sections: [SectionChoice]
    /// Whether the reader is an active subscriber.
    var subscribed: Bool
    var saved: Bool
    var expired: Bool
    var unsubscribeURL: String
    var subscribeURL: String
}

/// The newsletter around every page: masthead, stylesheet, footer links.
struct SiteView {
    var name: String
    var tagline: String
    /// The newsletter's archive index.
    var homeURL: String
    var stylesheetURL: String
    /// The Atom feed of the newsletter's issues.
    var feedURL: String?
    /// Where readers can write (the theme's reply-to, else its sender).
    var contact: String?
}

/// The confirmation a GET of an unsubscribe link shows.
struct ConfirmView {
    /// The address the link unsubscribes.
    var email: String
    /// Where the form posts: the same link.
    var action: String
    /// The form's CSRF token (`form_token`).
    var formToken: String
    /// The form was sent back too late and is shown again.
    var expired: Bool
}

/// The answer to the confirmation form.
struct DoneView {
    var email: String
}

/// Every sent issue, by newsletter.
struct ArchiveView {
    var newsletters: [NewsletterView]
}

struct NewsletterView {
    /// The theme's id, for anchors.
    var id: String
    var name: String
    var tagline: String
    var url: String
    var feedURL: String
    /// Newest first.
    var issues: [IssueLinkView]
    var hasIssues: Bool
}

struct IssueLinkView {
    var week: String
    /// `16–22 November 2026`.
    var periodLabel: String
    var url: String
    /// The top story's headline.
    var topStory: String?
}

/// An error page.
struct ProblemView {
    var status: Int
    var heading: String
    var message: String
}

/// The stylesheet's data.
struct StyleView {
    var colors: WebColors

    static let sample = StyleView(
        colors: WebColors(ThemeColors(accent: "#000000", text: "#000000", background: "#ffffff", muted: "#777777")))
}

extension PageView {
    /// A page with every optional part present, so that every name the templates may use shows.
    static let sample: PageView = {
        let site = SiteView(
            name: "n", tagline: "t", homeURL: "/", stylesheetURL: "/s.css", feedURL: "/f", contact: "c@example.com")
        let issue = IssueLinkView(week: "2026-W01", periodLabel: "p", url: "/i", topStory: "h")
        return PageView(
            language: "en", title: "t", site: site,
            confirm: ConfirmView(email: "e", action: "/u", formToken: "f", expired: true),
            done: DoneView(email: "e"),
            archive: ArchiveView(newsletters: [
                NewsletterView(
                    id: "i", name: "n", tagline: "t", url: "/", feedURL: "/f", issues: [issue], hasIssues: true)
            ]),
            problem: ProblemView(status: 400, heading: "h", message: "m"),
            subscribe: SubscribeView(
                action: "/s", theme: "t", formToken: "f", email: "e", name: "n",
                sections: [SectionChoice(id: "i", title: "t", checked: true)], error: "e", expired: true, open: true),
            inbox: InboxView(email: "e", hours: 48),
            activate: ActivateView(
                email: "e", action: "/a", formToken: "f", expired: true, activated: true, preferencesURL: "/p"),
            preferences: PreferencesView(
                email: "e", name: "n", action: "/p", formToken: "f",
                sections: [SectionChoice(id: "i", title: "t", checked: true)], subscribed: true, saved: true,
                expired: true, unsubscribeURL: "/u", subscribeURL: "/s"))
    }()
}
