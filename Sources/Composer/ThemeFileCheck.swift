import Foundation
import Yams

/// What `theme.yaml` may say, checked on the YAML tree before it is decoded: a key the theme does not have (a typo
/// like `stories_per_sectoin`, which decoding would pass over, leaving the default in force) is an error naming its
/// line and the nearest known key; a value of the wrong type is reported with its line and field in words.
enum ThemeFileCheck {
    /// The keys of one mapping, and the shape of those that hold mappings or lists of mappings.
    struct Shape {
        var keys: [String]
        var mappings: [String: Shape] = [:]
        var listsOfMappings: [String: Shape] = [:]
    }

    static let colors = Shape(keys: ["accent", "text", "background", "muted"])

    /// The whole file's shape, from the decoders' own keys so the two cannot drift apart.
    static let theme = Shape(
        keys: ThemeSettings.CodingKeys.allCases.map(\.rawValue),
        mappings: [
            ThemeSettings.CodingKeys.sender.rawValue: Shape(
                keys: ThemeSettings.Sender.CodingKeys.allCases.map(\.rawValue)),
            ThemeSettings.CodingKeys.colors.rawValue: colors,
            ThemeSettings.CodingKeys.leaveOut.rawValue: Shape(keys: LeaveOut.CodingKeys.allCases.map(\.rawValue)),
        ],
        listsOfMappings: [
            ThemeSettings.CodingKeys.sections.rawValue: Shape(
                keys: ThemeSettings.Section.CodingKeys.allCases.map(\.rawValue))
        ])

    /// Throws `ComposerError(.invalidTheme)` for the first key `root` has that the theme does not know.
    static func checkKeys(_ root: Node, file: String) throws {
        try check(root, shape: theme, path: "", file: file)
    }

    private static func check(_ node: Node, shape: Shape, path: String, file: String) throws {
        guard let mapping = node.mapping else { return }  // the decoder reports a wrong shape, with its line
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            let field = path.isEmpty ? name : "\(path).\(name)"
            guard shape.keys.contains(name) else {
                var message = "\(file): line \(line(of: key)): unknown field '\(field)'"
                if let near = nearest(to: name, in: shape.keys) {
                    message += " (did you mean '\(path.isEmpty ? near : "\(path).\(near)")'?)"
                } else {
                    message += " (known here: \(shape.keys.sorted().joined(separator: ", ")))"
                }
                throw ComposerError(.invalidTheme, message)
            }
            if let inner = shape.mappings[name] {
                try check(value, shape: inner, path: field, file: file)
            } else if let inner = shape.listsOfMappings[name], let items = value.sequence {
                for (index, item) in items.enumerated() {
                    try check(item, shape: inner, path: "\(field)[\(index)]", file: file)
                }
            }
        }
    }

    /// The known key closest to `name` in edit distance, when it is close enough to be a slip (a third of its
    /// length, at least two edits).
    static func nearest(to name: String, in keys: [String]) -> String? {
        var best: (key: String, edits: Int)?
        for key in keys.sorted() {
            let edits = distance(name, key)
            if best == nil || edits < best!.edits { best = (key, edits) }
        }
        guard let best, best.edits <= max(2, name.count / 3) else { return nil }
        return best.key
    }

    /// Levenshtein distance, with a swap of two neighbouring letters counting as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }

    // MARK: Decoding errors

    /// A decoding error in words, located on the YAML tree: `line 12, field 'stories_per_section': expected a whole
    /// number, found 'three'`.
    static func describe(_ error: DecodingError, root: Node?) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        func located(_ codingPath: [any CodingKey]) -> String {
            guard let root, let node = node(at: codingPath, in: root) else { return "" }
            return "line \(line(of: node)), "
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            // A missing top-level field has no line; a nested one is missing from the mapping on this line.
            return (context.codingPath.isEmpty ? "" : located(context.codingPath))
                + "missing field '\(parent.isEmpty ? "" : parent + ".")\(key.stringValue)'"
        case .dataCorrupted(let context) where context.underlyingError is YamlError:
            return (context.underlyingError as? YamlError).map(Theme.describe) ?? context.debugDescription
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let found = root.flatMap { node(at: context.codingPath, in: $0) }.map(Self.found) ?? "nothing"
            return located(context.codingPath) + "field '\(path(context.codingPath))': expected \(expected(type)), "
                + "found \(found)"
        case .dataCorrupted(let context):
            return located(context.codingPath) + "field '\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// The node a decoder's coding path leads to.
    static func node(at codingPath: [any CodingKey], in root: Node) -> Node? {
        var current = root
        for key in codingPath {
            if let index = key.intValue, let items = current.sequence {
                guard index < items.count else { return nil }
                current = items[index]
            } else if let mapping = current.mapping, let value = mapping[key.stringValue] {
                current = value
            } else {
                return nil
            }
        }
        return current
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is Int32.Type: return "a whole number"
        case is Double.Type, is Float.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is String.Type: return "text"
        case is [String].Type: return "a list of text, like [a, b]"
        default:
            let name = "\(type)"
            // Yams names the node it wanted when it finds another kind (a list where one value goes).
            if name.hasSuffix("Scalar") { return "a single value" }
            if name.hasSuffix("Sequence") || name.hasPrefix("Array<") { return "a list" }
            if name.hasSuffix("Mapping") { return "a mapping of fields" }
            if name.hasPrefix("Dictionary<") || name.contains("Settings") || name.contains("Sender")
                || name.contains("Colors") || name.contains("LeaveOut") || name.contains("Section")
            {
                return "a mapping of fields"
            }
            return name
        }
    }

    private static func found(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" { return "nothing (empty)" }
            let text = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string
            return "'\(text)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The 1-based line a node starts on (0 when Yams gives none).
    static func line(of node: Node) -> Int { node.mark?.line ?? 0 }
}
