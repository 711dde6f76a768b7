import ArgumentParser
import CommandOptions
import Foundation
import Sender
import WebServer

/// `digest-serve`: the web server of `digest serve`, in a program of its own so that only it links the server and
/// its dependencies. `digest serve` runs it in its own place; it can also be run directly.
@main
struct DigestServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest-serve",
        abstract: "Answer readers on the web: sign-up, preferences, one-click unsubscribe, the archive and its feed.",
        discussion: """
            The program `digest serve` runs. Routes: POST /unsubscribe?token=… (RFC 8058 one-click, and the \
            confirmation form), GET /unsubscribe?token=… (a confirmation page; a GET never unsubscribes), \
            GET /archive/, /archive/<theme>/, /archive/<theme>/<week>/, /archive/<theme>/feed.xml (Atom), \
            GET/POST /subscribe (double opt-in; confirmations through --smtp-url, else DIGEST_SMTP_URL; with \
            neither the form is closed), GET/POST /subscribe/confirm?token=…, \
            GET/POST /preferences?token=…, GET /healthz. Stops cleanly on SIGTERM or SIGINT.
            """
    )

    @Option(help: ArgumentHelp("The newsletter folder (Templates/, Subscribers/, Digests/).", valueName: "dir"))
    var root: String?

    @OptionGroup var options: ServeOptions

    func validate() throws {
        _ = try options.listenAddress()
        _ = try options.relayURL(environment: ProcessInfo.processInfo.environment)
        try options.checkLimits()
    }

    func run() async throws {
        let (host, port) = try options.listenAddress()
        let folder = URL(fileURLWithPath: root ?? FileManager.default.currentDirectoryPath)
        let server: WebServer
        do {
            server = try WebServer(
                ServerConfiguration(
                    root: folder, host: host, port: port, baseURL: options.baseURL, theme: options.theme,
                    smtp: try options.relaySettings(environment: ProcessInfo.processInfo.environment),
                    signupLimits: SignupLimits(
                        perAddress: options.signupsPerAddress, perClient: options.signupsPerClient)))
        } catch {
            throw ServeFailure("\(error)")
        }
        let themes = server.themes.joined(separator: ", ")
        try await server.run { address in
            // One line a script (or a test) can wait for, then the server's own log.
            let line = "digest serve: listening on http://\(address) (themes: \(themes))\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }
}

/// A failure reported as one line on stderr with exit status 1.
struct ServeFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
