import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The check every command that takes `--smtp-url` makes of it (`digest send`, `digest run`,
/// `digest serve`): one rule, so no command lets through what another refuses.
public enum RelayURL {
    /// Checks `url`: `smtp://` or `smtps://` with a host, no user or password in it, and plain
    /// text (`allowPlaintext`) only for a relay on this machine.
    ///
    /// - Throws: `ValidationError` naming the option.
    public static func check(_ url: String, allowPlaintext: Bool) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "smtp" || scheme == "smtps", let host = components.host, !host.isEmpty
        else {
            throw ValidationError("--smtp-url must look like smtp://host:587 or smtps://host:465")
        }
        if components.user != nil || components.password != nil {
            throw ValidationError(
                "--smtp-url must not carry a user or password; use DIGEST_SMTP_USER and DIGEST_SMTP_PASSWORD")
        }
        if allowPlaintext && !isLoopback(host) {
            throw ValidationError("--allow-plaintext is only for a relay on this machine (127.0.0.1, ::1, localhost)")
        }
    }

    /// Whether `host` is this machine by its very spelling: `localhost`, `::1`, or an IPv4 literal
    /// in 127.0.0.0/8. A name that only starts with `127.` (`127.evil.example`) is a DNS name that
    /// can point anywhere, and is not loopback.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" { return true }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, bare, &v6) == 1 {
            // ::1 in any spelling: fifteen zero bytes, then one.
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1
        }
        var v4 = in_addr()
        guard inet_pton(AF_INET, bare, &v4) == 1 else { return false }
        return UInt32(bigEndian: v4.s_addr) >> 24 == 127
    }
}
