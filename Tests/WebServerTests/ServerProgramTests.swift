import CommandOptions
import DigestTestSupport
import Foundation
import Testing

@Suite("Where digest serve finds the server program")
struct ServerProgramTests {
    @Test("the server program: named by the variable, else beside this one, else on PATH")
    func serverProgram() throws {
        let folder = try TemporaryDirectory()
        let program = try folder.write("#!/bin/sh\n", to: "bin/digest-serve")
        chmod(program.path, 0o755)
        let plain = try folder.write("", to: "plain")
        let bin = folder.url(for: "bin")
        #expect(try ServerProgram.locate(environment: [:], beside: [folder.url, bin]).path == program.path)
        #expect(
            try ServerProgram.locate(environment: ["PATH": "/nonexistent:\(bin.path)"], beside: []).path == program.path
        )
        #expect(
            try ServerProgram.locate(environment: [ServerProgram.variable: program.path], beside: []).path
                == program.path)
        let notExecutable = #expect(throws: ServerProgramError.self) {
            try ServerProgram.locate(environment: [ServerProgram.variable: plain.path], beside: [bin])
        }
        #expect(notExecutable?.code == .notExecutable && notExecutable?.path == plain.path)
        let notFound = #expect(throws: ServerProgramError.self) {
            try ServerProgram.locate(environment: ["PATH": folder.path], beside: [folder.url])
        }
        #expect(notFound?.code == .notFound)
    }
}

@Suite("The relay options send, run and serve share")
struct SharedRelayOptionsTests {
    @Test("serve's options hand the relay on whole, and become the settings send would use, login and trust included")
    func handedOnAndSettings() throws {
        let given = [
            "--listen", "127.0.0.1:0", "--smtp-url", "smtps://mail.example.com", "--ca-file", "/etc/ca.pem",
            "--insecure", "--smtp-config", "/nonexistent/smtp.conf",
        ]
        let options = try ServeOptions.parse(given)
        let again = try ServeOptions.parse(options.arguments)
        #expect(again.relay.arguments == options.relay.arguments)
        #expect(
            options.relay.arguments == [
                "--smtp-url", "smtps://mail.example.com", "--ca-file", "/etc/ca.pem", "--insecure", "--smtp-config",
                "/nonexistent/smtp.conf",
            ])
        let environment = ["DIGEST_SMTP_USER": "desk", "DIGEST_SMTP_PASSWORD": "s3cret-pass"]
        let settings = try options.relay.settings(ehloName: "example.com", timeout: 60, environment: environment)
        #expect(settings.url == "smtps://mail.example.com" && settings.ehloName == "example.com")
        #expect(settings.username == "desk" && settings.password == "s3cret-pass")
        #expect(!settings.verifyCertificate && settings.caFile == "/etc/ca.pem" && !settings.allowPlaintext)
        #expect(settings.connectTimeout == .seconds(30) && settings.messageTimeout == .seconds(60))
        #expect(try options.relayURL(environment: [:]) == "smtps://mail.example.com")

        // What digest-serve sends sign-up confirmations through: the relay named, else DIGEST_SMTP_URL, else none.
        let served = try #require(try options.relaySettings(environment: environment))
        #expect(served.url == "smtps://mail.example.com" && served.ehloName == "localhost")
        #expect(served.username == "desk" && !served.verifyCertificate && served.messageTimeout == .seconds(60))
        let fromVariable = try #require(
            try ServeOptions.parse([]).relaySettings(environment: ["DIGEST_SMTP_URL": "smtp://relay.example"]))
        #expect(fromVariable.url == "smtp://relay.example" && fromVariable.verifyCertificate)
        #expect(try ServeOptions.parse([]).relaySettings(environment: [:]) == nil)
    }
}
