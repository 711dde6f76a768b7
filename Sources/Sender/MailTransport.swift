import Curl
import Foundation

/// Something that hands one message to a mail server for one recipient.
///
/// `CurlSMTPTransport` is the real one; tests may use others. An instance serves one thread.
public protocol MailTransport: AnyObject {
    /// Sends `message` from `sender` to `recipient`; `bodyComplete` is called when the whole body
    /// has gone out and only the server's reply is awaited.
    ///
    /// - Throws: `SMTPError` for failures that stop every message (login, TLS, connection).
    func send(_ message: Data, from sender: String, to recipient: String, bodyComplete: (() -> Void)?) throws
        -> SMTPOutcome
}

/// SMTP through libcurl, one connection reused from message to message.
public final class CurlSMTPTransport: MailTransport {
    private let client: SMTPClient

    /// Makes a transport; it connects on the first message.
    public init(settings: SMTPSettings) throws {
        client = try SMTPClient(settings: settings)
    }

    /// Sends one message.
    public func send(_ message: Data, from sender: String, to recipient: String, bodyComplete: (() -> Void)?) throws
        -> SMTPOutcome
    {
        try client.send(message, from: sender, to: recipient, bodyComplete: bodyComplete)
    }
}
