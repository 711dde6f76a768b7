import DigestTestSupport
import Foundation
import Testing
import WebSite

@Suite("The archive's public address and closing line")
struct ArchiveAddressTests {
    let templates = PackageRoot.url.appendingPathComponent("Templates")

    @Test("the base address is what the themes' archive_url has before /archive/<theme>/{week}/")
    func archiveBase() throws {
        let theme = try ArchiveTheme.load(id: "decoding-asia", templates: templates)
        #expect(try PublicAddress.archiveBase(of: [theme]).url("/") == "https://example.com/decoding-asia/")
        var elsewhere = theme
        elsewhere.theme.settings.archiveURL = "https://other.example/archive/decoding-asia/{week}/"
        let different = #expect(throws: ArchiveError.self) { try PublicAddress.archiveBase(of: [theme, elsewhere]) }
        #expect(different?.code == .differentSites)
        var none = theme
        none.theme.settings.archiveURL = "https://example.com/issues/{week}.html"
        let missing = #expect(throws: ArchiveError.self) { try PublicAddress.archiveBase(of: [none]) }
        #expect(missing?.code == .noArchiveAddress)
        #expect(missing?.description == "no theme's archive_url ends in /archive/<theme>/{week}/")
    }

    @Test("the closing line counts the files written and left, the issues, and says where to publish")
    func summary() throws {
        var report = StaticArchive.Report()
        report.written = ["a", "b"]
        report.unchanged = ["c"]
        report.issues = 1
        let address = try #require(PublicAddress("https://example.com/news"))
        #expect(
            report.summary(folder: URL(fileURLWithPath: "/site"), themes: ["asia", "world"], address: address)
                == "Wrote 2 files to /site (1 unchanged): 1 issue of asia, world; publish it at https://example.com/news/"
        )
        report.issues = 3
        #expect(
            report.summary(folder: URL(fileURLWithPath: "/s"), themes: ["a"], address: address).contains(
                ": 3 issues of a;"))
    }
}
