/// Decodes HTML character references left in text, such as entities that were escaped twice
/// (`&amp;rsquo;` reaches us as `&rsquo;` after the parser's own pass).
enum HTMLEntities {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "rsquo": "\u{2019}", "lsquo": "\u{2018}", "rdquo": "\u{201D}", "ldquo": "\u{201C}",
        "ndash": "\u{2013}", "mdash": "\u{2014}", "hellip": "\u{2026}", "middot": "\u{00B7}",
        "bull": "\u{2022}", "copy": "\u{00A9}", "reg": "\u{00AE}", "trade": "\u{2122}", "deg": "\u{00B0}",
        "eacute": "é", "egrave": "è", "aacute": "á", "agrave": "à", "oacute": "ó", "uacute": "ú",
        "iacute": "í", "ntilde": "ñ", "ccedil": "ç", "ouml": "ö", "uuml": "ü", "auml": "ä", "szlig": "ß",
        "pound": "£", "euro": "€", "yen": "¥", "cent": "¢", "times": "×", "frac12": "½", "shy": "",
        "zwj": "\u{200D}", "zwnj": "\u{200C}", "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}",
    ]

    /// Replaces every `&name;`, `&#NNN;` and `&#xHHH;` it recognises; leaves the rest untouched.
    /// Runs twice at most, for text that was escaped twice.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let once = decodeOnce(text)
        return once.utf8.contains(UInt8(ascii: "&")) ? decodeOnce(once) : once
    }

    private static func decodeOnce(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        while let amp = text[index...].firstIndex(of: "&") {
            output += text[index..<amp]
            let afterAmp = text.index(after: amp)
            guard let semi = text[afterAmp...].prefix(12).firstIndex(of: ";") else {
                output.append("&")
                index = afterAmp
                continue
            }
            let name = text[afterAmp..<semi]
            if let replacement = replacement(for: name) {
                output += replacement
                index = text.index(after: semi)
            } else {
                output.append("&")
                index = afterAmp
            }
        }
        output += text[index...]
        return output
    }

    private static func replacement(for name: Substring) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits)
            }
            guard let value, let scalar = Unicode.Scalar(value), value != 0 else { return nil }
            return String(Character(scalar))
        }
        return named[String(name)]
    }
}
