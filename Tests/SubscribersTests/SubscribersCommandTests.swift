import DigestTestSupport
import Foundation
import Subscribers
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The shared newsletter fixture, with the helpers these tests use.
typealias NewsletterFolder = NewsletterFixture

extension NewsletterFixture {
    /// The unsubscribe secret every run is given.
    static let secret = NewsletterFixture.defaultSecret

    /// The theme's list file.
    var list: URL { listFile }

    /// Runs `digest subscribers ARGS`.
    func subscribers(_ arguments: String...) throws -> CommandResult {
        try run(["subscribers"] + arguments)
    }

    func write(_ bytes: [UInt8], to name: String) throws -> URL {
        try folder.write(Data(bytes), to: name)
    }

    func listBytes() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: list))
    }
}

/// `count` canonical subscriber rows under the standard header: rows that the list writes back
/// exactly as they are, so importing and exporting them gives the same bytes.
func generatedList(count: Int, offset: Int = 0) -> [UInt8] {
    var text = "email,name,sections,status,added_at,source\n"
    let sections = ["", "china", "japan;korean-peninsula", "southeast-asia", "south-asia;regional"]
    let statuses = ["active", "active", "active", "unsubscribed", "bounced"]
    for index in offset..<(offset + count) {
        let day = 1 + index % 28
        let date = "2026-0\(1 + index % 9)-\(day < 10 ? "0" : "")\(day)T08:\(10 + index % 50):00Z"
        text += "reader\(index)@example\(index % 97).com,\"Reader \(index), Jr.\",\(sections[index % 5]),"
        text += "\(statuses[index % 5]),\(date),import:generated\n"
    }
    return Array(text.utf8)
}

/// Lines of `text` that are not empty.
func lines(_ text: String) -> [Substring] {
    text.split(separator: "\n")
}

@Suite("digest subscribers, end to end", .serialized)
struct SubscribersCommandTests {
    @Test("add, list and remove subscribers; the list is checked and changed under its rules")
    func addListRemove() throws {
        let copy = try NewsletterFolder()
        let add = try copy.subscribers(
            "add", "hana@Example.JP", "--name", "Hana Sato", "--sections", "japan,korean-peninsula")
        #expect(add.succeeded, "\(add)")
        let list = try copy.subscribers("list", "--section", "japan")
        #expect(list.succeeded, "\(list)")
        #expect(list.stdout.contains("hana@example.jp (Hana Sato) — active, japan, korean-peninsula"))
        #expect(list.stdout.contains("kenji.mori@example.com"))
        #expect(!list.stdout.contains("lan.nguyen@example.com"))
        #expect(list.stdout.contains("9 subscribers in"))
        #expect(list.stdout.contains("8 active, 1 unsubscribed, 0 bounced, 0 complained"))

        let again = try copy.subscribers("add", "hana@example.jp")
        #expect(again.status == 1)
        #expect(again.stderr.contains("hana@example.jp is already on the list"))
        #expect(lines(again.stderr).count == 1)

        let before = try copy.listBytes()
        let remove = try copy.subscribers("remove", "hana@example.jp", "nobody@example.com")
        #expect(remove.status == 1)
        #expect(remove.stderr.contains("nobody@example.com is not on the list"))
        #expect(try copy.listBytes() == before, "nothing is removed unless every address is on the list")
        #expect(try copy.subscribers("remove", "hana@EXAMPLE.jp").succeeded)
        #expect(!(try copy.subscribers("list").stdout.contains("hana@")))
    }

    @Test(
        "usage errors exit 64 with one line naming the fault",
        arguments: [
            (["add", "a@b"], "needs at least one dot"),
            (["add", "x@y.com\r\nBcc: z@w.com"], "line break"),
            (["add", "Ana <ana@example.com>"], "display name"),
            (["add", "ana@example.com", "--sections", "mars"], "unknown section 'mars'"),
            (["add", "ana@example.com", "--list", "../etc/passwd"], "not a list name"),
            (["unsubscribe"], "give an address, or --token"),
            (["unsubscribe", "ana@example.com", "--token", "abc"], "not both"),
            (["list", "--status", "asleep"], "unknown status 'asleep'"),
            (["remove"], "address"),
        ])
    func usageErrors(arguments: [String], message: String) throws {
        let copy = try NewsletterFolder()
        let before = try copy.listBytes()
        let result = try copy.run(["subscribers"] + arguments)
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
        #expect(try copy.listBytes() == before)
    }

    @Test("a hand-edited list with a syntax error is reported by every command that would change it, never written")
    func brokenListIsLeftAlone() throws {
        let copy = try NewsletterFolder()
        var bytes = try copy.listBytes()
        bytes += Array("broken@example.com,\"Broken, never closed,,active,,hand\n".utf8)
        try Data(bytes).write(to: copy.list)
        let token = UnsubscribeSecret(NewsletterFolder.secret)
            .token(list: "decoding-asia", email: try EmailAddress("mei.tan@example.com"))
        let bounces = try copy.write(Array("mei.tan@example.com\n".utf8), to: "bounces.txt")
        for arguments in [
            ["add", "new@example.com"], ["remove", "mei.tan@example.com"], ["unsubscribe", "--token", token],
            ["import", bounces.path],
        ] {
            let result = try copy.run(["subscribers"] + arguments)
            #expect(result.status == 1, "\(arguments): \(result)")
            #expect(result.stderr.contains("\(copy.list.path):10: a quoted field is never closed"), "\(result)")
            #expect(result.stderr.contains("fix the file by hand first, it was not changed"))
            #expect(lines(result.stderr).count == 1, "\(result)")
            #expect(try copy.listBytes() == bytes)
        }
        // Bounces can still be recorded: suppressing writes only the suppression file.
        let suppress = try copy.subscribers("suppress", bounces.path)
        #expect(suppress.succeeded, "\(suppress)")
        #expect(try copy.listBytes() == bytes)
        // Reading still works, and names the line.
        let list = try copy.subscribers("list")
        #expect(list.succeeded)
        #expect(list.stderr.contains("\(copy.list.path):10: a quoted field is never closed"))
        #expect(list.stdout.contains("8 subscribers in"))
    }

    @Test("every subcommand has --help")
    func help() throws {
        let copy = try NewsletterFolder()
        for command in ["add", "remove", "list", "import", "export", "unsubscribe", "suppress"] {
            let result = try copy.subscribers(command, "--help")
            #expect(result.succeeded, "\(command): \(result)")
            #expect(result.stdout.contains("--list"), "\(command)")
        }
    }

    @Test("importing a file with bad rows reports each by line and keeps every good row")
    func importWithBadRows() throws {
        let copy = try NewsletterFolder()
        let file = try copy.write(ImportAndEditTests.importFile, to: "new-readers.csv")
        let before = try SubscriberList.load(from: copy.list)
        let result = try copy.subscribers("import", file.path)
        #expect(result.status == 1, "\(result)")
        let errors = lines(result.stderr)
        for line in [3, 4, 7, 8, 9] {
            #expect(errors.contains { $0.contains("\(file.path):\(line): ") }, "line \(line): \(result.stderr)")
        }
        #expect(errors.count == 6, "five bad rows and the summary: \(result.stderr)")
        #expect(errors.last?.contains("5 rows of \(file.path) could not be imported") == true)
        #expect(result.stdout.contains("Imported 5 subscribers"), "\(result)")

        let after = try SubscriberList.load(from: copy.list)
        #expect(after.problems.isEmpty)
        #expect(after.count == before.count + 5)
        for address in ["jiwoo@example.kr", "lee@example.com", "SOFIA@example.se", "sofia@example.se", "hana@東京.jp"] {
            #expect(after.subscriber(try EmailAddress(address)) != nil, "\(address)")
        }
        #expect(after.subscriber(try EmailAddress("jiwoo@example.kr"))?.name == "Kim, Ji-woo")
        #expect(after.columns.last == "company")
        // Rows that were there are written back exactly as they were.
        let text = String(decoding: try copy.listBytes(), as: UTF8.self)
        #expect(text.contains("mei.tan@example.com,\"Tan, Mei Ling\",,active,2026-09-01T08:00:00Z,signup-form,\n"))

        let dry = try copy.subscribers("import", "--dry-run", file.path)
        #expect(dry.stdout.contains("Would import 0 subscribers"), "\(dry)")
    }

    @Test("a list, its export and a re-import of the export are byte-identical")
    func exportRoundTrip() throws {
        let copy = try NewsletterFolder()
        let source = generatedList(count: 2_000)
        let file = try copy.write(source, to: "readers.csv")
        let imported = try copy.subscribers("import", "--list", "bench", file.path)
        #expect(imported.succeeded, "\(imported)")
        let listFile = copy.root.appendingPathComponent("Subscribers/bench.csv")
        #expect([UInt8](try Data(contentsOf: listFile)) == source)

        let export = try copy.subscribers("export", "--list", "bench")
        #expect(export.succeeded)
        #expect([UInt8](export.standardOutput) == source)
        let listed = try copy.subscribers("list", "--list", "bench", "--format", "csv")
        #expect([UInt8](listed.standardOutput) == source)
        let counts = try copy.subscribers("list", "--list", "bench", "--counts")
        #expect(
            counts.stdout == "2000 subscribers in \(listFile.path): 1200 active, 400 unsubscribed, 400 bounced, "
                + "0 complained, 0 suppressed; 1200 receive mail\n")

        let exported = copy.folder.url(for: "export.csv")
        #expect(try copy.subscribers("export", "--list", "bench", "--output", exported.path).succeeded)
        #expect(try copy.subscribers("import", "--list", "again", exported.path).succeeded)
        let again = copy.root.appendingPathComponent("Subscribers/again.csv")
        #expect([UInt8](try Data(contentsOf: again)) == source)

        let unsubscribed = try copy.subscribers("export", "--list", "bench", "--status", "unsubscribed")
        let rows = lines(unsubscribed.stdout)
        #expect(rows.count == 401 && rows.dropFirst().allSatisfy { $0.contains(",unsubscribed,") })
    }

    @Test("unsubscribe by token: a genuine token unsubscribes its own reader, a tampered one nobody")
    func unsubscribeByToken() throws {
        let copy = try NewsletterFolder()
        let secret = UnsubscribeSecret(NewsletterFolder.secret)
        let kenji = try EmailAddress("kenji.mori@example.com")
        let token = secret.token(list: "decoding-asia", email: kenji)
        let before = try copy.listBytes()

        var forged = Array(token)
        forged[forged.count - 2] = forged[forged.count - 2] == "x" ? "y" : "x"
        let otherAddress =
            Data("priya.nair@example.com".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            + "." + (token.split(separator: ".").last.map(String.init) ?? "")
        let otherList = secret.token(list: "another-list", email: kenji)
        let otherSecret = UnsubscribeSecret("guessed").token(list: "decoding-asia", email: kenji)
        for bad in [String(forged), otherAddress, otherList, otherSecret] {
            let result = try copy.subscribers("unsubscribe", "--token", bad)
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains("token is not valid for the list 'decoding-asia'"), "\(result)")
            #expect(lines(result.stderr).count == 1)
            #expect(try copy.listBytes() == before)
        }

        let link = "https://example.com/decoding-asia/unsubscribe?token=\(token)"
        let result = try copy.subscribers("unsubscribe", "--token", link)
        #expect(result.succeeded, "\(result)")
        #expect(result.stdout.contains("Unsubscribed kenji.mori@example.com"))
        let list = try SubscriberList.load(from: copy.list)
        #expect(list.subscriber(kenji)?.status == .unsubscribed)
        #expect(list.subscribers.filter { $0.status == .unsubscribed }.count == 2)
        #expect(try copy.subscribers("unsubscribe", "--token", token).stdout.contains("already unsubscribed"))
    }

    @Test("suppress reads bounce files, reports bad lines, and the addresses are never mailed")
    func suppress() throws {
        let copy = try NewsletterFolder()
        let bounces = try copy.write(
            Array("# from the relay\nPRIYA.NAIR@example.com 550 5.1.1 user unknown\na@b\nnew@example.org\n".utf8),
            to: "bounces.txt")
        let result = try copy.subscribers("suppress", bounces.path)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("\(bounces.path):3: 'a@b'"))
        #expect(result.stdout.contains("Suppressed 2 new addresses"), "\(result)")
        #expect(result.stdout.contains("1 active subscriber will no longer be mailed"), "\(result)")

        let csv = try copy.write(Array("email,reason\nahmad.rahman@example.com,complaint\n".utf8), to: "complaints.csv")
        #expect(try copy.subscribers("suppress", csv.path).succeeded)
        let list = try SubscriberList.load(from: copy.list)
        #expect(
            list.activeRecipients.map(\.email.description).sorted() == [
                "chloe.wong@example.com", "daniel.okafor@example.com", "kenji.mori@example.com",
                "lan.nguyen@example.com", "mei.tan@example.com",
            ])
        let listed = try copy.subscribers("list", "--receiving")
        #expect(listed.stdout.contains("2 suppressed; 5 receive mail; 5 match"), "\(listed)")
        #expect(listed.stdout.contains("priya.nair") == false)
    }

    @Test("a send --dry-run writes no message for an unsubscribed or suppressed reader")
    func neverMailed() throws {
        let copy = try NewsletterFolder()
        #expect(try copy.run(["collect", copy.root.appendingPathComponent("Digests/sample-week").path]).succeeded)
        #expect(try copy.run(["compose", "--week", "2026-W47"]).succeeded)

        let token = UnsubscribeSecret(NewsletterFolder.secret)
            .token(list: "decoding-asia", email: try EmailAddress("kenji.mori@example.com"))
        #expect(try copy.subscribers("unsubscribe", "--token", token).succeeded)
        #expect(try copy.subscribers("unsubscribe", "chloe.wong@example.com").succeeded)
        let bounces = try copy.write(Array("Priya.Nair@EXAMPLE.com\n".utf8), to: "bounces.txt")
        #expect(try copy.subscribers("suppress", bounces.path).succeeded)

        let send = try copy.run(["send", "--week", "2026-W47", "--dry-run"])
        #expect(send.succeeded, "\(send)")
        let outbox = copy.root.appendingPathComponent("Digests/decoding-asia/2026-W47/outbox")
        let messages = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix(".eml") }
        #expect(messages.count == 4, "\(messages)")
        for gone in ["kenji.mori", "chloe.wong", "priya.nair", "sofia.lindqvist"] {
            #expect(!messages.contains { $0.lowercased().contains(gone) }, "\(gone) must not be mailed")
        }
        // Each message carries its reader's own token, which unsubscribes that reader only.
        let mei = try #require(messages.first { $0.contains("mei.tan") })
        let message = try String(contentsOf: outbox.appendingPathComponent(mei), encoding: .utf8)
        let meiToken = UnsubscribeSecret(NewsletterFolder.secret)
            .token(list: "decoding-asia", email: try EmailAddress("mei.tan@example.com"))
        #expect(message.contains("token=\(meiToken)"))
    }

    @Test("commands run at once never lose each other's changes")
    func concurrentCommands() async throws {
        let copy = try NewsletterFolder()
        // A longer list makes each command's read-change-write take longer, so unlocked commands would collide.
        let readers = try copy.write(generatedList(count: 5_000), to: "readers.csv")
        #expect(try copy.subscribers("import", readers.path).succeeded)
        let count = 12
        let results = try await withThrowingTaskGroup(of: CommandResult.self) { group in
            for index in 0..<count {
                group.addTask { try copy.subscribers("add", "parallel\(index)@example.net") }
            }
            var results: [CommandResult] = []
            for try await result in group { results.append(result) }
            return results
        }
        #expect(results.allSatisfy { $0.succeeded }, "\(results)")
        let list = try SubscriberList.load(from: copy.list)
        #expect(list.count == 8 + 5_000 + count)
        #expect(list.problems.isEmpty)
    }

    @Test("SIGKILL in the middle of an import leaves the list either as it was or fully imported")
    func killedImport() throws {
        let copy = try NewsletterFolder()
        let old = try copy.listBytes()
        let big = try copy.write(generatedList(count: 60_000), to: "big.csv")

        // What an import that is not interrupted makes of the list.
        let finished = try copy.subscribers("import", big.path)
        #expect(finished.succeeded, "\(finished)")
        let new = try copy.listBytes()
        #expect(new.count > old.count)

        let folder = copy.list.deletingLastPathComponent()
        for delay in [0.0, 0.05, 0.2, 0.5, 1.0, 2.0] {
            // What the previous kill left behind (the next command would remove it too).
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.contains(".tmp-") {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
            try Data(old).write(to: copy.list)
            let original = try fileIdentity(copy.list)
            let process = Process()
            process.executableURL = DigestBinary.defaultURL
            process.arguments = ["--root", copy.root.path, "subscribers", "import", big.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let start = Date()
            // Kill as soon as the write starts (a temporary file appears, or the list itself changes),
            // or after `delay` when the write started long before.
            while process.isRunning {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
                let writing = names.contains { $0.hasPrefix(".decoding-asia.csv.tmp-") }
                if writing || (try? fileIdentity(copy.list)) != original
                    || (delay > 0 && Date().timeIntervalSince(start) > delay)
                {
                    kill(process.processIdentifier, SIGKILL)
                    break
                }
            }
            process.waitUntilExit()
            let bytes = try copy.listBytes()
            #expect(bytes == old || bytes == new, "after a kill at \(delay) s the list is \(bytes.count) bytes")
            #expect(try SubscriberList.load(from: copy.list).problems.isEmpty)
        }
        // The next command takes the lock, cleans up, and works.
        try Data(old).write(to: copy.list)
        #expect(try copy.subscribers("import", big.path).succeeded)
        #expect(try copy.listBytes() == new)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }
}

/// A file's inode and size: changes when the file is replaced or written in place.
func fileIdentity(_ url: URL) throws -> [Int] {
    var info = stat()
    guard stat(url.path, &info) == 0 else { throw CocoaError(.fileReadNoSuchFile) }
    return [Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_nsec)]
}
