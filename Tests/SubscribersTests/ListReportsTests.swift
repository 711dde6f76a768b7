import DigestTestSupport
import Foundation
import Testing

@testable import Subscribers

@Suite("What the subscriber commands report, made in the library")
struct ListReportsTests {
    static let list =
        "email,name,sections,status,added_at,source\n"
        + "mei@example.com,Mei,japan,active,,form\n"
        + "tom@example.org,Tom,,active,,form\n"
        + "sofia@example.se,,china;japan,unsubscribed,,form\n"
        + "ana@example.com,Ana,,bounced,,form\n"

    func loadedList(suppressed: String = "tom@example.org\n") throws -> (TemporaryDirectory, SubscriberList) {
        let folder = try TemporaryDirectory()
        try Data(Self.list.utf8).write(to: folder.url(for: "asia.csv"))
        try Data(suppressed.utf8).write(to: folder.url(for: "asia.suppressed"))
        return (folder, try SubscriberList.load(from: folder.url(for: "asia.csv")))
    }

    @Test("a filter selects by status, section, search text (any case) and who receives mail")
    func filter() throws {
        let (_, list) = try loadedList()
        func selected(_ filter: SubscriberFilter) -> [String] {
            list.subscribers.filter { filter.matches($0, in: list) }.map(\.email.description)
        }
        #expect(!SubscriberFilter().isActive)
        #expect(selected(SubscriberFilter()).count == 4)
        #expect(selected(SubscriberFilter(status: .active)) == ["mei@example.com", "tom@example.org"])
        #expect(
            selected(SubscriberFilter(section: "china")) == ["tom@example.org", "sofia@example.se", "ana@example.com"])
        #expect(selected(SubscriberFilter(search: "EXAMPLE.COM")) == ["mei@example.com", "ana@example.com"])
        #expect(selected(SubscriberFilter(search: "tom")) == ["tom@example.org"])
        #expect(selected(SubscriberFilter(receiving: true)) == ["mei@example.com"])
        #expect(SubscriberFilter(receiving: true).isActive)
        let csv = String(decoding: list.csvBytes(matching: SubscriberFilter(status: .bounced)), as: UTF8.self)
        #expect(csv == "email,name,sections,status,added_at,source\nana@example.com,Ana,,bounced,,form\n")
    }

    @Test("the text listing: one line a selected subscriber, then the counts; only the counts when asked")
    func listing() throws {
        let (_, list) = try loadedList()
        let all = list.listing(path: "Subscribers/asia.csv")
        #expect(
            all == """
                mei@example.com (Mei) — active, japan
                tom@example.org (Tom) — active, suppressed, all sections
                sofia@example.se — unsubscribed, china, japan
                ana@example.com (Ana) — bounced, all sections
                4 subscribers in Subscribers/asia.csv: 2 active, 1 unsubscribed, 1 bounced, 0 complained, \
                1 suppressed; 1 receive mail

                """)
        let counts = list.listing(matching: SubscriberFilter(status: .active), countsOnly: true, path: "a.csv")
        #expect(
            counts
                == "4 subscribers in a.csv: 2 active, 1 unsubscribed, 1 bounced, 0 complained, 1 suppressed; "
                + "1 receive mail; 2 match\n")
    }

    @Test("one subscriber is found by address in a list file; a stranger is an error naming the file")
    func oneSubscriber() throws {
        let folder = try TemporaryDirectory()
        let file = folder.url(for: "asia.csv")
        try Data((Self.list + "not-an-address,X,,active,,form\n").utf8).write(to: file)
        var problems: [SubscribersError] = []
        let mei = try SubscriberList.subscriber(
            try EmailAddress("mei@Example.COM"), inListAt: file, problem: { problems.append($0) })
        #expect(mei.name == "Mei" && mei.sections == ["japan"])
        #expect(problems.map(\.line) == [6])
        let error = #expect(throws: SubscribersError.self) {
            try SubscriberList.subscriber(try EmailAddress("nobody@example.com"), inListAt: file)
        }
        #expect(error?.code == .notFound)
        #expect(error?.description == "\(file.path): nobody@example.com is not on the list")
    }

    @Test("remove(all:) takes off every address, or none when one is not on the list")
    func removeAll() throws {
        var (_, list) = try loadedList()
        let mei = try EmailAddress("mei@example.com")
        let error = #expect(throws: SubscribersError.self) {
            try list.remove(all: [mei, try EmailAddress("nobody@example.com")])
        }
        #expect(error?.code == .notFound)
        #expect(error?.reason == "nobody@example.com is not on the list; nothing was removed")
        #expect(list.subscriber(mei) != nil)
        try list.remove(all: [mei])
        #expect(list.subscriber(mei) == nil && list.subscribers.count == 3)
    }

    @Test("a .csv file right in the lists folder is a list file, an existing one also through a link; others are not")
    func listFiles() throws {
        let folder = try TemporaryDirectory()
        let lists = folder.url(for: "Subscribers")
        try FileManager.default.createDirectory(at: lists, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.url(for: "link"), withDestinationURL: lists)
        #expect(SubscriberList.isListFile(lists.appendingPathComponent("asia.CSV").path, in: lists))
        try Data().write(to: lists.appendingPathComponent("other.csv"))
        #expect(SubscriberList.isListFile(folder.url(for: "link/other.csv").path, in: lists))
        #expect(!SubscriberList.isListFile(lists.appendingPathComponent("asia.txt").path, in: lists))
        #expect(!SubscriberList.isListFile(folder.url(for: "export.csv").path, in: lists))
    }

    @Test("an import (or its dry run) reports its rows in one line, and the bad ones as a failure")
    func importReport() throws {
        let (folder, _) = try loadedList()
        let url = folder.url(for: "asia.csv")
        let csv = Array("email,name,city\nnew@example.com,New,Osaka\nbad,Bad,\nmei@example.com,Mei,\n".utf8)
        let before = try Data(contentsOf: url)
        let dry = try SubscriberList.importSubscribers(
            csv: csv, file: "in.csv", intoListAt: url, addedAt: Date(), source: "test", dryRun: true)
        #expect(try Data(contentsOf: url) == before)
        #expect(
            dry.summary(into: "asia.csv", dryRun: true)
                == "Would import 1 subscriber into asia.csv (1 already on the list, 1 bad rows); new columns: city")
        #expect(
            dry.failure(file: "in.csv", dryRun: true)
                == "1 row of in.csv could not be imported (see above); the 1 good ones would be")
        let done = try SubscriberList.importSubscribers(
            csv: csv, file: "in.csv", intoListAt: url, addedAt: Date(), source: "test", dryRun: false)
        #expect(done.summary(into: "asia.csv", dryRun: false).hasPrefix("Imported 1 subscriber into asia.csv"))
        #expect(try SubscriberList.load(from: url).subscriber(try EmailAddress("new@example.com")) != nil)
        var clean = ImportReport()
        clean.added = [try EmailAddress("a@example.com"), try EmailAddress("b@example.com")]
        clean.suppressed = 1
        #expect(clean.failure(file: "x", dryRun: false) == nil)
        #expect(
            clean.summary(into: "l.csv", dryRun: false)
                == "Imported 2 subscribers into l.csv (0 already on the list, 0 bad rows, 1 suppressed and not to be mailed)"
        )
    }

    @Test("suppressing an address file: what is new, who on the list it stops, and the lines without an address")
    func suppressFile() throws {
        let (folder, _) = try loadedList()
        let url = folder.url(for: "asia.csv")
        let file = Array(
            "mei@example.com\nnot an address\n# note\ntom@example.org\nnew@example.net, bounced\nMEI@example.com\n".utf8
        )
        let report = try SuppressionList.suppress(addressFile: file, file: "b.txt", note: "n", forList: url)
        #expect(report.added.map(\.description) == ["mei@example.com", "new@example.net"])
        #expect(report.read == 4 && report.activeOnList == 1)
        #expect(report.problems.map(\.line) == [2])
        #expect(
            report.summary
                == "Suppressed 2 new addresses in \(folder.url(for: "asia.suppressed").path) (2 already suppressed or "
                + "repeated; 1 active subscriber will no longer be mailed)")
        #expect(
            report.failure(file: "b.txt")
                == "1 line of b.txt held no valid address (see above); the other addresses were suppressed")
        #expect(try SubscriberList.load(from: url).isSuppressed(try EmailAddress("new@example.net")))
        let note = SuppressionList.defaultNote(
            file: URL(fileURLWithPath: "/x/bounces.txt"), now: Date(timeIntervalSince1970: 0))
        #expect(note == "from bounces.txt, 1970-01-01T00:00:00Z")
    }

    @Test("an address file is one address a line, or a CSV file's email column")
    func addressFile() throws {
        let lines = AddressFile.read(Array("a@example.com; note\r\n\r\n#x\rbad\n".utf8), file: "f")
        #expect(lines.addresses.map(\.line) == [1] && lines.problems.map(\.line) == [4])
        let csv = AddressFile.read(Array("reason,Email\nhard,b@example.com\nsoft,\n".utf8), file: "f.csv")
        #expect(csv.addresses.map(\.email.description) == ["b@example.com"])
        #expect(csv.problems.map(\.line) == [3])
    }

    @Test("the token is taken out of a whole unsubscribe link; a bare token is kept, trimmed")
    func tokenInLink() {
        #expect(UnsubscribeSecret.token(inLink: "https://example.com/u?list=a&token=abc.def") == "abc.def")
        #expect(UnsubscribeSecret.token(inLink: "  abc.def\n") == "abc.def")
        #expect(UnsubscribeSecret.token(inLink: "https://example.com/u?list=a") == "https://example.com/u?list=a")
    }

    @Test("unsubscribe by address or by a genuine token, saying whether it changed anything; a forged token is refused")
    func unsubscribeAtURL() throws {
        let (folder, _) = try loadedList()
        let url = folder.url(for: "asia.csv")
        let mei = try EmailAddress("mei@example.com")
        let first = try SubscriberList.unsubscribe(.address(mei), list: "asia", at: url)
        #expect(first == Unsubscribed(email: mei, changed: true, listFile: url))
        #expect(first.summary == "Unsubscribed mei@example.com from \(url.path)")
        let again = try SubscriberList.unsubscribe(.address(mei), list: "asia", at: url)
        #expect(again.summary == "mei@example.com was already unsubscribed from \(url.path)")
        let secret = UnsubscribeSecret("a secret of at least thirty-two bytes, for tests")
        let tom = try EmailAddress("tom@example.org")
        let byToken = try SubscriberList.unsubscribe(
            .token(secret.token(list: "asia", email: tom), secret: secret), list: "asia", at: url)
        #expect(byToken.email == tom && byToken.changed)
        #expect(try SubscriberList.load(from: url).subscriber(tom)?.status == .unsubscribed)
        let forged = #expect(throws: SubscribersError.self) {
            try SubscriberList.unsubscribe(
                .token(secret.token(list: "other", email: mei), secret: secret), list: "asia", at: url)
        }
        #expect(forged?.code == .invalidToken)
    }

    @Test("add to a list file, made when missing, telling whether the address is suppressed")
    func addAtURL() throws {
        let folder = try TemporaryDirectory()
        let url = folder.url(for: "Subscribers/new.csv")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("blocked@example.com\n".utf8).write(to: folder.url(for: "Subscribers/new.suppressed"))
        #expect(try !SubscriberList.add(Subscriber(email: try EmailAddress("a@example.com")), toListAt: url))
        #expect(try SubscriberList.add(Subscriber(email: try EmailAddress("blocked@example.com")), toListAt: url))
        #expect(try SubscriberList.load(from: url).subscribers.count == 2)
        let duplicate = #expect(throws: SubscribersError.self) {
            try SubscriberList.add(Subscriber(email: try EmailAddress("a@EXAMPLE.com")), toListAt: url)
        }
        #expect(duplicate?.code == .duplicateAddress)
    }
}
