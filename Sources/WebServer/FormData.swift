import Foundation
import NewsValues

/// The fields of a form: a query string, an `application/x-www-form-urlencoded` body or a `multipart/form-data` one
/// (RFC 8058 lets a mail provider's one-click POST be either).
struct FormData: Sendable, Equatable {
    /// The fields in the order given, names and values decoded.
    private(set) var fields: [(name: String, value: String)] = []

    static func == (lhs: FormData, rhs: FormData) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// The first value of a field.
    subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Every value of a field, in order (a group of checkboxes sends one field per box ticked).
    func values(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    init() {}

    /// Fields from `name=value&…` (a query string or a urlencoded body): `+` is a space, `%XX` a byte, invalid UTF-8
    /// becomes U+FFFD.
    init(urlEncoded text: Substring) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            guard !name.isEmpty else { continue }
            fields.append((name, parts.count > 1 ? Self.decode(parts[1]) : ""))
        }
    }

    /// Fields from a request body of the given `Content-Type`; nil when the type is neither form encoding or the
    /// multipart body cannot be read.
    init?(body: [UInt8], contentType: String?) {
        let type = MediaType(contentType ?? "")
        switch type.essence {
        case "application/x-www-form-urlencoded":
            self.init(urlEncoded: Substring(decoding: body, as: UTF8.self))
        case "multipart/form-data":
            guard let boundary = type.parameters["boundary"], !boundary.isEmpty,
                let fields = Self.multipartFields(body, boundary: boundary)
            else { return nil }
            self.init()
            self.fields = fields
        default:
            return nil
        }
    }

    private static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                let high = iterator.next()
                let low = iterator.next()
                if let high, let low, let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                    bytes.append(value)
                } else {
                    // A stray % is kept as written.
                    bytes.append(byte)
                    if let high { bytes.append(high) }
                    if let low { bytes.append(low) }
                }
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text fields of a `multipart/form-data` body (RFC 7578); parts without a `name` are skipped.
    private static func multipartFields(_ body: [UInt8], boundary: String) -> [(name: String, value: String)]? {
        let delimiter = Array("--\(boundary)".utf8)
        let lineBreak = Array("\r\n".utf8)
        var fields: [(name: String, value: String)] = []
        guard var position = find(delimiter, in: body, from: 0) else { return nil }
        while true {
            position += delimiter.count
            // "--" after a delimiter closes the body.
            if body[position...].starts(with: Array("--".utf8)) { return fields }
            guard body[position...].starts(with: lineBreak) else { return nil }
            let headersStart = position + 2
            let headers: String
            let contentStart: Int
            if body[headersStart...].starts(with: lineBreak) {
                headers = ""
                contentStart = headersStart + 2
            } else {
                guard let headersEnd = find(Array("\r\n\r\n".utf8), in: body, from: headersStart) else { return nil }
                headers = String(decoding: body[headersStart..<headersEnd], as: UTF8.self)
                contentStart = headersEnd + 4
            }
            guard let next = find(lineBreak + delimiter, in: body, from: contentStart) else { return nil }
            if let name = partName(headers) {
                fields.append((name, String(decoding: body[contentStart..<next], as: UTF8.self)))
            }
            position = next + 2
        }
    }

    /// The `name` parameter of a part's `Content-Disposition: form-data; name="…"` header.
    private static func partName(_ headers: String) -> String? {
        for line in headers.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition"
            else { continue }
            let disposition = MediaType(String(parts[1]))
            guard disposition.essence == "form-data" else { return nil }
            return disposition.parameters["name"]
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start >= 0, haystack.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}

/// A header value made of a type and `; name=value` parameters (`Content-Type`, `Content-Disposition`).
struct MediaType {
    /// The type, lower-cased, without parameters: `multipart/form-data`.
    var essence: String
    /// The parameters, names lower-cased, quoted values unquoted.
    var parameters: [String: String] = [:]

    init(_ value: String) {
        var rest = Substring(value)
        let end = rest.firstIndex(of: ";") ?? rest.endIndex
        essence = rest[..<end].trimmingCharacters(in: .whitespaces).lowercased()
        rest = rest[end...]
        while !rest.isEmpty {
            rest = rest.drop { $0 == ";" || $0 == " " || $0 == "\t" }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let name = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            var parameterValue = ""
            if rest.first == "\"" {
                (parameterValue, rest) = QuotedString.read(afterOpeningQuote: rest.dropFirst())
                rest = rest.drop { $0 != ";" }
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                parameterValue = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            if !name.isEmpty { parameters[name] = parameterValue }
        }
    }
}
