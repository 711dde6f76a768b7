import Foundation

/// Where a subscriber stands: only `active` subscribers are sent the newsletter.
public enum SubscriberStatus: String, Sendable, CaseIterable, Codable {
    /// Receives every issue.
    case active
    /// Asked to stop.
    case unsubscribed
    /// Mail to the address bounced for good.
    case bounced
    /// Marked an issue as spam.
    case complained
}

/// One row of a subscriber list.
public struct Subscriber: Sendable, Equatable {
    /// A column of the file that `digest` does not know, kept and written back unchanged.
    public struct Field: Sendable, Hashable {
        /// The column's name in the header row.
        public var name: String
        /// This subscriber's value in that column.
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The address mail goes to.
    public var email: EmailAddress
    /// The name to greet them by and to show in the `To:` header; may be empty.
    public var name: String
    /// The longest name a list accepts: enough for any real name, and a 1 MB one is refused with
    /// its line rather than carried into every stage.
    public static let maximumNameLength = 200
    /// The section ids they chose; empty means every section.
    public var sections: [String]
    /// Whether they receive mail.
    public var status: SubscriberStatus
    /// When they were added, if known.
    public var addedAt: Date? {
        didSet { addedAtText = nil }
    }
    /// Where the subscription came from: a sign-up form, an import, a consent note.
    public var source: String
    /// The values of columns `digest` does not know, in the file's column order.
    public var extraFields: [Field]
    /// The 1-based line the subscriber was read from; nil for one added in this run.
    public internal(set) var line: Int?

    /// `added_at` as written in the file, reused on save while `addedAt` is unchanged.
    var addedAtText: String?

    /// Creates a subscriber.
    public init(
        email: EmailAddress, name: String = "", sections: [String] = [], status: SubscriberStatus = .active,
        addedAt: Date? = nil, source: String = "", extraFields: [Field] = []
    ) {
        self.email = email
        self.name = name
        self.sections = sections
        self.status = status
        self.addedAt = addedAt
        self.source = source
        self.extraFields = extraFields
    }

    /// Whether the subscriber wants the section with this id (everyone wants every section by default).
    public func wantsSection(_ id: String) -> Bool {
        sections.isEmpty || sections.contains(id)
    }

    /// Equal when every value is equal; the line read from and the spelling of `added_at` do not count.
    public static func == (lhs: Subscriber, rhs: Subscriber) -> Bool {
        lhs.email == rhs.email && lhs.name == rhs.name && lhs.sections == rhs.sections && lhs.status == rhs.status
            && lhs.addedAt == rhs.addedAt && lhs.source == rhs.source && lhs.extraFields == rhs.extraFields
    }
}
