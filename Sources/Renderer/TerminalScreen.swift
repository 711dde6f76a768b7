import Composer
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What standard output is connected to: a terminal or not, its size, and whether colour is wanted.
public struct Terminal: Sendable, Equatable {
    /// Whether standard output is a terminal.
    public var isTerminal: Bool
    /// Its width, measured, else `COLUMNS`.
    public var columns: Int?
    /// Its height, measured, else `LINES`.
    public var rows: Int?
    /// `NO_COLOR` set to anything, or a dumb terminal.
    public var noColor: Bool

    /// Standard output as it is now.
    public static var standardOutput: Terminal {
        let environment = ProcessInfo.processInfo.environment
        let isTerminal = isatty(STDOUT_FILENO) == 1
        var size = winsize()
        let measured = isTerminal && ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0
        let columns = measured ? Int(size.ws_col) : environment["COLUMNS"].flatMap(Int.init)
        let rows = measured ? Int(size.ws_row) : environment["LINES"].flatMap(Int.init)
        let noColor = environment["NO_COLOR"] != nil || environment["TERM"] == "dumb"
        return Terminal(isTerminal: isTerminal, columns: columns, rows: rows, noColor: noColor)
    }
}

/// Shows text through `$PAGER` (default `less -R`, which keeps colours and links).
///
/// `popen` runs the pager through `/bin/sh` in our own process group, so it owns the terminal
/// as a pager must (Foundation's `Process` starts children in a group of their own, where a
/// pager reading the keyboard is stopped by the terminal).
public enum Pager {
    /// Pages `text`; false when no pager could be started, so the caller prints instead.
    public static func show(_ text: String) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        let command = environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less -R"
        if environment["LESS"] == nil { setenv("LESS", "FRX", 1) }
        guard let pipe = popen(command, "w") else { return false }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, pipe) }
        return pclose(pipe) != -1
    }
}

extension Terminal {
    /// `text` safe to print on a terminal: control characters (C0 but tab, DEL and C1, which carry
    /// escape sequences such as OSC 52 clipboard writes or disguised OSC 8 links) become `?`.
    public static func printable(_ text: some StringProtocol) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    let value = scalar.value
                    let isControl = (value < 0x20 && value != 0x09) || (0x7F...0x9F).contains(value)
                    return isControl ? "?" : scalar
                }))
    }
}

/// The renderings `digest preview` shows: the terminal's, the plain-text email, the HTML email.
public enum RenderFormat: String, Sendable, CaseIterable {
    case terminal, text, html
}

extension IssueRenderer {
    /// `issue` rendered as `format` for `reader` (nil: the issue as a whole); the terminal rendering
    /// wrapped to `width` columns, with colour and links when `styled`.
    public func render(
        _ issue: ComposedIssue, as format: RenderFormat, for reader: Reader?, width: Int, styled: Bool
    ) throws(RenderError) -> String {
        switch format {
        case .html: try html(issue, for: reader)
        case .text: try text(issue, for: reader)
        case .terminal:
            try terminal(issue, for: reader, options: TerminalOptions(width: width, color: styled, hyperlinks: styled))
        }
    }
}
