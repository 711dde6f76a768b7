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

/// A sending cap holds the next message back longer than a run may wait: the rest of the list
/// stays queued for a later run.
public struct SendingCapReached: Error, CustomStringConvertible, Sendable, Equatable {
    /// The window a cap counts messages over.
    public enum Window: Sendable, Equatable {
        /// Any hour.
        case hour
        /// Any 24 hours.
        case day

        /// The window's length in seconds.
        public var seconds: Double {
            switch self {
            case .hour: 3600
            case .day: 86_400
            }
        }
    }

    /// The cap: at most this many messages in any `window`.
    public var limit: Int
    /// The window the cap counts over.
    public var window: Window
    /// Seconds until the cap lets the next message go.
    public var secondsToWait: Double

    /// Makes the error.
    public init(limit: Int, window: Window, secondsToWait: Double) {
        self.limit = limit
        self.window = window
        self.secondsToWait = secondsToWait
    }

    /// What the user reads: the cap, and when the next message may go.
    public var description: String {
        let minutes = max(1, Int((secondsToWait / 60).rounded(.up)))
        let wait = minutes < 120 ? "\(minutes) min" : "\(Int((Double(minutes) / 60).rounded(.up))) h"
        let cap =
            switch window {
            case .hour: "\(limit) messages an hour"
            case .day: "\(limit) messages a day"
            }
        return "the cap of \(cap) is reached; the rest stay queued: run send again in \(wait)"
    }
}

/// Paces sending across every connection: at most `perSecond` messages a second, at most
/// `perHour` in any hour and `perDay` in any 24 hours, and a pause that grows while the server
/// says "slow down" (421, 454).
///
/// Shared by the sending threads; it blocks the calling thread (never a task of the cooperative
/// pool) until the next message may go.
public final class RateLimiter: @unchecked Sendable {
    /// A sliding-window cap: the send times still inside the window, oldest first.
    private struct Cap {
        let limit: Int
        let window: SendingCapReached.Window
        var times: [Double] = []
        var start = 0

        var count: Int { times.count - start }
        var oldest: Double { times[start] }

        /// Records a send at `time`, forgetting what the cap no longer needs.
        mutating func record(_ time: Double) {
            times.append(time)
            if count > limit { start += 1 }
            if start > 4096 {
                times.removeFirst(start)
                start = 0
            }
        }
    }

    private let interval: Double?
    private var caps: [Cap]
    private let clock: any PacingClock
    private let condition = NSCondition()
    private var nextSlot: Double = 0
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
        perSecond: Double?, perHour: Int?, perDay: Int? = nil, slowDown: Duration = .seconds(2),
        longestSlowDown: Duration = .seconds(60), clock: any PacingClock = MonotonicClock()
    ) {
        interval = perSecond.flatMap { $0 > 0 ? 1 / $0 : nil }
        caps = [(perHour, SendingCapReached.Window.hour), (perDay, .day)].compactMap { limit, window in
            guard let limit, limit > 0 else { return nil }
            return Cap(limit: limit, window: window)
        }
        self.clock = clock
        initialSlowDown = max(0, slowDown.seconds)
        maximumSlowDown = max(initialSlowDown, longestSlowDown.seconds)
        slowDownDelay = initialSlowDown
    }

    /// Counts messages sent before this run (by an earlier, interrupted run) against the caps;
    /// `ages` are how many seconds ago each was sent.
    public func countEarlier(secondsAgo ages: [Double]) {
        guard !caps.isEmpty else { return }
        condition.lock()
        let now = clock.now()
        for index in caps.indices {
            let window = caps[index].window.seconds
            let earlier = ages.filter { $0 >= 0 && $0 < window }.map { now - $0 }.sorted()
            var cap = Cap(limit: caps[index].limit, window: caps[index].window)
            for time in (earlier + caps[index].times[caps[index].start...]).sorted() { cap.record(time) }
            caps[index] = cap
        }
        condition.unlock()
    }

    /// Waits until one more message may go, however long the caps hold it back, and counts it.
    public func acquire() {
        try? acquire(waitingAtMost: .infinity)
    }

    /// Waits until one more message may go, and counts it.
    ///
    /// The pace and a "slow down" pause are always waited out; a cap only for at most `limit`
    /// seconds.
    ///
    /// - Throws: `SendingCapReached`, at once and without counting, when a cap would hold the
    ///   message back longer than `limit`.
    public func acquire(waitingAtMost limit: Double) throws(SendingCapReached) {
        condition.lock()
        defer { condition.unlock() }
        let called = clock.now()
        // Bounded: each pass either returns or sleeps until a known moment that only moves forward.
        while true {
            let now = clock.now()
            var wakeAt = max(now, pausedUntil)
            if interval != nil { wakeAt = max(wakeAt, nextSlot) }
            for cap in caps where cap.count >= cap.limit {
                let slotFree = cap.oldest + cap.window.seconds
                if slotFree - called > limit {
                    throw SendingCapReached(limit: cap.limit, window: cap.window, secondsToWait: slotFree - now)
                }
                wakeAt = max(wakeAt, slotFree)
            }
            if wakeAt <= now {
                if let interval { nextSlot = max(nextSlot, now) + interval }
                for index in caps.indices { caps[index].record(now) }
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
