import DigestTestSupport
import Foundation
import Testing

/// `digest edit`: the editor's file opened in $EDITOR (here a script standing in for the editor),
/// checked and applied by recomposing, refused once sending has started.
@Suite("digest edit, end to end", .serialized)
struct EditCommandTests {
    /// A stand-in editor: a shell script that appends `lines` to the file it is given, named as an editor command
    /// with an argument (`sh '<script>'`). The script is read by `sh`, never executed itself: a file just written
    /// can still be open for writing in a child that another test forked meanwhile, and executing it then fails
    /// with "Text file busy".
    func editor(appending lines: String, in copy: NewsletterCopy) throws -> String {
        let script = copy.folder.url(for: "editor.sh")
        let body = "cat >> \"$1\" <<'YAML'\n\(lines)\nYAML\n"
        try Data(body.utf8).write(to: script)
        return "sh '\(script.path)'"
    }

    func issue(_ copy: NewsletterCopy) throws -> [String: Any] {
        let file = copy.root.appendingPathComponent("Digests/decoding-asia/2026-W47/digest.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    }

    func headlines(_ issue: [String: Any]) -> [String: String] {
        var found: [String: String] = [:]
        for section in issue["sections"] as? [[String: Any]] ?? [] {
            for story in section["stories"] as? [[String: Any]] ?? [] {
                if let id = story["id"] as? String, let headline = story["headline"] as? String { found[id] = headline }
            }
        }
        return found
    }

    @Test("the editor's file lists the draft's stories; saving it recomposes, and compose keeps the edits")
    func editAndRecompose() throws {
        let copy = try NewsletterCopy()
        try copy.composeSampleWeek()
        let before = headlines(try issue(copy))
        let (id, _) = try #require(before.first { $0.value.contains("Sri Lanka") })
        let edit = try copy.run(
            ["edit", "--week", "2026-W47"],
            environment: ["EDITOR": try editor(appending: "drop: [\(id)]\nnote: A short week.", in: copy)])
        #expect(edit.succeeded, "\(edit)")
        let edits = try String(
            contentsOf: copy.root.appendingPathComponent("Digests/decoding-asia/2026-W47/edits.yaml"), encoding: .utf8)
        #expect(edits.contains("#   \(id)  "), "the draft's stories are listed as comments")
        #expect(headlines(try issue(copy))[id] == nil)
        #expect(try issue(copy)["editorsNote"] as? String == "A short week.")
        // A later compose applies the same file.
        let compose = try copy.run(["compose", "--week", "2026-W47"])
        #expect(compose.succeeded && compose.stdout.contains("Applied the editor's edits"), "\(compose)")
        #expect(headlines(try issue(copy))[id] == nil)
        let preview = try copy.run(["preview", "--week", "2026-W47", "--width", "80"])
        #expect(preview.stdout.contains("A short week."))
    }

    @Test("an edit naming an unknown article fails with the file and line, and the file is kept")
    func unknownArticle() throws {
        let copy = try NewsletterCopy()
        try copy.composeSampleWeek()
        let edit = try copy.run(
            ["edit", "--week", "2026-W47"],
            environment: ["EDITOR": try editor(appending: "top: not-an-article", in: copy)])
        #expect(!edit.succeeded)
        #expect(edit.stderr.contains("edits.yaml, line "), "\(edit)")
        #expect(edit.stderr.contains("no article 'not-an-article'"), "\(edit)")
        let kept = try String(
            contentsOf: copy.root.appendingPathComponent("Digests/decoding-asia/2026-W47/edits.yaml"), encoding: .utf8)
        #expect(kept.contains("top: not-an-article"))
    }

    @Test("once sending has started, edits are refused")
    func refusedAfterSending() throws {
        let copy = try NewsletterCopy()
        try copy.composeSampleWeek()
        let folder = copy.root.appendingPathComponent("Digests/decoding-asia/2026-W47")
        try Data().write(to: folder.appendingPathComponent("delivery.ledger"))
        let edit = try copy.run(
            ["edit", "--week", "2026-W47"], environment: ["EDITOR": try editor(appending: "note: late", in: copy)])
        #expect(!edit.succeeded)
        #expect(edit.stderr.contains("has started sending"), "\(edit)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("edits.yaml").path))
    }
}
