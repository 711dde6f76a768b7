import Foundation

/// Where the `digest-serve` program is, for `digest serve` to run in its place.
public enum ServerProgram {
    /// The variable that names the program explicitly (tests, unusual installs).
    public static let variable = "DIGEST_SERVE_BINARY"
    /// The program's file name.
    public static let name = "digest-serve"

    /// `DIGEST_SERVE_BINARY` in `environment`, else `digest-serve` in one of `folders` (the running
    /// program's), else on the `PATH` of `environment`.
    ///
    /// - Throws: `ServerProgramError`: `.notExecutable` when the variable names something that is not
    ///   an executable file, `.notFound` when no folder has the program.
    public static func locate(environment: [String: String], beside folders: [URL]) throws(ServerProgramError) -> URL {
        let manager = FileManager.default
        if let path = environment[variable], !path.isEmpty {
            guard manager.isExecutableFile(atPath: path) else {
                throw ServerProgramError(.notExecutable, "is not an executable file", path: path)
            }
            return URL(fileURLWithPath: path)
        }
        var candidates = folders
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            candidates.append(URL(fileURLWithPath: String(folder), isDirectory: true))
        }
        for folder in candidates {
            let program = folder.appendingPathComponent(name)
            if manager.isExecutableFile(atPath: program.path) { return program }
        }
        throw ServerProgramError(.notFound, "no \(name) beside this program or on PATH")
    }

    /// The folders of the running program: where `/proc/self/exe` points, and the main bundle's executable.
    public static var ownFolders: [URL] {
        var folders: [URL] = []
        if let ownPath = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: ownPath).deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            folders.append(executable.deletingLastPathComponent())
        }
        return folders
    }
}

/// Why the server program cannot be run.
public struct ServerProgramError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, to switch on.
    public enum Code: Sendable, Equatable {
        /// The variable names a path that is not an executable file.
        case notExecutable
        /// The program is in none of the places looked in.
        case notFound
    }

    /// What went wrong.
    public var code: Code
    /// What is wrong, in words.
    public var reason: String
    /// The path concerned, when there is one.
    public var path: String?

    /// Creates an error.
    public init(_ code: Code, _ reason: String, path: String? = nil) {
        self.code = code
        self.reason = reason
        self.path = path
    }

    /// `path: reason`, or the reason.
    public var description: String { path.map { "\($0): \(reason)" } ?? reason }
}
