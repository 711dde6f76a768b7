import DigestTestSupport
import Foundation
import Sender
import Subscribers
import Testing

@Suite("The dry-run outbox")
struct OutboxTests {
    @Test("a message is written as <nnnnn>-<address>.eml in a folder created for it")
    func writesMessage() throws {
        let folder = try TemporaryDirectory()
        let outbox = Outbox(directory: folder.url.appendingPathComponent("2026-W02/outbox"))
        let message = try sampleMessage()
        let url = try outbox.write(message, number: 7)
        #expect(url.lastPathComponent == "00007-mei@example.com.eml")
        let bytes = try Data(contentsOf: url)
        #expect(bytes == (try MIMEWriter().write(message)))
        #expect(try checkMIME(bytes).part_types == ["text/plain", "text/html"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: outbox.directory.path) == ["00007-mei@example.com.eml"])
    }

    @Test(
        "file names are safe whatever the address",
        arguments: [
            (1, "mei@example.com", "00001-mei@example.com.eml"),
            (42, "a/b@example.com", "00042-a_b@example.com.eml"),
            (3, "o'brien+news@Example.ORG", "00003-o_brien+news@example.org.eml"),
            (123_456, "hana@東京.jp", "123456-hana@xn--1lqs71d.jp.eml"),
            (0, "x{y}|z@example.com", "00000-x_y__z@example.com.eml"),
        ])
    func fileNames(number: Int, address: String, expected: String) throws {
        #expect(Outbox.fileName(number: number, recipient: try EmailAddress(address)) == expected)
    }

    @Test("writing the same number again replaces the file whole")
    func replaces() throws {
        let folder = try TemporaryDirectory()
        let outbox = Outbox(directory: folder.url)
        let recipient = try EmailAddress("mei@example.com")
        try outbox.write(Data("first\r\n".utf8), number: 1, recipient: recipient)
        let url = try outbox.write(Data("second\r\n".utf8), number: 1, recipient: recipient)
        #expect(try Data(contentsOf: url) == Data("second\r\n".utf8))
        #expect(try folder.contents() == ["00001-mei@example.com.eml"])
    }

    @Test("a failed write names the file and leaves an old one as it was")
    func failedWrite() throws {
        let folder = try TemporaryDirectory()
        let outbox = Outbox(directory: folder.url)
        let recipient = try EmailAddress("mei@example.com")
        let url = try outbox.write(Data("old\r\n".utf8), number: 1, recipient: recipient)
        let undo = try makeReadOnly(folder.url)
        defer { undo() }
        #expect {
            try outbox.write(Data("new\r\n".utf8), number: 1, recipient: recipient)
        } throws: { error in
            guard let error = error as? SenderError else { return false }
            return error.code == .outboxWriteFailed && error.path == url.path
        }
        #expect(try Data(contentsOf: url) == Data("old\r\n".utf8))
        #expect(try folder.contents() == ["00001-mei@example.com.eml"])
    }

    @Test("an outbox that cannot be created is an error naming the folder")
    func folderCannotBeCreated() throws {
        let folder = try TemporaryDirectory()
        let blocker = folder.url.appendingPathComponent("outbox")
        try Data("a file, not a folder".utf8).write(to: blocker)
        let outbox = Outbox(directory: blocker.appendingPathComponent("inner"))
        #expect {
            try outbox.write(Data("x\r\n".utf8), number: 1, recipient: try EmailAddress("mei@example.com"))
        } throws: { error in
            guard let error = error as? SenderError else { return false }
            return error.code == .outboxWriteFailed && error.path == outbox.directory.path
        }
    }
}
