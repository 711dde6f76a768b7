import Bounces
import DigestTestSupport
import Foundation
import Testing

/// Builds mailboxes in a temporary folder.
struct MailboxBuilder {
    let folder: URL

    /// An mbox file of `messages` (mboxrd: `From ` lines in bodies quoted), each after a `From `
    /// line and followed by a blank line.
    func mbox(_ messages: [String], name: String = "bounces.mbox") throws -> URL {
        var text = ""
        for (index, message) in messages.enumerated() {
            text += "From MAILER-DAEMON Mon Nov 30 07:1\(index % 10):00 2026\n"
            var lines = message.split(separator: "\n", omittingEmptySubsequences: false)
            if message.hasSuffix("\n") { lines.removeLast() }
            for line in lines {
                let quotes = line.prefix(while: { $0 == ">" })
                text += line.dropFirst(quotes.count).hasPrefix("From ") ? ">" + line : String(line)
                text += "\n"
            }
            text += "\n"
        }
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// A Maildir with `new` and `cur` messages, by file name.
    func maildir(new: [String: String], cur: [String: String] = [:], name: String = "Maildir") throws -> URL {
        let root = folder.appendingPathComponent(name, isDirectory: true)
        for (sub, files) in [("new", new), ("cur", cur), ("tmp", [:])] {
            let subfolder = root.appendingPathComponent(sub, isDirectory: true)
            try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)
            for (file, text) in files {
                try Data(text.utf8).write(to: subfolder.appendingPathComponent(file))
            }
        }
        return root
    }
}

/// The line numbers (from 1) of the `From ` lines that start an mbox file's messages.
func fromLines(of mbox: URL) throws -> [Int] {
    let lines = try Data(contentsOf: mbox).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    return lines.enumerated().filter { $0.element.starts(with: Array("From ".utf8)) }.map { $0.offset + 1 }
}

/// Every message of a mailbox: position and text.
func messages(in url: URL) throws -> [(MailboxPosition, String)] {
    var result: [(MailboxPosition, String)] = []
    try Mailbox(at: url).forEachMessage { message in
        result.append((message.position, String(decoding: try message.contents.get(), as: UTF8.self)))
    }
    return result
}

@Suite("Reading mailboxes: mbox and Maildir")
struct MailboxTests {
    @Test("an mbox file is split at its From lines, with each message's number and line")
    func mboxPositions() throws {
        let folder = try TemporaryDirectory(prefix: "digest-mbox")
        let first = "Subject: one\n\nbody one\n"
        let second = "Subject: two\n\nline\n\nafter a blank line\n"
        let url = try MailboxBuilder(folder: folder.url).mbox([first, second, "Subject: three\n\nx"])
        let read = try messages(in: url)
        #expect(read.map(\.0) == [.mbox(number: 1, line: 1), .mbox(number: 2, line: 6), .mbox(number: 3, line: 13)])
        #expect(read.map(\.1) == [first, second, "Subject: three\n\nx\n"])
        #expect(read[1].0.description == "message 2 (line 6)")
    }

    @Test("From lines quoted in bodies (>From, >>From) lose one >, other > lines stay")
    func mboxrdUnquoting() throws {
        let folder = try TemporaryDirectory(prefix: "digest-mbox")
        let body = "Subject: q\n\nFrom here on\n>From a quote\n> quoted reply\n"
        let url = try MailboxBuilder(folder: folder.url).mbox([body])
        let raw = try String(contentsOf: url, encoding: .utf8)
        #expect(raw.contains("\n>From here on\n>>From a quote\n"))
        #expect(try messages(in: url).map(\.1) == [body])
    }

    @Test("a Maildir's new/ then cur/ files are read by name, tmp/ and dot files left alone")
    func maildirOrder() throws {
        let folder = try TemporaryDirectory(prefix: "digest-maildir")
        let url = try MailboxBuilder(folder: folder.url).maildir(
            new: [
                "1764480002.M2P1.host": "Subject: b\n\nb", "1764480001.M1P1.host": "Subject: a\n\na",
                ".hidden": "x",
            ],
            cur: ["1764400000.M9P1.host:2,S": "Subject: c\r\n\r\nc"])
        try Data("Subject: in delivery\n\n".utf8).write(to: url.appendingPathComponent("tmp/1764480003.M3P1.host"))
        let read = try messages(in: url)
        #expect(
            read.map(\.0.description) == [
                "new/1764480001.M1P1.host", "new/1764480002.M2P1.host", "cur/1764400000.M9P1.host:2,S",
            ])
        #expect(read[2].1 == "Subject: c\r\n\r\nc")
    }

    @Test("a file that is no mbox, a folder that is no Maildir, and a missing path are errors")
    func unreadable() throws {
        let folder = try TemporaryDirectory(prefix: "digest-mailbox")
        let notMbox = folder.url.appendingPathComponent("notes.txt")
        try Data("Subject: no From line first\n\nbody\n".utf8).write(to: notMbox)
        #expect {
            try Mailbox(at: notMbox).forEachMessage { _ in }
        } throws: { error in
            (error as? BouncesError)?.description.contains("notes.txt: not an mbox file: line 1") == true
        }
        let plainFolder = folder.url.appendingPathComponent("folder", isDirectory: true)
        try FileManager.default.createDirectory(at: plainFolder, withIntermediateDirectories: true)
        #expect {
            _ = try Mailbox(at: plainFolder)
        } throws: { error in
            (error as? BouncesError)?.reason.contains("not a Maildir") == true
        }
        #expect(throws: BouncesError.self) { _ = try Mailbox(at: folder.url.appendingPathComponent("missing")) }
    }

    @Test("an empty mbox file holds no messages")
    func emptyMbox() throws {
        let folder = try TemporaryDirectory(prefix: "digest-mbox")
        let url = folder.url.appendingPathComponent("empty.mbox")
        try Data().write(to: url)
        #expect(try messages(in: url).isEmpty)
    }
}
