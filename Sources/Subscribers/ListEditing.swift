import Foundation
import Storage

extension SubscriberList {
    /// Changes the list at `url` safely: under its lock, from what is on disk now, and written back
    /// atomically only when `change` changed something.
    ///
    /// The steps: take the list's lock (`ListLock`), so no other command reads or writes it until
    /// this one is done; remove temporary files a killed writer left behind; read the list's change
    /// journal, the list and its suppression file; refuse to go on when the list has a syntax error
    /// (a hand-edited file is reported, never overwritten; the journal is kept); apply the journal's
    /// changes; run `change`; save the suppression file, then the list, each with a temporary file,
    /// `fsync` and `rename`; then remove the journal, whose changes are now in the files (the fold,
    /// see `ChangeJournal`). When `change` throws, nothing is written and the journal stays.
    ///
    /// - Parameters:
    ///   - url: the list file, `Subscribers/<list>.csv`.
    ///   - creatingIfMissing: start from an empty list (and make its folder) when there is no file;
    ///     otherwise a missing file is an error.
    ///   - lockTimeout: how long to wait for another command to let go of the list.
    ///   - change: what to do to the list; its result is returned.
    /// - Throws: `SubscribersError` (`.locked`, `.needsRepair`, `.unreadable`, `.invalidHeader`,
    ///   `.writeFailed`), or whatever `change` throws.
    public static func edit<Result>(
        at url: URL, creatingIfMissing: Bool = false, lockTimeout: Duration = .seconds(30),
        _ change: (inout SubscriberList) throws -> Result
    ) throws -> Result {
        let folder = url.deletingLastPathComponent()
        if creatingIfMissing && !FileManager.default.fileExists(atPath: folder.path) {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw SubscribersError(
                    .writeFailed, "cannot create the folder (\(error.localizedDescription))", file: folder.path,
                    underlying: error)
            }
        }
        let lock = try ListLock(list: url, timeout: lockTimeout)
        return try withExtendedLifetime(lock) {
            let suppressionFile = SuppressionList.file(forList: url)
            AtomicFile.removeLeftovers(of: url)
            AtomicFile.removeLeftovers(of: suppressionFile)

            let journal = try ChangeJournal.read(forList: url)
            var list: SubscriberList
            if creatingIfMissing && !FileManager.default.fileExists(atPath: url.path) {
                list = SubscriberList()
                list.file = url
                list.suppression = try SuppressionList.load(from: suppressionFile)
                list.problems = list.suppression.problems
            } else {
                list = try SubscriberList.loadRecord(from: url)
            }
            try list.checkSyntax()

            let before = (rows: list.rowChanges, suppression: list.suppressionChanges)
            list.apply(journal)
            let result = try change(&list)
            // Suppression first: if the list's write then fails, nobody is mailed who should not be.
            if list.suppressionChanges != before.suppression {
                try list.suppression.save(to: suppressionFile)
            }
            if list.rowChanges != before.rows {
                try list.save(to: url)
            }
            // Only now, with both files flushed, are the journal's changes safe without it.
            try ChangeJournal.remove(forList: url)
            return result
        }
    }

    /// Throws `.needsRepair` naming the first row with a syntax error (malformed CSV, the wrong
    /// number of fields, invalid UTF-8), in the list or its suppression file.
    func checkSyntax() throws(SubscribersError) {
        let syntax = problems.filter { $0.code == .malformedRow }
        guard let first = syntax.first else { return }
        let more = syntax.count > 1 ? " (and \(syntax.count - 1) more such lines)" : ""
        throw SubscribersError(
            .needsRepair, "\(first.reason)\(more); fix the file by hand first, it was not changed", file: first.file,
            line: first.line, underlying: first)
    }
}

extension SuppressionList {
    /// Changes the suppression list of the list at `list` under the list's lock, and writes it back
    /// atomically when `change` added something.
    ///
    /// Unlike `SubscriberList.edit`, this does not read the list itself: addresses can be
    /// suppressed (bounces recorded) even while the list has a syntax error waiting for a fix. A
    /// suppression file with a line that is not valid UTF-8 is reported, never overwritten.
    public static func edit<Result>(
        forList list: URL, lockTimeout: Duration = .seconds(30), _ change: (inout SuppressionList) throws -> Result
    ) throws -> Result {
        let lock = try ListLock(list: list, timeout: lockTimeout)
        return try withExtendedLifetime(lock) {
            let url = file(forList: list)
            AtomicFile.removeLeftovers(of: url)
            var suppression = try load(from: url)
            if let broken = suppression.problems.first(where: { $0.code == .malformedRow }) {
                throw SubscribersError(
                    .needsRepair, "\(broken.reason); fix the file by hand first, it was not changed",
                    file: broken.file, line: broken.line, underlying: broken)
            }
            let before = suppression.count
            let result = try change(&suppression)
            if suppression.count != before { try suppression.save(to: url) }
            return result
        }
    }
}
