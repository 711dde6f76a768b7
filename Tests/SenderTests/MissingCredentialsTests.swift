import Curl
import DigestTestSupport
import Foundation
import Sender
import Testing

/// A relay that wants a login, given none: its own failure, so the command can say how to give one.
@Suite("A relay that wants a login, and no credentials given")
struct MissingCredentialsTests {
    @Test("a login refused with no user name in the settings is .credentialsMissing, up to the transport")
    func distinctFailure() throws {
        let folder = try TemporaryDirectory(prefix: "smtp-nocredentials")
        let server = try LoopbackSMTPServer(
            in: folder.url, configuration: .init(startTLS: true, credentials: ("editor", "s3cret-pass")))
        let ca = try #require(server.certificateFile).path
        // No user name in the settings; libcurl still logs in with the one in the URL, which is refused.
        let url = server.url.replacingOccurrences(of: "://", with: "://someone:wrong@")
        let settings = RelaySettings(url: url, ehloName: "decoding-asia.example", caFile: ca)
        let error = try #require(throws: SMTPError.self) { try SMTPClient.verify(settings) }
        #expect(error.code == .credentialsMissing)
        #expect(error.message.contains("none was given") && !error.message.contains("wrong"))
        let wrapped = try #require(throws: SenderError.self) {
            try CurlSMTPTransport(settings: settings).checkSession()
        }
        #expect(wrapped.code == .transport && wrapped.transportFailure == .credentialsMissing)

        var given = settings
        given.username = "someone"
        given.password = "wrong"
        let refused = try #require(throws: SMTPError.self) { try SMTPClient.verify(given) }
        #expect(refused.code == .authenticationFailed)
    }
}
