import Foundation
import Logging
import NewsValues
import Sender
import Subscribers
import Synchronization

/// What a sign-up asked for, carried inside its confirmation link so the server keeps nothing until the reader
/// confirms: the list, the address, the name and sections chosen, and when the link stops working.
struct SignupRequest: Codable, Equatable, Sendable {
    var list: String
    var email: String
    var name: String
    var sections: [String]
    /// Seconds since 1970 after which the link does nothing.
    var expires: Int64

    private enum CodingKeys: String, CodingKey {
        case list = "l"
        case email = "e"
        case name = "n"
        case sections = "s"
        case expires = "x"
    }
}

/// The token of a confirmation link: the request as base64url JSON, a dot, and an HMAC of it made with a key
/// derived from the unsubscribe secret for this purpose only (an unsubscribe token or a form token is never one).
enum SignupToken {
    static let purpose = "subscribe-confirm"
    /// How long a confirmation link works.
    static let lifetime: TimeInterval = 48 * 60 * 60

    enum Reading: Equatable {
        case valid(SignupRequest)
        /// Genuine, but older than `lifetime`.
        case expired
        /// Not one we made.
        case invalid
    }

    static func make(_ request: SignupRequest, secret: UnsubscribeSecret) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let payload = Base64URL.encode((try? encoder.encode(request)) ?? Data())
        return payload + "." + secret.signature(of: payload, purpose: purpose)
    }

    static func read(_ token: String, secret: UnsubscribeSecret, now: Date) -> Reading {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.utf8.count <= 4096, parts.count == 2,
            secret.isValidSignature(String(parts[1]), of: String(parts[0]), purpose: purpose),
            let data = Base64URL.decode(String(parts[0])),
            let request = try? JSONDecoder().decode(SignupRequest.self, from: data)
        else { return .invalid }
        return now.timeIntervalSince1970 <= TimeInterval(request.expires) ? .valid(request) : .expired
    }
}

/// Base64 with the URL alphabet and no padding.
enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}

/// How many sign-ups the server takes before it stops sending confirmations.
public struct SignupLimits: Sendable, Equatable {
    /// Sign-ups for one address in `addressWindow`; more get the same page and no mail.
    public var perAddress: Int
    public var addressWindow: TimeInterval
    /// Sign-ups from one client address in `clientWindow`; more are answered 429.
    public var perClient: Int
    public var clientWindow: TimeInterval

    /// 3 per address a day, 20 per client an hour.
    public init(
        perAddress: Int = 3, addressWindow: TimeInterval = 24 * 60 * 60, perClient: Int = 20,
        clientWindow: TimeInterval = 60 * 60
    ) {
        self.perAddress = perAddress
        self.addressWindow = addressWindow
        self.perClient = perClient
        self.clientWindow = clientWindow
    }
}

/// Counts recent attempts by key, in memory (a restart forgets them, which only gives a few more tries).
final class AttemptCounter: Sendable {
    private let attempts = Mutex<[String: [Date]]>([:])

    /// Records an attempt for `key` and returns whether it is within `limit` attempts in `window`.
    func allow(_ key: String, limit: Int, window: TimeInterval, now: Date) -> Bool {
        attempts.withLock { attempts in
            if attempts.count > 50_000 {
                // Forget keys with nothing recent, so a flood of different keys cannot grow this without end.
                attempts = attempts.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
            }
            var recent = (attempts[key] ?? []).filter { now.timeIntervalSince($0) < window }
            let allowed = recent.count < limit
            if allowed { recent.append(now) }
            attempts[key] = recent
            return allowed
        }
    }
}

/// Sends confirmation messages through the relay `digest send` uses (the sender's `MailTransport`, libcurl's SMTP),
/// one at a time on a queue of its own, after the page has been answered: how long a relay takes tells nothing
/// about the address.
final class ConfirmationMailer: Sendable {
    let settings: RelaySettings
    private let logger: Logger
    private let queue = DispatchQueue(label: "digest.serve.mail")

    init(settings: RelaySettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Queues one message from `sender` (whose domain the client names in `EHLO`) with the envelope sender
    /// `envelope` (`MAIL FROM`, where bounces go).
    func send(_ message: Data, from sender: EmailAddress, envelope: EmailAddress, to recipient: EmailAddress) {
        var changed = settings
        changed.ehloName = sender.asciiDomain
        let settings = changed
        let logger = logger
        queue.async {
            do {
                let outcome = try CurlSMTPTransport(settings: settings).send(
                    message, from: envelope.ascii, to: recipient.ascii, bodyComplete: nil)
                if case .accepted = outcome {
                    logger.info("sign-up confirmation sent")
                } else {
                    logger.error("sign-up confirmation not sent: \(outcome)")
                }
            } catch {
                logger.error("sign-up confirmation not sent: \(error)")
            }
        }
    }

    /// A plain-text message (UTF-8, quoted-printable), as RFC 5322 bytes with CRLF line ends.
    static func message(
        from sender: (name: String, address: EmailAddress), replyTo: String?, to recipient: EmailAddress,
        subject: String, body: String, date: Date
    ) -> Data {
        let id = UUID().uuidString.lowercased() + "@" + sender.address.asciiDomain
        var lines = [
            "From: \(encodedWord(sender.name)) <\(sender.address.ascii)>",
            "To: <\(recipient.ascii)>",
        ]
        if let replyTo, !replyTo.contains(where: \.isNewline) { lines.append("Reply-To: <\(replyTo)>") }
        lines += [
            "Subject: \(encodedWord(subject))",
            "Date: " + MailDate.format(date, in: .gmt),
            "Message-ID: <\(id)>",
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            quotedPrintable(body),
        ]
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    /// An RFC 2047 encoded word when `text` is not plain ASCII, else `text`.
    static func encodedWord(_ text: String) -> String {
        let clean = text.filter { !$0.isNewline }
        if clean.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) && !clean.contains("\"") {
            return clean
        }
        return "=?utf-8?B?" + Data(clean.utf8).base64EncodedString() + "?="
    }

    /// Quoted-printable with lines of at most 76 characters and CRLF line ends.
    static func quotedPrintable(_ text: String) -> String {
        var output: [String] = []
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            var current = ""
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let piece: String
                if (byte >= 33 && byte <= 126 && byte != 61) || (byte == 32 && !isLast) {
                    piece = String(UnicodeScalar(byte))
                } else {
                    piece = String(format: "=%02X", byte)
                }
                if current.count + piece.count > 75 {
                    output.append(current + "=")
                    current = ""
                }
                current += piece
            }
            output.append(current)
        }
        return output.joined(separator: "\r\n")
    }
}

/// The list changes of sign-ups and preferences, made under the list's lock off the threads that answer requests.
enum ListDesk {
    /// The columns a web sign-up fills in besides the standard ones (`added_at` and `source`).
    static let consentTimeColumn = "consent_at"
    static let consentIPColumn = "consent_ip"

    /// Runs `work` on a thread of the global queue and waits for it.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Where an address stands before a sign-up sends anything.
    enum Standing: Sendable {
        /// Not on the list, or on it but not active: a confirmation is sent.
        case newcomer
        /// Already receiving the newsletter.
        case active
        /// On the suppression list: never mailed.
        case suppressed
    }

    static func standing(of email: EmailAddress, list: URL) throws -> Standing {
        guard FileManager.default.fileExists(atPath: list.path) else { return .newcomer }
        let subscribers = try SubscriberList.load(from: list)
        if subscribers.isSuppressed(email) { return .suppressed }
        return subscribers.subscriber(email)?.status == .active ? .active : .newcomer
    }

    enum Activation: Sendable, Equatable {
        case activated
        /// The address is suppressed: a sign-up from the web does not override that.
        case suppressed
    }

    /// Makes the address of a confirmed sign-up an active subscriber, with the consent recorded.
    static func activate(_ request: SignupRequest, email: EmailAddress, ip: String, at date: Date, list: URL)
        throws -> Activation
    {
        try SubscriberList.edit(at: list, creatingIfMissing: true, lockTimeout: .seconds(10)) { subscribers in
            if subscribers.isSuppressed(email) { return .suppressed }
            subscribers.addColumn(consentTimeColumn)
            subscribers.addColumn(consentIPColumn)
            let consent = [
                Subscriber.Field(name: consentTimeColumn, value: ISO8601.format(date)),
                Subscriber.Field(name: consentIPColumn, value: ip),
            ]
            if subscribers.subscriber(email) != nil {
                _ = try subscribers.update(email) { subscriber in
                    subscriber.status = .active
                    if !request.name.isEmpty { subscriber.name = request.name }
                    subscriber.sections = request.sections
                    subscriber.source = "web"
                    subscriber.extraFields.removeAll { [consentTimeColumn, consentIPColumn].contains($0.name) }
                    subscriber.extraFields += consent
                }
            } else {
                try subscribers.add(
                    Subscriber(
                        email: email, name: request.name, sections: request.sections, status: .active, addedAt: date,
                        source: "web", extraFields: consent))
            }
            return .activated
        }
    }

    /// A reader's own entry, for the preferences page.
    static func subscriber(_ email: EmailAddress, list: URL) throws -> Subscriber? {
        guard FileManager.default.fileExists(atPath: list.path) else { return nil }
        return try SubscriberList.load(from: list).subscriber(email)
    }

    /// Saves a reader's name and sections; false when they are not on the list.
    static func savePreferences(_ email: EmailAddress, name: String, sections: [String], list: URL) throws -> Bool {
        try SubscriberList.edit(at: list, lockTimeout: .seconds(10)) { subscribers in
            guard subscribers.subscriber(email) != nil else { return false }
            _ = try subscribers.update(email) { subscriber in
                subscriber.name = name
                subscriber.sections = sections
            }
            return true
        }
    }
}
