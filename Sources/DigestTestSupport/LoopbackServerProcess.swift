import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A helper server from `Servers/`, run with Python 3 on 127.0.0.1, that announces its port by
/// printing `PORT <n>` on stdout.
///
/// The process is stopped by `stop()` or on deinit. Its stdin is a pipe that only we hold open,
/// and the scripts exit when it closes, so a server also goes away when the test process dies.
/// Python is `python3` from `PATH`, or the interpreter named by the `DIGEST_PYTHON` variable.
public final class LoopbackServerProcess: @unchecked Sendable {
    /// The port the server listens on, on 127.0.0.1.
    public let port: Int
    /// The script's file name in `Servers/`.
    public let scriptName: String

    private let process: Process
    private let input: FileHandle
    private let exited: DispatchSemaphore
    private let output: OutputCollector
    private let lock = NSLock()
    private var stopped = false

    /// Starts `Servers/<scriptName>` with `arguments` and waits until it prints its port.
    ///
    /// Throws `TestSupportError` with the server's own output when it exits early or stays silent
    /// longer than `startTimeout`.
    public init(scriptName: String, arguments: [String] = [], startTimeout: Duration = .seconds(30)) throws {
        _ = ignoreBrokenPipes
        let script = try LoopbackServerProcess.scriptURL(named: scriptName)
        let process = Process()
        let python = ProcessInfo.processInfo.environment["DIGEST_PYTHON"] ?? "python3"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-u", script.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONUNBUFFERED"] = "1"
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        process.environment = environment

        let stdinPipe = Pipe()
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try launchWithDefaultSignalMask(process)
        } catch {
            throw TestSupportError(
                code: .launchFailed, message: "could not start \(python) \(script.path): \(error)")
        }

        let output = OutputCollector(limit: 1 << 20)
        output.drain(stderrPipe.fileHandleForReading)
        self.process = process
        self.input = stdinPipe.fileHandleForWriting
        self.exited = exited
        self.output = output
        self.scriptName = scriptName

        let announced = LoopbackServerProcess.readPort(from: stdoutPipe.fileHandleForReading, timeout: startTimeout)
        guard case .success(let port, let rest) = announced else {
            self.port = 0
            stop()
            output.waitUntilFinished(timeout: .seconds(2))
            let reason: String
            if case .failure(let why) = announced { reason = why } else { reason = "no port" }
            let log = String(decoding: output.bytes, as: UTF8.self)
            throw TestSupportError(
                code: .serverDidNotStart,
                message: "\(scriptName) did not start: \(reason)" + (log.isEmpty ? "" : "; its output:\n\(log)"))
        }
        self.port = port
        rest.withUnsafeBytes { output.append($0) }
        output.drain(stdoutPipe.fileHandleForReading)
    }

    deinit {
        stop()
    }

    /// What the server wrote to stderr, and to stdout after its port line (the first MiB).
    public var log: String {
        String(decoding: output.bytes, as: UTF8.self)
    }

    /// Whether the server process is still running.
    public var isRunning: Bool {
        process.isRunning
    }

    /// Stops the server: closes its stdin, sends SIGTERM, and SIGKILL if it is still there after
    /// five seconds. Calling it again does nothing.
    public func stop() {
        lock.lock()
        let first = !stopped
        stopped = true
        lock.unlock()
        guard first else { return }

        try? input.close()
        if process.isRunning { process.terminate() }
        if exited.wait(timeout: .now() + .seconds(5)) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            _ = exited.wait(timeout: .now() + .seconds(5))
        }
    }

    /// The URL of a script in the `Servers` resources.
    public static func scriptURL(named name: String) throws -> URL {
        let file = name as NSString
        if let url = Bundle.module.url(
            forResource: file.deletingPathExtension, withExtension: file.pathExtension, subdirectory: "Servers")
        {
            return url
        }
        // Fall back to the sources, for a test binary run away from its resource bundle.
        let source = PackageRoot.url.appendingPathComponent("Sources/DigestTestSupport/Servers/\(name)")
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw TestSupportError(code: .scriptNotFound, message: "no server script \(name) in DigestTestSupport")
        }
        return source
    }

    private enum Announcement {
        case success(port: Int, rest: Data)
        case failure(String)
    }

    /// Reads stdout until a `PORT <n>` line, the end of the pipe, or the deadline.
    private static func readPort(from handle: FileHandle, timeout: Duration) -> Announcement {
        let descriptor = handle.fileDescriptor
        let deadline = ContinuousClock.now + timeout
        var received = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        // Bounded by the deadline, and by the 1 MiB we are prepared to read before the port.
        while received.count < 1 << 20 {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return .failure("no PORT line within \(timeout)") }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(clamping: max(remaining.wholeMilliseconds, 1)))
            if ready < 0 {
                if errno == EINTR { continue }
                return .failure("poll failed: \(errnoText())")
            }
            if ready == 0 { continue }
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failure("reading its stdout failed: \(errnoText())")
            }
            if count == 0 { return .failure("it exited before printing its port") }
            received.append(contentsOf: chunk[0..<count])
            if let port = port(in: received) { return .success(port: port.value, rest: port.rest) }
        }
        return .failure("no PORT line in its first MiB of output")
    }

    /// The port from the first complete `PORT <n>` line, and the bytes after that line.
    private static func port(in data: Data) -> (value: Int, rest: Data)? {
        var lineStart = data.startIndex
        while let newline = data[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: data[lineStart..<newline], as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            lineStart = data.index(after: newline)
            if line.hasPrefix("PORT "), let value = Int(line.dropFirst(5)), (1...65535).contains(value) {
                return (value, Data(data[lineStart...]))
            }
        }
        return nil
    }
}
