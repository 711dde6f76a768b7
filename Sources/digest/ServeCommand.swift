import ArgumentParser
import CommandOptions
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `digest serve`: runs the `digest-serve` program in this process's place, so that this executable never links
/// the web server and every other command builds and starts without it.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer readers on the web: one-click unsubscribe, the archive of sent issues and its Atom feed.",
        discussion: """
            POST /unsubscribe?token=… honours RFC 8058 one-click unsubscribes (200, no page); GET shows a \
            confirmation page whose button unsubscribes (a GET never does). /subscribe is a sign-up form with \
            double opt-in (the confirmation goes through --smtp-url, else DIGEST_SMTP_URL, as `digest send` \
            sends; with neither the form is closed); /preferences?token=… \
            lets a reader change name and sections. /archive/ lists every sent issue, \
            /archive/<theme>/<week>/ shows one, /archive/<theme>/feed.xml is their Atom feed; /healthz answers ok. \
            Run it behind a reverse proxy (see the README). The server is the digest-serve program beside this \
            one (or on PATH, or in DIGEST_SERVE_BINARY): `swift build --product digest-serve`.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: ServeOptions

    func validate() throws {
        _ = try options.listenAddress()
        _ = try options.relayURL(environment: ProcessInfo.processInfo.environment)
        try options.checkLimits()
    }

    func run() throws {
        let program = try Self.serverProgram()
        let root = global.root ?? FileManager.default.currentDirectoryPath
        let arguments = [program.path, "--root", root] + options.arguments
        // The server takes this process's place: SIGTERM from systemd and Ctrl-C reach it directly.
        let cArguments = arguments.map { strdup($0) } + [nil]
        execv(program.path, cArguments)
        let reason = String(cString: strerror(errno))
        throw CommandFailure("cannot run \(program.path): \(reason)")
    }

    /// `DIGEST_SERVE_BINARY`, else `digest-serve` beside this executable, else on `PATH`.
    static func serverProgram() throws -> URL {
        do {
            return try ServerProgram.locate(
                environment: ProcessInfo.processInfo.environment, beside: ServerProgram.ownFolders)
        } catch {
            let variable = ServerProgram.variable
            switch error.code {
            case .notExecutable: throw CommandFailure("\(variable)=\(error.path ?? "") \(error.reason)")
            case .notFound:
                throw CommandFailure(
                    "digest serve needs the digest-serve program beside digest or on PATH; build it with "
                        + "`swift build --product digest-serve` (or set \(variable))")
            }
        }
    }
}
