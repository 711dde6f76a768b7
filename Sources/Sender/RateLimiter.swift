import Foundation

/// Paces sending across every connection: at most `perSecond` messages a second, at most
/// `perHour` in any hour, and a pause that grows while the server says "slow down" (421, 454).
///
/// Shared by the sending threads; it blocks the calling thread (never a task of the cooperative
/// pool) until the next message may go.
public final class RateLimiter: @unchecked Sendable {
    private let interval: Double?
    private let perHour: Int?
    private let condition = NSCondition()
    private var nextSlot: Double = 0
    private var recent: [Double] = []
    private var recentStart = 0
    private var pausedUntil: Double = 0
    private var slowDownDelay: Double
    private let initialSlowDown: Double
    private let maximumSlowDown: Double

    /// Makes a limiter; nil for a limit means none.
    public init(
        perSecond: Double?, perHour: Int?, slowDown: Duration = .seconds(2), longestSlowDown: Duration = .seconds(60)
    ) {
        interval = perSecond.flatMap { $0 > 0 ? 1 / $0 : nil }
        self.perHour = perHour.flatMap { $0 > 0 ? $0 : nil }
        initialSlowDown = slowDown.seconds
        maximumSlowDown = longestSlowDown.seconds
        slowDownDelay = initialSlowDown
    }

    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Counts messages sent before this run (by an earlier, interrupted run) against the hourly
    /// cap; `ages` are how many seconds ago each was sent.
    public func countEarlier(secondsAgo ages: [Double]) {
        guard perHour != nil else { return }
        condition.lock()
        let now = Self.now()
        let times = ages.filter { $0 >= 0 && $0 < 3600 }.map { now - $0 }.sorted()
        recent = times + recent[recentStart...]
        recentStart = 0
        if let perHour, recent.count > perHour { recentStart = recent.count - perHour }
        condition.unlock()
    }

    /// Waits until one more message may go, and counts it.
    public func acquire() {
        condition.lock()
        defer { condition.unlock() }
        // Bounded: each pass either returns or sleeps until a known moment that only moves forward.
        while true {
            let now = Self.now()
            var wakeAt = max(now, pausedUntil)
            if interval != nil { wakeAt = max(wakeAt, nextSlot) }
            if let perHour, recent.count - recentStart >= perHour {
                wakeAt = max(wakeAt, recent[recentStart] + 3600)
            }
            if wakeAt <= now {
                if let interval { nextSlot = max(nextSlot, now) + interval }
                if perHour != nil {
                    recent.append(now)
                    if let perHour, recent.count - recentStart > perHour { recentStart += 1 }
                    if recentStart > 4096 {
                        recent.removeFirst(recentStart)
                        recentStart = 0
                    }
                }
                return
            }
            condition.unlock()
            Thread.sleep(forTimeInterval: min(wakeAt - now, 1))
            condition.lock()
        }
    }

    /// The server asked us to slow down: pause every connection, twice as long as last time.
    public func slowDown() {
        condition.lock()
        pausedUntil = max(pausedUntil, Self.now() + slowDownDelay)
        slowDownDelay = min(slowDownDelay * 2, maximumSlowDown)
        condition.unlock()
    }

    /// A message went through: the pause for the next "slow down" starts small again.
    public func recovered() {
        condition.lock()
        slowDownDelay = initialSlowDown
        condition.unlock()
    }
}
