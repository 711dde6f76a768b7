import DigestTestSupport
import Foundation
import Testing

@Suite("--allow-plaintext is for this machine only")
struct PlaintextRelayTests {
    @Test(
        "a host name that only starts with 127. is not loopback; literal loopback addresses are",
        arguments: [
            ("smtp://127.evil.example:25", false), ("smtp://127.0.0.1.evil.example", false),
            ("smtp://localhost.evil.example", false), ("smtp://[::ffff:10.0.0.1]:25", false),
            ("smtp://127.0.0.1:1", true), ("smtp://127.3.4.5:1", true), ("smtp://[::1]:1", true),
            ("smtp://[0:0:0:0:0:0:0:1]:1", true), ("smtp://localhost:1", true),
        ])
    func loopbackOnly(url: String, accepted: Bool) throws {
        let copy = try NewsletterCopy()
        let result = try copy.run(
            ["send", "--week", "2026-W47", "--smtp-url", url, "--allow-plaintext"],
            environment: ["DIGEST_SMTP_USER": "u", "DIGEST_SMTP_PASSWORD": "secret"])
        let refused = result.stderr.contains("--allow-plaintext is only for a relay on this machine")
        #expect(refused == !accepted, "\(url): \(result)")
        #expect(!result.succeeded, "no issue is composed in this copy, so nothing is sent either way")
    }
}
