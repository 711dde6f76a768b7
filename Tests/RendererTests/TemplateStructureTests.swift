import Foundation
import Mustache
import Testing

@testable import Renderer

/// Sections nested past what swift-mustache can recurse through, and partials no template provides: errors with
/// the file, line and column, before the parser sees the template.
@Suite("Template structure: nesting depth and partials")
struct TemplateStructureTests {
    @Test("sections nested past the limit are refused where the limit is passed; at the limit they parse")
    func depth() throws {
        let limit = TemplateStructure.maximumDepth
        let atLimit =
            String(repeating: "{{#sections}}", count: limit) + String(repeating: "{{/sections}}", count: limit)
        _ = try IssueRenderer.parse(atLimit, file: "ok.mustache", forceText: true, knownNames: nil)

        let deep = "line one\n" + String(repeating: "{{^sections}}", count: limit + 1)
        let error = try #require(throws: RenderError.self) {
            try IssueRenderer.parse(deep, file: "deep.mustache", forceText: false, knownNames: nil)
        }
        #expect(error.code == .nestedTooDeep)
        #expect(error.line == 2)
        #expect(error.column == limit * 13 + 1)
        #expect(error.description.hasPrefix("deep.mustache:2:\(limit * 13 + 1): sections are nested more than"))
    }

    @Test("changing the delimiters does not hide deep nesting from the count")
    func delimiters() throws {
        let deep = "{{=<% %>=}}" + String(repeating: "<%#sections%>", count: 3000)
        let error = try #require(throws: RenderError.self) {
            try IssueRenderer.parse(deep, file: "d.mustache", forceText: false, knownNames: nil)
        }
        #expect(error.code == .nestedTooDeep)
    }

    @Test("closing tags bring the depth back, so long templates of shallow sections pass")
    func manyShallowSections() throws {
        let source = String(repeating: "{{#sections}}{{#stories}}{{headline}}{{/stories}}{{/sections}}\n", count: 500)
        _ = try IssueRenderer.parse(source, file: "wide.mustache", forceText: false, knownNames: nil)
    }

    @Test("a partial the template cannot include is an error naming it; a known one passes")
    func partials() throws {
        let error = try #require(throws: RenderError.self) {
            try IssueRenderer.parse("<p>\n  {{> footer }}</p>", file: "t.mustache", forceText: false, knownNames: nil)
        }
        #expect(error.code == .unknownPartial)
        #expect(error.description.hasPrefix("t.mustache:2:3: unknown partial 'footer'"), "\(error)")
        _ = try MustacheSource.parse(
            "{{>head}}<p>body</p>{{>foot}}", file: "page.mustache", asText: false, knownNames: nil,
            partials: ["head", "foot"])
        let parent = try #require(throws: RenderError.self) {
            try MustacheSource.parse(
                "{{<layout}}{{/layout}}", file: "page.mustache", asText: false, knownNames: nil, partials: ["head"])
        }
        #expect(parent.code == .unknownPartial)
        #expect(parent.message.contains("'layout'") && parent.message.contains("'head'"))
    }
}
