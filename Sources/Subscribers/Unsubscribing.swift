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

/// Who to unsubscribe: an address, or the reader an unsubscribe token names (checked with the secret).
public enum Unsubscriber: Sendable {
    /// This address.
    case address(EmailAddress)
    /// The address the token was made for, when it is genuine for the list.
    case token(String, secret: UnsubscribeSecret)
}

/// What an unsubscribe did: who, and whether their status changed.
public struct Unsubscribed: Sendable, Equatable {
    /// The address unsubscribed.
    public var email: EmailAddress
    /// False when they were unsubscribed already.
    public var changed: Bool
    /// The list file.
    public var listFile: URL

    /// `Unsubscribed a@example.org from <list>`, or `a@example.org was already unsubscribed from <list>`.
    public var summary: String {
        changed
            ? "Unsubscribed \(email) from \(listFile.path)" : "\(email) was already unsubscribed from \(listFile.path)"
    }
}

extension SubscriberList {
    /// Unsubscribes `who` on the list `name` at `url`, under its lock (see `edit`).
    ///
    /// - Throws: `.notFound`, `.invalidToken` (see `unsubscribe(_:)` and `unsubscribe(token:secret:list:)`),
    ///   and the errors of `edit`.
    public static func unsubscribe(_ who: Unsubscriber, list name: String, at url: URL) throws -> Unsubscribed {
        try edit(at: url) { list in
            switch who {
            case .address(let email):
                return Unsubscribed(email: email, changed: try list.unsubscribe(email), listFile: url)
            case .token(let token, let secret):
                let (email, changed) = try list.unsubscribe(token: token, secret: secret, list: name)
                return Unsubscribed(email: email, changed: changed, listFile: url)
            }
        }
    }

    /// Adds `subscriber` to the list at `url` (made when missing), under its lock; returns whether
    /// the address is suppressed, so will not be mailed.
    ///
    /// - Throws: `.duplicateAddress` when the address is on the list already, and the errors of `edit`.
    public static func add(_ subscriber: Subscriber, toListAt url: URL) throws -> Bool {
        try edit(at: url, creatingIfMissing: true) { list in
            try list.add(subscriber)
            return list.isSuppressed(subscriber.email)
        }
    }
}
