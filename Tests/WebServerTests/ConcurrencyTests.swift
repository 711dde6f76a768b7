import Curl
import DigestTestSupport
import Foundation
import Subscribers
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("One-click unsubscribes under load")
struct ConcurrencyTests {
    @Test("1,000 one-click POSTs, 16 at a time, while `digest subscribers import` runs in other processes: all kept")
    func thousandOneClicksDuringImports() async throws {
        let readers = 2_000
        let newsletter = try NewsletterFolder(readers: readers)
        // Every other reader unsubscribes: 1,000 requests for 1,000 different readers.
        let tokens = try stride(from: 0, to: readers, by: 2).map {
            try NewsletterFolder.token(NewsletterFolder.reader($0))
        }
        let root = newsletter.root.path
        let directory = newsletter.directory
        let (statuses, failures, imports) = try await withServer(newsletter) { base in
            try await Web.offThePool {
                let statuses = Mutex([Int](repeating: 0, count: tokens.count))
                let failures = Mutex([String]())
                let imports = Mutex([(file: Int, result: CommandResult)]())
                let posting = Atomic<Bool>(true)
                // Two processes at a time import files of 20 new readers, one after another, for as long as the POSTs
                // go on (at least one each, at most 25 each).
                let done = DispatchGroup()
                for importer in 0..<2 {
                    done.enter()
                    Thread {
                        defer { done.leave() }
                        var round = 0
                        while round < 25 && (round == 0 || posting.load(ordering: .relaxed)) {
                            let number = importer * 100 + round
                            var csv = "email,name\n"
                            for index in 0..<20 { csv += "new\(number)-\(index)@example.org,New \(index)\n" }
                            guard let file = try? directory.write(csv, to: "import-\(number).csv"),
                                let result = try? DigestBinary().run(
                                    [
                                        "--root", root, "subscribers", "import", file.path, "--list",
                                        NewsletterFolder.list,
                                    ])
                            else { break }
                            imports.withLock { $0.append((number, result)) }
                            round += 1
                        }
                    }.start()
                }
                DispatchQueue.concurrentPerform(iterations: 16) { worker in
                    guard let client = try? HTTPClient() else {
                        failures.withLock { $0.append("worker \(worker): no HTTP client") }
                        return
                    }
                    for index in stride(from: worker, to: tokens.count, by: 16) {
                        do {
                            let response = try client.post(
                                HTTPRequest(url: "\(base)/unsubscribe?token=\(tokens[index])"),
                                body: Data("List-Unsubscribe=One-Click".utf8))
                            statuses.withLock { $0[index] = response.status }
                        } catch {
                            failures.withLock { $0.append("\(error)") }
                        }
                    }
                }
                posting.store(false, ordering: .relaxed)
                done.wait()
                return (statuses.withLock { $0 }, failures.withLock { $0 }, imports.withLock { $0 })
            }
        }
        #expect(failures == [])
        #expect(statuses.allSatisfy { $0 == 200 }, "statuses: \(Set(statuses))")
        #expect(imports.count >= 2)
        for (_, result) in imports { #expect(result.succeeded, "\(result)") }

        // The list reads back whole and valid, with every unsubscribe and every import kept, nobody else touched.
        let list = try newsletter.loadList()
        #expect(list.problems.isEmpty)
        #expect(list.count == readers + 20 * imports.count)
        for index in 0..<readers {
            let expected: SubscriberStatus = index.isMultiple(of: 2) ? .unsubscribed : .active
            #expect(list.subscriber(try EmailAddress(NewsletterFolder.reader(index)))?.status == expected)
        }
        for (number, _) in imports {
            for index in 0..<20 {
                #expect(list.subscriber(try EmailAddress("new\(number)-\(index)@example.org"))?.status == .active)
            }
        }
        // The CSV file parses on its own too, and once folded holds every change without the journal.
        #expect(try SubscriberList(csv: [UInt8](newsletter.listBytes())).problems.isEmpty)
        try SubscriberList.edit(at: newsletter.listFile) { _ in }
        #expect(!FileManager.default.fileExists(atPath: newsletter.journalFile.path))
        let folded = try SubscriberList(csv: [UInt8](newsletter.listBytes()))
        #expect(folded.subscribers.filter { $0.status == .unsubscribed }.count == readers / 2)
        #expect(!FileManager.default.fileExists(atPath: newsletter.suppressionFile.path))
    }

    @Test("kill -9 of the server in the middle of one-click POSTs loses no acknowledged unsubscribe")
    func killedServerKeepsAcknowledged() async throws {
        let readers = 600
        let newsletter = try NewsletterFolder(readers: readers)
        let tokens = try (0..<readers).map { try NewsletterFolder.token(NewsletterFolder.reader($0)) }
        let process = Process()
        process.executableURL = ServeCommandTests.serveBinary
        process.arguments = ["--root", newsletter.root.path, "--listen", "127.0.0.1:0"]
        var environment = ProcessInfo.processInfo.environment
        environment["DIGEST_UNSUBSCRIBE_SECRET"] = NewsletterFolder.secret
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        let line = try await Web.offThePool { () -> String in
            var bytes: [UInt8] = []
            while bytes.last != UInt8(ascii: "\n") {
                let chunk = output.fileHandleForReading.readData(ofLength: 1)
                if chunk.isEmpty { break }
                bytes += chunk
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let base = try #require(line.firstMatch(of: /listening on (http:\/\/127\.0\.0\.1:\d+)/).map { String($0.1) })

        let pid = process.processIdentifier
        let acknowledged = try await Web.offThePool { () -> [Int] in
            let acknowledged = Mutex([Int]())
            let killed = Atomic<Bool>(false)
            DispatchQueue.concurrentPerform(iterations: 16) { worker in
                guard let client = try? HTTPClient() else { return }
                for index in stride(from: worker, to: tokens.count, by: 16) {
                    guard !killed.load(ordering: .relaxed) else { return }
                    guard
                        let response = try? client.post(
                            HTTPRequest(url: "\(base)/unsubscribe?token=\(tokens[index])"),
                            body: Data("List-Unsubscribe=One-Click".utf8)),
                        response.status == 200
                    else { continue }
                    let count = acknowledged.withLock { list in
                        list.append(index)
                        return list.count
                    }
                    // With the other requests still under way: some are being written when the server dies.
                    if count == 150, !killed.exchange(true, ordering: .relaxed) { kill(pid, SIGKILL) }
                }
            }
            return acknowledged.withLock { $0 }
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(acknowledged.count >= 150)

        let list = try newsletter.loadList()
        #expect(list.problems.isEmpty)
        for index in acknowledged {
            #expect(list.subscriber(try EmailAddress(NewsletterFolder.reader(index)))?.status == .unsubscribed)
        }
        // Nobody was unsubscribed who did not ask (a request cut off may or may not have been written).
        let unsubscribed = list.subscribers.filter { $0.status == .unsubscribed }.count
        #expect(unsubscribed >= acknowledged.count && unsubscribed <= acknowledged.count + 16)
        // The next command folds whatever the killed server wrote, a torn last line included.
        try SubscriberList.edit(at: newsletter.listFile) { _ in }
        let folded = try newsletter.loadList()
        for index in acknowledged {
            #expect(folded.subscriber(try EmailAddress(NewsletterFolder.reader(index)))?.status == .unsubscribed)
        }
    }
}
