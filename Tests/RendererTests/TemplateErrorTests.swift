import DigestTestSupport
import Foundation
import Testing

@testable import Renderer

@Suite("Template errors")
struct TemplateErrorTests {
    /// A theme folder with the shipped templates, one of them replaced.
    static func theme(replacing file: String, with source: String) throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory(prefix: "renderer-test")
        for name in ["html.mustache", "text.mustache", "terminal.mustache"] {
            let shipped = try String(
                contentsOf: Fixtures.themeDirectory.appendingPathComponent(name), encoding: .utf8)
            try folder.write(name == file ? source : shipped, to: name)
        }
        return folder
    }

    @Test(
        "a syntax error names the file, line and column",
        arguments: ["html.mustache", "text.mustache", "terminal.mustache"])
    func mismatchedClose(file: String) throws {
        let source = "<p>first line</p>\n<p>second</p>\n<ul>{{#sections}}<li>{{title}}</li>{{/section}}</ul>\n"
        let folder = try Self.theme(replacing: file, with: source)
        let error = try #require(throws: RenderError.self) {
            try IssueRenderer(themeDirectory: folder.url)
        }
        #expect(error.code == .templateSyntax)
        #expect(error.file == folder.url.appendingPathComponent(file).path)
        #expect(error.line == 3)
        let closing = try #require(source.split(separator: "\n")[2].range(of: "section}}"))
        let expectedColumn =
            source.split(separator: "\n")[2].distance(
                from: source.split(separator: "\n")[2].startIndex, to: closing.lowerBound) + 1
        #expect(error.column == expectedColumn)
        #expect(error.description.hasPrefix("\(folder.url.appendingPathComponent(file).path):3:\(expectedColumn): "))
        #expect(error.description.contains("{{/section}}"))
        #expect(error.description.contains("\"sections\""))
    }

    @Test("an unclosed section points at its opening tag, not the end of the file")
    func unclosed() throws {
        let source = "line one\n\n  {{#stories}}\n{{headline}}\nlast line\n"
        let folder = try Self.theme(replacing: "html.mustache", with: source)
        let error = try #require(throws: RenderError.self) {
            try IssueRenderer(themeDirectory: folder.url)
        }
        #expect(error.line == 3)
        #expect(error.column == 3)
        #expect(error.message.contains("\"stories\" is never closed"))
    }

    @Test(
        "an empty tag in a template with a syntax error is reported, not a crash (found by Fuzz/FuzzMustache)",
        arguments: ["{{}}\n{{#stories}}\n", "a {{}}} b\n{{/stories}}\n", "{{#stories}}{{}}"])
    func emptyTag(source: String) throws {
        let error = try #require(throws: RenderError.self) {
            try IssueRenderer.parse(source, file: "text.mustache", forceText: true)
        }
        #expect(error.code == .templateSyntax)
        #expect(error.file == "text.mustache")
    }

    @Test("an unfinished tag gives its line")
    func unfinishedTag() throws {
        let folder = try Self.theme(replacing: "text.mustache", with: "ok\nok\nok\nHello {{name\nbye\n")
        let error = try #require(throws: RenderError.self) {
            try IssueRenderer(themeDirectory: folder.url)
        }
        #expect(error.code == .templateSyntax)
        #expect(error.line == 4)
        #expect(error.column == 7)
        #expect(error.sourceLine == "Hello {{name")
    }

    @Test("a missing template is named")
    func missing() throws {
        let folder = try Self.theme(replacing: "html.mustache", with: "x")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("terminal.mustache"))
        let error = try #require(throws: RenderError.self) {
            try IssueRenderer(themeDirectory: folder.url)
        }
        #expect(error.code == .templateMissing)
        #expect(error.description.contains("terminal.mustache"))
    }

    @Test("plain-text templates render as text even when they forget the CONTENT_TYPE pragma")
    func forcedText() throws {
        let folder = try Self.theme(
            replacing: "text.mustache", with: "{{#sections}}{{#stories}}{{headline}}\n{{/stories}}{{/sections}}")
        let text = try IssueRenderer(themeDirectory: folder.url).text(Fixtures.issue(), for: nil)
        #expect(text.contains("Q&A: What <script> tags"))
    }

    @Test("the shipped templates load from Templates/decoding-asia")
    func shipped() throws {
        let renderer = try IssueRenderer(themeDirectory: Fixtures.themeDirectory)
        #expect(renderer.themeDirectory.lastPathComponent == "decoding-asia")
        #expect(try renderer.text(Fixtures.issue(), for: nil).hasPrefix("DECODING ASIA\n"))
    }
}

@Suite("Unknown names in templates")
struct TemplateVariableTests {
    @Test("a misspelt variable is an error naming the file, line and column")
    func misspeltVariable() throws {
        let source =
            "{{#sections}}\n  <h2>{{title}}</h2>\n  {{#stories}}<p>{{headlin}}</p>{{/stories}}\n{{/sections}}\n"
        #expect {
            try IssueRenderer.parse(source, file: "html.mustache", forceText: false)
        } throws: { error in
            guard let error = error as? RenderError else { return false }
            return error.code == .unknownVariable && error.line == 3 && error.column == 18
                && "\(error)".contains("html.mustache:3:18") && "\(error)".contains("headlin")
        }
    }

    @Test(
        "names the view model has, loop helpers, comments and pragmas are accepted",
        arguments: [
            "{{name}} {{{preheader}}} {{&greeting}}",
            "{{#topStory}}{{headline}}{{/topStory}}{{^quote}}none{{/quote}}",
            "{{#sections}}{{#stories}}{{#first}}first{{/first}}{{.}}{{/stories}}{{/sections}}",
            "{{! a comment with {{unknownName}} inside }}{{% CONTENT_TYPE: TEXT}}",
            "{{colors.accent}} {{footer.unsubscribeURL}}",
        ])
    func acceptedNames(source: String) throws {
        _ = try IssueRenderer.parse(source, file: "t.mustache", forceText: true)
    }

    @Test("the shipped templates use only names the issue has")
    func shippedTemplates() throws {
        _ = try IssueRenderer(themeDirectory: Fixtures.themeDirectory)
    }
}
