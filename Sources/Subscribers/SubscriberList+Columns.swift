import Foundation
import NewsValues

// MARK: - Columns

/// How the list's columns map to a subscriber's fields, both ways: a row read into a ``Subscriber``
/// (with the first reason it cannot be used), and a subscriber written back in the file's column order.
extension SubscriberList {
    /// The standard column a header name stands for (`added-at` is read as `added_at`).
    static func column(named name: String) -> String? {
        switch name {
        case "email", "name", "sections", "status", "added_at", "source": name
        case "added-at": "added_at"
        default: nil
        }
    }

    /// The subscriber in one row, or the first reason it cannot be used.
    static func subscriber(
        fields: [String], keys: [String?], header: [String]
    ) throws(SubscribersError) -> Subscriber {
        guard let emailIndex = keys.firstIndex(where: { $0 == "email" }) else {
            throw SubscribersError(.invalidHeader, "the header row has no 'email' column")
        }
        let email = try EmailAddress(trimmed(fields[emailIndex]))
        var subscriber = Subscriber(email: email)
        for (index, value) in fields.enumerated() {
            switch keys[index] {
            case "email":
                continue
            case "name":
                subscriber.name = value
            case "sections":
                subscriber.sections =
                    value.isEmpty
                    ? []
                    : value.split(separator: ";").map { trimmed($0) }
                        .filter { !$0.isEmpty }
            case "status":
                let text = trimmed(value)
                if text.isEmpty {
                    subscriber.status = .active
                } else if let status = SubscriberStatus(rawValue: text) ?? SubscriberStatus(rawValue: text.lowercased())
                {
                    subscriber.status = status
                } else {
                    let known = SubscriberStatus.allCases.map(\.rawValue).joined(separator: ", ")
                    throw SubscribersError(
                        .invalidField, "status '\(EmailAddress.printable(value))' is not one of \(known)")
                }
            case "added_at":
                let text = trimmed(value)
                if !text.isEmpty {
                    guard let date = ISO8601.parse(text) else {
                        throw SubscribersError(
                            .invalidField,
                            "added_at '\(EmailAddress.printable(value))' is not an ISO 8601 date"
                                + " like 2026-01-05T09:40:00Z"
                        )
                    }
                    subscriber.addedAt = date
                    subscriber.addedAtText = value
                }
            case "source":
                subscriber.source = value
            default:
                subscriber.extraFields.append(Subscriber.Field(name: header[index], value: value))
            }
        }
        if let reason = fieldProblem(subscriber) { throw SubscribersError(.invalidField, reason) }
        return subscriber
    }

    /// Why a subscriber's values cannot be stored, if they cannot.
    static func fieldProblem(_ subscriber: Subscriber) -> String? {
        if subscriber.name.count > Subscriber.maximumNameLength {
            return "the name has \(subscriber.name.count) characters; at most \(Subscriber.maximumNameLength) are kept "
                + "(a name is what a greeting and a To: header show)"
        }
        if subscriber.name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "the name '\(EmailAddress.printable(subscriber.name))' contains a line break or control character"
        }
        for section in subscriber.sections
        where section.isEmpty
            || section.unicodeScalars.contains(where: {
                $0 == ";" || $0.value < 0x21 || (!$0.isASCII && $0.properties.isWhitespace)
            })
        {
            return "the section id '\(EmailAddress.printable(section))' is empty or has a ';', space or line break"
        }
        return nil
    }

    func check(_ subscriber: Subscriber) throws(SubscribersError) {
        if let reason = Self.fieldProblem(subscriber) {
            throw SubscribersError(.invalidField, "\(subscriber.email): \(reason)", file: file?.path)
        }
    }

    /// A subscriber's fields in the order of `columns`; `keys` holds the standard column each
    /// column stands for (nil for an extra one).
    func fields(of subscriber: Subscriber, keys: [String?]) -> [String] {
        var extras = subscriber.extraFields[...]
        return zip(columns, keys).map { name, key in
            switch key {
            case "email": return subscriber.email.description
            case "name": return subscriber.name
            case "sections": return subscriber.sections.joined(separator: ";")
            case "status": return subscriber.status.rawValue
            case "added_at": return subscriber.addedAtText ?? subscriber.addedAt.map(ISO8601.format) ?? ""
            case "source": return subscriber.source
            default:
                if let index = extras.firstIndex(where: { $0.name == name }) {
                    let value = extras[index].value
                    extras.remove(at: index)
                    return value
                }
                return ""
            }
        }
    }
}
