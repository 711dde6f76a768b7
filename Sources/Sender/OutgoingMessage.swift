import Foundation
import Subscribers

/// An address with an optional display name, as in `From: Decoding Asia <letters@example.com>`.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The validated address.
    public var address: EmailAddress
    /// The name shown beside it; nil or empty for none.
    public var displayName: String?

    /// Creates a mail address from a validated address.
    public init(_ address: EmailAddress, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }

    /// Creates a mail address from text.
    ///
    /// - Throws: `SenderError` with code `.invalidAddress` and the validator's reason.
    public init(_ address: String, displayName: String? = nil) throws(SenderError) {
        do {
            self.init(try EmailAddress(address), displayName: displayName)
        } catch {
            throw SenderError(.invalidAddress, error.reason, underlying: error)
        }
    }

    /// The subscriber's address, with their name as the display name.
    public init(_ subscriber: Subscriber) {
        self.init(subscriber.email, displayName: subscriber.name.isEmpty ? nil : subscriber.name)
    }

    /// `Name <address>`, or the bare address; for logs, not for headers.
    public var description: String {
        guard let displayName, !displayName.isEmpty else { return address.description }
        return "\(displayName) <\(address)>"
    }
}

/// A `Message-ID`: a random left part and the sender's domain, unique across every message sent.
public struct MessageID: Sendable, Hashable, CustomStringConvertible {
    /// The part before the `@`.
    public let localPart: String
    /// The part after the `@` (ASCII).
    public let domain: String

    /// Creates an ID from its parts.
    ///
    /// - Throws: `.invalidHeader` when either part is not an ASCII dot-atom.
    public init(localPart: String, domain: String) throws(SenderError) {
        for part in [localPart, domain] {
            let ok =
                !part.isEmpty && !part.hasPrefix(".") && !part.hasSuffix(".") && !part.contains("..")
                && part.unicodeScalars.allSatisfy { scalar in
                    scalar.isASCII && scalar.value > 32 && scalar.value < 127
                        && !"()<>[]:;@\\,\"".unicodeScalars.contains(scalar)
                }
            guard ok else {
                throw SenderError(.invalidHeader, "'\(part)' cannot be part of a Message-ID", header: "Message-ID")
            }
        }
        self.localPart = localPart
        self.domain = domain
    }

    /// A new ID in the sender's domain: 128 random bits from `generator`, in hex.
    public static func random<Generator: RandomNumberGenerator>(
        for sender: EmailAddress, using generator: inout Generator
    ) -> MessageID {
        let high = generator.next()
        let low = generator.next()
        let hex = [high, low].map { value in
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
        return MessageID(uncheckedLocalPart: hex, domain: sender.asciiDomain)
    }

    /// A new ID in the sender's domain from the system's random source.
    public static func random(for sender: EmailAddress) -> MessageID {
        var generator = SystemRandomNumberGenerator()
        return random(for: sender, using: &generator)
    }

    private init(uncheckedLocalPart: String, domain: String) {
        self.localPart = uncheckedLocalPart
        self.domain = domain
    }

    /// `<local@domain>`, as written in the header.
    public var description: String { "<\(localPart)@\(domain)>" }
}

/// The `List-Id` of a mailing list (RFC 2919): a name for people and an identifier for filters.
public struct ListID: Sendable, Hashable {
    /// The list's name, like `Decoding Asia`; may be nil.
    public var name: String?
    /// A dotted identifier, like `decoding-asia.letters.example.com`.
    public var identifier: String

    /// Creates a list id.
    public init(name: String? = nil, identifier: String) {
        self.name = name
        self.identifier = identifier
    }
}

/// A header the caller adds, like `X-Campaign: 2026-W02`.
public struct MailHeader: Sendable, Hashable {
    /// The field name, like `X-Campaign`.
    public var name: String
    /// The value, unencoded; non-ASCII text is encoded on writing.
    public var value: String

    /// Creates a header.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One personalised message to one recipient, with its rendered text and HTML bodies.
public struct OutgoingMessage: Sendable {
    /// The sender.
    public var from: MailAddress
    /// The one recipient; there is never a `Cc` or `Bcc`.
    public var to: MailAddress
    /// Where replies go, when not to `from`.
    public var replyTo: MailAddress?
    /// The subject, unencoded.
    public var subject: String
    /// The plain-text body (line breaks as LF or CRLF), sent as the first part.
    public var textBody: String
    /// The HTML body, sent as the second (preferred) part.
    public var htmlBody: String
    /// The moment the message is dated; comes from the caller's clock.
    public var date: Date
    /// The unique id; comes from the caller's random source (`MessageID.random(for:using:)`).
    public var messageID: MessageID
    /// The list the message belongs to.
    public var listID: ListID
    /// The one-click unsubscribe link (RFC 8058); must be `https`.
    public var listUnsubscribeURL: URL
    /// An address to unsubscribe by mail, like `mailto:leave@example.com?subject=unsubscribe`.
    public var listUnsubscribeMailto: URL?
    /// More headers to add after ours.
    public var extraHeaders: [MailHeader]
    /// The text and HTML bodies already in quoted-printable, when the caller has them (a cached
    /// layout): they must be exactly `QuotedPrintable.encode` of the bodies, and are written
    /// instead of `textBody` and `htmlBody` (which may then be left empty).
    var encodedBodies: (text: EncodedBody, html: EncodedBody)?
    /// Header lines written ahead for a whole mailing; used only while the message has the
    /// values they were written for.
    var sharedHeaders: SharedHeaders?

    /// Creates a message.
    public init(
        from: MailAddress, to: MailAddress, replyTo: MailAddress? = nil, subject: String, textBody: String,
        htmlBody: String, date: Date, messageID: MessageID, listID: ListID, listUnsubscribeURL: URL,
        listUnsubscribeMailto: URL? = nil, extraHeaders: [MailHeader] = []
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.date = date
        self.messageID = messageID
        self.listID = listID
        self.listUnsubscribeURL = listUnsubscribeURL
        self.listUnsubscribeMailto = listUnsubscribeMailto
        self.extraHeaders = extraHeaders
    }
}
