import ArgumentParser
import CommandOptions
import Foundation
import Storage
import Subscribers

/// The address in an argument, or a usage error (exit status 64) saying what is wrong with it,
/// after the option that gave it when there is one.
func parseAddress(_ text: String, option: String? = nil) throws -> EmailAddress {
    do {
        return try EmailAddress(text)
    } catch {
        throw ValidationError((option.map { "\($0): " } ?? "") + error.reason)
    }
}

/// The bytes of a file named on the command line, or one line saying why it cannot be read.
func readInput(_ url: URL) throws -> [UInt8] {
    do {
        return [UInt8](try Data(contentsOf: url))
    } catch {
        let reason = FileManager.default.fileExists(atPath: url.path) ? error.localizedDescription : "no such file"
        throw CommandFailure("\(url.path): cannot be read (\(reason))")
    }
}

/// Writes bytes to standard output in one go (a long listing is not printed line by line).
func writeStandardOutput(_ bytes: [UInt8]) throws {
    try writeStandardOutput(Data(bytes))
}

/// Writes to standard output, every byte, or fails with one plain line (see `OutputFile.writeStandardOutput`).
func writeStandardOutput(_ data: Data) throws {
    do {
        try OutputFile.writeStandardOutput(data)
    } catch {
        throw CommandFailure(error.description)
    }
}
