import DigestTestSupport
import Foundation
import Stories
import Testing

@testable import Composer

@Suite("Loading themes")
struct ThemeTests {
    let templates = PackageRoot.url.appendingPathComponent("Templates")

    @Test("Decoding Asia loads with its six sections")
    func decodingAsia() throws {
        let theme = try Theme.load(id: "decoding-asia", templates: templates)
        #expect(
            theme.settings.sections.map(\.id) == [
                "china", "korean-peninsula", "japan", "southeast-asia", "south-asia", "regional",
            ])
        #expect(theme.timeZone.identifier == "Asia/Singapore")
        #expect(theme.settings.sections.first?.countries.contains("TW") == true)
        #expect(theme.settings.archiveURL == "https://example.com/decoding-asia/archive/decoding-asia/{week}/")
        #expect(theme.masthead.archiveURLTemplate == theme.settings.archiveURL)
    }

    @Test("the bundled theme's news_values are the desk's standard hard-news words")
    func newsValuesInStep() throws {
        let theme = try Theme.load(id: "decoding-asia", templates: templates)
        #expect(Set(theme.settings.newsValues) == Salience.standardNewsValueWords)
    }

    func themeFolder(_ yaml: String) throws -> (TemporaryDirectory, URL) {
        let folder = try TemporaryDirectory()
        _ = try folder.write(yaml, to: "Templates/broken/theme.yaml")
        return (folder, folder.url(for: "Templates"))
    }

    func message(_ body: () throws -> Theme) -> String {
        do {
            _ = try body()
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test("an unknown theme names the file it looked for and the themes there are")
    func unknownTheme() {
        let text = message { try Theme.load(id: "decoding-europe", templates: templates) }
        #expect(text.contains("unknown theme 'decoding-europe'"))
        #expect(text.contains("decoding-asia"))
    }

    @Test("a YAML syntax error names the file, line and column")
    func syntaxError() throws {
        let (folder, url) = try themeFolder("name: X\nsections:\n  - id: a\n   title: [unclosed\n")
        let text = message { try Theme.load(id: "broken", templates: url) }
        #expect(text.hasPrefix(folder.url(for: "Templates/broken/theme.yaml").path))
        #expect(text.contains("line 4"))
        #expect(text.contains("column"))
    }

    @Test("a missing field and an unknown country code are named")
    func fieldErrors() throws {
        let valid = try String(
            contentsOf: templates.appendingPathComponent("decoding-asia/theme.yaml"), encoding: .utf8)
        let cases = [
            ("list: decoding-asia", "", "missing field 'list'"),
            ("[JP]", "[JP, XX]", "unknown country code 'XX'"),
            ("Asia/Singapore", "Asia/Atlantis", "unknown time zone"),
            ("stories_per_section: 3", "stories_per_section: many", "field 'stories_per_section'"),
            ("[sport, lifestyle", "[sport/tennis, lifestyle", "field 'skip_topics': 'sport/tennis'"),
            ("/decoding-asia/{week}/", "/decoding-asia/", "field 'archive_url' must contain {week}"),
            ("archive_url: https:", "archive_url: ftp:", "field 'archive_url': 'ftp://"),
            (
                "#   preferences_url: https://example.com/decoding-asia/preferences?token={token}",
                "preferences_url: https://example.com/decoding-asia/preferences",
                "field 'preferences_url' must contain {token}"
            ),
            (
                "#   preferences_url: https://example.com/decoding-asia/preferences?token={token}",
                "preferences_url: ftp://example.com/preferences?token={token}", "field 'preferences_url': 'ftp://"
            ),
        ]
        for (original, replacement, expected) in cases {
            let (folder, url) = try themeFolder(valid.replacingOccurrences(of: original, with: replacement))
            let text = message { try Theme.load(id: "broken", templates: url) }
            #expect(text.contains(expected), "\(text)")
            folder.remove()
        }
    }

    @Test(
        "bounce_address is optional, and one that is no bare address is refused naming the file and key",
        arguments: [
            ("bounces@", "field 'bounce_address': 'bounces@': nothing comes after the '@'"),
            ("'Bounces <bounces@example.com>'", "field 'bounce_address': 'Bounces <bounces@example.com>': it holds"),
            ("bounces@localhost", "field 'bounce_address': 'bounces@localhost': the domain 'localhost' needs"),
        ])
    func bounceAddress(value: String, expected: String) throws {
        let valid = try String(
            contentsOf: templates.appendingPathComponent("decoding-asia/theme.yaml"), encoding: .utf8)
        #expect(try Theme.load(id: "decoding-asia", templates: templates).settings.bounceAddress == nil)
        let placeholder = "#   bounce_address: bounces@example.com"
        let (good, goodURL) = try themeFolder(
            valid.replacingOccurrences(of: placeholder, with: "bounce_address: bounces@example.com"))
        defer { good.remove() }
        #expect(try Theme.load(id: "broken", templates: goodURL).settings.bounceAddress == "bounces@example.com")
        let (folder, url) = try themeFolder(
            valid.replacingOccurrences(of: placeholder, with: "bounce_address: \(value)"))
        defer { folder.remove() }
        let text = message { try Theme.load(id: "broken", templates: url) }
        #expect(text.contains("theme.yaml: \(expected)"), "\(text)")
    }

    @Test("preferences_url is optional, and reaches the masthead when given")
    func preferencesURL() throws {
        let valid = try String(
            contentsOf: templates.appendingPathComponent("decoding-asia/theme.yaml"), encoding: .utf8)
        #expect(try Theme.load(id: "decoding-asia", templates: templates).masthead.preferencesURLTemplate == nil)
        let (folder, url) = try themeFolder(
            valid.replacingOccurrences(
                of: "#   preferences_url: https://example.com/decoding-asia/preferences?token={token}",
                with: "preferences_url: https://example.com/decoding-asia/preferences?token={token}"))
        defer { folder.remove() }
        let theme = try Theme.load(id: "broken", templates: url)
        #expect(
            theme.masthead.preferencesURLTemplate == "https://example.com/decoding-asia/preferences?token={token}")
    }

    @Test(
        "a misspelt key, at the top or nested, is an error with its line and the key meant",
        arguments: [
            (
                "stories_per_section: 3", "stories_per_sectoin: 3",
                "unknown field 'stories_per_sectoin' (did you mean 'stories_per_section'?)"
            ),
            (
                "  reply_to: editors", "  replyto: editors",
                "unknown field 'sender.replyto' (did you mean 'sender.reply_to'?)"
            ),
            (
                "    countries: [JP]", "    contries: [JP]",
                "unknown field 'sections[2].contries' (did you mean 'sections[2].countries'?)"
            ),
            (
                "  min_words: 25", "  min_word: 25",
                "unknown field 'leave_out.min_word' (did you mean 'leave_out.min_words'?)"
            ),
            ("approval: none", "colour_scheme: dark", "unknown field 'colour_scheme' (known here: "),
        ])
    func unknownKey(original: String, replacement: String, expected: String) throws {
        let valid = try String(
            contentsOf: templates.appendingPathComponent("decoding-asia/theme.yaml"), encoding: .utf8)
        let edited = valid.replacingOccurrences(of: original, with: replacement)
        let line = try #require(
            edited.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(replacement) })
        let (folder, url) = try themeFolder(edited)
        defer { folder.remove() }
        let text = message { try Theme.load(id: "broken", templates: url) }
        #expect(text.contains("theme.yaml: line \(line + 1): \(expected)"), "\(text)")
    }

    @Test("a value of the wrong type names its line and field and says what was expected, in words")
    func wrongTypes() throws {
        let valid = try String(
            contentsOf: templates.appendingPathComponent("decoding-asia/theme.yaml"), encoding: .utf8)
        for (original, replacement, expected) in [
            (
                "stories_per_section: 3", "stories_per_section: three",
                "field 'stories_per_section': expected a whole number, found 'three'"
            ),
            (
                "include_other_languages: false", "include_other_languages: maybe",
                "field 'include_other_languages': expected true or false, found 'maybe'"
            ),
            (
                "  accent: \"#9b1c31\"", "  accent: [red]",
                "field 'colors.accent': expected a single value, found a list"
            ),
        ] {
            let edited = valid.replacingOccurrences(of: original, with: replacement)
            let line = try #require(
                edited.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(replacement) })
            let (folder, url) = try themeFolder(edited)
            let text = message { try Theme.load(id: "broken", templates: url) }
            #expect(text.contains("theme.yaml: line \(line + 1), \(expected)"), "\(text)")
            folder.remove()
        }
    }
}
