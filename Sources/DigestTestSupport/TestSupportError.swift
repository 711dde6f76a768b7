/// A test helper that could not do its job: a server that did not start, a binary that is missing
/// or hung. The description says what to do about it.
public struct TestSupportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, to switch on.
    public enum Code: Sendable, Equatable {
        /// A helper script is missing from the `Servers` resources.
        case scriptNotFound
        /// A helper server exited, or did not print its `PORT <n>` line in time.
        case serverDidNotStart
        /// The `digest` executable is not where we looked.
        case binaryNotFound
        /// A process could not be started.
        case launchFailed
        /// A process ran past its time limit and was killed.
        case timedOut
        /// A system call failed (the message names it and the `errno` text).
        case system
        /// A command a fixture runs to set itself up failed (the message holds its output).
        case commandFailed
    }

    /// What went wrong, to switch on.
    public let code: Code
    /// What happened, naming the file, process or call.
    public let message: String

    /// Makes an error with a code and a message that names the thing that failed.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The message, as test failures print it.
    public var description: String { message }
}
