import Foundation

extension SubscriberList {
    /// Marks the subscriber with this address as unsubscribed; returns false when they already were.
    ///
    /// - Throws: `.notFound` when the address is not on the list.
    @discardableResult
    public mutating func unsubscribe(_ email: EmailAddress) throws(SubscribersError) -> Bool {
        guard let current = subscriber(email) else {
            throw SubscribersError(.notFound, "\(email) is not on the list", file: file?.path)
        }
        guard current.status != .unsubscribed else { return false }
        do {
            _ = try update(email) { $0.status = .unsubscribed }
        } catch let error as SubscribersError {
            throw error
        } catch {
            throw SubscribersError(.invalidField, "\(email): \(error)", file: file?.path, underlying: error)
        }
        return true
    }

    /// Unsubscribes the address a token names, when the token is genuine for the list `name`.
    ///
    /// The token carries the address and an HMAC over list and address, so it can only ever
    /// unsubscribe the address it was made for, and only on the list it was made for.
    ///
    /// - Returns: the address, and whether its status changed (false when already unsubscribed).
    /// - Throws: `.invalidToken` when the token is not genuine, `.notFound` when its address is no
    ///   longer on the list.
    public mutating func unsubscribe(
        token: String, secret: UnsubscribeSecret, list name: String
    ) throws(SubscribersError) -> (email: EmailAddress, changed: Bool) {
        let trimmed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let address = secret.verify(trimmed, list: name), let email = try? EmailAddress(address) else {
            throw SubscribersError(
                .invalidToken,
                "the unsubscribe token is not valid for the list '\(name)' (altered, cut short, or made with another"
                    + " secret or for another list)",
                file: file?.path)
        }
        return (email, try unsubscribe(email))
    }
}
