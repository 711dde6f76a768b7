import Foundation
import Subscribers

/// The token a page's form carries so that the server accepts its POST only from a page it rendered (CSRF), kept
/// without any server-side state or cookie: the time it was issued and a signature, made with a key derived from
/// the unsubscribe secret, over that time, the form's purpose and what the form acts on (the reader's own
/// unsubscribe token).
///
/// `1764486000.Base64URLSignature`: valid for `lifetime` after it was issued, for that purpose and subject only.
struct FormToken: Sendable {
    /// Forms that wait longer than this are shown again with a new token.
    static let lifetime: TimeInterval = 24 * 60 * 60
    /// Clocks of machines behind one proxy may differ a little.
    static let clockSkew: TimeInterval = 5 * 60

    let secret: UnsubscribeSecret

    /// A token for a form of `purpose` about `subject`, issued `now`.
    func issue(purpose: String, subject: String, now: Date) -> String {
        let issued = String(Int64(now.timeIntervalSince1970.rounded(.down)))
        return issued + "." + secret.signature(of: Self.message(purpose, subject, issued), purpose: "form")
    }

    /// What a token is worth.
    enum Check: Equatable {
        case valid
        /// Genuine, but issued longer ago than `lifetime` (or too far ahead).
        case expired
        /// Not one we issued for this purpose and subject.
        case invalid
    }

    /// Checks a token a form sent back.
    func check(_ token: String, purpose: String, subject: String, now: Date) -> Check {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 12, let issued = Int64(parts[0]),
            secret.isValidSignature(
                String(parts[1]), of: Self.message(purpose, subject, String(parts[0])), purpose: "form")
        else { return .invalid }
        let age = now.timeIntervalSince1970 - TimeInterval(issued)
        return (-Self.clockSkew...Self.lifetime).contains(age) ? .valid : .expired
    }

    private static func message(_ purpose: String, _ subject: String, _ issued: String) -> String {
        [purpose, subject, issued].joined(separator: "\u{0}")
    }
}
