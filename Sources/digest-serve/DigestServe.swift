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
        discussion: "The program `digest serve` runs.\n\n" + ServeOptions.routesHelp
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var options: ServeOptions

    func run() async throws {
        let (host, port) = try options.listenAddress()
        let server: WebServer
        do {
            server = try WebServer(
                ServerConfiguration(
                    root: global.folder, host: host, port: port, baseURL: options.baseURL, theme: options.theme,
                    smtp: try options.relaySettings(environment: ProcessInfo.processInfo.environment),
                    signupLimits: SignupLimits(
                        perAddress: options.signupsPerAddress, perClient: options.signupsPerClient)))
        } catch {
            throw CommandFailure("\(error)")
        }
        let themes = server.themes.joined(separator: ", ")
        try await server.run { address in
            // One line a script (or a test) can wait for, then the server's own log.
            let line = "digest serve: listening on http://\(address) (themes: \(themes))\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }
}
