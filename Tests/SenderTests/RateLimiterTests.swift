import Foundation
import Sender
import Testing

/// A clock that moves only when the limiter sleeps on it or the test advances it, so pacing is
/// checked exactly without a test waiting for real. A sleep moves the time to its deadline (never
/// back), so threads sleeping at once do not add up their waits.
final class ManualClock: PacingClock, @unchecked Sendable {
    private let lock = NSLock()
    private var time: Double
    private var sleepCount = 0

    init(startingAt time: Double = 1000) {
        self.time = time
    }

    func now() -> Double {
        lock.withLock { time }
    }

    func sleep(until deadline: Double) {
        lock.withLock {
            time = max(time, deadline)
            sleepCount += 1
        }
    }

    func advance(by seconds: Double) {
        lock.withLock { time += seconds }
    }

    /// How many times the limiter slept.
    var sleeps: Int { lock.withLock { sleepCount } }
}

@Suite("The rate limiter, on a clock the test moves")
struct RateLimiterTests {
    @Test("without limits nothing waits")
    func unlimited() throws {
        let clock = ManualClock()
        let limiter = RateLimiter(perSecond: nil, perHour: nil, clock: clock)
        for _ in 0..<1000 { limiter.acquire() }
        #expect(clock.now() == 1000)
        #expect(clock.sleeps == 0)
    }

    @Test("--rate 10: the first message goes at once, each next one a tenth of a second later")
    func perSecond() throws {
        let clock = ManualClock()
        let limiter = RateLimiter(perSecond: 10, perHour: nil, clock: clock)
        var times: [Double] = []
        for _ in 0..<5 {
            limiter.acquire()
            times.append(clock.now() - 1000)
        }
        let expected = [0, 0.1, 0.2, 0.3, 0.4]
        for (time, want) in zip(times, expected) { #expect(abs(time - want) < 1e-9, "\(times)") }

        // Idle time is not saved up: after a pause the pace is the same, not a burst.
        clock.advance(by: 5)
        let resumed = clock.now()
        limiter.acquire()
        limiter.acquire()
        #expect(abs(clock.now() - resumed - 0.1) < 1e-9)
    }

    @Test("--max-per-hour 3: a fourth message in the hour stops the run when the wait is longer than allowed")
    func perHourStops() throws {
        let clock = ManualClock()
        let limiter = RateLimiter(perSecond: nil, perHour: 3, clock: clock)
        for _ in 0..<3 {
            try limiter.acquire(waitingAtMost: 600)
            clock.advance(by: 10)
        }
        // The first went at 0; it leaves the window at 3600, 3570 s from now.
        let error = try #require(throws: SendingCapReached.self) { try limiter.acquire(waitingAtMost: 600) }
        #expect(error.limit == 3 && error.window == .hour)
        #expect(abs(error.secondsToWait - 3570) < 1e-9)
        #expect(error.window == .hour && error.description.contains("messages an hour"))
        #expect(error.description.contains("60 min"))
        #expect(clock.now() == 1030, "the refusal comes at once, without waiting")
        #expect(clock.sleeps == 0)

        // A refusal counts nothing: when the hour has passed, the fourth goes at once.
        clock.advance(by: 3570)
        try limiter.acquire(waitingAtMost: 0)
        #expect(clock.sleeps == 0)
        // The fifth waits for the second to leave the window (at 3610), 10 s: within 600 s.
        try limiter.acquire(waitingAtMost: 600)
        #expect(abs(clock.now() - 1000 - 3610) < 1e-9)
    }

    @Test("--max-per-hour waits for the window when the run may wait that long")
    func perHourWaits() throws {
        let clock = ManualClock()
        let limiter = RateLimiter(perSecond: nil, perHour: 2, clock: clock)
        limiter.acquire()
        limiter.acquire()
        try limiter.acquire(waitingAtMost: 3600)
        #expect(abs(clock.now() - 1000 - 3600) < 1e-9, "the third went when the first left the hour")
    }

    @Test("messages an earlier run sent in the last hour count against the cap; older ones do not")
    func earlierRuns() throws {
        let clock = ManualClock()
        let limiter = RateLimiter(perSecond: nil, perHour: 2, clock: clock)
        limiter.countEarlier(secondsAgo: [100, 4000, 7200])
        try limiter.acquire(waitingAtMost: 0)
        let error = try #require(throws: SendingCapReached.self) { try limiter.acquire(waitingAtMost: 60) }
        #expect(abs(error.secondsToWait - 3500) < 1e-9)

        let uncapped = RateLimiter(perSecond: nil, perHour: nil, clock: clock)
        uncapped.countEarlier(secondsAgo: Array(repeating: 1, count: 50))
        try uncapped.acquire(waitingAtMost: 0)
    }

    @Test("--max-per-day: the day's cap holds even when the hourly one has room, and names its option")
    func perDay() throws {
        let clock = ManualClock()
        let limiter = RateLimiter(perSecond: nil, perHour: 3, perDay: 4, clock: clock)
        limiter.countEarlier(secondsAgo: [7200, 90_000])
        for _ in 0..<3 {
            try limiter.acquire(waitingAtMost: 0)
            clock.advance(by: 10)
        }
        // Three this hour and one two hours ago make four in the day: the hour has room after
        // 3570 s, but the day only when the one sent 7200 s ago leaves it.
        clock.advance(by: 3600)
        let error = try #require(throws: SendingCapReached.self) { try limiter.acquire(waitingAtMost: 600) }
        #expect(error.window == .day && error.limit == 4)
        #expect(abs(error.secondsToWait - (86_400 - 7200 - 3630)) < 1e-9)
        #expect(error.window == .day && error.description.contains("messages a day"))
        #expect(error.description.contains("21 h"))
        clock.advance(by: error.secondsToWait)
        try limiter.acquire(waitingAtMost: 0)
    }

    @Test("a 'slow down' pauses every sender, doubling up to the longest pause; a success resets it")
    func slowDown() throws {
        let clock = ManualClock()
        let limiter = RateLimiter(
            perSecond: nil, perHour: nil, slowDown: .seconds(2), longestSlowDown: .seconds(5), clock: clock)
        var pauses: [Double] = []
        for _ in 0..<4 {
            limiter.slowDown()
            let before = clock.now()
            limiter.acquire()
            pauses.append(clock.now() - before)
        }
        #expect(pauses == [2, 4, 5, 5])
        limiter.recovered()
        limiter.slowDown()
        let before = clock.now()
        limiter.acquire()
        #expect(clock.now() - before == 2)

        // Two "slow down"s at once do not add up: the pause is the longer one.
        limiter.recovered()
        limiter.slowDown()
        clock.advance(by: 1)
        limiter.slowDown()
        let start = clock.now()
        limiter.acquire()
        #expect(clock.now() - start == 4)
    }

    @Test("the pause and the pace are waited out even when the hourly cap may not wait")
    func pauseIsAlwaysWaited() throws {
        let clock = ManualClock()
        let limiter = RateLimiter(perSecond: 2, perHour: 100, slowDown: .seconds(3), clock: clock)
        try limiter.acquire(waitingAtMost: 0)
        try limiter.acquire(waitingAtMost: 0)
        #expect(abs(clock.now() - 1000.5) < 1e-9)
        limiter.slowDown()
        try limiter.acquire(waitingAtMost: 0)
        #expect(abs(clock.now() - 1003.5) < 1e-9)
    }

    @Test("sending threads share the pace: 40 messages on 4 threads at 20 a second take 1.95 s")
    func sharedAcrossThreads() throws {
        let clock = ManualClock()
        let limiter = RateLimiter(perSecond: 20, perHour: nil, clock: clock)
        let group = DispatchGroup()
        for _ in 0..<4 {
            group.enter()
            Thread {
                defer { group.leave() }
                for _ in 0..<10 {
                    limiter.acquire()
                }
            }.start()
        }
        group.wait()
        #expect(abs(clock.now() - 1000 - 1.95) < 1e-6)
    }
}
