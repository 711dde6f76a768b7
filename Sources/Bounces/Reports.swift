import Foundation
import NewsValues

/// How bad a delivery failure is for the address.
public enum BounceSeverity: Sendable, Equatable {
    /// The address will not take mail: a 5.x.x status (RFC 3463), or `Action: failed` without one.
    case permanent
    /// It may take mail later: a 4.x.x status, `Action: delayed`, or a 5.2.2 "mailbox full",
    /// which RFC 3463 calls "a persistent transient failure".
    case temporary
    /// No failure: `delivered`, `relayed` or `expanded`.
    case none
}

/// One recipient's group of fields in a delivery-status report (RFC 3464 section 2.3).
public struct RecipientStatus: Sendable, Equatable {
    /// `Final-Recipient`: the address the reporting server tried, its type (`rfc822;`) left out.
    public var finalRecipient: String?
    /// `Original-Recipient`: the address as first given, when the server kept it.
    public var originalRecipient: String?
    /// `Action`, lower-cased: `failed`, `delayed`, `delivered`, `relayed` or `expanded`.
    public var action: String?
    /// `Status`: the enhanced status code, like `5.1.1`, without any comment after it.
    public var status: String?
    /// `Diagnostic-Code`: usually the remote server's reply, like `smtp; 550 5.1.1 user unknown`.
    public var diagnosticCode: String?

    /// Creates a recipient's status.
    public init(
        finalRecipient: String?, originalRecipient: String?, action: String?, status: String?, diagnosticCode: String?
    ) {
        self.finalRecipient = finalRecipient
        self.originalRecipient = originalRecipient
        self.action = action
        self.status = status
        self.diagnosticCode = diagnosticCode
    }

    /// Whether the failure is permanent, temporary or no failure (see `BounceSeverity`).
    public var severity: BounceSeverity {
        let action = action ?? ""
        if ["delivered", "relayed", "expanded"].contains(action) { return .none }
        if action == "delayed" { return .temporary }
        let parts = (status ?? "").split(separator: ".")
        switch parts.first {
        case "5": return parts.count >= 3 && parts[1] == "2" && parts[2] == "2" ? .temporary : .permanent
        case "4": return .temporary
        case "2": return .none
        default: return action == "failed" ? .permanent : .none
        }
    }

    /// The status and the diagnostic, for a note: `5.1.1 (smtp; 550 5.1.1 user unknown)`.
    public var summary: String {
        var text = status ?? action ?? "no status"
        if let diagnosticCode, !diagnosticCode.isEmpty { text += " (\(diagnosticCode))" }
        return text
    }
}

/// A delivery-status notification (RFC 3464): a `multipart/report` with a
/// `message/delivery-status` part, and usually the returned message or its headers.
public struct DeliveryStatusReport: Sendable, Equatable {
    /// One entry per recipient group, in order.
    public var recipients: [RecipientStatus]
    /// When the reporting server got the message (`Arrival-Date`), else when the report was
    /// written (its `Date`).
    public var date: Date?
    /// The Message-IDs that may be our copy's, most trusted first: the returned message's own,
    /// then `X-Original-Message-ID`, `In-Reply-To` and `References` of the report.
    public var originalMessageIDs: [String]
    /// Addresses the report names outside the recipient groups: `X-Failed-Recipients`, and the
    /// `To` of the returned message.
    public var otherRecipients: [String]
}

/// A feedback report (RFC 5965, ARF): a reader's mail provider telling us they marked a message
/// as spam (`Feedback-Type: abuse`).
public struct ComplaintReport: Sendable, Equatable {
    /// `Feedback-Type`, lower-cased: `abuse`, `fraud`, `not-spam`, `auth-failure`…
    public var feedbackType: String
    /// `Original-Rcpt-To`: the reader's address, when the provider did not redact it.
    public var originalRecipients: [String]
    /// When the provider got the message (`Arrival-Date`), else when it reported (`Date`).
    public var date: Date?
    /// The Message-IDs that may be our copy's: the returned message's, then the report's
    /// `In-Reply-To` and `References`.
    public var originalMessageIDs: [String]
    /// The `To` of the returned message.
    public var otherRecipients: [String]
}

/// A reader's message to the `mailto:` address of `List-Unsubscribe`, with the subject
/// `unsubscribe` that link sets.
public struct UnsubscribeRequest: Sendable, Equatable {
    /// The address it came from (its `From`).
    public var from: String
    /// When it was written.
    public var date: Date?

    /// Creates a request.
    public init(from: String, date: Date?) {
        self.from = from
        self.date = date
    }
}

/// What one message of a bounce mailbox is.
public enum ReturnedMail: Sendable, Equatable {
    /// A delivery-status notification.
    case deliveryStatus(DeliveryStatusReport)
    /// A feedback (complaint) report.
    case complaint(ComplaintReport)
    /// A request to unsubscribe by mail.
    case unsubscribe(UnsubscribeRequest)
    /// A message that is none of those, with what it is (a read receipt, an auto-reply…).
    case ignored(String)

    /// Reads one message.
    ///
    /// - Parameters:
    ///   - bytes: the message.
    ///   - unsubscribeAddresses: the addresses of the `mailto:` unsubscribe links we send (the
    ///     themes' sender addresses); a message to one of them with the subject `unsubscribe` is
    ///     an `UnsubscribeRequest`.
    /// - Throws: `.malformedMessage` for a text that is no mail message or whose MIME structure
    ///   is broken; `.malformedReport` for a report without the part or fields a report needs.
    public static func read(_ bytes: [UInt8], unsubscribeAddresses: Set<String> = []) throws(BouncesError)
        -> ReturnedMail
    {
        let message = try MIMEEntity(parsing: bytes[...])
        let type = message.contentType
        if type.mimeType == "multipart/report" {
            let parts = message.allParts.dropFirst()
            let reportType = type.parameters["report-type"]?.lowercased()
            if let status = parts.first(where: {
                ["message/delivery-status", "message/global-delivery-status"].contains($0.contentType.mimeType)
            }) {
                return .deliveryStatus(try deliveryStatus(message, statusPart: status))
            }
            if let feedback = parts.first(where: { $0.contentType.mimeType == "message/feedback-report" }) {
                return .complaint(try complaint(message, feedbackPart: feedback))
            }
            switch reportType {
            case "delivery-status":
                throw BouncesError(.malformedReport, "a delivery-status report without a message/delivery-status part")
            case "feedback-report":
                throw BouncesError(.malformedReport, "a feedback report without a message/feedback-report part")
            case "disposition-notification":
                return .ignored("a read receipt (disposition-notification), not a bounce")
            default:
                return .ignored("a report of type '\(printable(reportType ?? "none"))', not a bounce or complaint")
            }
        }
        let subject = (message.headers.decodedValue("Subject") ?? "").trimmingSpaces()
        if isUnsubscribeSubject(subject) {
            let recipients = ["To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To"].flatMap {
                message.headers.values($0).flatMap(MailHeaderFields.addresses(in:))
            }
            let toUs = recipients.contains { unsubscribeAddresses.contains($0.lowercased()) }
            if toUs, let from = message.headers["From"].flatMap({ MailHeaderFields.addresses(in: $0).first }) {
                return .unsubscribe(
                    UnsubscribeRequest(from: from, date: message.headers["Date"].flatMap { MailDate.parse($0) }))
            }
            if !toUs { return .ignored("an 'unsubscribe' message not sent to a newsletter's unsubscribe address") }
            throw BouncesError(.malformedMessage, "an 'unsubscribe' message without a From address")
        }
        return .ignored(
            "not a delivery-status or feedback report (\(type.mimeType)"
                + (subject.isEmpty ? "" : ", subject '\(printable(String(subject.prefix(60))))'") + ")")
    }

    /// Whether a subject asks to unsubscribe: `unsubscribe`, also after `Re:` or `Fwd:`.
    static func isUnsubscribeSubject(_ subject: String) -> Bool {
        var text = subject.lowercased().trimmingSpaces()
        while let prefix = ["re:", "fwd:", "fw:", "aw:", "sv:"].first(where: { text.hasPrefix($0) }) {
            text = text.dropFirst(prefix.count).trimmingSpaces()
        }
        return text == "unsubscribe"
    }

    private static func deliveryStatus(
        _ message: MIMEEntity, statusPart: MIMEEntity
    ) throws(BouncesError) -> DeliveryStatusReport {
        let groups = MailHeaderFields.groups(in: statusPart.body[...])
        let recipientGroups = groups.filter { $0["Final-Recipient"] != nil || $0["Action"] != nil }
        guard !recipientGroups.isEmpty else {
            throw BouncesError(
                .malformedReport, "its delivery-status part names no recipient (no Final-Recipient or Action field)")
        }
        let perMessage = groups.first { $0["Final-Recipient"] == nil && $0["Action"] == nil }
        let recipients = recipientGroups.map { group in
            RecipientStatus(
                finalRecipient: group["Final-Recipient"].map(address(ofTyped:)),
                originalRecipient: group["Original-Recipient"].map(address(ofTyped:)),
                action: group["Action"].map { $0.lowercased().trimmingSpaces() },
                status: group["Status"].flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "(" }).first }
                    .map(String.init),
                diagnosticCode: group["Diagnostic-Code"])
        }
        guard recipients.contains(where: { $0.finalRecipient != nil || $0.originalRecipient != nil }) else {
            throw BouncesError(.malformedReport, "its delivery-status part has no Final-Recipient address")
        }
        let returned = returnedHeaders(message)
        var ids = returned?["Message-ID"].map { [$0] } ?? []
        ids += perMessage?.values("X-Original-Message-ID") ?? []
        ids += referencedIDs(message.headers)
        var others = message.headers.values("X-Failed-Recipients").flatMap(MailHeaderFields.addresses(in:))
        others += returned?.values("To").flatMap(MailHeaderFields.addresses(in:)) ?? []
        let date =
            (perMessage?["Arrival-Date"]).flatMap { MailDate.parse($0) }
            ?? message.headers["Date"].flatMap { MailDate.parse($0) }
        return DeliveryStatusReport(
            recipients: recipients, date: date, originalMessageIDs: normalized(ids), otherRecipients: others)
    }

    private static func complaint(
        _ message: MIMEEntity, feedbackPart: MIMEEntity
    ) throws(BouncesError) -> ComplaintReport {
        let fields = MailHeaderFields.groups(in: feedbackPart.body[...]).first ?? MailHeaderFields()
        guard let type = fields["Feedback-Type"]?.lowercased().trimmingSpaces(), !type.isEmpty else {
            throw BouncesError(.malformedReport, "its feedback-report part has no Feedback-Type field")
        }
        let returned = returnedHeaders(message)
        let ids = (returned?["Message-ID"].map { [$0] } ?? []) + referencedIDs(message.headers)
        let date =
            fields["Arrival-Date"].flatMap { MailDate.parse($0) }
            ?? message.headers["Date"].flatMap { MailDate.parse($0) }
        return ComplaintReport(
            feedbackType: type,
            originalRecipients: fields.values("Original-Rcpt-To").flatMap(MailHeaderFields.addresses(in:)),
            date: date, originalMessageIDs: normalized(ids),
            otherRecipients: returned?.values("To").flatMap(MailHeaderFields.addresses(in:)) ?? [])
    }

    /// The header of the returned message: a `message/rfc822` part's or a `text/rfc822-headers`
    /// part's. Only the header block is read: servers often cut the returned body short.
    private static func returnedHeaders(_ message: MIMEEntity) -> MailHeaderFields? {
        let kinds = ["message/rfc822", "message/global", "text/rfc822-headers", "message/global-headers"]
        guard let part = message.allParts.dropFirst().first(where: { kinds.contains($0.contentType.mimeType) })
        else { return nil }
        return try? MailHeaderFields.parse(part.body[...]).fields
    }

    /// The Message-IDs in the report's own `In-Reply-To` and `References` (some servers, such as
    /// Microsoft's, refer to the returned message there), the last reference first.
    private static func referencedIDs(_ headers: MailHeaderFields) -> [String] {
        let replyTo = headers.values("In-Reply-To")
        let references = headers.values("References").flatMap { $0.split(separator: " ").map(String.init) }
        return replyTo + references.reversed()
    }

    /// Each ID as `<local@domain>`, once, in order; text that holds no `@` left out.
    private static func normalized(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for raw in ids {
            var id = raw.trimmingSpaces()
            if let open = id.firstIndex(of: "<"), let close = id[open...].firstIndex(of: ">") {
                id = String(id[open...close])
            } else {
                id = "<\(id)>"
            }
            if id.contains("@"), seen.insert(id).inserted { result.append(id) }
        }
        return result
    }

    /// The address in a typed field like `rfc822; mei@example.com` (or `rfc822;<mei@example.com>`).
    private static func address(ofTyped value: String) -> String {
        var text = Substring(value)
        if let semicolon = text.firstIndex(of: ";") { text = text[text.index(after: semicolon)...] }
        var address = text.trimmingSpaces()
        if address.hasPrefix("<"), address.hasSuffix(">") { address = String(address.dropFirst().dropLast()) }
        return address
    }
}
