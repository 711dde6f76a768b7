import ArgumentParser
import Foundation
import Sender

/// The options of `digest serve`: declared once, for the `digest` command that shows them in its help and forwards
/// them, and for the `digest-serve` program that runs the server.
public struct ServeOptions: ParsableArguments {
    /// The default address: loopback only, for a reverse proxy on the same machine.
    public static let defaultListen = "127.0.0.1:8080"

    @Option(
        help: ArgumentHelp(
            "The address to listen on (a reverse proxy in front takes the public traffic).", valueName: "host:port"))
    public var listen: String = ServeOptions.defaultListen

    @Option(
        help: ArgumentHelp(
            "The public address the pages are reached at through the proxy, like https://example.com/decoding-asia "
                + "(for the feed's links and the forms' origin check); default: http://<listen>.",
            valueName: "url"))
    public var baseURL: String?

    @Option(help: "Serve only this theme (a folder in Templates/); default: every theme.")
    public var theme: String?

    /// The relay sign-up confirmations go through (`--smtp-url`, else `DIGEST_SMTP_URL`; with neither, the sign-up
    /// form is closed).
    @OptionGroup public var relay: RelayOptions

    @Option(help: ArgumentHelp("Sign-ups one address may make in a day; more send nothing.", valueName: "n"))
    public var signupsPerAddress = 3

    @Option(help: ArgumentHelp("Sign-ups one client may make in an hour; more are answered 429.", valueName: "n"))
    public var signupsPerClient = 20

    public init() {}

    /// What the server answers, for the help of `digest serve` and of `digest-serve`.
    public static let routesHelp = """
        POST /unsubscribe?token=… honours RFC 8058 one-click unsubscribes (200, no page); GET shows a \
        confirmation page whose button unsubscribes (a GET never does). /subscribe is a sign-up form with double \
        opt-in, confirmed at /subscribe/confirm?token=… (the confirmation is mailed through --smtp-url, else \
        DIGEST_SMTP_URL, as `digest send` sends; with neither the form is closed); /preferences?token=… lets a \
        reader change name and sections. /archive/ lists every sent issue, /archive/<theme>/ a theme's, \
        /archive/<theme>/<week>/ shows one, /archive/<theme>/feed.xml is their Atom feed; /healthz answers ok. \
        Stops cleanly on SIGTERM or SIGINT. Run it behind a reverse proxy (see the README).
        """

    /// The options as command-line arguments, to hand to the program that runs the server.
    public var arguments: [String] {
        var arguments = ["--listen", listen]
        if let baseURL { arguments += ["--base-url", baseURL] }
        if let theme { arguments += ["--theme", theme] }
        arguments += relay.arguments
        arguments += ["--signups-per-address", String(signupsPerAddress)]
        arguments += ["--signups-per-client", String(signupsPerClient)]
        return arguments
    }

    /// The relay: `--smtp-url`, else `DIGEST_SMTP_URL`; nil when neither is set. Checked as `digest send` checks
    /// it: smtp or smtps, no credentials in it, plain text only on loopback.
    public func relayURL(environment: [String: String]) throws -> String? {
        guard let url = relay.smtpURL ?? environment["DIGEST_SMTP_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            return nil
        }
        try RelayURL.check(url, allowPlaintext: relay.allowPlaintext)
        return url
    }

    /// The settings of the relay sign-up confirmations go through, with the login `digest send` would use; nil
    /// without a relay. The client greets as `localhost` (each message's sender domain is set when it is sent);
    /// a message may take 60 s.
    public func relaySettings(environment: [String: String]) throws -> RelaySettings? {
        guard let url = try relayURL(environment: environment) else { return nil }
        return try relay.settings(url: url, ehloName: "localhost", timeout: 60, environment: environment)
    }

    /// Checks the listen address, the relay and the sign-up limits (ArgumentParser calls it for both programs).
    public func validate() throws {
        _ = try listenAddress()
        _ = try relayURL(environment: ProcessInfo.processInfo.environment)
        guard signupsPerAddress > 0, signupsPerClient > 0 else {
            throw ValidationError("--signups-per-address and --signups-per-client must be at least 1")
        }
    }

    /// The host and port of `listen`: `127.0.0.1:8080`, `[::1]:8080`, `localhost:0` (0: any free port).
    public func listenAddress() throws -> (host: String, port: Int) {
        guard let colon = listen.lastIndex(of: ":") else {
            throw ValidationError("--listen '\(listen)': write it as host:port, like \(Self.defaultListen)")
        }
        var host = String(listen[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("--listen '\(listen)': write it as host:port with a port 0–65535")
        }
        return (host, port)
    }
}
