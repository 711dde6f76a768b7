import DigestTestSupport
import Foundation
import Testing

@Suite("Input limits and list files")
struct InputLimitTests {
    @Test("summarize refuses a file over 20 MB before reading it")
    func hugeFile() throws {
        let copy = try NewsletterCopy()
        let file = copy.folder.url(for: "huge.txt")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 3 << 30)  // sparse: 3 GB that take no disk
        try handle.close()
        let result = try copy.run(["summarize", file.path])
        #expect(!result.succeeded)
        #expect(result.stderr.contains("huge.txt: the file is 3072 MB, over the 20 MB limit"), "\(result)")
    }

    @Test("subscribers export onto a list file is refused, and the list is unchanged")
    func exportOntoList() throws {
        let copy = try NewsletterCopy()
        let list = copy.root.appendingPathComponent("Subscribers/decoding-asia.csv")
        let before = try Data(contentsOf: list)
        let result = try copy.run(["subscribers", "export", "--status", "unsubscribed", "--output", list.path])
        #expect(!result.succeeded)
        #expect(result.stderr.contains("is a subscriber list of this newsletter"), "\(result)")
        #expect(try Data(contentsOf: list) == before)
    }
}
