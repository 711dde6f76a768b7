import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a finished command ended and what it printed.
public struct CommandResult: Sendable, CustomStringConvertible {
    /// The exit status, or the signal number when `wasSignalled`.
    public let status: Int32
    /// Whether a signal ended the process (then `status` is the signal's number).
    public let wasSignalled: Bool
    /// Everything written to stdout.
    public let standardOutput: Data
    /// Everything written to stderr.
    public let standardError: Data

    /// Makes a result from its parts.
    public init(status: Int32, wasSignalled: Bool, standardOutput: Data, standardError: Data) {
        self.status = status
        self.wasSignalled = wasSignalled
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// stdout as UTF-8 (invalid bytes become U+FFFD).
    public var stdout: String { String(decoding: standardOutput, as: UTF8.self) }
    /// stderr as UTF-8 (invalid bytes become U+FFFD).
    public var stderr: String { String(decoding: standardError, as: UTF8.self) }

    /// Whether the process exited by itself with status 0.
    public var succeeded: Bool { !wasSignalled && status == 0 }

    /// The status and both outputs, for a failing expectation's message.
    public var description: String {
        let ending = wasSignalled ? "signal \(status)" : "exit status \(status)"
        return "\(ending)\n--- stdout ---\n\(stdout)\n--- stderr ---\n\(stderr)"
    }
}

/// Runs the built `digest` executable, as a user or a cron job would, for end-to-end tests.
///
/// The binary is `<package root>/.build/debug/digest`, or the path in the `DIGEST_BINARY`
/// environment variable when it is set. Build it first (`swift build --product digest`).
public struct DigestBinary: Sendable {
    /// The executable that `run` starts.
    public let url: URL

    /// `DIGEST_BINARY` when set, else `<package root>/.build/debug/digest`.
    public static var defaultURL: URL {
        if let path = ProcessInfo.processInfo.environment["DIGEST_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return PackageRoot.url.appendingPathComponent(".build/debug/digest")
    }

    /// Uses the executable at `url`.
    public init(url: URL = DigestBinary.defaultURL) {
        self.url = url
    }

    /// Runs `digest` with `arguments` and waits for it to end.
    ///
    /// - Parameters:
    ///   - environment: variables set for the run, over the test process's own environment
    ///     (or instead of it when `inheritEnvironment` is false).
    ///   - workingDirectory: the folder it starts in; the test process's own when nil.
    ///   - stdin: bytes fed to its standard input, which is then closed; empty input when nil.
    ///   - timeout: how long it may run before it is killed and `TestSupportError.timedOut` thrown.
    ///   - stderrIsTerminal: make its stderr a pseudo-terminal, as when a user runs it by hand
    ///     (`isatty(2)` is true); the result's stderr is then what the terminal received, with
    ///     the line discipline's CR before each LF.
    ///   - stdoutIsTerminal: the same for its stdout (`isatty(1)` is true), as when a user reads
    ///     its output on the screen rather than through a pipe.
    public func run(
        _ arguments: [String], environment: [String: String] = [:], inheritEnvironment: Bool = true,
        workingDirectory: URL? = nil, stdin: Data? = nil, timeout: Duration = .seconds(120),
        stderrIsTerminal: Bool = false, stdoutIsTerminal: Bool = false
    ) throws -> CommandResult {
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw TestSupportError(
                code: .binaryNotFound,
                message: "no executable at \(url.path); run `swift build --product digest` or set DIGEST_BINARY")
        }
        var fullEnvironment = inheritEnvironment ? ProcessInfo.processInfo.environment : [:]
        fullEnvironment.merge(environment) { _, new in new }
        return try ChildProcess.run(
            executable: url, arguments: arguments, environment: fullEnvironment,
            workingDirectory: workingDirectory, stdin: stdin, timeout: timeout, stderrIsTerminal: stderrIsTerminal,
            stdoutIsTerminal: stdoutIsTerminal)
    }

    /// Runs `digest` with `stdin` given as UTF-8 text.
    public func run(
        _ arguments: [String], environment: [String: String] = [:], inheritEnvironment: Bool = true,
        workingDirectory: URL? = nil, stdin: String, timeout: Duration = .seconds(120)
    ) throws -> CommandResult {
        try run(
            arguments, environment: environment, inheritEnvironment: inheritEnvironment,
            workingDirectory: workingDirectory, stdin: Data(stdin.utf8), timeout: timeout)
    }
}

/// Runs any executable to its end with its pipes read concurrently.
enum ChildProcess {
    static func run(
        executable: URL, arguments: [String], environment: [String: String], workingDirectory: URL?,
        stdin: Data?, timeout: Duration, stderrIsTerminal: Bool = false, stdoutIsTerminal: Bool = false
    ) throws -> CommandResult {
        _ = ignoreBrokenPipes
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }

        let stdoutPipe = stdoutIsTerminal ? nil : Pipe()
        let outputTerminal = try stdoutIsTerminal ? PseudoTerminal() : nil
        let stderrPipe = stderrIsTerminal ? nil : Pipe()
        let terminal = try stderrIsTerminal ? PseudoTerminal() : nil
        let stdinPipe = stdin.map { _ in Pipe() }
        process.standardOutput = outputTerminal?.childEnd ?? stdoutPipe
        process.standardError = terminal?.childEnd ?? stderrPipe
        process.standardInput = stdinPipe ?? FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try launchWithDefaultSignalMask(process)
        } catch {
            throw TestSupportError(code: .launchFailed, message: "could not start \(executable.path): \(error)")
        }
        // Only the child holds the terminal's other end now: reading ends when the child is gone.
        try terminal?.childEnd.close()
        try outputTerminal?.childEnd.close()

        // Both outputs are read while stdin is written, so no pipe fills up and stalls the child.
        let standardOutput = OutputCollector()
        let standardError = OutputCollector()
        standardOutput.drain(
            outputTerminal?.ourEnd ?? stdoutPipe?.fileHandleForReading ?? FileHandle.nullDevice)
        standardError.drain(terminal?.ourEnd ?? stderrPipe?.fileHandleForReading ?? FileHandle.nullDevice)
        if let stdin, let writer = stdinPipe?.fileHandleForWriting {
            Thread {
                // A child that exits without reading its input gives EPIPE here, which is fine.
                try? writer.write(contentsOf: stdin)
                try? writer.close()
            }.start()
        }

        let deadline = DispatchTime.now() + timeout.dispatchInterval
        guard exited.wait(timeout: deadline) == .success else {
            process.terminate()
            if exited.wait(timeout: .now() + .seconds(5)) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                _ = exited.wait(timeout: .now() + .seconds(5))
            }
            standardOutput.waitUntilFinished(timeout: .seconds(2))
            standardError.waitUntilFinished(timeout: .seconds(2))
            let partial = String(decoding: standardError.bytes, as: UTF8.self)
            throw TestSupportError(
                code: .timedOut,
                message: "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) ran past \(timeout) "
                    + "and was killed; its stderr so far:\n\(partial)")
        }
        // A grandchild that kept the pipes open must not hang the test: wait a bounded time.
        standardOutput.waitUntilFinished(timeout: .seconds(10))
        standardError.waitUntilFinished(timeout: .seconds(10))
        return CommandResult(
            status: process.terminationStatus,
            wasSignalled: process.terminationReason == .uncaughtSignal,
            standardOutput: standardOutput.bytes,
            standardError: standardError.bytes)
    }
}
