import DigestTestSupport
import Foundation
import Testing

@Suite("Input limits and list files")
struct InputLimitTests {
    @Test("summarize refuses a file over 20 MB before reading it")
    func hugeFile() throws {
        let copy = try NewsletterCopy()
        let file = copy.folder.url(for: "huge.txt")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 3 << 30)  // sparse: 3 GB that take no disk
        try handle.close()
        let result = try copy.run(["summarize", file.path])
        #expect(!result.succeeded)
        #expect(result.stderr.contains("huge.txt: the file is 3072 MB, over the 20 MB limit"), "\(result)")
    }

    @Test("subscribers export onto a list file is refused, and the list is unchanged")
    func exportOntoList() throws {
        let copy = try NewsletterCopy()
        let list = copy.root.appendingPathComponent("Subscribers/decoding-asia.csv")
        let before = try Data(contentsOf: list)
        let result = try copy.run(["subscribers", "export", "--status", "unsubscribed", "--output", list.path])
        #expect(!result.succeeded)
        #expect(result.stderr.contains("is a subscriber list of this newsletter"), "\(result)")
        #expect(try Data(contentsOf: list) == before)
    }
}

@Suite("Output that cannot be written")
struct LostOutputTests {
    /// Runs `digest ARGS > /dev/full` through the shell; the exit status and stderr.
    func runIntoFullDevice(_ arguments: [String], root: URL) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let quoted = ([DigestBinary.defaultURL.path, "--root", root.path] + arguments).map { "'\($0)'" }
        process.arguments = ["-c", quoted.joined(separator: " ") + " > /dev/full"]
        var environment = ProcessInfo.processInfo.environment
        environment["DIGEST_UNSUBSCRIBE_SECRET"] = "test-secret-of-at-least-thirty-two-bytes"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(
        "preview, extract and subscribers list into a full disk exit non-zero with one plain line",
        arguments: [
            ["preview", "--week", "2026-W47", "--no-pager"], ["extract", "SAMPLE"], ["subscribers", "list"],
        ])
    func fullDevice(arguments: [String]) throws {
        let copy = try NewsletterCopy()
        try copy.composeSampleWeek()
        let sample = copy.root.appendingPathComponent("Digests/sample-week/01-china-retail-sales.txt").path
        let result = try runIntoFullDevice(arguments.map { $0 == "SAMPLE" ? sample : $0 }, root: copy.root)
        #expect(result.status != 0, "\(arguments)")
        #expect(result.stderr.contains("standard output: cannot write: No space left on device"), "\(result.stderr)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
    }
}
