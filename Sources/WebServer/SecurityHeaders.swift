import HTTPTypes
import Hummingbird

/// The headers every answer carries, and the content security policies of each kind of page.
///
/// No page runs script, so no policy allows any. The server's own pages take their style from its stylesheet
/// only; an archived issue is the email's HTML, whose styles are inline (mail clients ignore stylesheets), so its
/// policy allows inline styles and nothing else.
enum SecurityHeaders {
    /// The server's own pages: its stylesheet, forms that post back to it.
    static let pagePolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
        + "frame-ancestors 'none'"
    /// An archived issue: the email's inline styles, pictures over https; no forms, no script.
    static let issuePagePolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'none'; base-uri 'none'; "
        + "frame-ancestors 'none'"
    /// Anything that is not a page (text, the feed, the stylesheet).
    static let noContentPolicy = "default-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"

    static let robots = HTTPField.Name("X-Robots-Tag")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let openerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!
    static let permissionsPolicy = HTTPField.Name("Permissions-Policy")!

    /// Adds the headers every answer gets (keeping a content security policy the answer set).
    static func apply(to headers: inout HTTPFields, https: Bool) {
        if headers[.contentSecurityPolicy] == nil { headers[.contentSecurityPolicy] = noContentPolicy }
        headers[.xContentTypeOptions] = "nosniff"
        // An unsubscribe link carries the reader's token: it must not travel to other sites in a Referer.
        // `same-origin` (not `no-referrer`) so that the form's POST still carries its real Origin.
        headers[referrerPolicy] = "same-origin"
        headers[frameOptions] = "DENY"
        headers[openerPolicy] = "same-origin"
        headers[.crossOriginResourcePolicy] = "same-origin"
        headers[permissionsPolicy] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
        if https { headers[.strictTransportSecurity] = "max-age=31536000" }
    }
}
