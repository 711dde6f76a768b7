import Composer
import Foundation

/// A theme's colours as the web pages use them, with what the theme does not say worked out so that text stays
/// readable (WCAG contrast): the text on an accent-coloured button, and the accent on a dark background.
struct WebColors: Sendable {
    /// Masthead rule, headings, links, the button.
    var accent: String
    /// Text on the accent: white, or the theme's text colour when white would not read.
    var onAccent: String
    var text: String
    var background: String
    var muted: String
    /// The accent lightened until it reads on the dark background of `prefers-color-scheme: dark`.
    var accentOnDark: String

    /// The colours of `colors`; one that is not `#rrggbb` (the theme check refuses those) falls back to a default.
    init(_ colors: ThemeColors) {
        let accent = RGB(colors.accent) ?? RGB(red: 0xA4, green: 0x26, blue: 0x2C)
        let text = RGB(colors.text) ?? RGB(red: 0x1F, green: 0x23, blue: 0x28)
        self.accent = accent.hex
        self.onAccent = accent.contrast(with: .white) >= 4.5 ? RGB.white.hex : text.hex
        self.text = text.hex
        self.background = (RGB(colors.background) ?? RGB(red: 0xF2, green: 0xEF, blue: 0xE9)).hex
        self.muted = (RGB(colors.muted) ?? RGB(red: 0x6A, green: 0x6F, blue: 0x76)).hex
        self.accentOnDark = accent.lightened(toContrast: 4.5, with: RGB(red: 0x10, green: 0x12, blue: 0x15)).hex
    }
}

/// A 24-bit colour.
struct RGB: Equatable {
    var red: Int
    var green: Int
    var blue: Int

    static let white = RGB(red: 255, green: 255, blue: 255)

    init(red: Int, green: Int, blue: Int) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `#rrggbb`; nil for anything else.
    init?(_ hex: String) {
        let digits = hex.trimmingCharacters(in: .whitespaces)
        guard digits.count == 7, digits.hasPrefix("#"), let value = Int(digits.dropFirst(), radix: 16) else {
            return nil
        }
        self.init(red: value >> 16 & 0xFF, green: value >> 8 & 0xFF, blue: value & 0xFF)
    }

    var hex: String {
        "#" + [red, green, blue].map { String(format: "%02x", $0) }.joined()
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    var luminance: Double {
        func channel(_ value: Int) -> Double {
            let c = Double(value) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }

    /// WCAG contrast ratio, 1 to 21.
    func contrast(with other: RGB) -> Double {
        let (light, dark) = luminance > other.luminance ? (luminance, other.luminance) : (other.luminance, luminance)
        return (light + 0.05) / (dark + 0.05)
    }

    /// This colour mixed towards white, a step at a time, until its contrast with `background` reaches `ratio`.
    func lightened(toContrast ratio: Double, with background: RGB) -> RGB {
        var color = self
        var steps = 0
        while color.contrast(with: background) < ratio, steps < 12 {
            color = RGB(
                red: color.red + (255 - color.red) / 4, green: color.green + (255 - color.green) / 4,
                blue: color.blue + (255 - color.blue) / 4)
            steps += 1
        }
        return color
    }
}
