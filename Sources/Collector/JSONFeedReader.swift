import Foundation
import Storage

/// Reads a JSON Feed (version 1 or 1.1), checking the type of every field it uses.
///
/// The same rule as for XML feeds: what can be read is kept and what cannot is named. An item that is not an
/// object, or that has a field of the wrong type (`"title": 5`), is left out and named by its index and field
/// (`items[3].title: expected text, found a number`); the other items are read. A feed whose own fields are of the
/// wrong shape (`"items": "x"`, `"title": []`) is not read at all, with an error naming the field.
enum JSONFeedReader {
    /// The feed, and a warning naming the items left out (nil when every item was read).
    static func parse(_ data: Data, location: String?, source: String) throws -> (Feed, String?) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw CollectorError(.malformed, source: source, message: StoredJSON.describe(error, in: data))
        }
        guard let feed = object as? [String: Any], let version = feed["version"] as? String,
            version.contains("jsonfeed.org")
        else {
            throw CollectorError(.unsupportedType, source: source, message: "JSON, but not a JSON Feed (no version)")
        }
        let top = Fields(object: feed, path: "")
        let title: String?
        let home: String?
        let language: String?
        let feedAuthor: String?
        let elements: [Any]
        do {
            title = try top.string("title")
            home = try top.string("home_page_url").map { FeedParser.resolve($0, against: location) } ?? location
            language = try top.string("language")
            feedAuthor = try top.authorName()
            guard let list = feed["items"] else { throw Problem(field: "items", text: "missing (a feed lists items)") }
            guard let items = list as? [Any] else {
                throw Problem(field: "items", text: "expected a list of items, found \(Fields.kind(of: list))")
            }
            elements = items
        } catch let problem as Problem {
            throw CollectorError(.malformed, source: source, message: problem.description)
        }
        var items: [FeedItem] = []
        var problems: [Problem] = []
        for (index, element) in elements.enumerated() {
            guard let object = element as? [String: Any] else {
                problems.append(
                    Problem(
                        field: "items[\(index)]",
                        text: "expected an item (an object), found \(Fields.kind(of: element))"))
                continue
            }
            do {
                items.append(
                    try item(Fields(object: object, path: "items[\(index)]"), home: home, feedAuthor: feedAuthor))
            } catch let problem as Problem {
                problems.append(problem)
            }
        }
        let parsed = Feed(format: .jsonFeed, title: title, link: home, language: language, items: items)
        guard !problems.isEmpty else { return (parsed, nil) }
        let named =
            problems.prefix(5).map(\.description).joined(separator: "; ")
            + (problems.count > 5 ? "; and \(problems.count - 5) more" : "")
        let left = problems.count == 1 ? "1 item left out" : "\(problems.count) items left out"
        if items.isEmpty {
            throw CollectorError(.malformed, source: source, message: "\(named); no item read")
        }
        let kept = items.count == 1 ? "the other item kept" : "the other \(items.count) items kept"
        return (parsed, "\(named); \(left), \(kept)")
    }

    private static func item(_ fields: Fields, home: String?, feedAuthor: String?) throws -> FeedItem {
        let id: String?
        switch fields.object["id"] {
        case let text as String: id = text
        case let number as NSNumber where !Fields.isBoolean(number): id = number.stringValue
        case nil, is NSNull: id = nil
        case let other?: throw fields.problem("id", expected: "text", found: other)
        }
        var content = try fields.string("content_html")
        if content == nil, let text = try fields.string("content_text") { content = FeedParser.escapeAsHTML(text) }
        let link = try fields.string("url") ?? fields.string("external_url")
        return FeedItem(
            guid: id, title: try fields.string("title"), link: link.map { FeedParser.resolve($0, against: home) },
            summary: try fields.string("summary"), content: content, author: try fields.authorName() ?? feedAuthor,
            source: nil, published: try fields.string("date_published").flatMap(DateParsing.date(from:)),
            updated: try fields.string("date_modified").flatMap(DateParsing.date(from:)),
            language: try fields.string("language"))
    }

    /// A field of the wrong type, named by its path.
    struct Problem: Error, CustomStringConvertible {
        var field: String
        var text: String
        var description: String { "\(field): \(text)" }
    }

    /// The fields of one object, read with their types checked; `null` counts as absent.
    struct Fields {
        let object: [String: Any]
        let path: String

        func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

        func problem(_ key: String, expected: String, found value: Any) -> Problem {
            Problem(field: name(key), text: "expected \(expected), found \(Fields.kind(of: value))")
        }

        func string(_ key: String) throws -> String? {
            switch object[key] {
            case nil, is NSNull: return nil
            case let text as String: return text
            case let other?: throw problem(key, expected: "text", found: other)
            }
        }

        /// `authors[0].name` (JSON Feed 1.1), else `author.name` (1.0).
        func authorName() throws -> String? {
            switch object["authors"] {
            case nil, is NSNull: break
            case let list as [Any]:
                guard let first = list.first else { break }
                guard let author = first as? [String: Any] else {
                    throw Problem(
                        field: name("authors[0]"),
                        text: "expected an author (an object), found \(Fields.kind(of: first))")
                }
                if let found = try Fields(object: author, path: name("authors[0]")).string("name") { return found }
            case let other?: throw problem("authors", expected: "a list of authors", found: other)
            }
            switch object["author"] {
            case nil, is NSNull: return nil
            case let author as [String: Any]: return try Fields(object: author, path: name("author")).string("name")
            case let other?: throw problem("author", expected: "an author (an object)", found: other)
            }
        }

        /// A JSON value's kind in words.
        static func kind(of value: Any) -> String {
            switch value {
            case let number as NSNumber: return isBoolean(number) ? "\(number.boolValue)" : "a number (\(number))"
            case let text as String: return "text ('\(text.count > 30 ? String(text.prefix(30)) + "…" : text)')"
            case is [Any]: return "a list"
            case is [String: Any]: return "an object"
            case is NSNull: return "null"
            default: return "\(type(of: value))"
            }
        }

        /// JSONSerialization gives `true` and `false` as NSNumbers of type char.
        static func isBoolean(_ number: NSNumber) -> Bool {
            String(cString: number.objCType) == "c"
        }
    }
}
