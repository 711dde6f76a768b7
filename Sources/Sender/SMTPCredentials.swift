import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The SMTP user name and password: from `DIGEST_SMTP_USER` / `DIGEST_SMTP_PASSWORD`, else from a
/// config file that only its owner can read. Never from the command line; `description` hides
/// the password, so it cannot reach a log or an error by accident.
public struct SMTPCredentials: Sendable, CustomStringConvertible {
    /// The variable holding the user name.
    public static let userVariable = "DIGEST_SMTP_USER"
    /// The variable holding the password.
    public static let passwordVariable = "DIGEST_SMTP_PASSWORD"

    /// The user name.
    public let user: String
    /// The password.
    public let password: String
    /// Where they came from, in words for an error: the two variables, or the config file's path.
    public let source: String

    /// Makes credentials.
    public init(user: String, password: String, source: String = "\(userVariable) and \(passwordVariable)") {
        self.user = user
        self.password = password
        self.source = source
    }

    /// `user (password hidden)`.
    public var description: String { "\(user) (password hidden)" }

    /// The default config file: `$XDG_CONFIG_HOME/digest/smtp.conf`, else `~/.config/digest/smtp.conf`.
    public static func defaultFile(environment: [String: String]) -> URL? {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            return URL(fileURLWithPath: config).appendingPathComponent("digest/smtp.conf")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".config/digest/smtp.conf")
    }

    /// The credentials from the environment, else from `file` (`user = …` and `password = …`
    /// lines, `#` comments); nil when neither has any.
    ///
    /// - Throws: `.configuration` when only one variable is set, or when the file can be read by
    ///   anyone but its owner, is not a regular file, or lacks a field (the error names the file,
    ///   never the password).
    public static func load(environment: [String: String], file: URL?) throws(SenderError) -> SMTPCredentials? {
        let user = environment[userVariable].flatMap { $0.isEmpty ? nil : $0 }
        let password = environment[passwordVariable].flatMap { $0.isEmpty ? nil : $0 }
        switch (user, password) {
        case (let user?, let password?): return SMTPCredentials(user: user, password: password)
        case (nil, nil): break
        default:
            throw SenderError(.configuration, "set both \(userVariable) and \(passwordVariable), or neither")
        }
        guard let file else { return nil }
        var status = stat()
        guard stat(file.path, &status) == 0 else { return nil }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw SenderError(.configuration, "the SMTP config is not a regular file", path: file.path)
        }
        guard status.st_mode & 0o077 == 0, status.st_uid == geteuid() else {
            throw SenderError(
                .configuration, "the SMTP config must be yours and readable only by you (chmod 600)", path: file.path)
        }
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw SenderError(.configuration, "cannot read the SMTP config: \(error)", path: file.path)
        }
        var fields: [String: String] = [:]
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw SenderError(.configuration, "line \(number + 1) is not `name = value`", path: file.path)
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            fields[name] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        guard let fileUser = fields["user"], !fileUser.isEmpty, let filePassword = fields["password"],
            !filePassword.isEmpty
        else {
            throw SenderError(
                .configuration, "the SMTP config needs both `user = …` and `password = …`", path: file.path)
        }
        return SMTPCredentials(user: fileUser, password: filePassword, source: file.path)
    }
}
