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
package struct WebPages: Sendable {
    /// The pages, by template name.
    package enum Page: String, CaseIterable, Sendable {
        case unsubscribe, unsubscribed, archive, problem, subscribe, inbox, activate, preferences
    }

    package static let partials = ["head", "foot"]
    package static let stylesheetFile = "style.css.mustache"
    package static let folderName = "web"

    /// The theme's `web/` folder.
    package let folder: URL
    private let library: MustacheLibrary
    private let stylesheetTemplate: MustacheTemplate

    /// Reads every template of `web/` in `themeDirectory`.
    package init(themeDirectory: URL) throws(RenderError) {
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
    package func render(_ page: Page, _ view: PageView) -> String {
        library.render(view, withTemplate: page.rawValue) ?? ""
    }

    /// The stylesheet in the theme's colours.
    package func stylesheet(_ view: StyleView) -> String {
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
package struct PageView {
    /// BCP 47 language of the page (`lang`).
    package var language: String
    /// The document's `<title>`.
    package var title: String
    package var site: SiteView
    /// The unsubscribe confirmation page.
    package var confirm: ConfirmView?
    /// The page after unsubscribing.
    package var done: DoneView?
    /// The list of sent issues.
    package var archive: ArchiveView?
    /// An error page.
    package var problem: ProblemView?
    /// The sign-up form.
    package var subscribe: SubscribeView?
    /// The answer to a sign-up.
    package var inbox: InboxView?
    /// The confirmation link's page, and the welcome after it.
    package var activate: ActivateView?
    /// A reader's preferences.
    package var preferences: PreferencesView?
}

/// One of the theme's sections, as a checkbox.
package struct SectionChoice {
    package var id: String
    package var title: String
    package var checked: Bool

    /// The SectionChoice with every part given.
    package init(id: String, title: String, checked: Bool) {
        self.id = id
        self.title = title
        self.checked = checked
    }
}

/// The sign-up form.
package struct SubscribeView {
    package var action: String
    /// The theme the form signs up to (a hidden field).
    package var theme: String
    package var formToken: String
    /// What was typed, when the form is shown again.
    package var email: String
    package var name: String
    package var sections: [SectionChoice]
    /// Why the form is shown again.
    package var error: String?
    /// The form had waited too long.
    package var expired: Bool
    /// False when the server has no relay to send confirmations through.
    package var open: Bool

    /// The SubscribeView with every part given.
    package init(
        action: String, theme: String, formToken: String, email: String, name: String, sections: [SectionChoice],
        error: String? = nil, expired: Bool, open: Bool
    ) {
        self.action = action
        self.theme = theme
        self.formToken = formToken
        self.email = email
        self.name = name
        self.sections = sections
        self.error = error
        self.expired = expired
        self.open = open
    }
}

/// "Check your inbox": the same for every address.
package struct InboxView {
    package var email: String
    /// How long the link works.
    package var hours: Int

    /// The InboxView with every part given.
    package init(email: String, hours: Int) {
        self.email = email
        self.hours = hours
    }
}

/// The confirmation link's page.
package struct ActivateView {
    package var email: String
    package var action: String
    package var formToken: String
    package var expired: Bool
    /// The button was pressed and the address is active.
    package var activated: Bool
    package var preferencesURL: String?

    /// The ActivateView with every part given.
    package init(
        email: String, action: String, formToken: String, expired: Bool, activated: Bool, preferencesURL: String? = nil
    ) {
        self.email = email
        self.action = action
        self.formToken = formToken
        self.expired = expired
        self.activated = activated
        self.preferencesURL = preferencesURL
    }
}

/// A reader's preferences.
package struct PreferencesView {
    package enum Notice: Equatable { case saved, expired }

    package var email: String
    package var name: String
    package var action: String
    package var formToken: String
    package var sections: [SectionChoice]
    /// Whether the reader is an active subscriber.
    package var subscribed: Bool
    package var saved: Bool
    package var expired: Bool
    package var unsubscribeURL: String
    package var subscribeURL: String

    /// The PreferencesView with every part given.
    package init(
        email: String, name: String, action: String, formToken: String, sections: [SectionChoice], subscribed: Bool,
        saved: Bool, expired: Bool, unsubscribeURL: String, subscribeURL: String
    ) {
        self.email = email
        self.name = name
        self.action = action
        self.formToken = formToken
        self.sections = sections
        self.subscribed = subscribed
        self.saved = saved
        self.expired = expired
        self.unsubscribeURL = unsubscribeURL
        self.subscribeURL = subscribeURL
    }
}

/// The newsletter around every page: masthead, stylesheet, footer links.
package struct SiteView {
    package var name: String
    package var tagline: String
    /// The newsletter's archive index.
    package var homeURL: String
    package var stylesheetURL: String
    /// The Atom feed of the newsletter's issues.
    package var feedURL: String?
    /// Where readers can write (the theme's reply-to, else its sender).
    package var contact: String?
}

/// The confirmation a GET of an unsubscribe link shows.
package struct ConfirmView {
    /// The address the link unsubscribes.
    package var email: String
    /// Where the form posts: the same link.
    package var action: String
    /// The form's CSRF token (`form_token`).
    package var formToken: String
    /// The form was sent back too late and is shown again.
    package var expired: Bool

    /// The ConfirmView with every part given.
    package init(email: String, action: String, formToken: String, expired: Bool) {
        self.email = email
        self.action = action
        self.formToken = formToken
        self.expired = expired
    }
}

/// The answer to the confirmation form.
package struct DoneView {
    package var email: String

    /// The DoneView with every part given.
    package init(email: String) {
        self.email = email
    }
}

/// Every sent issue, by newsletter.
package struct ArchiveView {
    package var newsletters: [NewsletterView]
}

package struct NewsletterView {
    /// The theme's id, for anchors.
    package var id: String
    package var name: String
    package var tagline: String
    package var url: String
    package var feedURL: String
    /// Newest first.
    package var issues: [IssueLinkView]
    package var hasIssues: Bool
}

package struct IssueLinkView {
    package var week: String
    /// `16–22 November 2026`.
    package var periodLabel: String
    package var url: String
    /// The top story's headline.
    package var topStory: String?
}

/// An error page.
package struct ProblemView {
    package var status: Int
    package var heading: String
    package var message: String

    /// The ProblemView with every part given.
    package init(status: Int, heading: String, message: String) {
        self.status = status
        self.heading = heading
        self.message = message
    }
}

/// The stylesheet's data.
package struct StyleView {
    package var colors: WebColors

    package static let sample = StyleView(
        colors: WebColors(ThemeColors(accent: "#000000", text: "#000000", background: "#ffffff", muted: "#777777")))
}

extension PageView {
    /// A page with every optional part present, so that every name the templates may use shows.
    package static let sample: PageView = {
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
