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
        discussion: ServeOptions.routesHelp + """


            The server is the digest-serve program beside this one (or on PATH, or in DIGEST_SERVE_BINARY): \
            `swift build --product digest-serve`.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: ServeOptions

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
