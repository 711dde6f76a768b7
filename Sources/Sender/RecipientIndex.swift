/// A set of addresses, each with a number from 0 in the order they were added, compared without
/// regard to ASCII case, and kept compactly: the bytes of all addresses in one array and an
/// open-addressing table of 32-bit numbers with an 8-bit tag, some 35 bytes an address of 25
/// characters where a `[String: …]` dictionary takes several times that.
struct AddressTable {
    /// Every address as first added, one after another.
    private var bytes: [UInt8] = []
    /// Where each address starts in `bytes`, and one more entry for the end of the last.
    private var starts: [UInt32] = [0]
    /// Address numbers by hash, linear probing; -1 is an empty slot. A power of two long.
    private var slots = [Int32](repeating: -1, count: 16)
    /// Eight more bits of each slot's hash: most addresses that are not the one looked for are
    /// passed over without comparing their bytes.
    private var tags = [UInt8](repeating: 0, count: 16)

    /// How many addresses the table holds.
    var count: Int { starts.count - 1 }

    /// The number of `address`, if the table has it.
    func index(of address: String) -> Int? {
        var address = address
        return address.withUTF8 { key in
            let hash = Self.hash(key)
            let tag = Self.tag(hash)
            var slot = hash & (slots.count - 1)
            while true {
                let number = slots[slot]
                if number < 0 { return nil }
                if tags[slot] == tag && matches(Int(number), key) { return Int(number) }
                slot = (slot + 1) & (slots.count - 1)
            }
        }
    }

    /// The number of `address`, adding it if it is new.
    mutating func insert(_ address: String) -> (index: Int, inserted: Bool) {
        if let known = index(of: address) { return (known, false) }
        // Two thousand million addresses (a list file of a hundred gigabytes) would overflow the
        // 32-bit numbers; no list comes near that.
        precondition(count < Int(Int32.max) && bytes.count + address.utf8.count < Int(UInt32.max))
        // Linear probing stays short up to four fifths full with a hash that spreads addresses.
        if (count + 1) * 5 > slots.count * 4 { grow(to: slots.count * 2) }
        let number = count
        bytes.append(contentsOf: address.utf8)
        starts.append(UInt32(truncatingIfNeeded: bytes.count))
        place(number)
        return (number, true)
    }

    /// The address numbered `index`, as first added.
    func address(at index: Int) -> String {
        String(decoding: bytes[Int(starts[index])..<Int(starts[index + 1])], as: UTF8.self)
    }

    /// Makes room for about `capacity` addresses of `length` bytes on average, so the arrays do
    /// not grow by copying on the way. Room never used costs address space only, not memory;
    /// the hash table itself still grows as it fills, since every slot of it is written.
    mutating func reserveCapacity(_ capacity: Int, averageLength length: Int) {
        starts.reserveCapacity(capacity + 1)
        bytes.reserveCapacity(capacity * length)
    }

    private func matches(_ number: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[number])
        let end = Int(starts[number + 1])
        guard end - start == key.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            var index = 0
            while index < key.count {
                if Self.folded(stored[start + index]) != Self.folded(key[index]) { return false }
                index += 1
            }
            return true
        }
    }

    private mutating func place(_ number: Int) {
        let start = Int(starts[number])
        let end = Int(starts[number + 1])
        let hash = bytes[start..<end].withUnsafeBufferPointer { Self.hash($0) }
        var slot = hash & (slots.count - 1)
        while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = Int32(number)
        tags[slot] = Self.tag(hash)
    }

    private mutating func grow(to size: Int) {
        slots = [Int32](repeating: -1, count: size)
        tags = [UInt8](repeating: 0, count: size)
        for number in 0..<count { place(number) }
    }

    private static func folded(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// FNV-1a over the ASCII-lower-cased bytes, its bits mixed (MurmurHash3's finaliser) so that
    /// addresses differing in a digit or two land far apart.
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash ^= UInt64(folded(byte))
            hash = hash &* 0x100_0000_01b3
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return Int(truncatingIfNeeded: hash & 0x7FFF_FFFF_FFFF_FFFF)
    }

    /// The slot tag of a hash: bits the slot number (at most 2^55 slots) does not use.
    private static func tag(_ hash: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: hash >> 55)
    }
}

/// Where every recipient a send knows of stands, by address, in a few bytes each: the ledger's
/// state and attempts, where their last record is in the ledger file (the rest of it stays on
/// disk), and what this run has found out about them.
///
/// Addresses are compared without regard to ASCII case, as the ledger always has.
struct RecipientIndex {
    /// What a run has noted of a recipient.
    struct Marks: OptionSet {
        let rawValue: UInt8
        /// A usable row of the list has the address.
        static let listed = Marks(rawValue: 1)
        /// The address is mailed in this run's part of the list (active, not suppressed, in the shard).
        static let active = Marks(rawValue: 2)
        /// Planned to be sent in this run, and not taken yet.
        static let planned = Marks(rawValue: 4)
        /// Sent in this run.
        static let sentNow = Marks(rawValue: 8)
    }

    /// The state of a recipient the ledger does not name.
    static let noState: UInt8 = 0xFF
    private static let states = DeliveryState.allCases

    private var table = AddressTable()
    private var stateCodes: [UInt8] = []
    private var attemptCounts: [UInt16] = []
    /// 32 bits each: a ledger passes 4 GiB only after some 28 million records, and an offset
    /// past that is noted as unknown (the record is then found by reading the file).
    private var recordOffsets: [UInt32] = []
    private(set) var marks: [Marks] = []
    /// The spelling the list first had for an address, where it differs from the one the table
    /// keeps (the ledger's): duplicates in a list are exact, the ledger ignores case.
    private var listedSpellings: [Int: String] = [:]
    /// Spellings of listed addresses that differ from the first one only in case.
    private var otherListedSpellings: Set<String> = []

    /// How many addresses the index holds.
    var count: Int { table.count }

    /// The number of `address`, if the index has it.
    func find(_ address: String) -> Int? {
        table.index(of: address)
    }

    /// The number of `address`, added (with no state) if it is new.
    mutating func entry(for address: String) -> Int {
        let (index, inserted) = table.insert(address)
        if inserted {
            stateCodes.append(Self.noState)
            attemptCounts.append(0)
            recordOffsets.append(Self.noOffset)
            marks.append([])
        }
        return index
    }

    /// The address of entry `index`, as first added.
    func address(at index: Int) -> String {
        table.address(at: index)
    }

    /// The ledger state of entry `index`; nil when the ledger does not name it.
    func state(at index: Int) -> DeliveryState? {
        let code = stateCodes[index]
        return code == Self.noState ? nil : Self.states[Int(code)]
    }

    /// The attempts started for entry `index`.
    func attempts(at index: Int) -> Int {
        Int(attemptCounts[index])
    }

    /// Where entry `index`'s last record starts in the ledger file; nil when not known.
    func recordOffset(at index: Int) -> Int? {
        let offset = recordOffsets[index]
        return offset == Self.noOffset ? nil : Int(offset)
    }

    private static let noOffset = UInt32.max

    /// Notes `record`, which starts at `offset` in the ledger file.
    mutating func fold(_ record: DeliveryRecord, at offset: Int, now: Bool) {
        let index = entry(for: record.email)
        stateCodes[index] = UInt8(Self.states.firstIndex(of: record.state) ?? 0)
        attemptCounts[index] = UInt16(clamping: max(Int(attemptCounts[index]), record.attempt))
        recordOffsets[index] = offset >= 0 && offset < Int(Self.noOffset) ? UInt32(offset) : Self.noOffset
        if now && record.state == .sent { marks[index].insert(.sentNow) }
    }

    mutating func insert(_ mark: Marks, at index: Int) {
        marks[index].insert(mark)
    }

    mutating func remove(_ mark: Marks, at index: Int) {
        marks[index].remove(mark)
    }

    /// Notes a usable row of the list with `address` (its ASCII form); returns its entry and
    /// whether an earlier row has the very same address (then this row is a duplicate and is not
    /// used). A spelling that differs from an earlier one in case only is another address in the
    /// list, but the same recipient here.
    mutating func list(_ address: String) -> (index: Int, isDuplicate: Bool) {
        let index = entry(for: address)
        guard marks[index].contains(.listed) else {
            marks[index].insert(.listed)
            if table.address(at: index) != address { listedSpellings[index] = address }
            return (index, false)
        }
        let first = listedSpellings[index] ?? table.address(at: index)
        if first == address { return (index, true) }
        return (index, !otherListedSpellings.insert(address).inserted)
    }

    /// Makes room for about `capacity` addresses (see `AddressTable.reserveCapacity`).
    mutating func reserveCapacity(_ capacity: Int) {
        table.reserveCapacity(capacity, averageLength: 32)
        stateCodes.reserveCapacity(capacity)
        attemptCounts.reserveCapacity(capacity)
        recordOffsets.reserveCapacity(capacity)
        marks.reserveCapacity(capacity)
    }
}
