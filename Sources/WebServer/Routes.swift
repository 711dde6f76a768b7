import Composer
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Renderer
import Subscribers
import Synchronization
import WebSite

/// The server's routes and what each answers.
struct Routes: Sendable {
    let site: Site
    let now: @Sendable () -> Date
    let logger: Logger
    /// Whether the public address was given (`--base-url`): only then is a form's `Origin` compared with it, as
    /// without it the server cannot know the address browsers see through a proxy.
    let checksOrigin: Bool
    private let desk: UnsubscribeDesk
    let forms: FormToken
    private let archive: ArchivePages
    /// Sends sign-up confirmations; nil when no relay was given (the sign-up form then says it is closed).
    let mailer: ConfirmationMailer?
    let limits: SignupLimits
    let attempts = AttemptCounter()
    /// Without `--base-url`: the host listened on and the port bound (known once listening), for absolute links
    /// when port 0 asked for any free port.
    let localHost: String?
    let boundPort = BoundPort()

    /// The form purpose the confirmation page's token is made for.
    static let unsubscribePurpose = "unsubscribe"
    /// The largest request body read: a form or an RFC 8058 POST is a few dozen bytes.
    static let maximumBody = 16 * 1024

    init(
        site: Site, now: @escaping @Sendable () -> Date, logger: Logger, checksOrigin: Bool,
        mailer: ConfirmationMailer? = nil, limits: SignupLimits = SignupLimits(), foldDelay: Duration = .seconds(10),
        localHost: String? = nil
    ) {
        self.localHost = localHost
        self.site = site
        self.mailer = mailer
        self.limits = limits
        self.now = now
        self.logger = logger
        self.checksOrigin = checksOrigin
        desk = UnsubscribeDesk(foldDelay: foldDelay, logger: logger, now: now)
        forms = FormToken(secret: site.secret)
        archive = ArchivePages(issues: site.issues)
    }

    /// Where the pages are reached: `--base-url`, else the address listened on.
    var address: PublicAddress {
        guard let localHost, let port = boundPort.port,
            let local = PublicAddress(WebServer.localURL(host: localHost, port: port))
        else { return site.address }
        return local
    }

    func register(on router: Router<ServeContext>) {
        router.add(middleware: PageMiddleware(routes: self))
        router.get("/") { _, _ in
            // A fixed place, never one taken from the request: no open redirect.
            Response(status: .found, headers: [.location: address.path("/archive/")])
        }
        router.get("healthz") { _, _ in
            Self.text(.ok, "ok\n")
        }
        router.get("unsubscribe") { request, _ in
            confirmation(query: FormData(urlEncoded: Substring(request.uri.query ?? "")), expired: false)
        }
        router.post("unsubscribe") { request, _ in
            try await unsubscribe(request)
        }
        registerReaderPages(on: router)
        router.get("archive") { _, _ in
            let html = archive.index(of: site.themes.map(\.archive), styledBy: site.themes[0].archive, address: address)
            return Self.page(.ok, html, private: false)
        }
        router.get("archive/:theme") { _, context in
            let served = try theme(context.parameters.get("theme"))
            let html = archive.index(of: [served.archive], styledBy: served.archive, address: address)
            return Self.page(.ok, html, private: false)
        }
        router.get("archive/:theme/:page") { _, context in
            let served = try theme(context.parameters.get("theme"))
            let page = context.parameters.get("page") ?? ""
            if page == "feed.xml" { return feed(of: served) }
            return try issuePage(served, week: page)
        }
        router.get("assets/:theme/style.css") { _, context in
            let served = try theme(context.parameters.get("theme"))
            let css = ArchivePages.stylesheet(of: served.archive)
            return Self.response(
                .ok, css, type: "text/css; charset=utf-8", policy: SecurityHeaders.noContentPolicy,
                cache: "public, max-age=3600")
        }
    }

    // MARK: Unsubscribe

    /// The confirmation page of an unsubscribe link: a button, never a change (link scanners follow GETs).
    private func confirmation(query: FormData, expired: Bool, status: HTTPResponse.Status = .ok) -> Response {
        guard let token = query["token"], let (served, email) = site.reader(ofToken: token) else {
            return problem(.badRequest, theme: nil)
        }
        let view = ConfirmView(
            email: email.description, action: unsubscribeAction(token: token),
            formToken: forms.issue(purpose: Self.unsubscribePurpose, subject: token, now: now()), expired: expired)
        var page = pageView(served, title: "Unsubscribe from \(served.theme.settings.name)")
        page.confirm = view
        return Self.page(status, served.pages.render(.unsubscribe, page), private: true)
    }

    /// `POST /unsubscribe?token=…`: an RFC 8058 one-click request (`List-Unsubscribe=One-Click`, from a mail
    /// provider: answered 200 with no page), or the confirmation page's form (`form_token`: answered with a page).
    private func unsubscribe(_ request: Request) async throws -> Response {
        var request = request
        let query = FormData(urlEncoded: Substring(request.uri.query ?? ""))
        let body = try await request.collectBody(upTo: Self.maximumBody)
        let bytes = Array(body.readableBytesView)
        let contentType = request.headers[.contentType]
        let form =
            FormData(body: bytes, contentType: contentType)
            ?? FormData(urlEncoded: Substring(decoding: bytes, as: UTF8.self))
        if form["List-Unsubscribe"] == "One-Click" {
            return await oneClick(token: query["token"])
        }
        if let formToken = form["form_token"] {
            return await confirmed(request, query: query, formToken: formToken)
        }
        return Self.text(.badRequest, "expected List-Unsubscribe=One-Click (RFC 8058)\n")
    }

    /// RFC 8058: the token (an HMAC over list and address) is the whole proof; no page, no redirect, the same
    /// answer however often it comes and whatever the address's standing on the list.
    private func oneClick(token: String?) async -> Response {
        guard let token, let (served, email) = site.reader(ofToken: token) else {
            return Self.text(.badRequest, "this unsubscribe link is not valid\n")
        }
        do {
            try await desk.unsubscribe(email, list: served.listFile)
            logger.info("one-click unsubscribe", metadata: ["list": .string(served.theme.settings.list)])
            return Response(status: .ok, headers: [.cacheControl: "no-store"])
        } catch {
            logger.error("unsubscribe failed: \(error)", metadata: ["list": .string(served.theme.settings.list)])
            var response = Self.text(.serviceUnavailable, "the list cannot be changed right now; try again later\n")
            response.headers[.retryAfter] = "60"
            return response
        }
    }

    /// The confirmation form's POST: the form token must be ours, for this link, and recent.
    private func confirmed(_ request: Request, query: FormData, formToken: String) async -> Response {
        guard let token = query["token"], let (served, email) = site.reader(ofToken: token) else {
            return problem(.badRequest, theme: nil)
        }
        guard isSameSite(request) else {
            return problem(.forbidden, theme: served)
        }
        switch forms.check(formToken, purpose: Self.unsubscribePurpose, subject: token, now: now()) {
        case .valid:
            break
        case .expired:
            // Shown again with a new token: nothing has changed, one more press does it.
            return confirmation(query: query, expired: true, status: .forbidden)
        case .invalid:
            return problem(.forbidden, theme: served)
        }
        do {
            try await desk.unsubscribe(email, list: served.listFile)
            logger.info("unsubscribe confirmed", metadata: ["list": .string(served.theme.settings.list)])
        } catch {
            logger.error("unsubscribe failed: \(error)", metadata: ["list": .string(served.theme.settings.list)])
            var response = problem(.serviceUnavailable, theme: served)
            response.headers[.retryAfter] = "60"
            return response
        }
        var page = pageView(served, title: "Unsubscribed from \(served.theme.settings.name)")
        page.done = DoneView(email: email.description)
        return Self.page(.ok, served.pages.render(.unsubscribed, page), private: true)
    }

    /// False for a form sent from another site: `Sec-Fetch-Site: cross-site`, or (with `--base-url`) an `Origin`
    /// other than the public one.
    func isSameSite(_ request: Request) -> Bool {
        if let site = request.headers[Self.secFetchSite]?.lowercased(), site == "cross-site" { return false }
        if checksOrigin, let origin = request.headers[.origin], origin.lowercased() != address.origin {
            return false
        }
        return true
    }

    private static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!

    func unsubscribeAction(token: String) -> String {
        UnsubscribeLink.url(address.path("/unsubscribe") + "?token=" + UnsubscribeLink.placeholder, token: token)
    }

    // MARK: Archive

    private func theme(_ id: String?) throws -> ServedTheme {
        guard let id, let served = site.theme(id) else { throw HTTPError(.notFound) }
        return served
    }

    private func issuePage(_ served: ServedTheme, week: String) throws -> Response {
        guard let html = try archive.issuePage(served.archive, week: week, address: address) else {
            throw HTTPError(.notFound)
        }
        return Self.response(
            .ok, html, type: "text/html; charset=utf-8", policy: SecurityHeaders.issuePagePolicy,
            cache: "public, max-age=300")
    }

    private func feed(of served: ServedTheme) -> Response {
        Self.response(
            .ok, archive.feed(of: served.archive, address: address), type: "application/atom+xml; charset=utf-8",
            policy: SecurityHeaders.noContentPolicy, cache: "public, max-age=300")
    }

    // MARK: Pages

    /// The page view around a theme's page: masthead, stylesheet and footer links.
    func pageView(_ served: ServedTheme, title: String) -> PageView {
        ArchivePages.pageView(served.theme, title: title, address: address)
    }

    /// An error page in the colours of `theme` (the first served theme when nil).
    func problem(_ status: HTTPResponse.Status, theme: ServedTheme?) -> Response {
        let served = theme ?? site.themes[0]
        let (heading, message) = Self.explanation(status)
        var page = pageView(served, title: heading)
        page.problem = ProblemView(status: status.code, heading: heading, message: message)
        return Self.page(status, served.pages.render(.problem, page), private: true)
    }

    /// What an error page says; nothing in it depends on who is or is not on a list.
    static func explanation(_ status: HTTPResponse.Status) -> (String, String) {
        switch status {
        case .badRequest:
            return (
                "This link does not work",
                "The unsubscribe link is not complete or not valid. Open it again from the end of your latest email, "
                    + "or write to us and we will take you off the list."
            )
        case .forbidden:
            return (
                "This form could not be sent",
                "It did not come from this site, or it was too old. Go back, reload the page and send it again."
            )
        case .notFound:
            return ("Page not found", "There is no page at this address.")
        case .tooManyRequests:
            return (
                "Too many sign-ups",
                "This connection has sent many sign-ups in a short time. Please try again in an hour."
            )
        case .contentTooLarge:
            return ("Request too large", "The request sent more data than this site accepts.")
        case .serviceUnavailable:
            return ("Please try again in a minute", "The list is busy and could not be changed just now.")
        default:
            return ("Something went wrong", "The page could not be shown. Please try again later.")
        }
    }

    /// The theme an error page for `path` should look like: the one named in `/archive/<theme>/…` or
    /// `/assets/<theme>/…`, if served.
    func theme(forPath path: String) -> ServedTheme? {
        let parts = path.split(separator: "/")
        guard parts.count >= 2, parts[0] == "archive" || parts[0] == "assets" else { return nil }
        return site.theme(String(parts[1]))
    }

    // MARK: Responses

    static func page(_ status: HTTPResponse.Status, _ html: String, private isPrivate: Bool) -> Response {
        var response = response(
            status, html, type: "text/html; charset=utf-8", policy: SecurityHeaders.pagePolicy,
            cache: isPrivate ? "no-store" : "public, max-age=300")
        // Pages about one reader's link stay out of search engines.
        if isPrivate { response.headers[SecurityHeaders.robots] = "noindex, nofollow" }
        return response
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        response(
            status, text, type: "text/plain; charset=utf-8", policy: SecurityHeaders.noContentPolicy,
            cache: "no-store")
    }

    static func response(
        _ status: HTTPResponse.Status, _ body: String, type: String, policy: String, cache: String
    ) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentSecurityPolicy] = policy
        headers[.cacheControl] = cache
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

/// Turns every error into a page in the theme's colours and gives every answer the security headers.
struct PageMiddleware: RouterMiddleware {
    typealias Context = ServeContext
    let routes: Routes

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = routes.problem(error.status, theme: routes.theme(forPath: request.uri.path))
        } catch {
            routes.logger.error("\(request.method) \(request.uri.path) failed: \(error)")
            response = routes.problem(.internalServerError, theme: routes.theme(forPath: request.uri.path))
        }
        SecurityHeaders.apply(to: &response.headers, https: routes.address.isHTTPS)
        return response
    }
}

/// The port the server listens on, once it does.
final class BoundPort: Sendable {
    private let value = Mutex<Int?>(nil)

    var port: Int? {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
