import Composer
import Foundation
import Renderer

/// A theme's colours as the web pages use them, with what the theme does not say worked out so that text stays
/// readable (WCAG contrast): the text on an accent-coloured button, and the accent on a dark background.
package struct WebColors: Sendable {
    /// Masthead rule, headings, links, the button.
    package var accent: String
    /// Text on the accent: white, or the theme's text colour when white would not read.
    package var onAccent: String
    package var text: String
    package var background: String
    package var muted: String
    /// The accent lightened until it reads on the dark background of `prefers-color-scheme: dark`.
    package var accentOnDark: String

    /// The colours of `colors`; one that is not `#rrggbb` (the theme check refuses those) falls back to a default.
    package init(_ colors: ThemeColors) {
        let accent = RGB(hex: colors.accent) ?? RGB(red: 0xA4, green: 0x26, blue: 0x2C)
        let text = RGB(hex: colors.text) ?? RGB(red: 0x1F, green: 0x23, blue: 0x28)
        self.accent = accent.hex
        self.onAccent = accent.contrast(with: .white) >= 4.5 ? RGB.white.hex : text.hex
        self.text = text.hex
        self.background = (RGB(hex: colors.background) ?? RGB(red: 0xF2, green: 0xEF, blue: 0xE9)).hex
        self.muted = (RGB(hex: colors.muted) ?? RGB(red: 0x6A, green: 0x6F, blue: 0x76)).hex
        self.accentOnDark = accent.lightened(toContrast: 4.5, with: RGB(red: 0x10, green: 0x12, blue: 0x15)).hex
    }
}
