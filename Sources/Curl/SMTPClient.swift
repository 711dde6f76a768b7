import CCurl
import Foundation

/// Where and how to reach an SMTP relay.
///
/// The password lives only here and in libcurl's copy of it: it is never part of a URL, an error
/// or a description.
public struct SMTPSettings: Sendable {
    /// `smtp://host[:port]` (STARTTLS) or `smtps://host[:port]` (TLS from the start), without a
    /// user name or password; any path is replaced by the EHLO name.
    public var url: String
    /// The name the client gives in `EHLO`, normally the sender's domain.
    public var ehloName: String
    /// The user name for AUTH, or nil to send without logging in.
    public var username: String?
    /// The password for AUTH.
    public var password: String?
    /// Where the user name and password came from, for an error the relay's refusal of them causes (like
    /// `DIGEST_SMTP_USER and DIGEST_SMTP_PASSWORD`, or the config file's path).
    public var credentialsSource: String?
    /// Whether an `smtp://` relay that does not offer STARTTLS may be used in plain text.
    public var allowPlaintext: Bool
    /// Whether the server's certificate and name are checked.
    public var verifyCertificate: Bool
    /// A PEM file of certificate authorities to trust instead of the system's.
    public var caFile: String?
    /// The longest wait for a connection, TLS and login included.
    public var connectTimeout: Duration
    /// The longest one message may take, from `MAIL FROM` to the server's reply to the body.
    public var messageTimeout: Duration

    /// Makes settings; certificate checks are on and STARTTLS is required unless told otherwise.
    public init(
        url: String, ehloName: String, username: String? = nil, password: String? = nil,
        credentialsSource: String? = nil, allowPlaintext: Bool = false, verifyCertificate: Bool = true,
        caFile: String? = nil,
        connectTimeout: Duration = .seconds(30), messageTimeout: Duration = .seconds(120)
    ) {
        self.url = url
        self.ehloName = ehloName
        self.username = username
        self.password = password
        self.credentialsSource = credentialsSource
        self.allowPlaintext = allowPlaintext
        self.verifyCertificate = verifyCertificate
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.messageTimeout = messageTimeout
    }

    /// `smtp://host:port/ehlo-name`: libcurl takes the EHLO name from the URL's path.
    public var transferURL: String {
        var base = url
        if let schemeEnd = base.range(of: "://") {
            let rest = base[schemeEnd.upperBound...]
            if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
                base = String(base[..<slash])
            }
        }
        return base + "/" + ehloName
    }
}

/// What libcurl reports of one message's transfer: the transport's facts, which the sender reads as SMTP
/// (its replies and what became of the message).
public struct SMTPTransfer: Sendable, Equatable {
    /// The server's lines as libcurl handed them over during the transfer (`250 2.0.0 OK`, `550 5.1.1 …`).
    public var lines: [String]
    /// For each of `lines`, the verb of the command it answered (`MAIL`, `RCPT`, `DATA`, `AUTH`; "" for the
    /// greeting), as libcurl reported sending them; empty when the commands were not traced.
    public var commands: [String]
    /// The code of the last reply libcurl recorded (`CURLINFO_RESPONSE_CODE`); 0 when none.
    public var responseCode: Int
    /// Why the transfer failed, or nil when libcurl completed it.
    public var failure: Failure?

    /// A transfer libcurl could not complete.
    public struct Failure: Sendable, Equatable {
        /// libcurl's words, like `Failure when receiving data from the peer`.
        public var message: String
        /// libcurl's code, like 56.
        public var curlCode: Int
        /// Whether the whole body had gone out (then only the server's reply was missing).
        public var bodyWentOut: Bool

        /// Makes a failure.
        public init(message: String, curlCode: Int, bodyWentOut: Bool) {
            self.message = message
            self.curlCode = curlCode
            self.bodyWentOut = bodyWentOut
        }
    }

    /// Makes a transfer's report.
    public init(lines: [String], commands: [String] = [], responseCode: Int, failure: Failure? = nil) {
        self.lines = lines
        self.commands = commands
        self.responseCode = responseCode
        self.failure = failure
    }

    /// The server's refusal: its last final reply line of 4xx or 5xx (after a refusal libcurl says QUIT, and the
    /// `221` to that comes last), else, when libcurl recorded such a code without the line, the code and libcurl's
    /// words; nil when the server refused nothing. The connection is still good for the next message after one.
    public var lastRefusal: String? {
        if let index = lastRefusalIndex { return lines[index] }
        guard responseCode >= 400, let failure else { return nil }
        return "\(responseCode) (\(failure.message))"
    }

    /// The verb of the command the server's refusal (`lastRefusal`'s line) answered: `MAIL` when it refused the
    /// sender, `RCPT` the recipient, `DATA` the message, "" the session at its greeting; nil when there is no such
    /// line or the commands were not traced.
    public var refusedCommand: String? {
        guard let index = lastRefusalIndex, index < commands.count else { return nil }
        return commands[index]
    }

    /// Where among `lines` the last final reply line of 4xx or 5xx is.
    private var lastRefusalIndex: Int? {
        for (index, line) in lines.enumerated().reversed() {
            let bytes = Array(line.utf8.prefix(4))
            guard bytes.count >= 3, bytes[0..<3].allSatisfy({ (48...57).contains($0) }) else { continue }
            if bytes.count > 3, bytes[3] == UInt8(ascii: "-") { continue }
            if bytes[0] >= UInt8(ascii: "4") { return index }
        }
        return nil
    }

    /// libcurl's account of the failure, like `Failure when receiving data from the peer (libcurl error 56)`.
    public var failureDetail: String? {
        failure.map { "\($0.message) (libcurl error \($0.curlCode))" }
    }

    /// A failed session check as `SMTPClient.verify` tells it: `rejected(554 …)`, or `notSent("…")` (`unknown("…")`
    /// when the body had gone out) with libcurl's words.
    var verdict: String {
        if let refusal = lastRefusal { return "rejected(\(refusal))" }
        let detail = failureDetail ?? ""
        return (failure?.bodyWentOut == true ? "unknown" : "notSent") + "(\(String(reflecting: detail)))"
    }
}

/// A failure that stops every further message: a wrong password, an untrusted certificate, a
/// relay without STARTTLS, a server that cannot be reached.
public struct SMTPError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, to switch on.
    public enum Code: Sendable, Equatable {
        /// The server refused the user name or password.
        case authenticationFailed
        /// The server wants a login and no user name was given.
        case credentialsMissing
        /// TLS could not be set up: an untrusted or mismatched certificate, a failed handshake.
        case tlsFailed
        /// The relay does not offer STARTTLS, and plain text was not allowed.
        case startTLSUnavailable
        /// The server could not be reached.
        case connectionFailed
        /// The settings are unusable (a bad URL, an unreadable CA file).
        case configuration
    }

    /// What went wrong.
    public var code: Code
    /// The line a user sees: the relay (without any password), what failed, and libcurl's words.
    public var message: String
    /// libcurl's code, when it reported the failure.
    public var curlCode: Int?

    /// Makes an error.
    public init(_ code: Code, _ message: String, curlCode: Int? = nil) {
        self.code = code
        self.message = message
        self.curlCode = curlCode
    }

    /// The message.
    public var description: String { message }
}

/// Sends messages through one SMTP relay over one libcurl easy handle, so the connection (and its
/// TLS session and login) is reused from one message to the next.
///
/// Not `Sendable`: use one client per thread; for parallel connections, make one per connection.
public final class SMTPClient {
    /// The settings this client sends with.
    public let settings: SMTPSettings
    private let easy: EasyHandle
    private let displayURL: String
    /// Set after a lost or timed-out connection: the next message must not reuse it.
    private var needsFreshConnection = false

    /// Makes a client; nothing connects until the first `send`.
    public convenience init(settings: SMTPSettings) throws {
        try self.init(settings: settings, connectOnly: false)
    }

    /// Connects, sets up TLS and logs in, then hangs up: a check that the relay and the
    /// credentials work before anything is recorded or sent.
    ///
    /// - Returns: the server's lines of the session (its greeting and its replies to `EHLO`, which list the
    ///   extensions it offers, like `250-AUTH PLAIN LOGIN`).
    /// - Throws: `SMTPError`, as `send` would for the first message.
    @discardableResult
    public static func verify(_ settings: SMTPSettings) throws -> [String] {
        let client = try SMTPClient(settings: settings, connectOnly: true)
        do {
            return try client.easy.perform().headerLines
        } catch let error as CurlError {
            guard case .transfer(let raw) = error.code else { throw error }
            let transfer = try client.transfer(ofFailure: CURLcode(rawValue: UInt32(raw)), message: error.message)
            throw SMTPError(
                .connectionFailed, "\(client.displayURL): the relay did not accept a session: \(transfer.verdict)")
        }
    }

    /// Whether the server's lines of a session (see `verify`) offer a login: an `AUTH` extension in its reply to
    /// `EHLO`, like `250-AUTH PLAIN LOGIN`.
    public static func offersLogin(_ lines: [String]) -> Bool {
        lines.contains { line in
            guard line.hasPrefix("250-") || line.hasPrefix("250 ") else { return false }
            let keyword = line.dropFirst(4).prefix { $0 != " " && $0 != "=" }
            return keyword.uppercased() == "AUTH"
        }
    }

    private init(settings: SMTPSettings, connectOnly: Bool) throws {
        self.settings = settings
        displayURL = CurlError.redacting(settings.url)
        let lowered = settings.url.lowercased()
        guard lowered.hasPrefix("smtp://") || lowered.hasPrefix("smtps://") else {
            throw SMTPError(.configuration, "\(displayURL): the relay URL must start with smtp:// or smtps://")
        }
        easy = try EasyHandle()
        try easy.traceCommands()
        try configure()
        if connectOnly { try easy.set(CURLOPT_CONNECT_ONLY, 1) }
    }

    private func configure() throws {
        try easy.set(CURLOPT_URL, settings.transferURL)
        try easy.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try easy.set(CURLOPT_UPLOAD, 1)
        try easy.set(CURLOPT_NOPROXY, "*")
        // STARTTLS is required unless plain text was allowed; then it is still used when offered.
        try easy.set(CURLOPT_USE_SSL, Int(settings.allowPlaintext ? CURLUSESSL_TRY.rawValue : CURLUSESSL_ALL.rawValue))
        try easy.set(CURLOPT_SSL_VERIFYPEER, settings.verifyCertificate ? 1 : 0)
        try easy.set(CURLOPT_SSL_VERIFYHOST, settings.verifyCertificate ? 2 : 0)
        if let caFile = settings.caFile { try easy.set(CURLOPT_CAINFO, caFile) }
        if let username = settings.username { try easy.set(CURLOPT_USERNAME, username) }
        if let password = settings.password { try easy.set(CURLOPT_PASSWORD, password) }
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeout.curlMilliseconds)
        try easy.set(CURLOPT_TIMEOUT_MS, settings.messageTimeout.curlMilliseconds)
        // The wait for the reply to the body is governed by this one, not by CURLOPT_TIMEOUT.
        let replySeconds = (settings.messageTimeout.curlMilliseconds + 999) / 1000
        try easy.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, max(1, replySeconds))
        try easy.set(CURLOPT_TCP_NODELAY, 1)
    }

    /// Sends `message` (the bytes of an RFC 5322 message, CRLF line endings) from `sender` to the
    /// one `recipient`.
    ///
    /// Replies and lost connections come back as the transfer's facts (`SMTPTransfer`: the server's lines, libcurl's
    /// failure); `bodyComplete` is called from inside the transfer when libcurl has taken the whole message, the
    /// moment after which a lost connection leaves the outcome unknown.
    ///
    /// - Throws: `SMTPError` for failures that no other message would escape (login, TLS, an
    ///   unreachable server, a bad setting).
    public func send(
        _ message: Data, from sender: String, to recipient: String, bodyComplete: (() -> Void)? = nil
    ) throws -> SMTPTransfer {
        for address in [sender, recipient] where address.utf8.contains(where: { $0 < 33 || $0 == 127 }) {
            throw SMTPError(.configuration, "the address '\(address)' holds spaces or control characters")
        }
        try easy.set(CURLOPT_MAIL_FROM, "<\(sender)>")
        try easy.set(CURLOPT_MAIL_RCPT, list: ["<\(recipient)>"])
        // No CURLOPT_INFILESIZE: libcurl then asks the read callback until it reports the end,
        // which happens after the last body bytes went out and before the end-of-data mark.
        try easy.set(CURLOPT_FRESH_CONNECT, needsFreshConnection ? 1 : 0)
        needsFreshConnection = false
        do {
            let result = try easy.perform(upload: message, uploadFinished: bodyComplete)
            return SMTPTransfer(
                lines: result.headerLines, commands: easy.lastCommandsAnswered, responseCode: result.responseCode)
        } catch let error as CurlError {
            guard case .transfer(let raw) = error.code else { throw error }
            return try transfer(ofFailure: CURLcode(rawValue: UInt32(raw)), message: error.message)
        }
    }

    /// A failed transfer as facts, or, for a failure that stops the run (login, TLS, no STARTTLS, no server, a bad
    /// setting), an `SMTPError`.
    private func transfer(ofFailure code: CURLcode, message: String) throws -> SMTPTransfer {
        let transfer = SMTPTransfer(
            lines: easy.lastResponseLines, commands: easy.lastCommandsAnswered,
            responseCode: (try? easy.info(CURLINFO_RESPONSE_CODE)) ?? 0,
            failure: SMTPTransfer.Failure(
                message: message, curlCode: Int(code.rawValue), bodyWentOut: easy.lastUploadFinished))
        switch code {
        case CURLE_LOGIN_DENIED:
            throw SMTPError(
                settings.username == nil ? .credentialsMissing : .authenticationFailed,
                "\(displayURL): the server refused the user name or password"
                    + (transfer.lastRefusal.map { " (\($0))" } ?? "")
                    + (settings.username == nil
                        ? "; none was given" : "; check the ones in \(settings.credentialsSource ?? "the settings")"),
                curlCode: Int(code.rawValue))
        case CURLE_USE_SSL_FAILED:
            throw SMTPError(
                .startTLSUnavailable, "\(displayURL): the server does not offer STARTTLS, which is required",
                curlCode: Int(code.rawValue))
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_CERTPROBLEM, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            throw SMTPError(.tlsFailed, "\(displayURL): TLS failed: \(message)", curlCode: Int(code.rawValue))
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            throw SMTPError(.connectionFailed, "\(displayURL): \(message)", curlCode: Int(code.rawValue))
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_NOT_BUILT_IN:
            throw SMTPError(.configuration, "\(displayURL): \(message)", curlCode: Int(code.rawValue))
        default:
            break
        }
        // After a 4xx/5xx from the server the connection is still good; after anything else it is not.
        if transfer.lastRefusal == nil { needsFreshConnection = true }
        return transfer
    }
}
