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
