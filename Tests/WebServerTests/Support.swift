import Composer
import Curl
import DigestTestSupport
import Foundation
import Subscribers
import Synchronization
import Testing
import WebServer

/// A newsletter folder for one test: the shipped theme, a list of readers, one issue that has started sending and
/// one draft, and a known unsubscribe secret.
struct NewsletterFolder {
    static let secret = "web-server-test-secret-of-thirty-two-bytes"
    static let list = "decoding-asia"
    static let theme = "decoding-asia"
    static let sentWeek = "2026-W46"
    static let draftWeek = "2026-W47"
    static let sentHeadline = "Typhoon Fung-wong makes landfall in Luzon"
    static let draftHeadline = "A draft story nobody has been sent"

    let directory: TemporaryDirectory
    var root: URL { directory.url }
    var listFile: URL { root.appendingPathComponent("Subscribers/\(Self.list).csv") }
    var suppressionFile: URL { root.appendingPathComponent("Subscribers/\(Self.list).suppressed") }

    /// `readers` active readers, `reader0000@example.com`….
    init(readers: Int) throws {
        directory = try TemporaryDirectory(prefix: "digest-serve-test")
        let templates = root.appendingPathComponent("Templates", isDirectory: true)
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: PackageRoot.url.appendingPathComponent("Templates/\(Self.theme)"),
            to: templates.appendingPathComponent(Self.theme))

        var csv = "email,name,sections,status,added_at,source\n"
        for index in 0..<readers {
            csv += "\(Self.reader(index)),Reader \(index),,active,2026-09-01T08:00:00Z,test\n"
        }
        try directory.write(csv, to: "Subscribers/\(Self.list).csv")

        let store = IssueStore(digests: root.appendingPathComponent("Digests"))
        _ = try store.save(Self.issue(week: Self.sentWeek, headline: Self.sentHeadline))
        _ = try store.save(Self.issue(week: Self.draftWeek, headline: Self.draftHeadline))
        // What `digest send` leaves: the ledger, whose presence means the issue has started sending.
        try directory.write(
            #"{"time":"2026-11-16T07:00:00.000Z","email":"reader0000@example.com","state":"queued","attempt":0}"#
                + "\n", to: "Digests/\(Self.theme)/\(Self.sentWeek)/delivery.ledger")
    }

    static func reader(_ index: Int) -> String {
        "reader\(String(format: "%04d", index))@example.com"
    }

    /// A reader's genuine unsubscribe token.
    static func token(_ email: String) throws -> String {
        UnsubscribeSecret(secret).token(list: list, email: try EmailAddress(email))
    }

    var journalFile: URL { ChangeJournal.file(forList: listFile) }

    /// The list file's bytes.
    func listBytes() throws -> Data {
        try Data(contentsOf: listFile)
    }

    /// Every file that holds the list's state (the list, its change journal, its suppression file), as bytes: what
    /// must stay the same when nothing may be written.
    func listFiles() throws -> [Data?] {
        [try listBytes(), try? Data(contentsOf: journalFile), try? Data(contentsOf: suppressionFile)]
    }

    /// The list as every reader sees it (journal applied), with its suppression file: what must stay the same when
    /// nothing may change.
    func listState() throws -> [[UInt8]] {
        let list = try loadList()
        return [list.csvBytes(), list.suppression.fileBytes()]
    }

    /// The list as read back by the Subscribers library (which refuses an invalid file).
    func loadList() throws -> SubscriberList {
        try SubscriberList.load(from: listFile)
    }

    func status(of email: String) throws -> SubscriberStatus? {
        try loadList().subscriber(try EmailAddress(email))?.status
    }

    static func issue(week: String, headline: String) -> ComposedIssue {
        let story = Story(
            id: "\(week)-top", headline: headline, standfirst: "Winds of 185 km/h hit the coast.",
            url: "https://news.example.com/\(week)/typhoon", source: "Rappler", dateline: "MANILA",
            published: Date(timeIntervalSince1970: 1_763_100_000),
            summary: ["The storm made landfall before dawn.", "Thousands were moved to shelters."],
            alsoReportedBy: ["Reuters"], articleIDs: ["\(week)-top"])
        let second = Story(
            id: "\(week)-second", headline: "Seoul & Tokyo agree on a <chip> pact", standfirst: nil,
            url: "https://news.example.com/\(week)/chips", source: "Yonhap", dateline: "SEOUL",
            published: Date(timeIntervalSince1970: 1_763_200_000), summary: ["The pact covers export controls."],
            alsoReportedBy: [], articleIDs: ["\(week)-second"])
        return ComposedIssue(
            themeID: theme, week: week, periodStart: Date(timeIntervalSince1970: 1_762_700_000),
            periodEnd: Date(timeIntervalSince1970: 1_763_300_000), periodLabel: "9–15 November 2026",
            composedAt: Date(timeIntervalSince1970: 1_763_300_100),
            masthead: Masthead(
                name: "Decoding Asia", tagline: "The week in Asia, explained region by region", language: "en",
                senderName: "Decoding Asia", senderAddress: "digest@example.com", replyTo: "editors@example.com",
                unsubscribeURLTemplate: "https://example.com/decoding-asia/unsubscribe?token={token}",
                colors: ThemeColors(accent: "#9b1c31", text: "#1f2328", background: "#f4f1ea", muted: "#6b6f76"),
                timeZone: "Asia/Singapore",
                archiveURLTemplate: "https://example.com/decoding-asia/archive/decoding-asia/{week}/",
                preferencesURLTemplate: "https://example.com/decoding-asia/preferences?token={token}"),
            topStory: story, quote: nil,
            sections: [
                IssueSection(id: "southeast-asia", title: "Southeast Asia", stories: [story]),
                IssueSection(id: "korean-peninsula", title: "Korean Peninsula", stories: [second]),
            ],
            articlesConsidered: 2, articlesUsed: 2)
    }
}

/// The server on 127.0.0.1, on a port the kernel picks, for the length of `body`.
func withServer<Result: Sendable>(
    _ newsletter: NewsletterFolder, baseURL: String? = nil, now: @escaping @Sendable () -> Date = { Date() },
    smtp: SMTPSettings? = nil, signupLimits: SignupLimits = SignupLimits(), foldDelay: Duration = .seconds(10),
    _ body: (String) async throws -> Result
) async throws -> Result {
    let server = try WebServer(
        ServerConfiguration(
            root: newsletter.root, host: "127.0.0.1", port: 0, baseURL: baseURL,
            environment: ["DIGEST_UNSUBSCRIBE_SECRET": NewsletterFolder.secret], logLevel: .critical, now: now,
            smtp: smtp, signupLimits: signupLimits, journalFoldDelay: foldDelay))
    let running = try await server.start()
    do {
        let result = try await body("http://127.0.0.1:\(running.port)")
        await running.stop()
        return result
    } catch {
        await running.stop()
        throw error
    }
}

/// Real HTTP through the project's libcurl client, on a thread of its own (libcurl blocks, and the server's
/// tasks must not wait for a free thread of the cooperative pool).
enum Web {
    static func get(_ url: String, headers: [String] = []) async throws -> HTTPResponse {
        try await offThePool {
            try HTTPClient().get(HTTPRequest(url: url, headers: headers, followsRedirects: false))
        }
    }

    static func post(
        _ url: String, body: String, contentType: String = "application/x-www-form-urlencoded",
        headers: [String] = []
    ) async throws -> HTTPResponse {
        try await offThePool {
            try HTTPClient().post(
                HTTPRequest(url: url, headers: headers, followsRedirects: false), body: Data(body.utf8),
                contentType: contentType)
        }
    }

    /// The RFC 8058 request a mail provider sends for `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
    static func oneClick(_ base: String, token: String) async throws -> HTTPResponse {
        try await post("\(base)/unsubscribe?token=\(token)", body: "List-Unsubscribe=One-Click")
    }

    /// Runs blocking work on a new thread and waits for it.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Runs Python (`DIGEST_PYTHON`, else `python3`) with the program `script`, `input` on stdin; returns stdout.
func runPython(_ script: String, input: Data) throws -> String {
    String(decoding: try runPython(["-c", script], input: input), as: UTF8.self)
}

/// The value of the hidden `form_token` field of a confirmation page.
func formToken(in html: String) -> String? {
    guard let field = html.range(of: #"name="form_token" value=""#) else { return nil }
    let rest = html[field.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { return nil }
    return String(rest[..<end])
}
