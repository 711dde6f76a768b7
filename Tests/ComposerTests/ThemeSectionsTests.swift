import DigestTestSupport
import Foundation
import Testing

@testable import Composer

@Suite("Section ids chosen for a list, checked against its themes")
struct ThemeSectionsTests {
    let templates = PackageRoot.url.appendingPathComponent("Templates")

    @Test("ids split on commas and semicolons, blanks dropped, each known to the theme that mails the list")
    func knownSections() throws {
        let ids = try Theme.checkedSections(" japan; china,, ", forList: "decoding-asia", templates: templates)
        #expect(ids == ["japan", "china"])
        #expect(try Theme.checkedSections("", forList: "decoding-asia", templates: templates).isEmpty)
    }

    @Test("an id the list's theme does not have is refused, naming the theme and the ids it has")
    func unknownSection() throws {
        let error = #expect(throws: ComposerError.self) {
            try Theme.checkedSections("japan,atlantis", forList: "decoding-asia", templates: templates)
        }
        #expect(error?.code == .unknownSection)
        #expect(
            error?.message
                == "unknown section 'atlantis' in theme decoding-asia (known: china, korean-peninsula, japan, "
                + "southeast-asia, south-asia, regional)")
    }

    @Test("a list no theme mails takes any ids")
    func listWithoutTheme() throws {
        #expect(try Theme.checkedSections("atlantis", forList: "other", templates: templates) == ["atlantis"])
    }

    @Test("every theme in a folder, or an error naming the folder when it has none")
    func allThemes() throws {
        #expect(try Theme.all(in: templates) == ["decoding-asia"])
        let empty = try TemporaryDirectory()
        let error = #expect(throws: ComposerError.self) { try Theme.all(in: empty.url) }
        #expect(error?.code == .noTheme)
        #expect(error?.message == "no theme found in \(empty.url.path) (each theme is a folder with theme.yaml)")
    }
}
