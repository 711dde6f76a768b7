import Foundation

/// A newsletter folder copied from the repository into a temporary folder of its own (Templates/,
/// Subscribers/ and the sample week's article files, with an empty Digests/ beside them), for
/// running the built `digest` binary against as a user would.
///
/// Every test that needs a whole newsletter starts from this one copy, so they all see the same
/// shipped theme and list.
public final class NewsletterFixture: Sendable {
    /// The ISO week the sample articles fall in.
    public static let sampleWeek = "2026-W47"
    /// The theme that ships with the repository.
    public static let theme = "decoding-asia"
    /// The unsubscribe secret given to every run unless a test gives another.
    public static let defaultSecret = "test-secret-of-at-least-thirty-two-bytes"

    /// The temporary folder holding the newsletter (`newsletter/`) and a working folder (`cwd/`).
    public let folder: TemporaryDirectory
    /// The unsubscribe secret given to every run (`DIGEST_UNSUBSCRIBE_SECRET`).
    public let secret: String
    /// The newsletter folder, given to `digest --root`.
    public var root: URL { folder.url(for: "newsletter") }
    /// The theme's subscriber list.
    public var listFile: URL { root.appendingPathComponent("Subscribers/\(Self.theme).csv") }
    /// The folder of the sample week's articles, to collect.
    public var sampleWeekArticles: URL { root.appendingPathComponent("Digests/sample-week") }

    /// The folder of the theme's issue for `week`.
    public func issueFolder(week: String = NewsletterFixture.sampleWeek) -> URL {
        root.appendingPathComponent("Digests/\(Self.theme)/\(week)")
    }

    /// Copies the newsletter; with `list`, the theme's list is replaced by these CSV rows under
    /// the standard header.
    public init(prefix: String = "digest-newsletter", list: [String]? = nil, secret: String = defaultSecret) throws {
        folder = try TemporaryDirectory(prefix: prefix)
        self.secret = secret
        let root = folder.url(for: "newsletter")
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("Digests"), withIntermediateDirectories: true)
        for item in ["Templates", "Subscribers", "Digests/sample-week"] {
            try manager.copyItem(
                at: PackageRoot.url.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        if let list {
            let csv = (["email,name,sections,status,added_at,source"] + list).joined(separator: "\n") + "\n"
            try Data(csv.utf8).write(to: listFile)
        }
    }

    /// Runs `digest --root <copy> ARGS` from an empty working folder, with the fixture's unsubscribe
    /// secret and no user SMTP config; `environment` adds to (or overrides) those, and the test
    /// process's variables named in `unsetting` are left out (`NO_COLOR`, say).
    public func run(
        _ arguments: [String], environment: [String: String] = [:], unsetting: Set<String> = [], stdin: Data? = nil,
        stderrIsTerminal: Bool = false, stdoutIsTerminal: Bool = false
    ) throws -> CommandResult {
        let cwd = folder.url(for: "cwd")
        try FileManager.default.createDirectory(at: cwd, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment.filter { !unsetting.contains($0.key) }
        env.merge(["DIGEST_UNSUBSCRIBE_SECRET": secret, "XDG_CONFIG_HOME": "/nonexistent"]) { _, new in new }
        env.merge(environment) { _, new in new }
        return try DigestBinary().run(
            ["--root", root.path] + arguments, environment: env, inheritEnvironment: false, workingDirectory: cwd,
            stdin: stdin, stderrIsTerminal: stderrIsTerminal, stdoutIsTerminal: stdoutIsTerminal)
    }

    /// Collects the sample week's articles and composes its issue.
    ///
    /// - Throws: `TestSupportError` (`.commandFailed`) with the command's output when either fails.
    public func composeSampleWeek() throws {
        for arguments in [["collect", sampleWeekArticles.path], ["compose", "--week", Self.sampleWeek]] {
            let result = try run(arguments)
            guard result.succeeded else {
                throw TestSupportError(
                    code: .commandFailed, message: "digest \(arguments.joined(separator: " ")) failed: \(result)")
            }
        }
    }
}
