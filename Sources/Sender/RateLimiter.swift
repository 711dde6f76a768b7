import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The time a `RateLimiter` reads and waits on: the monotonic clock in a real send, a clock that
/// only moves when told in tests.
public protocol PacingClock: Sendable {
    /// Seconds since some fixed moment; never goes back.
    func now() -> Double
    /// Blocks the calling thread until `now()` reaches `deadline`.
    func sleep(until deadline: Double)
}

/// `CLOCK_MONOTONIC`, which the wall clock's jumps (NTP, a changed time zone) do not move.
public struct MonotonicClock: PacingClock {
    /// Makes the clock.
    public init() {}

    /// Seconds since boot.
    public func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Sleeps the calling thread.
    public func sleep(until deadline: Double) {
        let seconds = deadline - now()
        if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
    }
}

/// The hourly cap holds the next message back longer than a run may wait: the rest of the list
/// stays queued for a later run.
public struct HourlyCapReached: Error, CustomStringConvertible, Sendable {
    /// The cap, messages in any hour.
    public var perHour: Int
    /// Seconds until the cap lets the next message go.
    public var secondsToWait: Double

    /// Makes the error.
    public init(perHour: Int, secondsToWait: Double) {
        self.perHour = perHour
        self.secondsToWait = secondsToWait
    }

    /// What the user reads: the cap, and when the next message may go.
    public var description: String {
        let minutes = max(1, Int((secondsToWait / 60).rounded(.up)))
        return "the cap of \(perHour) messages an hour (--max-per-hour) is reached; the rest stay queued: "
            + "run send again in \(minutes) min"
    }
}

/// Paces sending across every connection: at most `perSecond` messages a second, at most
/// `perHour` in any hour, and a pause that grows while the server says "slow down" (421, 454).
///
/// Shared by the sending threads; it blocks the calling thread (never a task of the cooperative
/// pool) until the next message may go.
public final class RateLimiter: @unchecked Sendable {
    private let interval: Double?
    private let perHour: Int?
    private let clock: any PacingClock
    private let condition = NSCondition()
    private var nextSlot: Double = 0
    private var recent: [Double] = []
    private var recentStart = 0
    private var pausedUntil: Double = 0
    private var slowDownDelay: Double
    private let initialSlowDown: Double
    private let maximumSlowDown: Double

    /// Makes a limiter; nil for a limit means none.
    ///
    /// - Parameters:
    ///   - slowDown: the first pause after a "slow down" reply; each further one doubles it.
    ///   - longestSlowDown: the longest pause.
    ///   - clock: what the limiter reads and sleeps on.
    public init(
        perSecond: Double?, perHour: Int?, slowDown: Duration = .seconds(2), longestSlowDown: Duration = .seconds(60),
        clock: any PacingClock = MonotonicClock()
    ) {
        interval = perSecond.flatMap { $0 > 0 ? 1 / $0 : nil }
        self.perHour = perHour.flatMap { $0 > 0 ? $0 : nil }
        self.clock = clock
        initialSlowDown = max(0, slowDown.seconds)
        maximumSlowDown = max(initialSlowDown, longestSlowDown.seconds)
        slowDownDelay = initialSlowDown
    }

    /// Counts messages sent before this run (by an earlier, interrupted run) against the hourly
    /// cap; `ages` are how many seconds ago each was sent.
    public func countEarlier(secondsAgo ages: [Double]) {
        guard perHour != nil else { return }
        condition.lock()
        let now = clock.now()
        let times = ages.filter { $0 >= 0 && $0 < 3600 }.map { now - $0 }.sorted()
        recent = times + recent[recentStart...]
        recentStart = 0
        if let perHour, recent.count > perHour { recentStart = recent.count - perHour }
        condition.unlock()
    }

    /// Waits until one more message may go, however long the hourly cap holds it back, and
    /// counts it.
    public func acquire() {
        try? acquire(waitingAtMost: .infinity)
    }

    /// Waits until one more message may go, and counts it.
    ///
    /// The pace and a "slow down" pause are always waited out; the hourly cap only for at most
    /// `limit` seconds.
    ///
    /// - Throws: `HourlyCapReached`, at once and without counting, when the hourly cap would hold
    ///   the message back longer than `limit`.
    public func acquire(waitingAtMost limit: Double) throws(HourlyCapReached) {
        condition.lock()
        defer { condition.unlock() }
        let called = clock.now()
        // Bounded: each pass either returns or sleeps until a known moment that only moves forward.
        while true {
            let now = clock.now()
            var wakeAt = max(now, pausedUntil)
            if interval != nil { wakeAt = max(wakeAt, nextSlot) }
            if let perHour, recent.count - recentStart >= perHour {
                let slotFree = recent[recentStart] + 3600
                if slotFree - called > limit {
                    throw HourlyCapReached(perHour: perHour, secondsToWait: slotFree - now)
                }
                wakeAt = max(wakeAt, slotFree)
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
            clock.sleep(until: min(wakeAt, now + 1))
            condition.lock()
        }
    }

    /// The server asked us to slow down: pause every connection, twice as long as last time.
    public func slowDown() {
        condition.lock()
        pausedUntil = max(pausedUntil, clock.now() + slowDownDelay)
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
