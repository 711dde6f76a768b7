import DigestTestSupport
import Foundation
import Testing

@Suite("Theme and list names stay inside the newsletter folder")
struct NamesTests {
    @Test(
        "a theme or list name with a path, a leading dot or a control character is refused by every command",
        arguments: [
            ["compose", "--theme", "../../outside/th"], ["preview", "--theme", "../x"],
            ["events", "--theme", ".hidden"],
            ["send", "--dry-run", "--list", "../../x"], ["send", "--dry-run", "--list", "a/b"],
            ["subscribers", "list", "--list", "../x"], ["compose", "--theme", "bad\u{1B}[31mname"],
        ])
    func refused(arguments: [String]) throws {
        let copy = try NewsletterCopy()
        let result = try copy.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result)")
        #expect(
            result.stderr.contains("is not a theme name") || result.stderr.contains("is not a list name"), "\(result)")
        #expect(!result.stderr.contains("\u{1B}"), "control characters are not echoed")
    }
}
