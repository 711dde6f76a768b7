import CCurl

/// A failure reported by libcurl, or by our own checks around a transfer.
///
/// The message is libcurl's own words (its error buffer when it filled it, else
/// `curl_easy_strerror`), prefixed with the URL, so a user can act on it.
public struct CurlError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, to switch on.
    public enum Code: Sendable, Equatable {
        /// libcurl could not create a handle or accept an option.
        case setup
        /// The transfer failed; the payload is libcurl's `CURLcode`.
        case transfer(Int)
        /// The response body grew past the caller's size cap.
        case bodyTooLarge(limit: Int)
        /// An HTTP status that the caller treats as failure (4xx, 5xx).
        case httpStatus(Int)
        /// The address a connection would have gone to is one the client's ``AddressPolicy`` refuses.
        case refusedAddress
    }

    /// What went wrong, to switch on.
    public let code: Code
    /// The URL of the transfer, with any password removed.
    public let url: String
    /// libcurl's explanation, or ours.
    public let message: String

    /// Makes an error for a transfer of `url`; any password in `url` is removed here.
    public init(code: Code, url: String, message: String) {
        self.code = code
        self.url = CurlError.redacting(url)
        self.message = message
    }

    /// `<url>: <message>`, the line a user sees.
    public var description: String { "\(url): \(message)" }

    /// `smtp://user:secret@host` becomes `smtp://user@host`, so secrets never reach a log.
    ///
    /// Only the password goes; the user name stays, so a message still says which account failed.
    public static func redacting(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[rest.startIndex..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return url }
        let userInfo = authority[authority.startIndex..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[url.startIndex..<colon]) + String(url[at...])
    }
}

extension CURLcode {
    /// libcurl's short text for this code.
    var text: String { String(cString: curl_easy_strerror(self)) }
}
