import Foundation

/// Python failed: its exit was not zero; what it wrote to stderr.
public struct PythonFailed: Error, CustomStringConvertible {
    /// What Python wrote to stderr.
    public var description: String
}

/// Runs Python (`DIGEST_PYTHON`, else `python3`) with `arguments` (a script's path, or `-c` and a program), `input`
/// on stdin, and returns what it wrote to stdout; the checkers of the tests (Python's `email`, `xml`) run this way.
///
/// - Throws: `PythonFailed` with its stderr when it exits with another status than 0.
public func runPython(_ arguments: [String], input: Data) throws -> Data {
    let python = ProcessInfo.processInfo.environment["DIGEST_PYTHON"] ?? "python3"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python] + arguments
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // The input and the output are small: the pipes' buffers hold them.
    stdin.fileHandleForWriting.write(input)
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw PythonFailed(description: String(decoding: errors, as: UTF8.self))
    }
    return output
}
