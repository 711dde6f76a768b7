import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Progress of long work (a collect, a send) on standard error: on a terminal, one line redrawn in
/// place with a bar, the counts and the time left; elsewhere (a log, cron's mail), a plain line now
/// and then.
public final class ProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal: Bool
    /// Seconds between plain lines when standard error is not a terminal.
    private let plainInterval: Double
    /// When the last line was drawn; plain lines start only after `plainInterval` (a short run
    /// writes none).
    private var lastDraw: Double
    private var drawn = false

    /// A display on standard error, redrawn in place when it is a terminal.
    public init(isTerminal: Bool = isatty(STDERR_FILENO) == 1, plainInterval: Double = 30) {
        self.isTerminal = isTerminal
        self.plainInterval = plainInterval
        lastDraw = isTerminal ? -Double.infinity : 0
    }

    /// Shows `done` of `total` with `detail` (counts of what happened) after `elapsed` seconds.
    public func update(done: Int, total: Int, elapsed: Double, detail: String) {
        lock.lock()
        defer { lock.unlock() }
        let finished = done >= total
        if isTerminal {
            guard elapsed - lastDraw >= 0.2 || finished else { return }
            lastDraw = elapsed
            let line =
                "\(Self.bar(done: done, total: total)) \(done)/\(total) · \(detail) · \(Self.eta(done, total, elapsed))"
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
            drawn = true
        } else {
            guard elapsed - lastDraw >= plainInterval, !finished else { return }
            lastDraw = elapsed
            let line = "\(done)/\(total) · \(detail) · \(Self.eta(done, total, elapsed))\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Clears the terminal line, so the summary that follows starts clean.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }

    /// `[########··········]`, 20 cells.
    public static func bar(done: Int, total: Int, width: Int = 20) -> String {
        let filled = total > 0 ? min(width, done * width / total) : 0
        return "[" + String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled) + "]"
    }

    /// `ETA 1:05` from the rate so far, or `ETA --:--` before there is one.
    public static func eta(_ done: Int, _ total: Int, _ elapsed: Double) -> String {
        guard done > 0, elapsed > 0 else { return "ETA --:--" }
        return "ETA " + clock(Int((Double(total - done) * elapsed / Double(done)).rounded()))
    }

    /// A time left: `m:ss`, or `h:mm:ss` from an hour up (the one way progress lines write it).
    public static func clock(_ seconds: Int) -> String {
        let left = max(seconds, 0)
        return left >= 3600
            ? String(format: "%d:%02d:%02d", left / 3600, left / 60 % 60, left % 60)
            : String(format: "%d:%02d", left / 60, left % 60)
    }
}
