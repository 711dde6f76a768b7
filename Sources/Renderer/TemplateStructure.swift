import Foundation

/// The checks a template gets before swift-mustache parses it, for what its parser does not catch: sections nested
/// so deep that parsing and rendering them (both recursive) would run out of stack and crash the program, and
/// partials (`{{>name}}`, `{{<name}}`) that no template provides, which would render as nothing.
///
/// Tags are read as swift-mustache reads them, set-delimiter tags (`{{=<% %>=}}`) included, so changing the
/// delimiters does not hide a section from the count.
enum TemplateStructure {
    /// How deep sections (`#`, `^`, `$`, `<`) may nest. Real templates nest a handful deep; swift-mustache crashes
    /// somewhere in the thousands.
    static let maximumDepth = 100

    /// Throws a located ``RenderError`` for the first section nested deeper than `maximumDepth`, or the first
    /// partial not in `partials`.
    ///
    /// - Parameter partials: the partials the template may include.
    static func check(
        _ source: String, file: String, partials: Set<String>, maximumDepth: Int = maximumDepth
    ) throws(RenderError) {
        let bytes = Array(source.utf8)
        var opening = Array("{{".utf8)
        var closing = Array("}}".utf8)
        var depth = 0
        var position = 0
        while let start = find(opening, in: bytes, from: position) {
            let bodyStart = start + opening.count
            var tagClosing = closing
            // A triple mustache `{{{name}}}` ends with one more brace.
            if opening == Array("{{".utf8), bodyStart < bytes.count, bytes[bodyStart] == UInt8(ascii: "{") {
                tagClosing = Array("}".utf8) + closing
            }
            // An unfinished tag is the parser's to report, with its own location.
            guard let end = find(tagClosing, in: bytes, from: bodyStart) else { return }
            position = end + tagClosing.count
            guard bodyStart < end else { continue }
            let sigil = bytes[bodyStart]
            let name = String(decoding: bytes[(bodyStart + 1)..<end], as: UTF8.self)
                .trimmingCharacters(in: .whitespaces)
            switch sigil {
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"):
                depth += 1
                if depth > maximumDepth {
                    throw located(
                        start, in: bytes, file: file, code: .nestedTooDeep,
                        message: "sections are nested more than \(maximumDepth) deep here (\"\(name)\"); "
                            + "a template may nest at most \(maximumDepth) sections")
                }
                if sigil == UInt8(ascii: "<") { try checkPartial(name, at: start, in: bytes, file: file, partials) }
            case UInt8(ascii: "/"):
                depth = max(depth - 1, 0)
            case UInt8(ascii: ">"):
                try checkPartial(name, at: start, in: bytes, file: file, partials)
            case UInt8(ascii: "="):
                // `{{=<% %>=}}`: the two new delimiters, between the equals signs.
                guard bytes[end - 1] == UInt8(ascii: "=") else { return }
                let inner = String(decoding: bytes[(bodyStart + 1)..<(end - 1)], as: UTF8.self)
                let parts = inner.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard parts.count == 2 else { return }  // the parser reports a badly formed one
                opening = Array(parts[0].utf8)
                closing = Array(parts[1].utf8)
            default:
                break
            }
        }
    }

    private static func checkPartial(
        _ name: String, at offset: Int, in bytes: [UInt8], file: String, _ partials: Set<String>
    ) throws(RenderError) {
        guard !partials.contains(name) else { return }
        let known =
            partials.isEmpty
            ? "this template can include none (each of a theme's email templates is complete in itself)"
            : "the partials it can include are \(partials.sorted().map { "'\($0)'" }.joined(separator: ", "))"
        throw located(
            offset, in: bytes, file: file, code: .unknownPartial,
            message: "unknown partial '\(name)': \(known)")
    }

    private static func located(
        _ offset: Int, in bytes: [UInt8], file: String, code: RenderError.Code, message: String
    ) -> RenderError {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        var lineEnd = offset
        while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        let sourceLine = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        return RenderError(
            code: code, file: file, line: line, column: column,
            sourceLine: sourceLine.count > 200 ? String(sourceLine.prefix(200)) + "…" : sourceLine, message: message)
    }

    /// The first offset at or after `from` where `needle` starts in `bytes`.
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var index = from
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var matches = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matches = false
                    break
                }
                if matches { return index }
            }
            index += 1
        }
        return nil
    }
}
