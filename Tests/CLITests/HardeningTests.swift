import DigestTestSupport
import Foundation
import Testing

/// What a hostile feed or a careless operator could still do (issue 17), each tried end to end with the built
/// binary: the command must give one clear message, a non-zero status where something was left out, and no crash.
@Suite("Hostile feeds and careless operators get clear errors")
struct HardeningTests {
    /// The articles stored in the copy, as their JSON text.
    static func storedArticles(_ copy: NewsletterCopy) throws -> [String] {
        let folder = copy.root.appendingPathComponent("Digests/articles")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.filter { $0.hasSuffix(".json") }.sorted().map {
            try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }
    }

    // MARK: Server-side request forgery

    static let secret = "The staging database password is kept in the vault on the second floor."

    @Test("collect --fetch-pages does not fetch an item's page on a loopback address unless allowed")
    func fetchPagesRefusesLoopback() throws {
        let copy = try NewsletterCopy()
        let site = copy.folder.url(for: "site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try Data(
            """
            <html><head><title>Internal notes</title></head><body><article><h1>Internal notes</h1>
            <p>\(Self.secret)</p><p>Only the operations team may read this page on the internal network.</p>
            </article></body></html>
            """.utf8
        ).write(to: site.appendingPathComponent("secret.html"))
        let server = try LoopbackHTTPServer(serving: site)
        defer { server.stop() }
        let secretURL = server.url("/files/secret.html")
        let feed = try copy.folder.write(
            """
            <rss version="2.0"><channel><title>Harbour Wire</title><link>https://wire.example/</link>
            <item><title>Ferry fares rise in January</title><guid>harbour-wire-0000000001</guid>
            <link>\(secretURL)</link><description>Ferry fares rise by a tenth from January.</description></item>
            </channel></rss>
            """, to: "feed.xml")

        let refused = try copy.run(["collect", "--fetch-pages", feed.path])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains(secretURL) && refused.stderr.contains("127.0.0.1"), "\(refused)")
        #expect(refused.stderr.contains("a loopback address"), "\(refused)")
        #expect(refused.stderr.contains("--allow-private-hosts"), "\(refused)")
        #expect(try Self.storedArticles(copy).allSatisfy { !$0.contains("staging database") })

        let allowed = try copy.run(["collect", "--fetch-pages", "--allow-private-hosts", feed.path])
        #expect(allowed.succeeded, "\(allowed)")
        #expect(try Self.storedArticles(copy).contains { $0.contains("staging database") }, "the named host is fetched")
    }

    @Test("a feed URL on loopback, by address or by a name resolving to it, is refused unless the operator allows it")
    func feedURLRefusesLoopback() throws {
        let copy = try NewsletterCopy()
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let byAddress = try copy.run(["collect", server.url("/feed.xml")])
        #expect(byAddress.status == 1, "\(byAddress)")
        #expect(
            byAddress.stderr.contains("\(server.url("/feed.xml")): the address is 127.0.0.1, a loopback address"),
            "\(byAddress)")
        #expect(try Self.storedArticles(copy).isEmpty)

        // A name is checked on the address it resolves to, the one a connection would go to.
        let byName = try copy.run(["collect", "http://localhost:\(server.port)/feed.xml"])
        #expect(byName.status == 1, "\(byName)")
        #expect(byName.stderr.contains("127.0.0.1") || byName.stderr.contains("::1"), "\(byName)")
        #expect(byName.stderr.contains("a loopback address"), "\(byName)")

        let allowed = try copy.run(["collect", "--allow-private-hosts", server.url("/feed.xml")])
        #expect(allowed.succeeded, "\(allowed)")
        #expect(allowed.stdout.contains("Collected 3 new"), "\(allowed)")

        // Or the theme says so, for a newsletter whose feeds are on its own network.
        let theme = copy.root.appendingPathComponent("Templates/decoding-asia/theme.yaml")
        try (try String(contentsOf: theme, encoding: .utf8) + "\nallow_private_hosts: true\n")
            .write(to: theme, atomically: true, encoding: .utf8)
        let byTheme = try copy.run(["collect", server.url("/gzip-feed.xml")])
        #expect(byTheme.succeeded, "\(byTheme)")
    }

    // MARK: Feeds with bad parts

    static let goodItem = """
        {"id": "quay-1", "title": "Quay wall rebuilt", "date_published": "2026-11-18T03:00:00Z",
         "content_text": "The old quay wall was rebuilt in stone over the summer, the harbour board said on Tuesday."}
        """

    static func jsonFeed(items: String) -> String {
        """
        {"version": "https://jsonfeed.org/version/1.1", "title": "Quay Desk", "items": \(items)}
        """
    }

    @Test("a JSON Feed with one bad item keeps the good one and names the bad one by its index")
    func jsonFeedBadElement() throws {
        let copy = try NewsletterCopy()
        let file = try copy.folder.write(Self.jsonFeed(items: "[\(Self.goodItem), 5]"), to: "quay.json")
        let result = try copy.run(["collect", file.path])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("\(file.path): items[1]: expected an item (an object)"), "\(result)")
        #expect(result.stdout.contains("Collected 1 new"), "\(result)")
        #expect(try Self.storedArticles(copy).count == 1)

        let wrongField = try copy.write(
            Self.jsonFeed(items: #"[{"id": "quay-2", "title": 5, "content_text": "Text."}, \#(Self.goodItem)]"#),
            to: "field.json")
        let field = try copy.run(["collect", wrongField.path])
        #expect(field.status == 1, "\(field)")
        #expect(field.stderr.contains("items[0].title: expected text, found a number"), "\(field)")
    }

    @Test("a JSON Feed of the wrong shape is an error naming the field and the file; nothing is stored")
    func jsonFeedWrongShape() throws {
        let copy = try NewsletterCopy()
        for (name, text, words) in [
            ("items.json", Self.jsonFeed(items: #""x""#), "items: expected a list of items, found text"),
            (
                "title.json", #"{"version": "https://jsonfeed.org/version/1", "title": [1], "items": []}"#,
                "title: expected text, found a list"
            ),
        ] {
            let file = try copy.write(text, to: name)
            let result = try copy.run(["collect", file.path])
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains("\(file.path): \(words)"), "\(result)")
        }
        #expect(try Self.storedArticles(copy).isEmpty)
    }

    @Test("malformed JSON is reported with its line and column")
    func jsonPosition() throws {
        let copy = try NewsletterCopy()
        let file = try copy.write(
            "{\"version\": \"https://jsonfeed.org/version/1.1\",\n  \"items\": [ }", to: "broken.json")
        let result = try copy.run(["collect", file.path])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("malformed JSON, line 2, column 14"), "\(result)")
    }

    @Test("a feed cut short stores only the items complete before the error, and says it is partial")
    func partialFeed() throws {
        let copy = try NewsletterCopy()
        let file = try copy.write(
            """
            <rss version="2.0"><channel><title>Cut Desk</title><link>https://cut.example/</link>
            <item><title>Pier repairs finish early</title><guid>cut-desk-000000000001</guid>
            <link>https://cut.example/pier</link>
            <description>Repairs to the pier finished a week early, the port authority said.</description></item>
            <item><title>Lighthouse keeper retires</title><guid>cut-desk-000000000002</guid>
            <description>The keeper of the north lighthouse retires after thirty years on the rock.</description>
            <link>https://cut.example/light&keeper</link></item>
            <item><title>Third item</title>
            """, to: "cut.xml")
        let result = try copy.run(["collect", file.path])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("\(file.path): malformed XML, line 7"), "\(result)")
        #expect(result.stderr.contains("kept the 1 complete item before the error, nothing after it"), "\(result)")
        #expect(result.stdout.contains("Cut Desk (partial"), "\(result)")
        let stored = try Self.storedArticles(copy)
        #expect(stored.count == 1, "\(stored)")
        #expect(stored.first?.contains("Pier repairs finish early") == true)
    }

    // MARK: Templates

    @Test(
        "a template with 3,000 nested sections is refused with its file and line, in every preview format",
        arguments: [("html", "html.mustache"), ("text", "text.mustache"), ("terminal", "terminal.mustache")])
    func deepTemplate(format: String, file: String) throws {
        let copy = try NewsletterCopy()
        try copy.composeSampleWeek()
        let template = copy.root.appendingPathComponent("Templates/decoding-asia/\(file)")
        let deep =
            "{{% CONTENT_TYPE: TEXT}}\n" + String(repeating: "{{#sections}}", count: 3000)
            + String(repeating: "{{/sections}}", count: 3000) + "\n"
        try deep.write(to: template, atomically: true, encoding: .utf8)
        let result = try copy.run(["preview", "--week", "2026-W47", "--format", format])
        #expect(!result.wasSignalled, "no crash: \(result)")
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("\(template.path):2:"), "\(result)")
        #expect(result.stderr.contains("nested more than 100 deep"), "\(result)")
    }

    @Test("an unknown partial is an error naming the template and the partial")
    func unknownPartial() throws {
        let copy = try NewsletterCopy()
        try copy.composeSampleWeek()
        let template = copy.root.appendingPathComponent("Templates/decoding-asia/text.mustache")
        let text = try String(contentsOf: template, encoding: .utf8)
        try (text + "{{> footer}}\n").write(to: template, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count
        let result = try copy.run(["preview", "--week", "2026-W47", "--format", "text"])
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("\(template.path):\(line):1: unknown partial 'footer'"), "\(result)")
    }

    // MARK: Theme settings

    @Test("a misspelt theme key is an error with its file and line and the key meant")
    func themeTypo() throws {
        let copy = try NewsletterCopy()
        let theme = copy.root.appendingPathComponent("Templates/decoding-asia/theme.yaml")
        let text = try String(contentsOf: theme, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "stories_per_section: 3", with: "stories_per_sectoin: 4")
        try edited.write(to: theme, atomically: true, encoding: .utf8)
        let line = try #require(Self.line(of: "stories_per_sectoin", in: edited))
        let result = try copy.run(["compose", "--week", "2026-W47"])
        #expect(result.status != 0, "\(result)")
        #expect(
            result.stderr.contains(
                "\(theme.path): line \(line): unknown field 'stories_per_sectoin' (did you mean 'stories_per_section'?)"
            ),
            "\(result)")
    }

    @Test("a theme value of the wrong type is reported with its line and field in words")
    func themeWrongType() throws {
        let copy = try NewsletterCopy()
        let theme = copy.root.appendingPathComponent("Templates/decoding-asia/theme.yaml")
        let text = try String(contentsOf: theme, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "stories_per_section: 3", with: "stories_per_section: three")
        try edited.write(to: theme, atomically: true, encoding: .utf8)
        let line = try #require(Self.line(of: "stories_per_section: three", in: edited))
        let result = try copy.run(["compose", "--week", "2026-W47"])
        #expect(result.status != 0, "\(result)")
        #expect(
            result.stderr.contains(
                "\(theme.path): line \(line), field 'stories_per_section': expected a whole number, found 'three'"),
            "\(result)")
        #expect(!result.stderr.contains("Scalar"), "\(result)")
    }

    static func line(of needle: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }

    @Test("a damaged digest.json is reported with the line and column of the damage")
    func damagedIssue() throws {
        let copy = try NewsletterCopy()
        try copy.composeSampleWeek()
        let folder = copy.root.appendingPathComponent("Digests/decoding-asia/2026-W47")
        let file = folder.appendingPathComponent("digest.json")
        var lines = try String(contentsOf: file, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .map(String.init)
        lines[2] = "  \"broken\" : ,"
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try copy.run(["preview", "--week", "2026-W47", "--format", "text"])
        #expect(result.status != 0, "\(result)")
        #expect(
            result.stderr.contains("\(file.path): cannot read the composed issue: malformed JSON, line 3, column"),
            "\(result)")
    }

    // MARK: Text files

    @Test("a .txt saved as UTF-16 with a byte-order mark is read; so are a UTF-8 mark and CR line ends")
    func textByteOrderMarks() throws {
        let copy = try NewsletterCopy()
        let text =
            "Night ferry returns\n\nThe night ferry to the islands returns on Friday after a year without one, the operator said.\n"
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(text.data(using: .utf16LittleEndian) ?? Data())
        let file = copy.folder.url(for: "ferry.txt")
        try utf16.write(to: file)
        let result = try copy.run(["collect", file.path])
        #expect(result.succeeded, "\(result)")
        #expect(try Self.storedArticles(copy).contains { $0.contains("Night ferry returns") })
    }

    // MARK: Subscriber files

    @Test(
        "subscribers import reads CR-only, UTF-16 and UTF-8-marked CSV files",
        arguments: [("cr", 0), ("utf16", 1), ("utf8mark", 2)])
    func importLineEndsAndMarks(name: String, kind: Int) throws {
        let copy = try NewsletterCopy()
        let rows = ["email,name", "ada.new@example.com,Ada", "kim.new@example.org,Kim Ha-neul"]
        let data: Data
        switch kind {
        case 0: data = Data(rows.joined(separator: "\r").appending("\r").utf8)
        case 1:
            data =
                Data([0xFF, 0xFE])
                + (rows.joined(separator: "\r\n").appending("\r\n").data(using: .utf16LittleEndian) ?? Data())
        default: data = Data([0xEF, 0xBB, 0xBF]) + Data(rows.joined(separator: "\n").utf8)
        }
        let file = copy.folder.url(for: "\(name).csv")
        try data.write(to: file)
        let result = try copy.run(["subscribers", "import", file.path])
        #expect(result.succeeded, "\(result)")
        #expect(result.stdout.contains("Imported 2"), "\(result)")
        let list = try String(
            contentsOf: copy.root.appendingPathComponent("Subscribers/decoding-asia.csv"), encoding: .utf8)
        #expect(list.contains("ada.new@example.com") && list.contains("kim.new@example.org"))
    }

    // MARK: Leftovers

    @Test("temporary files a killed collect left are removed by the next run; a fresh one is left alone")
    func staleTemporaryFiles() throws {
        let copy = try NewsletterCopy()
        let articles = copy.root.appendingPathComponent("Digests/articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        let stale = articles.appendingPathComponent(".digest-tmp-Ab12Cd")
        let fresh = articles.appendingPathComponent(".digest-tmp-Zz99Yy")
        let other = articles.appendingPathComponent(".notes-tmp-Ab12Cd")
        for file in [stale, fresh, other] { try Data("{\"half\": ".utf8).write(to: file) }
        let hourAgo = Date().addingTimeInterval(-3600)
        for file in [stale, other] {
            try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: file.path)
        }
        let result = try copy.run(["collect", copy.root.appendingPathComponent("Digests/sample-week").path])
        #expect(result.succeeded, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: stale.path), "the killed run's file is gone")
        #expect(FileManager.default.fileExists(atPath: fresh.path), "a file a running writer may hold stays")
        #expect(FileManager.default.fileExists(atPath: other.path), "only this program's own temporary files go")
        #expect(result.stderr.contains("removed 1 temporary file left by an interrupted run"), "\(result)")
    }

    // MARK: Error lines

    @Test("a failing send says so in one line, without a doubled 'Error: digest:' prefix")
    func noDoubledPrefix() throws {
        let copy = try NewsletterCopy()
        try copy.composeSampleWeek()
        let result = try copy.run([
            "send", "--week", "2026-W47", "--smtp-url", "smtp://127.0.0.1:1", "--allow-plaintext", "--timeout", "5",
        ])
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.hasPrefix("Error: smtp://127.0.0.1:1"), "\(result)")
        #expect(!result.stderr.contains("digest: digest:") && !result.stderr.contains("Error: digest:"), "\(result)")
    }
}

extension NewsletterCopy {
    /// Writes `text` into the copy's scratch folder (beside the newsletter root).
    func write(_ text: String, to name: String) throws -> URL {
        try folder.write(text, to: name)
    }
}
