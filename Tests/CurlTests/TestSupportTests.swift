import Curl
import DigestTestSupport
import Foundation
import Testing

// The helpers every other test target leans on, checked here because DigestTestSupport has no
// test target of its own. `/bin/sh` stands in for the `digest` binary.

@Suite("DigestTestSupport helpers")
struct TestSupportTests {
    let shell = DigestBinary(url: URL(fileURLWithPath: "/bin/sh"))

    @Test("a command's status, large outputs, stdin, environment and folder all come through")
    func runsACommand() throws {
        let folder = try TemporaryDirectory()
        let input = String(repeating: "x", count: 2_000_000)
        // Megabytes on both pipes at once: this deadlocks unless both are read while it runs.
        let script = """
            wc -c | tr -d ' '; head -c 3000000 /dev/zero | tr '\\000' a
            head -c 2000000 /dev/zero | tr '\\000' b >&2; echo "$DIGEST_TEST_VALUE"; pwd; exit 3
            """
        let result = try shell.run(
            ["-c", script], environment: ["DIGEST_TEST_VALUE": "from the test"],
            workingDirectory: folder.url, stdin: input)
        #expect(result.status == 3)
        #expect(!result.wasSignalled && !result.succeeded)
        #expect(result.stdout.hasPrefix("2000000\naaa"))
        #expect(result.stdout.hasSuffix("afrom the test\n\(folder.path)\n"), "\(result.stdout.suffix(80))")
        #expect(result.standardOutput.count == 8 + 3_000_000 + 14 + folder.path.utf8.count + 1)
        #expect(result.standardError.count == 2_000_000)
    }

    @Test("a child that ignores its stdin, or dies of a signal, is reported as such")
    func reportsEndings() throws {
        #expect(try shell.run(["-c", "exit 0"], stdin: String(repeating: "y", count: 1_000_000)).succeeded)
        let killed = try shell.run(["-c", "kill -KILL $$"])
        #expect(killed.wasSignalled && killed.status == SIGKILL)
        // SIGTERM must work: a child must not inherit the test thread's blocked signals.
        let terminated = try shell.run(["-c", "kill -TERM $$; sleep 5"])
        #expect(terminated.wasSignalled && terminated.status == SIGTERM)
    }

    @Test("a command past its time limit is killed and reported")
    func killsAHungCommand() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let error = try #require(throws: TestSupportError.self) {
            try shell.run(["-c", "exec sleep 30"], timeout: .milliseconds(300))
        }
        #expect(error.code == .timedOut)
        #expect(clock.now - started < .seconds(10))
    }

    @Test("a missing binary is named in the error")
    func missingBinary() throws {
        let error = try #require(throws: TestSupportError.self) {
            try DigestBinary(url: URL(fileURLWithPath: "/nonexistent/digest")).run(["--help"])
        }
        #expect(error.code == .binaryNotFound)
        #expect(error.description.contains("/nonexistent/digest"))
    }

    @Test("the package root holds Package.swift, and the default binary lives under it")
    func packageRoot() {
        #expect(FileManager.default.fileExists(atPath: PackageRoot.url.appendingPathComponent("Package.swift").path))
        if ProcessInfo.processInfo.environment["DIGEST_BINARY"] == nil {
            #expect(DigestBinary.defaultURL.path == PackageRoot.path + "/.build/debug/digest")
        }
    }

    @Test("a temporary directory is fresh, private to its test, and removed")
    func temporaryDirectory() throws {
        var path = ""
        do {
            let first = try TemporaryDirectory()
            let second = try TemporaryDirectory()
            #expect(first.path != second.path)
            #expect(try FileManager.default.contentsOfDirectory(atPath: first.path).isEmpty)
            let file = try first.write("hello", to: "nested/note.txt")
            #expect(try String(contentsOf: file, encoding: .utf8) == "hello")
            second.remove()
            second.remove()
            #expect(!FileManager.default.fileExists(atPath: second.path))
            path = first.path
        }
        #expect(!path.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path), "removed on deinit")
    }

    @Test("the HTTP server serves a folder's files, only inside it, and stops")
    func serverFilesAndStop() throws {
        let folder = try TemporaryDirectory()
        try folder.write("<p>hi</p>", to: "pages/one.html")
        let server = try LoopbackHTTPServer(serving: folder.url)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        let page = try HTTPClient().get(HTTPRequest(url: server.url("/files/pages/one.html")))
        #expect(page.status == 200)
        #expect(page.header("content-type") == "text/html; charset=utf-8")
        #expect(String(decoding: page.body, as: UTF8.self) == "<p>hi</p>")
        let escape = try HTTPClient().get(HTTPRequest(url: server.url("/files/%2e%2e/%2e%2e/etc/passwd")))
        #expect(escape.status == 404)

        server.stop()
        server.stop()
        #expect(throws: CurlError.self) { try HTTPClient().get(HTTPRequest(url: server.url("/text"))) }
    }

    @Test("an unknown server script is reported, not hung on")
    func unknownScript() throws {
        let error = try #require(throws: TestSupportError.self) {
            try LoopbackServerProcess(scriptName: "no_such_server.py")
        }
        #expect(error.code == .scriptNotFound)
    }
}
