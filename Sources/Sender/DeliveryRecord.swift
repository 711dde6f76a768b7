import Foundation
import NewsValues

/// Where one recipient stands in the sending of an issue.
public enum DeliveryState: String, Sendable, CaseIterable {
    /// Planned, not yet tried.
    case queued
    /// The whole message went to the server and its reply has not been recorded: a run that
    /// stopped here left the outcome unknown.
    case sending
    /// The server accepted the message (its reply is recorded).
    case sent
    /// A temporary refusal (4xx) or a connection lost before the body was complete: tried again
    /// after a back-off.
    case deferred
    /// A permanent refusal (5xx), with the server's code and text.
    case failed
    /// The connection was lost after the body and before the reply: the message may have arrived,
    /// so it is not sent again unless asked.
    case unknown
}

/// One line of the ledger: a recipient entering a state.
public struct DeliveryRecord: Sendable, Equatable {
    /// When the state was entered.
    public var time: Date
    /// The recipient's address (ASCII form, as given to the server).
    public var email: String
    /// The state entered.
    public var state: DeliveryState
    /// The attempt this record belongs to, from 1; 0 for `queued`.
    public var attempt: Int
    /// The server's reply code, when there was one.
    public var code: Int?
    /// The server's reply line, or what happened to the connection.
    public var reply: String?
    /// For `deferred`: the earliest time of the next try.
    public var retryAt: Date?
    /// The `Message-ID` of the copy sent in this attempt.
    public var messageID: String?

    /// Makes a record.
    public init(
        time: Date, email: String, state: DeliveryState, attempt: Int = 0, code: Int? = nil, reply: String? = nil,
        retryAt: Date? = nil, messageID: String? = nil
    ) {
        self.time = time
        self.email = email
        self.state = state
        self.attempt = attempt
        self.code = code
        self.reply = reply
        self.retryAt = retryAt
        self.messageID = messageID
    }

    /// The record as one JSON line, with its LF.
    ///
    /// `{"time":"2026-11-30T07:00:00.123Z","email":"mei@example.com","state":"sent","attempt":1,
    /// "code":250,"reply":"250 OK","message_id":"<…@example.com>"}`; keys without a value are left out.
    public var jsonLine: String {
        var bytes: [UInt8] = []
        appendJSONLine(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `jsonLine` to `output` as UTF-8, without building a string: two records are
    /// written for every message sent.
    func appendJSONLine(to output: inout [UInt8]) {
        output.append(contentsOf: #"{"time":""#.utf8)
        UTCTime.append(time, to: &output)
        output.append(contentsOf: #"","email":"#.utf8)
        LedgerJSON.appendQuoted(email, to: &output)
        output.append(contentsOf: #","state":""#.utf8)
        output.append(contentsOf: state.rawValue.utf8)
        output.append(contentsOf: #"","attempt":"#.utf8)
        LedgerJSON.appendDecimal(attempt, to: &output)
        if let code {
            output.append(contentsOf: #","code":"#.utf8)
            LedgerJSON.appendDecimal(code, to: &output)
        }
        if let reply {
            output.append(contentsOf: #","reply":"#.utf8)
            LedgerJSON.appendQuoted(reply, to: &output)
        }
        if let retryAt {
            output.append(contentsOf: #","retry_at":""#.utf8)
            UTCTime.append(retryAt, to: &output)
            output.append(UInt8(ascii: "\""))
        }
        if let messageID {
            output.append(contentsOf: #","message_id":"#.utf8)
            LedgerJSON.appendQuoted(messageID, to: &output)
        }
        output.append(contentsOf: "}\n".utf8)
    }

    /// Reads a record from one JSON line; nil when the line is not a complete record.
    public init?(jsonLine: some StringProtocol) {
        // The lines this ledger writes are read by hand: resuming a send of 100,000 reads 300,000
        // of them. Anything else a person may have written goes to JSONSerialization.
        var line = String(jsonLine)
        if let fields = line.withUTF8({ LedgerJSON.flatRecord($0) }) {
            // A field that did not read leaves the whole line to the full reader below.
            guard let timeText = fields.time, let time = UTCTime.parse(timeText), let email = fields.email,
                let stateText = fields.state, let state = DeliveryState(rawValue: stateText)
            else { return nil }
            self.init(
                time: time, email: email, state: state, attempt: fields.attempt ?? 0, code: fields.code,
                reply: fields.reply, retryAt: fields.retryAt.flatMap(UTCTime.parse), messageID: fields.messageID)
            return
        }
        guard let data = line.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let timeText = object["time"] as? String, let time = UTCTime.parse(timeText),
            let email = object["email"] as? String,
            let stateText = object["state"] as? String, let state = DeliveryState(rawValue: stateText)
        else { return nil }
        self.init(
            time: time, email: email, state: state, attempt: (object["attempt"] as? Int) ?? 0,
            code: object["code"] as? Int, reply: object["reply"] as? String,
            retryAt: (object["retry_at"] as? String).flatMap(UTCTime.parse),
            messageID: object["message_id"] as? String)
    }
}

/// Where one recipient stands, folded from all of their records.
public struct RecipientStanding: Sendable, Equatable {
    /// The last record (for sent, sending and queued ones without the reply and Message-ID,
    /// which only the file keeps).
    public var last: DeliveryRecord
    /// How many attempts have been started.
    public var attempts: Int
}
