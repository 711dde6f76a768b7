import ArgumentParser
import Foundation

/// `--root DIR`, the newsletter folder: every `digest` command takes it, and `digest-serve` too.
public struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("The newsletter folder (Templates/, Subscribers/, Digests/).", valueName: "dir")
    )
    public var root: String?

    public init() {}

    /// The folder named, else the current directory.
    public var folder: URL { URL(fileURLWithPath: root ?? FileManager.default.currentDirectoryPath) }
}

/// A failure to report as one line on stderr with a non-zero exit status (ArgumentParser prints the description
/// and exits 1).
public struct CommandFailure: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
