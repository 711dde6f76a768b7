// The delivery ledger: each line read as a record (the fast reader, and JSONSerialization for anything else), and
// the whole input opened as a ledger file (the index of recipients, a torn last line cut off), as `send` resumes.
//
// A record read from a line must write a line that reads back as the same record.
import Foundation
import FuzzSupport
import Sender

let ledgerFile = Fuzz.scratch.appendingPathComponent("delivery.ledger")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLedger(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Fuzz.bytes(data, count)
    for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
        guard let record = DeliveryRecord(jsonLine: String(decoding: line, as: UTF8.self)) else { continue }
        let written = record.jsonLine
        let again = DeliveryRecord(jsonLine: written.dropLast())
        Fuzz.check(again != nil, "the ledger cannot read the line it wrote: \(written)")
        Fuzz.check(again?.jsonLine == written, "a written record reads back different: \(written)")
    }
    Fuzz.store(bytes, to: ledgerFile)
    if let ledger = try? DeliveryLedger(url: ledgerFile) {
        let standings = ledger.standings(in: Set(DeliveryState.allCases))
        for standing in standings.prefix(16) {
            _ = ledger.standing(of: standing.last.email)
        }
        _ = ledger.count
    }
    return 0
}

@_cdecl("FuzzLedger_main")
public func fuzzLedgerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.main(argc, argv, fuzzLedger)
}
