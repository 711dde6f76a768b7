import ArgumentParser
import Foundation
import Sender

/// How `digest send` paces itself and retries; `digest run` hands them on to it.
struct PacingOptions: ParsableArguments {
    @Option(help: "Parallel connections to the relay.")
    var connections = 1

    @Option(help: "At most this many messages per second.")
    var rate: Double?

    @Option(help: "At most this many messages in any hour.")
    var maxPerHour: Int?

    @Option(help: "At most this many messages in any 24 hours.")
    var maxPerDay: Int?

    @Option(help: ArgumentHelp("Seconds to wait for the relay's reply to one message.", valueName: "seconds"))
    var timeout: Double = 120

    @Option(help: ArgumentHelp("The first back-off after a 4xx, doubling per attempt.", valueName: "seconds"))
    var retryDelay: Double = 5

    @Option(help: "Attempts per recipient before a deferred one is left for the next run.")
    var maxAttempts = 5

    @Option(help: ArgumentHelp("How long one run waits for deferred recipients.", valueName: "seconds"))
    var maxRetryWait: Double = 600

    @Flag(help: "Send again to recipients whose outcome is unknown (they may get two copies).")
    var resendUnknown = false

    func validate() throws {
        if connections < 1 || connections > 64 { throw ValidationError("--connections must be 1 to 64") }
        if let rate, !(rate > 0) { throw ValidationError("--rate must be a positive number of messages per second") }
        if let maxPerHour, maxPerHour < 1 { throw ValidationError("--max-per-hour must be at least 1") }
        if let maxPerDay, maxPerDay < 1 { throw ValidationError("--max-per-day must be at least 1") }
        if !(timeout > 0) || !(retryDelay >= 0) || !(maxRetryWait >= 0) || maxAttempts < 1 {
            throw ValidationError("--timeout must be positive; --retry-delay and --max-retry-wait not negative")
        }
    }

    /// The options as arguments, to hand on to `digest send`.
    var arguments: [String] {
        var arguments = ["--connections", String(connections), "--timeout", String(timeout)]
        if let rate { arguments += ["--rate", String(rate)] }
        if let maxPerHour { arguments += ["--max-per-hour", String(maxPerHour)] }
        if let maxPerDay { arguments += ["--max-per-day", String(maxPerDay)] }
        arguments += ["--retry-delay", String(retryDelay), "--max-attempts", String(maxAttempts)]
        arguments += ["--max-retry-wait", String(maxRetryWait)] + (resendUnknown ? ["--resend-unknown"] : [])
        return arguments
    }

    /// The delivery options.
    var options: DeliveryOptions {
        DeliveryOptions(
            connections: connections, perSecond: rate, perHour: maxPerHour, perDay: maxPerDay,
            resendUnknown: resendUnknown, maxAttempts: maxAttempts, retryDelaySeconds: retryDelay,
            maxRetryWaitSeconds: maxRetryWait)
    }
}

/// Where the relay login comes from, for the lines that ask to give or check it.
let relayLoginSource = "DIGEST_SMTP_USER and DIGEST_SMTP_PASSWORD, or --smtp-config"

/// What to do when the relay wants a login and none was given.
let relayLoginAdvice = "set DIGEST_SMTP_USER and DIGEST_SMTP_PASSWORD, or give a file with --smtp-config"

/// What to check when the relay refuses recipients without having taken any.
let relayRefusalCheck = "check the relay login (\(relayLoginSource)) and that this machine may relay through it"

extension SenderError {
    /// The line `digest send` prints for the error, with the option or variable that changes it.
    var commandLine: String {
        switch code {
        case .transport: "\(message)\(hint); the ledger keeps who was sent, run send again to resume"
        case .shardMismatch: "\(self) (--shard I/N names the shard)"
        default: "\(self)"
        }
    }

    /// What to change for a relay that cannot be used: the option or variable.
    var hint: String {
        switch transportFailure {
        case .credentialsMissing: ": \(relayLoginAdvice)"
        case .startTLSUnavailable: "; use smtps://, or --allow-plaintext for a relay on this machine"
        case .tls: "; give the relay's CA with --ca-file (or, for a test relay only, --insecure)"
        case .authentication, .connection, .configuration, nil: ""
        }
    }
}

extension DeliveryStop {
    /// The line for what stopped a run, with the option that changes it; `credentialsGiven` is whether the run
    /// had a user name and password to log in with.
    func commandLine(credentialsGiven: Bool) -> String {
        switch self {
        case .cap(let cap): "\(self) (" + (cap.window == .hour ? "--max-per-hour" : "--max-per-day") + ")"
        case .relayStalled: "\(self); check the relay (or --timeout), then run send again"
        case .senderRefused(let reply) where [530, 535].contains(reply.code) && !credentialsGiven:
            "\(self); the relay wants a login and none was given: \(relayLoginAdvice), then run send again"
        case .senderRefused:
            "\(self); check the sender address and the relay's settings for it, then run send again"
        case .recipientsRefused: "\(self); \(relayRefusalCheck), then run send again"
        }
    }
}
