import Composer
import Foundation
import Renderer
import Subscribers

/// Makes each subscriber's own message of one issue: their sections, their name, their
/// unsubscribe link (in the body and in `List-Unsubscribe`), rendered as text and HTML.
public struct IssueMailing: Sendable {
    /// The composed issue being mailed.
    public let issue: ComposedIssue
    /// The theme's templates.
    public let renderer: IssueRenderer
    /// The list name, as in `Subscribers/<list>.csv`; it goes into `List-Id` and the tokens.
    public let list: String
    /// The secret that signs each reader's unsubscribe token.
    public let secret: UnsubscribeSecret
    /// The sender, from the theme.
    public let from: MailAddress
    /// Where replies go, from the theme; nil for the sender.
    public let replyTo: MailAddress?
    /// The envelope sender (`MAIL FROM`) of every copy: the theme's `bounce_address`, where
    /// delivery-status notifications go, or the sender's address when it has none. The `From`
    /// header is always `from`.
    public let envelopeSender: EmailAddress
    /// Each choice of sections rendered once, for `message(for:date:messageID:reusingLayouts:)`.
    private let layouts = CopyLayouts()
    /// The `mailto:` half of `List-Unsubscribe`, the same in every message.
    private let unsubscribeMailto: URL?
    /// The list's `List-Id`.
    private let listID: ListID
    /// The header lines every message shares, written once; nil when they cannot be written
    /// (then each message fails as it is written, naming its recipient).
    private let sharedHeaders: SharedHeaders?

    /// Prepares the mailing; fails when the theme's sender address, or `bounceAddress` (the
    /// theme's `bounce_address`, the envelope sender when given), is not a valid address.
    public init(
        issue: ComposedIssue, renderer: IssueRenderer, list: String, secret: UnsubscribeSecret,
        bounceAddress: String? = nil
    ) throws(SenderError) {
        self.issue = issue
        self.renderer = renderer
        self.list = list
        self.secret = secret
        let masthead = issue.masthead
        from = try MailAddress(masthead.senderAddress, displayName: masthead.senderName)
        replyTo = try masthead.replyTo.map { address throws(SenderError) in try MailAddress(address) }
        envelopeSender = try Self.envelopeSender(bounceAddress: bounceAddress, from: from.address)
        unsubscribeMailto = URL(string: "mailto:\(from.address.ascii)?subject=unsubscribe")
        listID = ListID(name: issue.masthead.name, identifier: "\(list).\(from.address.asciiDomain)")
        sharedHeaders = try? SharedHeaders(
            from: from, replyTo: replyTo, subject: "\(issue.masthead.name) · \(issue.periodLabel)", listID: listID)
    }

    /// The envelope sender (`MAIL FROM`) of a theme's mail, its copies of an issue and the web server's sign-up
    /// confirmations alike: `bounceAddress` (the theme's `bounce_address`) when it has one, else `from`.
    ///
    /// - Throws: `SenderError` (`.invalidAddress`) when `bounceAddress` is not a valid address.
    public static func envelopeSender(bounceAddress: String?, from: EmailAddress) throws(SenderError) -> EmailAddress {
        do {
            return try bounceAddress.map { address throws(SubscribersError) in try EmailAddress(address) } ?? from
        } catch {
            throw SenderError(.invalidAddress, "the bounce address: \(error.reason)", underlying: error)
        }
    }

    /// `Decoding Asia · 16–22 November 2026`.
    public var subject: String { "\(issue.masthead.name) · \(issue.periodLabel)" }

    /// The reader's one-click unsubscribe link: the theme's URL with their token in it.
    public func unsubscribeURL(for subscriber: Subscriber) -> String {
        Self.unsubscribeURL(
            for: subscriber, list: list, secret: secret, template: issue.masthead.unsubscribeURLTemplate)
    }

    /// What the renderer needs to know of a subscriber.
    public func reader(for subscriber: Subscriber) -> Reader {
        Self.reader(
            for: subscriber, list: list, secret: secret, template: issue.masthead.unsubscribeURLTemplate,
            preferencesTemplate: issue.masthead.preferencesURLTemplate)
    }

    /// The unsubscribe link for `subscriber` on `list`: `template` with `{token}` replaced (`UnsubscribeLink`).
    public static func unsubscribeURL(
        for subscriber: Subscriber, list: String, secret: UnsubscribeSecret, template: String
    ) -> String {
        UnsubscribeLink.url(template, list: list, email: subscriber.email, secret: secret)
    }

    /// A subscriber as the renderer sees them: name, chosen sections, unsubscribe link, and the preferences link
    /// when the theme has a `preferences_url` (`preferencesTemplate`, with the same token).
    public static func reader(
        for subscriber: Subscriber, list: String, secret: UnsubscribeSecret, template: String,
        preferencesTemplate: String? = nil
    ) -> Reader {
        Reader(
            email: subscriber.email.description, name: subscriber.name.isEmpty ? nil : subscriber.name,
            sections: subscriber.sections,
            unsubscribeURL: unsubscribeURL(for: subscriber, list: list, secret: secret, template: template),
            preferencesURL: preferencesTemplate.map {
                unsubscribeURL(for: subscriber, list: list, secret: secret, template: $0)
            })
    }

    /// The subscriber's message, dated `date`, with the given id.
    ///
    /// With `reusingLayouts`, the bodies come from a rendering of the reader's choice of sections
    /// made once and personalised by substitution where that is provably exact (see
    /// `CopyLayouts`); the bytes are the same as rendering from scratch, many times faster.
    public func message(
        for subscriber: Subscriber, date: Date, messageID: MessageID, reusingLayouts: Bool = false
    ) throws -> OutgoingMessage {
        try message(
            for: subscriber, date: date, messageID: messageID, reusingLayouts: reusingLayouts, includingPlain: true)
    }

    /// The bytes of the subscriber's message as `writer` writes it, from the cached layouts: what
    /// is sent and what a dry run stores.
    public func messageBytes(
        for subscriber: Subscriber, date: Date, messageID: MessageID, writer: MIMEWriter = MIMEWriter()
    ) throws -> Data {
        try writer.write(
            message(for: subscriber, date: date, messageID: messageID, reusingLayouts: true, includingPlain: false))
    }

    /// The message; without `includingPlain`, a copy made from a layout carries its bodies in
    /// quoted-printable only (see `CopyLayouts.bodies`).
    private func message(
        for subscriber: Subscriber, date: Date, messageID: MessageID, reusingLayouts: Bool, includingPlain: Bool
    ) throws -> OutgoingMessage {
        // The token is an HMAC: made once per message, for the body and the header alike.
        let token = secret.token(list: list, email: subscriber.email)
        let bodies: CopyLayouts.Bodies
        if reusingLayouts {
            bodies = try layouts.bodies(for: subscriber, token: token, mailing: self, includingPlain: includingPlain)
        } else {
            let reader = reader(for: subscriber)
            bodies = CopyLayouts.Bodies(
                text: try renderer.text(issue, for: reader), html: try renderer.html(issue, for: reader), encoded: nil)
        }
        let link = UnsubscribeLink.url(issue.masthead.unsubscribeURLTemplate, token: token)
        guard let url = URL(string: link), url.scheme == "https" else {
            throw SenderError(
                .invalidURL, "the theme's unsubscribe URL must be https: \(link)",
                recipient: subscriber.email.description)
        }
        var message = OutgoingMessage(
            from: from, to: MailAddress(subscriber), replyTo: replyTo, subject: subject,
            textBody: bodies.text, htmlBody: bodies.html,
            date: date, messageID: messageID, listID: listID, listUnsubscribeURL: url,
            listUnsubscribeMailto: unsubscribeMailto)
        message.encodedBodies = bodies.encoded
        message.sharedHeaders = sharedHeaders
        return message
    }

    /// Writes the message of every recipient in `list` (active, not suppressed, in `shard`) into
    /// `outbox` as `.eml` files, reading the list row by row, and returns how many messages were
    /// written and how many subscribers the list has. Rows that cannot be used, duplicates
    /// included, go to `problem`. When nobody is mailed, a previous outbox is left as it was.
    public func writeDryRun(
        from list: SubscriberListReader, shard: Shard? = nil, outbox folder: URL, now: Date,
        writer: MIMEWriter = MIMEWriter(), problem: (SubscribersError) -> Void = { _ in }
    ) throws -> (written: Int, listed: Int) {
        var listed = 0
        let written = try writeOutbox(folder, now: now, writer: writer) { write in
            // A second spelling of a mailed address (differing in case) is the same recipient, as
            // in the ledger: `send` mails them once.
            var seen = RecipientIndex()
            listed = try list.forEachRecipient(
                register: &seen, including: { shard?.contains($0) ?? true }, problem: problem
            ) { subscriber, _ in
                try write(subscriber)
                return true
            }
        }
        return (written, listed)
    }

    /// Builds a new outbox beside the old one with the messages `recipients` hands to its
    /// argument, then swaps it in, so a failed run leaves the old intact; an empty one is not
    /// swapped in. The messages are flushed to disk together, once, before the swap: one wait
    /// rather than two `fsync`s a message.
    private func writeOutbox(
        _ folder: URL, now: Date, writer: MIMEWriter, recipients: ((Subscriber) throws -> Void) throws -> Void
    ) throws -> Int {
        let parent = folder.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).\(UUID().uuidString)")
        let outbox = Outbox(directory: staging, flushesEachMessage: false)
        var count = 0
        do {
            try recipients { subscriber in
                let messageID = MessageID.random(for: from.address)
                let bytes = try messageBytes(for: subscriber, date: now, messageID: messageID, writer: writer)
                count += 1
                try outbox.write(bytes, number: count, recipient: subscriber.email)
            }
            guard count > 0 else {
                try? FileManager.default.removeItem(at: staging)
                return 0
            }
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            try outbox.synchronize()
            if FileManager.default.fileExists(atPath: folder.path) {
                // Two renames (replaceItemAt refuses a non-empty folder on Linux): the old outbox
                // steps aside, the new one takes its name, then the old one goes.
                let old = parent.appendingPathComponent(".\(folder.lastPathComponent).old.\(UUID().uuidString)")
                try FileManager.default.moveItem(at: folder, to: old)
                do {
                    try FileManager.default.moveItem(at: staging, to: folder)
                } catch {
                    try? FileManager.default.moveItem(at: old, to: folder)
                    throw error
                }
                try? FileManager.default.removeItem(at: old)
            } else {
                try FileManager.default.moveItem(at: staging, to: folder)
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        return count
    }
}
