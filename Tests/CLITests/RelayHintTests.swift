import Sender
import Testing

@testable import digest

@Suite("The hint digest send adds to a relay failure, by its code")
struct RelayHintTests {
    func failure(_ kind: SenderError.TransportFailure?) -> SenderError {
        var error = SenderError(
            .transport, "smtp://relay: the server refused the user name or password; none was given")
        error.transportFailure = kind
        return error
    }

    @Test("no credentials given: how to give them; a refused login or a lost connection: nothing to add")
    func hints() {
        #expect(
            failure(.credentialsMissing).hint
                == ": set DIGEST_SMTP_USER and DIGEST_SMTP_PASSWORD, or give a file with --smtp-config")
        #expect(failure(.authentication).hint.isEmpty, "decided by the code, not by the words of the message")
        #expect(failure(.connection).hint.isEmpty)
        #expect(failure(nil).hint.isEmpty)
        #expect(failure(.tls).hint == "; give the relay's CA with --ca-file (or, for a test relay only, --insecure)")
        #expect(
            failure(.startTLSUnavailable).hint == "; use smtps://, or --allow-plaintext for a relay on this machine")
    }
}

@Suite("The line digest send prints when the relay refused the sender")
struct SenderRefusedLineTests {
    @Test("a 530 or 535 with no credentials given says how to give them; otherwise it does not")
    func lines() {
        let auth = DeliveryStop.senderRefused(SMTPReply(code: 530, text: "530 5.7.0 Authentication required"))
        let hint = "set DIGEST_SMTP_USER and DIGEST_SMTP_PASSWORD, or give a file with --smtp-config"
        #expect(auth.commandLine(credentialsGiven: false).contains(hint))
        #expect(auth.commandLine(credentialsGiven: false).contains("530 5.7.0 Authentication required"))
        #expect(!auth.commandLine(credentialsGiven: true).contains(hint), "given ones: the relay's words only")
        let badLogin = DeliveryStop.senderRefused(SMTPReply(code: 535, text: "535 5.7.8 bad credentials"))
        #expect(badLogin.commandLine(credentialsGiven: false).contains(hint))
        let policy = DeliveryStop.senderRefused(SMTPReply(code: 550, text: "550 5.7.1 sender not allowed"))
        #expect(!policy.commandLine(credentialsGiven: false).contains(hint))
        #expect(policy.commandLine(credentialsGiven: false).contains("check the sender address"))
    }
}

@Suite("The line digest send prints when the relay refused recipient after recipient")
struct RecipientsRefusedLineTests {
    @Test("it quotes the reply and the count, says nobody was recorded as refused, and what to check")
    func line() {
        let replies = [
            SMTPReply(code: 554, text: "554 5.7.1 <reader@example.org>: Relay access denied"),
            SMTPReply(code: 550, text: "550 relay not permitted"),
        ]
        for reply in replies {
            for credentialsGiven in [false, true] {
                let stop = DeliveryStop.recipientsRefused(reply, count: 3)
                let line = stop.commandLine(credentialsGiven: credentialsGiven)
                #expect(line.contains("refused 3 recipients in a row and took none (\(reply.text))"), "\(line)")
                #expect(line.contains("it is refusing our recipients, not the addresses"), "\(line)")
                #expect(line.contains("nobody was recorded as refused"), "\(line)")
                #expect(line.contains("DIGEST_SMTP_USER and DIGEST_SMTP_PASSWORD, or --smtp-config"), "\(line)")
                #expect(line.contains("this machine may relay through it"), "\(line)")
                #expect(line.hasSuffix("then run send again"), "\(line)")
            }
        }
    }
}
