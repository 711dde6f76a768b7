/// How many terminal columns text takes, the way terminals and monospaced mail readers lay it out.
///
/// East Asian Wide and Fullwidth characters (CJK ideographs, kana, Hangul, fullwidth forms) and emoji shown in emoji
/// presentation take two columns; combining marks, zero-width joiners and variation selectors take none; everything
/// else printable takes one. Width is decided per grapheme cluster (what a reader sees as one character), so a flag,
/// a skin-toned or ZWJ family emoji, or a letter with its accents counts once. Ambiguous-width characters (box
/// drawing, Greek in CJK fonts) count as one, as almost every terminal outside a CJK locale draws them.
public enum DisplayWidth {
    /// The columns one grapheme cluster takes: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // A lone zero-width scalar (combining mark with no base, joiner, selector, control).
        if scalars.count == 1 {
            return width(of: first)
        }
        // Regional-indicator pair (a flag), keycap sequences and emoji asked for in emoji presentation.
        if isRegionalIndicator(first) {
            return 2
        }
        if scalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x20E3 }), first.properties.isEmoji {
            return 2
        }
        // Text presentation (VS15) of an emoji that would otherwise be wide.
        if scalars.contains(where: { $0.value == 0xFE0E }), first.properties.isEmojiPresentation {
            return 1
        }
        // Otherwise the base decides: combining marks, ZWJ tails and modifiers add nothing.
        let base = width(of: first)
        if base == 0, let visible = scalars.first(where: { width(of: $0) > 0 }) {
            return width(of: visible)
        }
        return base
    }

    /// The columns a string takes: the sum over its grapheme clusters. Escape sequences are not understood here;
    /// strip them first with ``strippingEscapes(_:)``.
    public static func of(_ string: some StringProtocol) -> Int {
        var total = 0
        for character in string {
            total += of(character)
        }
        return total
    }

    /// The columns one Unicode scalar takes on its own.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        // C0/C1 controls and DEL draw nothing (and we never emit them as text).
        if value < 0x20 || (value >= 0x7F && value < 0xA0) {
            return 0
        }
        if value < 0x300 {
            return 1
        }
        if isZeroWidth(scalar) {
            return 0
        }
        if scalar.properties.isEmojiPresentation || isEastAsianWide(value) {
            return 2
        }
        return 1
    }

    /// The text with ANSI escape sequences removed: CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC ] … ESC \`)
    /// and two-byte `ESC x` sequences. What is left is what a terminal shows.
    public static func strippingEscapes(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar.value == 0x1B else {
                output.append(scalar)
                continue
            }
            guard let kind = scalars.next() else { break }
            switch kind {
            case "[":
                // Parameters and intermediates until a final byte in 0x40...0x7E.
                while let next = scalars.next(), !(0x40...0x7E).contains(next.value) {}
            case "]":
                // Until BEL or ST (ESC \).
                while let next = scalars.next() {
                    if next.value == 0x07 { break }
                    if next.value == 0x1B {
                        _ = scalars.next()
                        break
                    }
                }
            default:
                break
            }
        }
        return String(output)
    }

    // MARK: - Tables

    private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        // Hangul medial vowels and final consonants join the leading consonant; ZWSP and friends; selectors.
        if (0x1160...0x11FF).contains(value) || (0x200B...0x200F).contains(value) || (0xFE00...0xFE0F).contains(value)
            || (0xE0100...0xE01EF).contains(value) || value == 0x2060 || value == 0xFEFF
        {
            return true
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return true
        default:
            return false
        }
    }

    /// East Asian Width `W` and `F` blocks (UAX #11), the ranges that matter for text; emoji are covered by the
    /// `Emoji_Presentation` property instead.
    private static func isEastAsianWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F,  // Hangul Jamo leading consonants
            0x2329...0x232A,  // angle brackets
            0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
            0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK compatibility
            0x3400...0x4DBF,  // CJK Extension A
            0x4E00...0x9FFF,  // CJK Unified Ideographs
            0xA000...0xA4CF,  // Yi
            0xA960...0xA97F,  // Hangul Jamo Extended-A
            0xAC00...0xD7A3,  // Hangul syllables
            0xF900...0xFAFF,  // CJK compatibility ideographs
            0xFE10...0xFE19,  // vertical forms
            0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
            0xFF00...0xFF60,  // fullwidth forms
            0xFFE0...0xFFE6,  // fullwidth signs
            0x16FE0...0x16FE4, 0x17000...0x18CFF,  // Tangut, Khitan
            0x1AFF0...0x1B2FF,  // Kana supplement and extensions, Nushu
            0x1F200...0x1F2FF,  // enclosed ideographic supplement
            0x20000...0x2FFFD,  // CJK Extensions B–F
            0x30000...0x3FFFD:  // CJK Extensions G–H
            return true
        default:
            return false
        }
    }
}
