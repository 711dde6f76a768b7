// Subscriber CSV files: the CSV reader, the header and every row's checks (addresses, names, sections, dates),
// as `subscribers import` reads a file; and the same bytes as a list file read by the streaming reader `send`
// uses.
//
// Checks: an imported list saves to bytes that read back as the same subscribers; the streaming reader gives
// one row for each row the whole-file reader gives (a repeated address is a problem for the one, a subscriber
// for the other).
import Foundation
import FuzzSupport
import Subscribers

let listFile = Fuzz.scratch.appendingPathComponent("fuzz.csv")

/// What a subscriber row says, without where it was read.
func essentials(_ subscriber: Subscriber) -> String {
    let extra = subscriber.extraFields.map { "\($0.name)=\($0.value)" }
    return "\(subscriber.email)|\(subscriber.name)|\(subscriber.sections)|\(subscriber.status)|"
        + "\(subscriber.addedAt.map { $0.timeIntervalSince1970 } ?? -1)|\(subscriber.source)|\(extra)"
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let raw = Fuzz.bytes(data, count)
    let bytes = [UInt8](raw)
    _ = CSVReader().rows(in: bytes)

    var list = SubscriberList()
    if (try? list.importSubscribers(csv: bytes, file: "fuzz.csv", addedAt: Fuzz.now, source: "fuzz")) != nil {
        let saved = list.csvBytes()
        guard let again = try? SubscriberList(csv: saved, file: "saved.csv") else {
            Fuzz.check(false, "an imported list's own bytes do not read: \(String(decoding: saved, as: UTF8.self))")
            return 0
        }
        Fuzz.check(
            again.subscribers.map(essentials) == list.subscribers.map(essentials),
            "an imported list reads back different: \(String(decoding: saved, as: UTF8.self))")
        Fuzz.check(again.problems.isEmpty, "an imported list's own bytes have problems: \(again.problems)")
    }

    // The list file as `send` reads it, a row at a time, against the whole-file reader.
    Fuzz.store(raw, to: listFile)
    let whole = try? SubscriberList.load(from: listFile)
    let streamed = try? SubscriberListReader(url: listFile)
    Fuzz.check((whole == nil) == (streamed == nil), "one list reader refuses the file and the other does not")
    if let whole, let streamed {
        var rows = 0
        while let row = try? streamed.next() {
            rows += 1
        }
        Fuzz.check(
            rows == whole.count + whole.problems.count,
            "the streaming reader gave \(rows) rows, the whole-file reader \(whole.count) subscribers and "
                + "\(whole.problems.count) problems")
    }
    return 0
}

@_cdecl("FuzzCSV_main")
public func fuzzCSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.main(argc, argv, fuzzCSV)
}
