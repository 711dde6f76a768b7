import Subscribers

/// One of N disjoint parts of a list (`--shard I/N`), so several machines can send one issue
/// through the same relay without overlap: a recipient belongs to the shard their address hashes to.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// Which part, from 1 to `count`.
    public let index: Int
    /// How many parts.
    public let count: Int

    /// Makes shard `index` of `count`.
    ///
    /// - Throws: `.configuration` unless `1 <= index <= count`.
    public init(index: Int, count: Int) throws(SenderError) {
        guard count >= 1, (1...count).contains(index) else {
            throw SenderError(.configuration, "shard \(index)/\(count): write it as I/N with 1 <= I <= N")
        }
        self.index = index
        self.count = count
    }

    /// Reads `I/N`, like `2/4`.
    public init(parsing text: String) throws(SenderError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw SenderError(.configuration, "'\(text)' is not a shard; write it as I/N, like 2/4")
        }
        try self.init(index: index, count: count)
    }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }

    /// Whether `address` belongs to this shard: FNV-1a of its lower-cased ASCII form, modulo N.
    ///
    /// The hash is fixed (not Swift's seeded `Hasher`), so every machine and every run agrees.
    public func contains(_ address: EmailAddress) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in address.ascii.lowercased().utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(hash % UInt64(count)) == index - 1
    }
}
