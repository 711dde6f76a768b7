import Foundation

/// Where one pass over a list keeps the addresses it has met, in whatever form its caller keeps
/// them most compactly (the sender keeps them in its ledger's index, a few bytes each).
public protocol RecipientRegister {
    /// What taking a recipient gives the pass's body (the ledger entry, the attempt…).
    associatedtype Claim

    /// Notes a usable row with `address`; false when an earlier row has the very same address,
    /// so this one is a duplicate and is not used.
    mutating func noteListed(_ address: EmailAddress) -> Bool

    /// Takes `subscriber` for this pass; nil when they are taken already (another spelling of
    /// their address, differing in case only, is the same recipient) or not wanted in it.
    mutating func claim(_ subscriber: Subscriber) -> Claim?
}

extension SubscriberListReader {
    /// The one pass over the list that every use of its recipients makes (planning a send, sending,
    /// a dry run): from the first row, each row that cannot be used and each duplicate is reported
    /// once to `problem`, and each recipient (active, not suppressed, `including` their address)
    /// is handed to `body` once, in list order, with what `register` gave for them.
    ///
    /// - Parameter body: returns false to end the pass early.
    /// - Returns: how many usable rows the list has, duplicates left out (those read, when `body`
    ///   ended the pass early).
    /// - Throws: `SubscribersError` when the file cannot be read on; whatever `body` throws.
    @discardableResult
    public func forEachRecipient<Register: RecipientRegister>(
        register: inout Register, including: (EmailAddress) -> Bool = { _ in true },
        problem: (SubscribersError) -> Void = { _ in },
        _ body: (Subscriber, Register.Claim) throws -> Bool
    ) throws -> Int {
        var listed = 0
        rewind()
        while let row = try next() {
            let subscriber: Subscriber
            switch row {
            case .problem(let error):
                problem(error)
                continue
            case .subscriber(let listedSubscriber):
                subscriber = listedSubscriber
            }
            guard register.noteListed(subscriber.email) else {
                problem(
                    .duplicate(
                        subscriber.email, firstLine: firstLine(of: subscriber.email), file: url.path,
                        line: subscriber.line))
                continue
            }
            listed += 1
            guard isRecipient(subscriber), including(subscriber.email), let claim = register.claim(subscriber)
            else { continue }
            guard try body(subscriber, claim) else { break }
        }
        return listed
    }
}
