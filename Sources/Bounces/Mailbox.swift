import Foundation

/// Where one message sits in a mailbox, to report it by: its number and first line in an mbox
/// file, its file name in a Maildir.
public enum MailboxPosition: Sendable, Equatable, CustomStringConvertible {
    /// The `number`th message of an mbox file (from 1), whose `From ` line is line `line`.
    case mbox(number: Int, line: Int)
    /// A Maildir message: its file name under the Maildir, like `new/1764480000.M1P2.host`.
    case maildir(file: String)

    /// `message 3 (line 57)` or `new/1764480000.M1P2.host`.
    public var description: String {
        switch self {
        case .mbox(let number, let line): "message \(number) (line \(line))"
        case .maildir(let file): file
        }
    }
}

/// One message read from a mailbox: where it is, and its bytes (or why they could not be read).
public struct MailboxMessage: Sendable {
    /// Where the message is.
    public var position: MailboxPosition
    /// The message's bytes, `From ` line left out and `>From ` lines unquoted; or why the file
    /// could not be read.
    public var contents: Result<[UInt8], BouncesError>
}

/// A mailbox of returned mail, read-only: an mbox file (mboxrd or mboxo: messages each begin with
/// a `From ` line, and `>From ` lines in bodies are unquoted) or a Maildir (the files in `new/`
/// and `cur/`, each one message; `tmp/` holds messages still being delivered and is left alone).
///
/// Nothing in the mailbox is changed, moved or marked: reading it again reads the same messages,
/// and what `BounceImport` does with them is the same the second time.
public struct Mailbox: Sendable {
    /// The two kinds of mailbox.
    public enum Format: Sendable, Equatable {
        /// One file, messages one after another, each starting with a `From ` line.
        case mbox
        /// A folder with `cur/` and `new/`, one file per message.
        case maildir
    }

    /// The mailbox file or folder.
    public let url: URL
    /// Which kind it is.
    public let format: Format

    /// Opens the mailbox at `url`: a folder is read as a Maildir, a file as an mbox.
    ///
    /// - Throws: `.unreadableMailbox` when there is nothing there, or a folder has neither `cur/`
    ///   nor `new/`.
    public init(at url: URL) throws(BouncesError) {
        self.url = url
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw BouncesError(.unreadableMailbox, "no such file or folder", path: url.path)
        }
        if isFolder.boolValue {
            let hasSubfolder = ["cur", "new"].contains { name in
                var isSub: ObjCBool = false
                return FileManager.default.fileExists(
                    atPath: url.appendingPathComponent(name).path, isDirectory: &isSub) && isSub.boolValue
            }
            guard hasSubfolder else {
                throw BouncesError(
                    .unreadableMailbox, "a folder but not a Maildir (it has no cur/ or new/ folder)", path: url.path)
            }
            format = .maildir
        } else {
            format = .mbox
        }
    }

    /// Calls `body` with every message, in mailbox order (a Maildir's `new/` then `cur/`, each by
    /// file name).
    ///
    /// - Throws: `.unreadableMailbox` when the mbox file or a Maildir folder cannot be read, or
    ///   the file is not an mbox; whatever `body` throws. A Maildir file that cannot be read is
    ///   handed to `body` with its error, not thrown.
    public func forEachMessage(_ body: (MailboxMessage) throws -> Void) throws {
        switch format {
        case .mbox: try forEachMboxMessage(body)
        case .maildir: try forEachMaildirMessage(body)
        }
    }

    private func forEachMboxMessage(_ body: (MailboxMessage) throws -> Void) throws {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: url, options: .mappedIfSafe))
        } catch {
            throw BouncesError(
                .unreadableMailbox, "cannot be read (\(error.localizedDescription))", path: url.path, underlying: error)
        }
        let fromLine = Array("From ".utf8)
        var current: (number: Int, line: Int, bytes: [UInt8])?
        var number = 0
        var lineNumber = 0
        var lineStart = 0
        func finish() throws {
            guard var message = current else { return }
            // The blank line before the next `From ` line is the separator, not the message's.
            if message.bytes.suffix(4) == [13, 10, 13, 10] {
                message.bytes.removeLast(2)
            } else if message.bytes.suffix(2) == [10, 10] {
                message.bytes.removeLast()
            }
            let position = MailboxPosition.mbox(number: message.number, line: message.line)
            try body(MailboxMessage(position: position, contents: .success(message.bytes)))
        }
        while lineStart < bytes.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let next = min(lineEnd + 1, bytes.count)
            let line = bytes[lineStart..<next]
            if line.starts(with: fromLine) {
                try finish()
                number += 1
                current = (number, lineNumber, [])
            } else if current == nil {
                let isBlank = line.allSatisfy { $0 == 10 || $0 == 13 || $0 == 32 || $0 == 9 }
                if !isBlank {
                    throw BouncesError(
                        .unreadableMailbox,
                        "not an mbox file: line \(lineNumber) comes before any 'From ' line that starts a message"
                            + " (give a Maildir folder, or an mbox file)",
                        path: url.path)
                }
            } else {
                // mboxrd: `>From `, `>>From `… in a body lose one `>` (mboxo's `>From ` too).
                var quotes = line.startIndex
                while quotes < line.endIndex, line[quotes] == UInt8(ascii: ">") { quotes += 1 }
                if quotes > line.startIndex, line[quotes...].starts(with: fromLine) {
                    current?.bytes.append(contentsOf: line.dropFirst())
                } else {
                    current?.bytes.append(contentsOf: line)
                }
            }
            lineStart = next
        }
        try finish()
    }

    private func forEachMaildirMessage(_ body: (MailboxMessage) throws -> Void) throws {
        for folder in ["new", "cur"] {
            let folderURL = url.appendingPathComponent(folder)
            guard FileManager.default.fileExists(atPath: folderURL.path) else { continue }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folderURL.path)
            } catch {
                throw BouncesError(
                    .unreadableMailbox, "cannot list the folder (\(error.localizedDescription))", path: folderURL.path,
                    underlying: error)
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let position = MailboxPosition.maildir(file: "\(folder)/\(name)")
                let file = folderURL.appendingPathComponent(name)
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), !isFolder.boolValue
                else { continue }
                let contents: Result<[UInt8], BouncesError>
                do {
                    contents = .success([UInt8](try Data(contentsOf: file)))
                } catch {
                    contents = .failure(
                        BouncesError(
                            .unreadableFile, "cannot be read (\(error.localizedDescription))",
                            position: position.description, underlying: error))
                }
                try body(MailboxMessage(position: position, contents: contents))
            }
        }
    }
}
