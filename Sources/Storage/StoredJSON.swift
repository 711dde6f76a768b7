import Foundation

/// How the newsletter's JSON documents (articles, composed issues) are written and read: pretty,
/// keys sorted so a re-save of unchanged data gives the same bytes, dates in ISO 8601.
public enum StoredJSON {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

extension StoredJSON {
    /// Why `data` could not be read as JSON, in words that point into it: for malformed JSON, the line and
    /// column (and byte offset) of the fault; for a document of the wrong shape, the field, what it should be and
    /// what it is (`field 'sections[0].title': expected text, found a number`).
    public static func describe(_ error: any Error, in data: Data) -> String {
        if let error = error as? DecodingError {
            return describe(error, in: data)
        }
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain, nsError.code == 3840 {
            let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String ?? "not valid JSON"
            return "malformed JSON, " + syntaxLocation(detail, in: data)
        }
        return nsError.localizedDescription
    }

    private static func describe(_ error: DecodingError, in data: Data) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
            return text.isEmpty ? "the document" : "field '\(text)'"
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            // The decoder does not say where the syntax goes wrong; the parser does.
            do {
                _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            } catch {
                return describe(error, in: data)
            }
            return "malformed JSON: \(context.debugDescription)"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "missing field '\(key.stringValue)'" + (context.codingPath.isEmpty ? "" : " in \(parent)")
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(words(for: type)), \(found(context.debugDescription))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(words(for: type)), found null"
        @unknown default:
            return "\(error)"
        }
    }

    /// "Expected to decode Int but found a string instead." → "found a string".
    private static func found(_ text: String) -> String {
        guard let range = text.range(of: "but found ") else { return text }
        var rest = text[range.upperBound...]
        if rest.hasSuffix(" instead.") { rest = rest.dropLast(" instead.".count) }
        return "found " + rest
    }

    private static func words(for type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is Date.Type: return "a date"
        default:
            let name = "\(type)"
            return name.hasPrefix("Array<") ? "a list" : name.hasPrefix("Dictionary<") ? "an object" : name
        }
    }

    /// `line 3, column 14 (byte 52): invalid value`, from the parser's "… around character 52." (a byte offset).
    static func syntaxLocation(_ detail: String, in data: Data) -> String {
        let bytes = [UInt8](data)
        var offset = bytes.count
        var reason = detail
        if let range = detail.range(of: " around character ") {
            let digits = detail[range.upperBound...].prefix(while: \.isNumber)
            offset = min(Int(digits) ?? bytes.count, bytes.count)
            reason = String(detail[..<range.lowerBound])
        }
        if reason.hasSuffix(".") { reason.removeLast() }
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        let first = reason.first.map { String($0).lowercased() + reason.dropFirst() } ?? reason
        return "line \(line), column \(column) (byte \(offset)): \(first)"
    }
}
