import Curl
import Testing

@testable import Sender

/// How the sender reads the transport's facts of one transfer.
@Suite("SMTP outcomes from libcurl's transfers")
struct SMTPOutcomeTests {
    @Test("a completed transfer is accepted with the server's last final reply")
    func accepted() {
        let transfer = SMTPTransfer(lines: ["250-PIPELINING", "250 2.0.0 Ok: queued as 4F2A"], responseCode: 250)
        #expect(SMTPOutcome(transfer) == .accepted(SMTPReply(code: 250, text: "250 2.0.0 Ok: queued as 4F2A")))
        #expect(SMTPOutcome(SMTPTransfer(lines: [], responseCode: 250)) == .accepted(SMTPReply(code: 250, text: "250")))
    }

    @Test("a refusal is the last 4xx or 5xx line, not the 221 of the QUIT after it")
    func rejected() {
        let failure = SMTPTransfer.Failure(message: "RCPT failed", curlCode: 55, bodyWentOut: false)
        let transfer = SMTPTransfer(
            lines: ["250 OK", "550-5.1.1 mailbox", "550 5.1.1 <gone@example.com>: user unknown", "221 Bye"],
            responseCode: 221, failure: failure)
        #expect(
            SMTPOutcome(transfer)
                == .rejected(SMTPReply(code: 550, text: "550 5.1.1 <gone@example.com>: user unknown")))
        let codeOnly = SMTPTransfer(lines: [], responseCode: 452, failure: failure)
        #expect(SMTPOutcome(codeOnly) == .rejected(SMTPReply(code: 452, text: "452 (RCPT failed)")))
    }

    @Test("a lost connection is not sent before the body went out, unknown after")
    func lost() {
        let before = SMTPTransfer.Failure(message: "Send failure: Broken pipe", curlCode: 55, bodyWentOut: false)
        #expect(
            SMTPOutcome(SMTPTransfer(lines: ["250 OK"], responseCode: 250, failure: before))
                == .notSent("Send failure: Broken pipe (libcurl error 55)"))
        var after = before
        after.bodyWentOut = true
        #expect(
            SMTPOutcome(SMTPTransfer(lines: ["354 go ahead"], responseCode: 354, failure: after))
                == .unknown("Send failure: Broken pipe (libcurl error 55)"))
    }
}
