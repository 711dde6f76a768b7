import CCurl
import Curl
import DigestTestSupport
import Foundation
import Testing

@Suite("Upload.put to file URLs")
struct UploadTests {
    @Test("Upload.put writes exactly the given bytes, and replaces an older file whole")
    func putWritesExactBytes() throws {
        let folder = try TemporaryDirectory()
        let target = folder.url(for: "upload.bin")
        // Several read-callback rounds' worth, with every byte value.
        let bytes = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) })
        try Upload.put(bytes, to: target.absoluteString)
        #expect(try Data(contentsOf: target) == bytes)

        let shorter = Data("a shorter second version\r\n".utf8)
        try Upload.put(shorter, to: target.absoluteString)
        #expect(try Data(contentsOf: target) == shorter)
    }

    @Test("an empty upload leaves an empty file")
    func emptyUpload() throws {
        let folder = try TemporaryDirectory()
        let target = folder.url(for: "empty.bin")
        try Upload.put(Data(), to: target.absoluteString)
        #expect(try Data(contentsOf: target).isEmpty)
    }

    @Test("an upload into a missing folder throws a CurlError naming the URL")
    func uploadIntoMissingFolder() throws {
        let folder = try TemporaryDirectory()
        let url = folder.url(for: "no-such-folder/upload.bin").absoluteString
        let error = try #require(throws: CurlError.self) { try Upload.put(Data("x".utf8), to: url) }
        #expect(error.code == .transfer(Int(CURLE_WRITE_ERROR.rawValue)), "\(error)")
        #expect(error.description.contains(url))
    }
}
