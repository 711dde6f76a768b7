import DigestTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("digest serve, the command")
struct ServeCommandTests {
    /// `.build/debug/digest-serve`, beside the `digest` the other end-to-end tests run.
    static var serveBinary: URL {
        DigestBinary.defaultURL.deletingLastPathComponent().appendingPathComponent("digest-serve")
    }

    @Test("`digest serve` runs the server program, which answers on loopback and stops cleanly on SIGTERM")
    func servesAndStops() async throws {
        let newsletter = try NewsletterFolder(readers: 2)
        let process = Process()
        process.executableURL = DigestBinary.defaultURL
        process.arguments = ["--root", newsletter.root.path, "serve", "--listen", "127.0.0.1:0"]
        var environment = ProcessInfo.processInfo.environment
        environment["DIGEST_UNSUBSCRIBE_SECRET"] = NewsletterFolder.secret
        environment["DIGEST_SERVE_BINARY"] = Self.serveBinary.path
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }

        // The first line says where it listens: `digest serve: listening on http://127.0.0.1:PORT (themes: …)`.
        let line = try await Web.offThePool { () -> String in
            var bytes: [UInt8] = []
            let handle = output.fileHandleForReading
            while bytes.last != UInt8(ascii: "\n") {
                let chunk = handle.readData(ofLength: 1)
                if chunk.isEmpty { break }
                bytes += chunk
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let found = line.firstMatch(of: /listening on (http:\/\/127\.0\.0\.1:\d+)/)
        let base = try #require(found.map { String($0.1) }, "no listening line, only: \(line)")
        #expect(line.contains("themes: decoding-asia"))

        #expect(try await Web.get("\(base)/healthz").text == "ok\n")
        let token = try NewsletterFolder.token(NewsletterFolder.reader(1))
        #expect(try await Web.oneClick(base, token: token).status == 200)
        #expect(try newsletter.status(of: NewsletterFolder.reader(1)) == .unsubscribed)

        // `digest serve` exec'd the server: the process we started is the server, and SIGTERM ends it cleanly.
        kill(process.processIdentifier, SIGTERM)
        let stopped = await Task.detached { exited.wait(timeout: .now() + .seconds(20)) }.value
        #expect(stopped == .success)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    /// `digest serve ARGUMENTS` and `digest-serve ARGUMENTS`: both programs check the same options.
    static func bothPrograms(_ arguments: [String]) throws -> [CommandResult] {
        [try DigestBinary().run(["serve"] + arguments), try DigestBinary(url: serveBinary).run(arguments)]
    }

    @Test("a bad --listen is a usage error (exit 64) before anything starts, in both programs")
    func badListen() throws {
        for result in try Self.bothPrograms(["--listen", "nowhere"]) {
            #expect(result.status == 64, "\(result)")
            #expect(result.stderr.contains("--listen 'nowhere'"), "\(result)")
        }
    }

    @Test("a relay setting `digest send` would refuse is a usage error of `digest serve` and `digest-serve` too")
    func badRelay() throws {
        let cases = [
            (["--smtp-url", "http://mail.example.com"], "smtp://host:587"),
            (["--smtp-url", "smtp://user:pw@mail.example.com"], "DIGEST_SMTP_USER"),
            (["--smtp-url", "smtp://mail.example.com:25", "--allow-plaintext"], "only for a relay on this machine"),
            (["--signups-per-client", "0"], "at least 1"),
        ]
        for (arguments, message) in cases {
            for result in try Self.bothPrograms(arguments) {
                #expect(result.status == 64, "\(result)")
                #expect(result.stderr.contains(message), "\(result)")
            }
        }
    }

    @Test("a theme without web templates is one clear error naming the missing file")
    func missingWebTemplates() throws {
        let newsletter = try NewsletterFolder(readers: 1)
        try FileManager.default.removeItem(
            at: newsletter.root.appendingPathComponent("Templates/decoding-asia/web/unsubscribe.mustache"))
        let result = try DigestBinary().run(
            ["--root", newsletter.root.path, "serve", "--listen", "127.0.0.1:0"],
            environment: [
                "DIGEST_UNSUBSCRIBE_SECRET": NewsletterFolder.secret, "DIGEST_SERVE_BINARY": Self.serveBinary.path,
            ], timeout: .seconds(60))
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("web/unsubscribe.mustache"))
    }

    @Test("only the server program links Hummingbird: `digest` itself does not")
    func layering() throws {
        let digest = try Data(contentsOf: DigestBinary.defaultURL, options: .alwaysMapped)
        let server = try Data(contentsOf: Self.serveBinary, options: .alwaysMapped)
        let marker = Data("HummingbirdCore".utf8)
        #expect(digest.range(of: marker) == nil)
        #expect(server.range(of: marker) != nil)
    }
}
