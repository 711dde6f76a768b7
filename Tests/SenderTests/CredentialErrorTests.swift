import DigestTestSupport
import Foundation
import Testing

@Suite("A refused login says where the credentials came from")
struct CredentialErrorTests {
    @Test("credentials from --smtp-config: the error names the file; from the environment: the variables")
    func refusedLoginNamesTheSource() throws {
        let fixture = try SendFixture(server: .init(startTLS: true, credentials: ("editor", "s3cret-pass")))
        let ca = try #require(fixture.server.certificateFile).path
        let base = ["send", "--week", SendFixture.week, "--smtp-url", fixture.server.url, "--ca-file", ca]
        let config = try fixture.folder.write("user = editor\npassword = not-this-one\n", to: "smtp.conf")
        chmod(config.path, 0o600)

        let fromFile = try fixture.run(base + ["--smtp-config", config.path])
        #expect(!fromFile.succeeded)
        #expect(fromFile.stderr.contains("refused the user name or password"), "\(fromFile)")
        #expect(fromFile.stderr.contains("check the ones in \(config.path)"), "\(fromFile)")
        #expect(!fromFile.stderr.contains("DIGEST_SMTP_PASSWORD"), "the file, not the variables: \(fromFile)")
        #expect(!fromFile.stderr.contains("not-this-one"))

        let fromEnvironment = try fixture.run(
            base, environment: ["DIGEST_SMTP_USER": "editor", "DIGEST_SMTP_PASSWORD": "not-this-one"])
        #expect(!fromEnvironment.succeeded)
        #expect(
            fromEnvironment.stderr.contains("check the ones in DIGEST_SMTP_USER and DIGEST_SMTP_PASSWORD"),
            "\(fromEnvironment)")
        #expect(!fromEnvironment.stderr.contains("Error: digest:"), "\(fromEnvironment)")
        #expect(try fixture.server.messages().isEmpty)
    }
}
