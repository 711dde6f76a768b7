import Curl
import Foundation

/// Something that hands one message to a mail server for one recipient.
///
/// `CurlSMTPTransport` is the real one; tests may use others. An instance serves one thread.
public protocol MailTransport: AnyObject {
    /// Connects, sets up TLS and logs in, then hangs up: a check that the relay and the
    /// credentials work before anything is recorded or sent.
    ///
    /// - Throws: `SenderError` (`.transport`), as `send` would for the first message.
    func checkSession() throws(SenderError)

    /// Sends `message` from `sender` to `recipient`; `bodyComplete` is called when the whole body
    /// has gone out and only the server's reply is awaited.
    ///
    /// - Throws: `SenderError` (`.transport`) for failures that stop every message (login, TLS,
    ///   connection).
    func send(_ message: Data, from sender: String, to recipient: String, bodyComplete: (() -> Void)?)
        throws(SenderError) -> SMTPOutcome
}

/// Where and how to reach the relay (see `SMTPSettings`): what a command builds from its options
/// and hands to `CurlSMTPTransport`.
public typealias RelaySettings = SMTPSettings

/// SMTP through libcurl, one connection reused from message to message.
public final class CurlSMTPTransport: MailTransport {
    private let settings: RelaySettings
    private var client: SMTPClient?
    /// After `checkSession`: whether the relay offered a login (`AUTH`) that these settings, without a user
    /// name, will not use. Some relays let trusted hosts send without one; others refuse every message.
    public private(set) var loginOfferedButNoneGiven = false

    /// Makes a transport; it connects on the first message.
    public init(settings: RelaySettings) {
        self.settings = settings
    }

    /// Connects and logs in once, then hangs up.
    public func checkSession() throws(SenderError) {
        let lines = try Self.wrapping { try SMTPClient.verify(settings) }
        loginOfferedButNoneGiven = settings.username == nil && SMTPClient.offersLogin(lines)
    }

    /// Sends one message.
    public func send(_ message: Data, from sender: String, to recipient: String, bodyComplete: (() -> Void)?)
        throws(SenderError) -> SMTPOutcome
    {
        try Self.wrapping {
            let client = try self.client ?? SMTPClient(settings: settings)
            self.client = client
            return SMTPOutcome(try client.send(message, from: sender, to: recipient, bodyComplete: bodyComplete))
        }
    }

    /// Runs `body`, with libcurl's failures as `SenderError` (`.transport`), its SMTP code kept
    /// as the underlying error.
    private static func wrapping<Result>(_ body: () throws -> Result) throws(SenderError) -> Result {
        do {
            return try body()
        } catch let error as SMTPError {
            var wrapped = SenderError(.transport, error.message, underlying: error)
            wrapped.transportFailure =
                switch error.code {
                case .authenticationFailed: .authentication
                case .credentialsMissing: .credentialsMissing
                case .startTLSUnavailable: .startTLSUnavailable
                case .tlsFailed: .tls
                case .connectionFailed: .connection
                case .configuration: .configuration
                }
            throw wrapped
        } catch let error as SenderError {
            throw error
        } catch {
            throw SenderError(.transport, "\(error)", underlying: error)
        }
    }
}
