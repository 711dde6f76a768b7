import Foundation
import HTTPTypes
import Hummingbird
import Sender
import Subscribers
import WebSite

/// Sign-up with double opt-in, its confirmation, and a reader's preferences.
extension Routes {
    static let subscribePurpose = "subscribe"
    static let activatePurpose = "subscribe-confirm"
    static let preferencesPurpose = "preferences"
    /// The longest name kept.
    static let maximumNameLength = 200

    func registerReaderPages(on router: Router<ServeContext>) {
        router.get("subscribe") { request, _ in
            let query = FormData(urlEncoded: Substring(request.uri.query ?? ""))
            return signupForm(try signupTheme(query["theme"]), status: .ok)
        }
        router.post("subscribe") { request, context in
            try await subscribe(request, context: context)
        }
        router.get("subscribe/confirm") { request, _ in
            let query = FormData(urlEncoded: Substring(request.uri.query ?? ""))
            return activation(token: query["token"] ?? "", expiredForm: false)
        }
        router.post("subscribe/confirm") { request, context in
            try await activate(request, context: context)
        }
        router.get("preferences") { request, _ in
            let query = FormData(urlEncoded: Substring(request.uri.query ?? ""))
            return try await preferences(token: query["token"] ?? "", notice: nil)
        }
        router.post("preferences") { request, _ in
            try await savePreferences(request)
        }
    }

    // MARK: Sign-up

    private func signupTheme(_ id: String?) throws -> ServedTheme {
        guard let id, !id.isEmpty else { return site.themes[0] }
        guard let served = site.theme(id) else { throw HTTPError(.notFound) }
        return served
    }

    /// The sign-up form, blank or with what was typed and a message.
    private func signupForm(
        _ served: ServedTheme, status: HTTPResponse.Status, email: String = "", name: String = "",
        chosen: [String]? = nil, error: String? = nil, expired: Bool = false
    ) -> Response {
        let settings = served.theme.settings
        let sections = settings.sections.map { section in
            SectionChoice(id: section.id, title: section.title, checked: chosen.map { $0.contains(section.id) } ?? true)
        }
        var page = pageView(served, title: "Subscribe to \(settings.name)")
        page.subscribe = SubscribeView(
            action: address.path("/subscribe"), theme: served.id,
            formToken: forms.issue(purpose: Self.subscribePurpose, subject: served.id, now: now()), email: email,
            name: name, sections: sections, error: error, expired: expired, open: mailer != nil)
        return Self.page(status, served.pages.render(.subscribe, page), private: false)
    }

    private func body(of request: Request) async throws -> FormData {
        var request = request
        let bytes = Array(try await request.collectBody(upTo: Self.maximumBody).readableBytesView)
        return FormData(body: bytes, contentType: request.headers[.contentType])
            ?? FormData(urlEncoded: Substring(decoding: bytes, as: UTF8.self))
    }

    /// The client's address: the peer, or, when the peer is a proxy on this machine, the last address it added to
    /// `X-Forwarded-For`.
    func clientAddress(_ request: Request, context: ServeContext) -> String {
        let peer = context.peerAddress ?? "unknown"
        if peer == "127.0.0.1" || peer == "::1" || peer == "::ffff:127.0.0.1",
            let forwarded = request.headers[Self.forwardedFor],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty,
            last.count <= 64
        {
            return last
        }
        return peer
    }

    private static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// `POST /subscribe`: checks the form, then sends a confirmation link, or nothing; the answer is the same page
    /// whatever the address's standing on the list.
    private func subscribe(_ request: Request, context: ServeContext) async throws -> Response {
        let form = try await body(of: request)
        let served = try signupTheme(form["theme"])
        guard isSameSite(request) else { return problem(.forbidden, theme: served) }
        switch forms.check(form["form_token"] ?? "", purpose: Self.subscribePurpose, subject: served.id, now: now()) {
        case .valid: break
        case .expired:
            return signupForm(
                served, status: .forbidden, email: form["email"] ?? "", name: form["name"] ?? "",
                chosen: form.values("section"), expired: true)
        case .invalid: return problem(.forbidden, theme: served)
        }
        guard let mailer, let sender = served.senderAddress,
            let envelope = try? IssueMailing.envelopeSender(
                bounceAddress: served.theme.settings.bounceAddress, from: sender)
        else {
            return signupForm(served, status: .serviceUnavailable)
        }
        let client = clientAddress(request, context: context)
        let moment = now()
        guard
            attempts.allow(
                "client " + client, limit: limits.perClient, window: limits.clientWindow, now: moment)
        else {
            var response = problem(.tooManyRequests, theme: served)
            response.headers[.retryAfter] = String(Int(limits.clientWindow))
            return response
        }
        let typed = (form["email"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let name = Self.cleanName(form["name"] ?? "")
        let known = Set(served.theme.settings.sections.map(\.id))
        var sections = form.values("section").filter { known.contains($0) }
        let email: EmailAddress
        do {
            email = try EmailAddress(typed)
        } catch {
            return signupForm(
                served, status: .unprocessableContent, email: typed, name: name, chosen: sections,
                error: "“\(typed)” is not an email address we can send to. Please check it.")
        }
        if sections.count == known.count { sections = [] }
        let inbox = inboxPage(served, email: email)
        guard
            attempts.allow(
                "address " + email.description.lowercased(), limit: limits.perAddress, window: limits.addressWindow,
                now: moment)
        else { return inbox }
        let standing: ListDesk.Standing
        do {
            let list = served.listFile
            standing = try await ListDesk.offThePool { try ListDesk.standing(of: email, list: list) }
        } catch {
            logger.error("sign-up: cannot read the list: \(error)")
            return problem(.serviceUnavailable, theme: served)
        }
        guard standing == .newcomer else {
            // Active or suppressed: nothing is sent, and the page is the same.
            logger.info("sign-up for an address already active or suppressed; no mail")
            return inbox
        }
        let signup = SignupRequest(
            list: served.theme.settings.list, email: email.description, name: name, sections: sections,
            expires: Int64((moment.timeIntervalSince1970 + SignupToken.lifetime).rounded(.down)))
        let token = SignupToken.make(signup, secret: site.secret)
        mailer.send(
            confirmationMessage(served, from: sender, to: email, token: token, date: moment), from: sender,
            envelope: envelope, to: email)
        return inbox
    }

    private func inboxPage(_ served: ServedTheme, email: EmailAddress) -> Response {
        var page = pageView(served, title: "Check your inbox")
        page.inbox = InboxView(email: email.description, hours: Int(SignupToken.lifetime / 3600))
        return Self.page(.ok, served.pages.render(.inbox, page), private: true)
    }

    private func confirmationMessage(
        _ served: ServedTheme, from sender: EmailAddress, to email: EmailAddress, token: String, date: Date
    ) -> Data {
        let settings = served.theme.settings
        let link = address.url("/subscribe/confirm") + "?token=" + token
        let body = """
            Hello,

            someone, probably you, asked to receive \(settings.name) at \(email).
            To confirm, open this link and press the button on the page:

            \(link)

            The link works for \(Int(SignupToken.lifetime / 3600)) hours. If you did not ask for this, ignore \
            this message: nothing will be sent to you.

            \(settings.name)
            """
        return ConfirmationMailer.message(
            from: (settings.sender.name, sender), replyTo: settings.sender.replyTo, to: email,
            subject: "Confirm your subscription to \(settings.name)", body: body, date: date)
    }

    /// The page a confirmation link opens: a button (a GET never subscribes: link scanners follow links).
    private func activation(token: String, expiredForm: Bool, status: HTTPResponse.Status = .ok) -> Response {
        switch SignupToken.read(token, secret: site.secret, now: now()) {
        case .invalid:
            return linkProblem(.badRequest, heading: "This link does not work", message: Self.brokenSignupLink)
        case .expired:
            return linkProblem(.gone, heading: "This link has expired", message: Self.expiredSignupLink)
        case .valid(let signup):
            guard let served = site.themes.first(where: { $0.theme.settings.list == signup.list }) else {
                return linkProblem(.badRequest, heading: "This link does not work", message: Self.brokenSignupLink)
            }
            var page = pageView(served, title: "Confirm your subscription")
            page.activate = ActivateView(
                email: signup.email, action: address.path("/subscribe/confirm") + "?token=" + token,
                formToken: forms.issue(purpose: Self.activatePurpose, subject: token, now: now()),
                expired: expiredForm, activated: false, preferencesURL: nil)
            return Self.page(status, served.pages.render(.activate, page), private: true)
        }
    }

    static let brokenSignupLink =
        "The confirmation link is not complete. Copy the whole link from the email, or sign up again."
    static let expiredSignupLink =
        "Confirmation links work for 48 hours. Sign up again and we will send you a new one."

    private func linkProblem(_ status: HTTPResponse.Status, heading: String, message: String) -> Response {
        let served = site.themes[0]
        var page = pageView(served, title: heading)
        page.problem = ProblemView(status: status.code, heading: heading, message: message)
        return Self.page(status, served.pages.render(.problem, page), private: true)
    }

    /// `POST /subscribe/confirm?token=…`: the button of the confirmation page makes the address active.
    private func activate(_ request: Request, context: ServeContext) async throws -> Response {
        let query = FormData(urlEncoded: Substring(request.uri.query ?? ""))
        let form = try await body(of: request)
        let token = query["token"] ?? ""
        guard case .valid(let signup) = SignupToken.read(token, secret: site.secret, now: now()),
            let served = site.themes.first(where: { $0.theme.settings.list == signup.list }),
            let email = try? EmailAddress(signup.email)
        else { return activation(token: token, expiredForm: false) }
        guard isSameSite(request) else { return problem(.forbidden, theme: served) }
        switch forms.check(form["form_token"] ?? "", purpose: Self.activatePurpose, subject: token, now: now()) {
        case .valid: break
        case .expired: return activation(token: token, expiredForm: true, status: .forbidden)
        case .invalid: return problem(.forbidden, theme: served)
        }
        let ip = clientAddress(request, context: context)
        let moment = now()
        let list = served.listFile
        let outcome: ListDesk.Activation
        do {
            outcome = try await ListDesk.offThePool {
                try ListDesk.activate(signup, email: email, ip: ip, at: moment, list: list)
            }
        } catch {
            logger.error("sign-up confirmation: cannot change the list: \(error)")
            var response = problem(.serviceUnavailable, theme: served)
            response.headers[.retryAfter] = "60"
            return response
        }
        guard outcome == .activated else {
            return linkProblem(
                .conflict, heading: "This address cannot be subscribed here",
                message: "Mail to this address was stopped at its owner's request. Write to us to start it again.")
        }
        logger.info("sign-up confirmed", metadata: ["list": .string(signup.list)])
        let readerToken = site.secret.token(list: signup.list, email: email)
        var page = pageView(served, title: "Welcome to \(served.theme.settings.name)")
        page.activate = ActivateView(
            email: email.description, action: "", formToken: "", expired: false, activated: true,
            preferencesURL: preferencesPath(token: readerToken))
        return Self.page(.ok, served.pages.render(.activate, page), private: true)
    }

    // MARK: Preferences

    func preferencesPath(token: String) -> String {
        UnsubscribeLink.url(address.path("/preferences") + "?token=" + UnsubscribeLink.placeholder, token: token)
    }

    /// `GET /preferences?token=…`: the reader's name and sections, with a link to unsubscribe.
    private func preferences(
        token: String, notice: PreferencesView.Notice?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let (served, email) = site.reader(ofToken: token) else {
            return linkProblem(
                .badRequest, heading: "This link does not work",
                message: "The preferences link is not complete. Open it again from the end of your latest email.")
        }
        let list = served.listFile
        let subscriber: Subscriber?
        do {
            subscriber = try await ListDesk.offThePool { try ListDesk.subscriber(email, list: list) }
        } catch {
            logger.error("preferences: cannot read the list: \(error)")
            return problem(.serviceUnavailable, theme: served)
        }
        let active = subscriber?.status == .active
        let sections = served.theme.settings.sections.map { section in
            SectionChoice(
                id: section.id, title: section.title, checked: subscriber?.wantsSection(section.id) ?? true)
        }
        var page = pageView(served, title: "Your preferences · \(served.theme.settings.name)")
        page.preferences = PreferencesView(
            email: email.description, name: subscriber?.name ?? "", action: preferencesPath(token: token),
            formToken: forms.issue(purpose: Self.preferencesPurpose, subject: token, now: now()),
            sections: sections, subscribed: active, saved: notice == .saved, expired: notice == .expired,
            unsubscribeURL: unsubscribeAction(token: token), subscribeURL: address.path("/subscribe"))
        return Self.page(status, served.pages.render(.preferences, page), private: true)
    }

    /// `POST /preferences?token=…`: saves name and sections through the list's lock.
    private func savePreferences(_ request: Request) async throws -> Response {
        let query = FormData(urlEncoded: Substring(request.uri.query ?? ""))
        let form = try await body(of: request)
        let token = query["token"] ?? ""
        guard let (served, email) = site.reader(ofToken: token) else {
            return try await preferences(token: token, notice: nil)
        }
        guard isSameSite(request) else { return problem(.forbidden, theme: served) }
        switch forms.check(form["form_token"] ?? "", purpose: Self.preferencesPurpose, subject: token, now: now()) {
        case .valid: break
        case .expired: return try await preferences(token: token, notice: .expired, status: .forbidden)
        case .invalid: return problem(.forbidden, theme: served)
        }
        let known = served.theme.settings.sections.map(\.id)
        let chosen = Set(form.values("section"))
        var sections = known.filter { chosen.contains($0) }
        // Every box ticked is "every section", which includes sections added later; none ticked means the same.
        if sections.count == known.count { sections = [] }
        let name = Self.cleanName(form["name"] ?? "")
        let list = served.listFile
        let saved = sections
        do {
            _ = try await ListDesk.offThePool {
                try ListDesk.savePreferences(email, name: name, sections: saved, list: list)
            }
        } catch {
            logger.error("preferences: cannot change the list: \(error)")
            var response = problem(.serviceUnavailable, theme: served)
            response.headers[.retryAfter] = "60"
            return response
        }
        return try await preferences(token: token, notice: .saved)
    }

    /// A name as typed, without control characters, surrounding spaces or more than `maximumNameLength`.
    static func cleanName(_ name: String) -> String {
        let scalars = name.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }
        return String(String.UnicodeScalarView(scalars)).trimmingCharacters(in: .whitespaces)
            .prefix(maximumNameLength).description
    }
}

extension ServedTheme {
    /// The address confirmations come from: the theme's sender (checked when the theme is loaded).
    var senderAddress: EmailAddress? {
        try? EmailAddress(theme.settings.sender.address)
    }
}
