import ArgumentParser
import Foundation
import Sender

/// The relay to send through, how far to trust it and where its login is: the options `digest send`, `digest run`
/// and `digest serve` take, declared once, and the one way they become the sender's settings.
public struct RelayOptions: ParsableArguments {
    @Option(help: "The SMTP relay, like smtp://mail.example.com:587 or smtps://mail.example.com.")
    public var smtpURL: String?

    @Flag(help: "Allow a relay on this machine (loopback) that does not offer STARTTLS.")
    public var allowPlaintext = false

    @Option(help: ArgumentHelp("A PEM file of certificate authorities to trust for the relay.", valueName: "file"))
    public var caFile: String?

    @Flag(help: "Do not check the relay's certificate (test relays only).")
    public var insecure = false

    @Option(
        help: ArgumentHelp(
            "The owner-only file with the SMTP user and password (DIGEST_SMTP_USER and DIGEST_SMTP_PASSWORD "
                + "come first); default: $XDG_CONFIG_HOME/digest/smtp.conf, else ~/.config/digest/smtp.conf.",
            valueName: "file"))
    public var smtpConfig: String?

    public init() {}

    public func validate() throws {
        if let smtpURL { try RelayURL.check(smtpURL, allowPlaintext: allowPlaintext) }
    }

    /// The options as arguments, to hand on to another command or program.
    public var arguments: [String] {
        var arguments: [String] = []
        if let smtpURL { arguments += ["--smtp-url", smtpURL] }
        if allowPlaintext { arguments.append("--allow-plaintext") }
        if let caFile { arguments += ["--ca-file", caFile] }
        if insecure { arguments.append("--insecure") }
        if let smtpConfig { arguments += ["--smtp-config", smtpConfig] }
        return arguments
    }

    /// The settings of the relay at `url` (by default `--smtp-url`), with the login from the environment, else
    /// from `--smtp-config` or the default file. `ehloName` is the name the client greets with; `timeout`
    /// (seconds) bounds one message and, up to 30 s, the connection.
    ///
    /// - Throws: `SenderError` when the login cannot be read (see `SMTPCredentials.load(environment:file:)`).
    public func settings(
        url: String? = nil, ehloName: String, timeout: Double, environment: [String: String]
    ) throws(SenderError) -> RelaySettings {
        RelaySettings(
            relay: url ?? smtpURL ?? "", ehloName: ehloName,
            credentials: try SMTPCredentials.load(environment: environment, configFile: smtpConfig),
            allowPlaintext: allowPlaintext, verifyCertificate: !insecure, caFile: caFile, timeout: timeout)
    }
}
