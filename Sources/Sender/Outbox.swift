import Foundation
import Storage
import Subscribers

/// A folder of `.eml` files, one per message, written instead of sending (`send --dry-run`).
///
/// Files are named `<nnnnn>-<address>.eml` (`00007-mei@example.com.eml`), so they sort in sending
/// order; each is written atomically (temporary file, `fsync`, rename), so a crash never leaves a
/// half-written message, and writing the same number again replaces the old file whole.
public struct Outbox: Sendable {
    /// The folder the messages go in; created when the first one is written.
    public let directory: URL
    /// Whether each message is flushed to disk as it is written; when not, `synchronize()`
    /// flushes them all at once.
    public let flushesEachMessage: Bool

    /// An outbox in `directory`.
    public init(directory: URL, flushesEachMessage: Bool = true) {
        self.directory = directory
        self.flushesEachMessage = flushesEachMessage
    }

    /// Flushes every message written so far to disk, in one wait.
    ///
    /// - Throws: `.outboxWriteFailed` naming the folder.
    public func synchronize() throws(SenderError) {
        do {
            try AtomicFile.synchronizeFileSystem(of: directory)
        } catch {
            throw SenderError(
                .outboxWriteFailed, "could not flush the messages to disk: \(error)", path: directory.path,
                underlying: error)
        }
    }

    /// The file name for the message numbered `number` to `recipient`: the number in five or more
    /// digits, then the ASCII address with anything outside `A-Z a-z 0-9 . _ + - @` as `_`.
    public static func fileName(number: Int, recipient: EmailAddress) -> String {
        let digits = String(number)
        let padded = String(repeating: "0", count: max(0, 5 - digits.count)) + digits
        var safe = ""
        for scalar in recipient.ascii.unicodeScalars {
            let allowed =
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || ".-_+@".unicodeScalars.contains(scalar)
            safe.unicodeScalars.append(allowed ? scalar : "_")
        }
        return "\(padded)-\(safe).eml"
    }

    /// Writes a message's bytes as message `number` to `recipient`, and returns the file's URL.
    ///
    /// - Throws: `.outboxWriteFailed` naming the file; an old file of that name is left as it was.
    @discardableResult
    public func write(_ bytes: Data, number: Int, recipient: EmailAddress) throws(SenderError) -> URL {
        guard number >= 0 else {
            throw SenderError(
                .outboxWriteFailed, "message number \(number) is negative", recipient: recipient.description)
        }
        let url = directory.appendingPathComponent(Self.fileName(number: number, recipient: recipient))
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SenderError(
                .outboxWriteFailed, "could not create the outbox folder (\(error.localizedDescription))",
                path: directory.path, underlying: error)
        }
        do {
            try AtomicFile.replaceContents(of: url, with: [UInt8](bytes), durable: flushesEachMessage)
        } catch {
            throw SenderError(
                .outboxWriteFailed, "could not write the message: \(error)", path: url.path, underlying: error)
        }
        return url
    }

    /// Writes `message` as `writer` encodes it, as message `number`, and returns the file's URL.
    @discardableResult
    public func write(_ message: OutgoingMessage, number: Int, using writer: MIMEWriter = MIMEWriter())
        throws(SenderError) -> URL
    {
        try write(try writer.write(message), number: number, recipient: message.to.address)
    }
}
