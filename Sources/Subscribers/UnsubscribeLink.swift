import Foundation

/// The one builder of a reader's links that carry their token: the unsubscribe link of `List-Unsubscribe` and of
/// an issue's footer, the preferences link next to it, and the web server's own forms for them.
public enum UnsubscribeLink {
    /// The placeholder a theme's `unsubscribe_url` and `preferences_url` hold where each reader's token goes.
    public static let placeholder = "{token}"

    /// `template` with each `{token}` replaced by `token`, percent-encoded as a URL query value. A token the secret
    /// made (base64url and a dot) needs no encoding and goes in as it is; one read from a request might.
    public static func url(_ template: String, token: String) -> String {
        let encoded = token.addingPercentEncoding(withAllowedCharacters: queryValueCharacters) ?? ""
        return template.replacingOccurrences(of: placeholder, with: encoded)
    }

    /// The reader's link on `list`: `template` with the token `secret` makes for `email`.
    public static func url(_ template: String, list: String, email: EmailAddress, secret: UnsubscribeSecret) -> String {
        url(template, token: secret.token(list: list, email: email))
    }

    /// The characters a query value keeps as they are (RFC 3986's unreserved ones).
    static let queryValueCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
