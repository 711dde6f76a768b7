import Foundation

/// A validated e-mail address: a dot-atom local part and a domain name (RFC 5321).
///
/// The domain is stored lower-cased in Unicode normalisation form C, so two addresses that differ
/// only in the case of the domain are equal; the local part is kept as written (it is
/// case-sensitive by the standard). Quoted local parts, address literals (`[192.0.2.1]`) and
/// non-ASCII local parts (which need SMTPUTF8) are refused with a reason that says so.
public struct EmailAddress: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The part before the `@`, as written.
    public let localPart: String
    /// The part after the `@`, lower-cased; may hold non-ASCII letters (an internationalised domain).
    public let domain: String

    /// Validates `text` as an address with nothing around it (no display name, no spaces).
    ///
    /// - Throws: `SubscribersError` with code `.invalidAddress` and a reason naming the fault.
    public init(_ text: String) throws(SubscribersError) {
        // Most addresses are plain ASCII and valid: one pass over the bytes settles those. Anything
        // else goes through the checks below, which also say what is wrong.
        if let (local, domain) = EmailAddress.validASCII(text) {
            self.localPart = local
            self.domain = domain
            return
        }
        func refuse(_ why: String) -> SubscribersError {
            SubscribersError(.invalidAddress, "'\(EmailAddress.printable(text))': \(why)")
        }
        if text.isEmpty { throw refuse("the address is empty") }
        if text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw refuse("it contains a line break (CR or LF)")
        }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) {
            throw refuse("it contains a control character")
        }
        if text.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) {
            throw refuse(
                "it holds a display name or angle brackets; give the bare address (the name has its own field)")
        }
        // ASCII spaces are checked directly: looking up Unicode properties is slow, and most addresses are ASCII.
        if text.unicodeScalars.contains(where: {
            $0 == " " || $0 == "\t" || (!$0.isASCII && $0.properties.isWhitespace)
        }) {
            throw refuse("it contains a space")
        }
        // Found among the scalars: a combining mark after the '@' would make the two one Character.
        guard let at = text.unicodeScalars.lastIndex(of: "@") else { throw refuse("it has no '@'") }
        let local = String(text.unicodeScalars[..<at])
        let rawDomain = String(text.unicodeScalars[text.unicodeScalars.index(after: at)...])
        if local.hasPrefix("\"") { throw refuse("quoted local parts (\"...\"@) are not accepted") }
        if local.isEmpty { throw refuse("nothing comes before the '@'") }
        if local.utf8.contains(UInt8(ascii: "@")) { throw refuse("it has more than one '@'") }
        if local.utf8.count > 64 { throw refuse("the part before the '@' is longer than 64 octets") }
        if let bad = local.unicodeScalars.first(where: { !$0.isASCII }) {
            throw refuse("the part before the '@' has the non-ASCII character '\(bad)' (SMTPUTF8 is not supported)")
        }
        if let bad = local.unicodeScalars.first(where: { !EmailAddress.isAtext($0) && $0 != "." }) {
            throw refuse("the part before the '@' has the character '\(bad)', which needs quoting")
        }
        let dot = UInt8(ascii: ".")
        if local.hasPrefix(".") || local.hasSuffix(".")
            || zip(local.utf8, local.utf8.dropFirst()).contains(where: {
                $0 == dot && $1 == dot
            })
        {
            throw refuse("the part before the '@' starts or ends with a dot, or has two dots in a row")
        }
        if rawDomain.isEmpty { throw refuse("nothing comes after the '@'") }
        if rawDomain.hasPrefix("[") { throw refuse("address literals like [192.0.2.1] are not accepted") }

        var domain = EmailAddress.normalize(domain: rawDomain)
        if domain.utf8.count > 255 { throw refuse("the domain is longer than 255 octets") }
        // An `xn--` label is stored as the Unicode it stands for: one domain, one spelling.
        if domain.hasPrefix("xn--") || domain.contains(".xn--") {
            var decoded: [String] = []
            for label in domain.split(separator: ".", omittingEmptySubsequences: false) {
                guard label.hasPrefix("xn--") else {
                    decoded.append(String(label))
                    continue
                }
                let code = String(label.dropFirst(4))
                guard let unicode = Punycode.decode(code), !unicode.isEmpty,
                    Punycode.encode(unicode) == code || Punycode.encode(unicode.lowercased()) == code
                else {
                    throw refuse("the domain label '\(label)' is not valid Punycode")
                }
                // IDNA (RFC 5891, 4.2.3.1 and 5.4): an xn-- label stands for a name with a non-ASCII letter and no
                // "--" in its 3rd and 4th places. Else its decoded form would be read as another label (`xn--…`).
                let scalars = Array(unicode.unicodeScalars)
                if scalars.allSatisfy(\.isASCII) || (scalars.count >= 4 && scalars[2] == "-" && scalars[3] == "-") {
                    throw refuse(
                        "the domain label '\(label)' does not stand for an internationalised name (non-ASCII letters, "
                            + "no '--' in the 3rd and 4th places)")
                }
                decoded.append(unicode)
            }
            domain = EmailAddress.normalize(domain: decoded.joined(separator: "."))
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if labels.count < 2 { throw refuse("the domain '\(domain)' needs at least one dot") }
        for label in labels {
            if label.isEmpty {
                throw refuse("the domain '\(domain)' has an empty label (a dot at an end, or two dots in a row)")
            }
            if let bad = label.unicodeScalars.first(where: { !EmailAddress.isLabelScalar($0) }) {
                throw refuse("the domain has the character '\(bad)'; only letters, digits and hyphens are allowed")
            }
            if let first = label.unicodeScalars.first,
                EmailAddress.combiningMarks.contains(first.properties.generalCategory)
            {
                // IDNA (RFC 5891, 4.2.3.2); stored, it would also join the '@' before it into one character.
                throw refuse("the domain label '\(label)' begins with a combining mark")
            }
            if label.hasPrefix("-") || label.hasSuffix("-") {
                throw refuse("the domain label '\(label)' starts or ends with a hyphen")
            }
            guard let ascii = EmailAddress.asciiLabel(label), ascii.utf8.count <= 63 else {
                throw refuse("the domain label '\(label)' is longer than 63 octets")
            }
        }
        if let top = labels.last, top.allSatisfy(\.isASCII), top.allSatisfy(\.isNumber) {
            throw refuse("the top-level domain '\(top)' is all digits")
        }
        if local.utf8.count + 1 + domain.utf8.count > 254 { throw refuse("the address is longer than 254 octets") }
        self.localPart = local
        self.domain = domain
    }

    /// The kinds of Unicode mark that combine with the character before them.
    private static let combiningMarks: Set<Unicode.GeneralCategory> = [.nonspacingMark, .spacingMark, .enclosingMark]

    /// The local part and lower-cased domain of `text` when it is an ASCII address that passes
    /// every check of `init`; nil when it is not ASCII or has any fault (`init` then finds which).
    private static func validASCII(_ text: String) -> (String, String)? {
        var text = text
        return text.withUTF8 { bytes -> (String, String)? in
            guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return nil }
            let local = UnsafeBufferPointer(rebasing: bytes[..<at])
            let domain = UnsafeBufferPointer(rebasing: bytes[(at + 1)...])
            let dot = UInt8(ascii: ".")
            guard !local.isEmpty, local.count <= 64, local.first != dot, local.last != dot else { return nil }
            var previous: UInt8 = 0
            for byte in local {
                guard byte == dot ? previous != dot : asciiAtext[Int(byte & 0x7F)] && byte < 0x80 else { return nil }
                previous = byte
            }
            // Labels of letters, digits and hyphens, 1 to 63 long, no hyphen at either end; at least two.
            guard !domain.isEmpty, domain.count <= 255 else { return nil }
            var labels = 0
            var labelStart = 0
            var hasUpper = false
            var topIsDigits = true
            for index in 0...domain.count {
                if index == domain.count || domain[index] == dot {
                    let length = index - labelStart
                    guard length > 0, length <= 63, domain[labelStart] != UInt8(ascii: "-"),
                        domain[index - 1] != UInt8(ascii: "-")
                    else { return nil }
                    if length >= 4, domain[labelStart + 2] == UInt8(ascii: "-"),
                        domain[labelStart + 3] == UInt8(ascii: "-")
                    {
                        return nil  // maybe `xn--`: Punycode is decoded on the full path
                    }
                    labels += 1
                    topIsDigits = domain[labelStart..<index].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
                    labelStart = index + 1
                    continue
                }
                let byte = domain[index]
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                    continue
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    hasUpper = true
                default:
                    return nil
                }
            }
            guard labels >= 2, !topIsDigits else { return nil }
            let localText = String(decoding: local, as: UTF8.self)
            let domainText = String(decoding: domain, as: UTF8.self)
            return (localText, hasUpper ? domainText.lowercased() : domainText)
        }
    }

    /// Reads an address stored as a string, validating it again.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try EmailAddress(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Stores the address as the string `local@domain`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// `local@domain`, with the domain lower-cased.
    public var description: String { localPart + "@" + domain }

    /// The domain with each non-ASCII label in its `xn--` Punycode form, for mail headers and SMTP.
    public var asciiDomain: String {
        // Almost every domain is ASCII already; it is asked for with every message sent.
        if domain.utf8.allSatisfy({ $0 < 0x80 }) { return domain }
        return domain.split(separator: ".").map { EmailAddress.asciiLabel(String($0)) ?? String($0) }.joined(
            separator: ".")
    }

    /// The address in ASCII only: `local@` and `asciiDomain`.
    public var ascii: String { localPart + "@" + asciiDomain }

    /// Orders by domain, then local part, for stable listings.
    public static func < (lhs: EmailAddress, rhs: EmailAddress) -> Bool {
        (lhs.domain, lhs.localPart) < (rhs.domain, rhs.localPart)
    }

    /// Lower-case, NFC, and the full stops IDNA treats as dots (`。`, `．`, `｡`) as `.`.
    private static func normalize(domain: String) -> String {
        // Almost every domain is ASCII: lower-casing is all it needs (NFC and the IDNA dots are no-ops).
        if domain.utf8.allSatisfy({ $0 < 0x80 }) {
            return domain.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
                ? domain.lowercased() : domain
        }
        let dots: Set<Unicode.Scalar> = ["\u{3002}", "\u{FF0E}", "\u{FF61}"]
        var scalars = String.UnicodeScalarView()
        for scalar in domain.lowercased().precomposedStringWithCanonicalMapping.unicodeScalars {
            scalars.append(dots.contains(scalar) ? "." : scalar)
        }
        return String(scalars)
    }

    /// RFC 5322 `atext`: the characters a dot-atom may hold besides dots.
    private static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) { return true }
        return "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
    }

    /// Letters, digits and hyphens; beyond ASCII, letters, marks and digits of any script.
    private static func isLabelScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-"
        }
        switch scalar.properties.generalCategory {
        case .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }

    /// The label itself when it is ASCII, else `xn--` and its Punycode.
    static func asciiLabel(_ label: String) -> String? {
        if label.unicodeScalars.allSatisfy(\.isASCII) { return label }
        return Punycode.encode(label).map { "xn--" + $0 }
    }

    /// `text` with line breaks and other controls shown as escapes, so a reason never spans lines.
    static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r": result += "\\r"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}

/// Which ASCII bytes are RFC 5322 `atext`, by value.
private let asciiAtext: [Bool] = (0..<128).map { value in
    let scalar = Unicode.Scalar(UInt8(value))
    if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) { return true }
    return "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
}
