import Foundation

/// A real SMTP server on 127.0.0.1 for tests: `Servers/smtp_server.py` (Python's `aiosmtpd`), on
/// a port of its own, writing every accepted message to `captureFolder`.
///
/// It needs `aiosmtpd`: `./setup.sh test` installs it in `.venv` and runs the tests with
/// `DIGEST_PYTHON=.venv/bin/python3`. Each test starts its own, in its own temporary folder.
public final class LoopbackSMTPServer: Sendable {
    /// What the server does and how it misbehaves.
    public struct Configuration: Sendable {
        /// Offer and require STARTTLS with a self-signed certificate made at start.
        public var startTLS: Bool
        /// TLS from the first byte (`smtps://`) with a self-signed certificate made at start,
        /// instead of STARTTLS.
        public var implicitTLS: Bool
        /// Require AUTH (PLAIN or LOGIN) with this user name and password; needs `startTLS`.
        public var credentials: (user: String, password: String)?
        /// Answer 451 to every Nth `RCPT TO` (0 for never).
        public var deferEveryNthRecipient: Int
        /// Addresses answered `550 5.1.1 <address>: user unknown` (or `rejectReply`) at `RCPT TO`.
        public var rejected: [String]
        /// The reply line to the `rejected` addresses, with `%s` for the address (like `550 no such user`); nil for
        /// `550 5.1.1 <%s>: user unknown`.
        public var rejectReply: String?
        /// The first `DATA` for this address: hang up before the body is taken.
        public var dropAtDataOnce: String?
        /// The first `DATA` for this address: take 64 KiB of the body, then hang up (a reset).
        public var dropMidBodyOnce: String?
        /// The first message for this address: store it, then never reply.
        public var noReplyOnce: String?
        /// Every message: store it, then never reply (a relay that stalls after `DATA`).
        public var noReplyEver: Bool
        /// Milliseconds to wait before each reply to a message body.
        public var delayMilliseconds: Int
        /// "Slow down": answer the first `transactions` `MAIL FROM`s with `code` (421, which also
        /// hangs up, or 454).
        public var slowDown: (code: Int, transactions: Int)?
        /// The reply line to every `MAIL FROM` (like `550 5.7.1 sender not allowed`), refusing the sender; nil to
        /// take it.
        public var refuseSender: String?
        /// The reply line to every `RCPT TO`, with `%s` for the address (like `554 5.7.1 <%s>: Relay access
        /// denied`), as a relay answers a client it does not let relay; nil to take the recipients.
        public var refuseRelay: String?

        /// A plain server that accepts everything.
        public init(
            startTLS: Bool = false, implicitTLS: Bool = false, credentials: (user: String, password: String)? = nil,
            deferEveryNthRecipient: Int = 0, rejected: [String] = [], rejectReply: String? = nil,
            dropAtDataOnce: String? = nil,
            dropMidBodyOnce: String? = nil, noReplyOnce: String? = nil, noReplyEver: Bool = false,
            delayMilliseconds: Int = 0, slowDown: (code: Int, transactions: Int)? = nil, refuseSender: String? = nil,
            refuseRelay: String? = nil
        ) {
            self.startTLS = startTLS
            self.implicitTLS = implicitTLS
            self.credentials = credentials
            self.deferEveryNthRecipient = deferEveryNthRecipient
            self.rejected = rejected
            self.rejectReply = rejectReply
            self.dropAtDataOnce = dropAtDataOnce
            self.noReplyOnce = noReplyOnce
            self.noReplyEver = noReplyEver
            self.delayMilliseconds = delayMilliseconds
            self.slowDown = slowDown
            self.dropMidBodyOnce = dropMidBodyOnce
            self.refuseSender = refuseSender
            self.refuseRelay = refuseRelay
        }
    }

    /// Something the server saw, from its event log.
    public struct Event: Decodable, Sendable, Equatable {
        /// `connect`, `ehlo`, `mail`, `rcpt` (a refused one), `accepted` or `dropped` (mid-body).
        public var event: String
        /// The connection's number, from 1, in the order they were accepted.
        public var conn: Int
        /// When, in seconds of the server's monotonic clock.
        public var time: Double
        /// For `ehlo`: the name the client gave.
        public var name: String?
        /// For `mail`: the code it was answered with ("slow down", or a refusal of the sender), nil when it was taken;
        /// for `rcpt`: the code of the refusal.
        public var code: Int?
        /// For `accepted` and `rcpt`: the recipient.
        public var rcpt: String?
        /// For `accepted`: the envelope sender (`MAIL FROM`).
        public var sender: String?
    }

    /// The port the server listens on.
    public var port: Int { process.port }
    /// `smtp://127.0.0.1:<port>`, or `smtps://…` with implicit TLS.
    public var url: String { "\(implicitTLS ? "smtps" : "smtp")://127.0.0.1:\(process.port)" }
    /// Where accepted messages are written, one `.eml` file per recipient.
    public let captureFolder: URL
    /// With STARTTLS or implicit TLS, the server's self-signed certificate (PEM), to trust with
    /// `--ca-file`.
    public let certificateFile: URL?
    /// Where the server writes its events, one JSON line each.
    public let eventsFile: URL

    private let process: LoopbackServerProcess
    private let implicitTLS: Bool

    /// Starts a server whose files (config, capture, certificate) live under `folder`.
    public init(in folder: URL, configuration: Configuration = Configuration()) throws {
        captureFolder = folder.appendingPathComponent("capture", isDirectory: true)
        let tlsFolder = folder.appendingPathComponent("tls", isDirectory: true)
        let tls = configuration.startTLS || configuration.implicitTLS
        certificateFile = tls ? tlsFolder.appendingPathComponent("cert.pem") : nil
        eventsFile = folder.appendingPathComponent("events.jsonl")
        implicitTLS = configuration.implicitTLS
        var config: [String: Any] = [
            "capture": captureFolder.path,
            "events": eventsFile.path,
            "defer_every_nth_rcpt": configuration.deferEveryNthRecipient,
            "reject": configuration.rejected,
            "delay_ms": configuration.delayMilliseconds,
        ]
        if tls { config["tls_dir"] = tlsFolder.path }
        if configuration.implicitTLS { config["implicit_tls"] = true }
        if let slowDown = configuration.slowDown {
            config["slow_down_code"] = slowDown.code
            config["slow_down_count"] = slowDown.transactions
        }
        if let credentials = configuration.credentials {
            config["user"] = credentials.user
            config["password"] = credentials.password
        }
        if let drop = configuration.dropAtDataOnce { config["drop_at_data_once"] = drop }
        if let drop = configuration.dropMidBodyOnce { config["drop_mid_body_once"] = drop }
        if let noReply = configuration.noReplyOnce { config["no_reply_once"] = noReply }
        if configuration.noReplyEver { config["no_reply_ever"] = true }
        if let refusal = configuration.refuseSender { config["refuse_sender"] = refusal }
        if let refusal = configuration.refuseRelay { config["refuse_relay"] = refusal }
        if let reply = configuration.rejectReply { config["reject_reply"] = reply }
        let configFile = folder.appendingPathComponent("smtp-server.json")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: config).write(to: configFile)
        process = try LoopbackServerProcess(scriptName: "smtp_server.py", arguments: ["--config", configFile.path])
    }

    /// The accepted messages, in the order they arrived: recipient and bytes.
    public func messages() throws -> [(recipient: String, data: Data)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: captureFolder.path)
            .filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }.sorted()
        return try names.map { name in
            let recipient = String(name.dropFirst(7).dropLast(4))
            return (recipient, try Data(contentsOf: captureFolder.appendingPathComponent(name)))
        }
    }

    /// How many messages each recipient received.
    public func messageCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for (recipient, _) in try messages() { counts[recipient.lowercased(), default: 0] += 1 }
        return counts
    }

    /// What the server has seen so far, in order.
    public func events() throws -> [Event] {
        guard FileManager.default.fileExists(atPath: eventsFile.path) else { return [] }
        let decoder = JSONDecoder()
        // A line being written as we read is left out: only whole lines (ending in LF) count.
        let text = try String(contentsOf: eventsFile, encoding: .utf8)
        return try text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
            try decoder.decode(Event.self, from: Data($0.utf8))
        }
    }

    /// What the server wrote to stderr.
    public var log: String { process.log }

    /// Stops the server. Calling it again does nothing.
    public func stop() {
        process.stop()
    }
}
