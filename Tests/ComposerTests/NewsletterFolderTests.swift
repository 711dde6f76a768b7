import DigestTestSupport
import Foundation
import Testing

@testable import Composer

@Suite("The newsletter folder: names, themes, weeks and composed issues")
struct NewsletterFolderTests {
    let newsletter = NewsletterFolder(root: PackageRoot.url)

    func code(_ body: () throws -> Any) -> ComposerError.Code? {
        do {
            _ = try body()
            return nil
        } catch {
            return (error as? ComposerError)?.code
        }
    }

    @Test("the folder's layout: Templates/, Subscribers/<list>.csv and the secret beside them, Digests/articles/")
    func layout() {
        let root = newsletter.root.path
        #expect(newsletter.templates.path == root + "/Templates")
        #expect(newsletter.listFile("decoding-asia").path == root + "/Subscribers/decoding-asia.csv")
        #expect(newsletter.unsubscribeSecretFile.path == root + "/Subscribers/.unsubscribe-secret")
        #expect(newsletter.articlesFolder.path == root + "/Digests/articles")
    }

    @Test("names with a slash, a leading dot or control characters are refused, shown with ? for the controls")
    func names() throws {
        for bad in ["", "a/b", ".hidden", "tab\there", "del\u{7F}"] {
            #expect(code { try NewsletterFolder.checkName(bad, what: "a list name") } == .invalidName, "\(bad)")
        }
        #expect(throws: Never.self) { try NewsletterFolder.checkName("decoding-asia", what: "a theme") }
        do {
            try NewsletterFolder.checkName("x\u{1B}[31m", what: "a list name")
        } catch {
            #expect(error.message == "'x?[31m' is not a list name")
        }
    }

    @Test(
        "the only theme is the default; none or several is an error with its code; weeks default to the last complete")
    func themesAndWeeks() throws {
        #expect(try newsletter.theme(named: nil).id == "decoding-asia")
        #expect(code { try newsletter.theme(named: "../etc") } == .invalidName)
        #expect(code { try newsletter.theme(named: "decoding-europe") } == .unknownTheme)
        let empty = try TemporaryDirectory()
        #expect(code { try NewsletterFolder(root: empty.url).theme(named: nil) } == .noTheme)
        for id in ["one", "two"] {
            let source = newsletter.templates.appendingPathComponent("decoding-asia/theme.yaml")
            _ = try empty.write(try String(contentsOf: source, encoding: .utf8), to: "Templates/\(id)/theme.yaml")
        }
        do {
            _ = try NewsletterFolder(root: empty.url).theme(named: nil)
            Issue.record("two themes, none named, must be an error")
        } catch let error as ComposerError {
            #expect(error.code == .severalThemes)
            #expect(error.message.hasSuffix("(one, two)"))
        }
        let theme = try newsletter.theme(named: nil)
        #expect(try NewsletterFolder.week("2026-W47", theme: theme, now: Date()) == ISOWeek(year: 2026, week: 47))
        #expect(code { try NewsletterFolder.week("2026-47", theme: theme, now: Date()) } == .invalidWeek)
        let thursday = try #require(ISO8601DateFormatter().date(from: "2026-11-26T12:00:00Z"))
        #expect(try NewsletterFolder.week(nil, theme: theme, now: thursday) == ISOWeek(year: 2026, week: 47))
    }

    @Test("a week not composed is .emptyWeek, naming the latest week that is")
    func notComposed() throws {
        let folder = try TemporaryDirectory()
        let copy = NewsletterFolder(root: folder.url)
        let theme = try newsletter.theme(named: nil)
        _ = try folder.write("{}", to: "Digests/decoding-asia/2026-W45/digest.json")
        do {
            _ = try copy.composedIssue(theme: theme, week: ISOWeek(year: 2026, week: 47))
            Issue.record("a week not composed must be an error")
        } catch let error as ComposerError {
            #expect(error.code == .emptyWeek)
            #expect(error.message == "no composed issue of decoding-asia for 2026-W47 (latest composed: 2026-W45)")
        }
        #expect(
            copy.issueFolder(theme: theme, week: ISOWeek(year: 2026, week: 47)).url.path.hasSuffix(
                "Digests/decoding-asia/2026-W47"))
    }
}
