import DigestTestSupport
import Foundation
import Subscribers
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Records unsubscribes in a list's journal as `digest serve` does.
func journalUnsubscribes(_ addresses: [String], list: URL) throws {
    let lock = try ListLock(list: list)
    try withExtendedLifetime(lock) {
        let changes = try addresses.map {
            ListChange(.unsubscribe, try EmailAddress($0), date: Date(timeIntervalSince1970: 1_764_486_000))
        }
        try ChangeJournal.append(changes, forList: list, holding: lock)
    }
}

@Suite("Commands and the list's change journal")
struct JournalCommandTests {
    @Test("every command that reads a list sees the journal's unsubscribes: list, export, import, send --dry-run")
    func commandsSeeTheJournal() throws {
        let copy = try NewsletterFolder()
        let listed = try copy.subscribers("list", "--counts")
        #expect(listed.stdout.contains("7 active, 1 unsubscribed"), "\(listed)")
        try journalUnsubscribes(["kenji.mori@example.com", "someone.new@example.com"], list: copy.list)
        let journal = ChangeJournal.file(forList: copy.list)

        let counts = try copy.subscribers("list", "--counts")
        #expect(counts.stdout.contains("6 active, 2 unsubscribed"), "\(counts)")
        let unsubscribed = try copy.subscribers("list", "--status", "unsubscribed")
        #expect(unsubscribed.stdout.contains("kenji.mori@example.com (Kenji Mori) — unsubscribed"), "\(unsubscribed)")
        let export = try copy.subscribers("export", "--receiving")
        #expect(export.succeeded, "\(export)")
        #expect(!export.stdout.contains("kenji.mori"))
        #expect(export.stdout.contains("mei.tan@example.com"))

        // A dry run writes a message to each reader still receiving the newsletter, and to nobody else.
        #expect(try copy.run(["collect", copy.root.appendingPathComponent("Digests/sample-week").path]).succeeded)
        #expect(try copy.run(["compose", "--week", "2026-W47"]).succeeded)
        let dryRun = try copy.run(["send", "--week", "2026-W47", "--dry-run"])
        #expect(dryRun.succeeded, "\(dryRun)")
        #expect(dryRun.stdout.contains("Wrote 6 messages"), "\(dryRun)")
        let outbox = copy.root.appendingPathComponent("Digests/decoding-asia/2026-W47/outbox")
        let names = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
        #expect(names.count == 6)
        #expect(!names.contains { $0.contains("kenji") })
        #expect(FileManager.default.fileExists(atPath: journal.path))

        // A dry-run import reads the journal and writes nothing: the file and the journal are left as they were.
        let incoming = try copy.write(Array("email,name\nsomeone.new@example.com,Someone New\n".utf8), to: "new.csv")
        let listBefore = try copy.listBytes()
        let journalBefore = try Data(contentsOf: journal)
        let trial = try copy.subscribers("import", incoming.path, "--dry-run")
        #expect(trial.succeeded, "\(trial)")
        #expect(trial.stdout.contains("1 suppressed"), "the journal's suppression is seen: \(trial)")
        #expect(try copy.listBytes() == listBefore)
        #expect(try Data(contentsOf: journal) == journalBefore)

        // An import folds the journal into the list: the address that was not on the list stays suppressed.
        let imported = try copy.subscribers("import", incoming.path)
        #expect(imported.succeeded, "\(imported)")
        #expect(imported.stdout.contains("suppressed"), "\(imported)")
        #expect(!FileManager.default.fileExists(atPath: journal.path))
        let csv = String(decoding: try copy.listBytes(), as: UTF8.self)
        #expect(csv.contains("kenji.mori@example.com,Kenji Mori,japan;korean-peninsula,unsubscribed,"))
        let receiving = try copy.subscribers("list", "--receiving")
        #expect(!receiving.stdout.contains("someone.new"), "\(receiving)")
        #expect(!receiving.stdout.contains("kenji.mori"), "\(receiving)")
    }

    @Test("SIGKILL in the middle of a fold loses no unsubscribe from the journal")
    func killedFold() throws {
        let copy = try NewsletterFolder()
        try Data(generatedList(count: 10_000)).write(to: copy.list)
        // reader0 and reader1 are active; the third address is not on the list.
        let addresses = ["reader0@example0.com", "reader1@example1.com", "gone@example.com"]
        try journalUnsubscribes(addresses, list: copy.list)
        let journal = ChangeJournal.file(forList: copy.list)
        let suppression = SuppressionList.file(forList: copy.list)
        let oldList = try Data(contentsOf: copy.list)
        let oldJournal = try Data(contentsOf: journal)
        let big = try copy.write(generatedList(count: 20_000, offset: 10_000), to: "big.csv")
        let folder = copy.list.deletingLastPathComponent()

        // Kill points: as the first temporary file appears; once the suppression file is saved (the list not yet);
        // once the list is replaced (the journal maybe not yet removed); after fixed delays; never.
        enum Kill: Equatable { case temporaryFile, suppressionSaved, listReplaced, after(Double), never }
        let kills: [Kill] = [.temporaryFile, .suppressionSaved, .listReplaced, .after(0.1), .after(0.5), .never]
        for point in kills {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.contains(".tmp-") {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
            try oldList.write(to: copy.list)
            try oldJournal.write(to: journal)
            try? FileManager.default.removeItem(at: suppression)
            let original = try fileIdentity(copy.list)
            let process = Process()
            process.executableURL = DigestBinary.defaultURL
            process.arguments = ["--root", copy.root.path, "subscribers", "import", big.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let start = Date()
            while process.isRunning {
                let due: Bool
                switch point {
                case .temporaryFile:
                    due = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains {
                        $0.contains(".tmp-")
                    }
                case .suppressionSaved: due = FileManager.default.fileExists(atPath: suppression.path)
                case .listReplaced: due = (try? fileIdentity(copy.list)) != original
                case .after(let delay): due = Date().timeIntervalSince(start) > delay
                case .never: due = false
                }
                if due {
                    kill(process.processIdentifier, SIGKILL)
                    break
                }
                usleep(500)
            }
            process.waitUntilExit()
            if point == .never {
                #expect(process.terminationStatus == 0)
                #expect(!FileManager.default.fileExists(atPath: journal.path))
            }

            let list = try SubscriberList.load(from: copy.list)
            #expect(list.problems.isEmpty)
            #expect(list.subscriber(try EmailAddress(addresses[0]))?.status == .unsubscribed, "kill: \(point)")
            #expect(list.subscriber(try EmailAddress(addresses[1]))?.status == .unsubscribed, "kill: \(point)")
            #expect(list.isSuppressed(try EmailAddress(addresses[2])), "kill: \(point)")
            #expect(list.count == 10_000 || list.count == 30_000)
        }
    }
}
