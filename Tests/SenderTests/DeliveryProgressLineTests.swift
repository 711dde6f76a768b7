import Testing

@testable import Sender

@Suite("The progress line: rate and ETA")
struct DeliveryProgressLineTests {
    static let cases: [(DeliveryProgress, String)] = [
        (
            DeliveryProgress(total: 500, done: 120, sent: 118, elapsed: 10),
            "sent 118, done 120/500 · 12.0 msg/s · ETA 0:32"
        ),
        (DeliveryProgress(total: 7, done: 7, sent: 7, elapsed: 0.5), "sent 7, done 7/7 · 14.0 msg/s · ETA 0:00"),
        (DeliveryProgress(total: 7, done: 0, sent: 0, elapsed: 0), "sent 0, done 0/7 · 0.0 msg/s · ETA --:--"),
        (DeliveryProgress(total: 7, done: 0, sent: 0, elapsed: 3), "sent 0, done 0/7 · 0.0 msg/s · ETA --:--"),
        (
            DeliveryProgress(total: 10_000, done: 50, sent: 50, elapsed: 100),
            "sent 50, done 50/10000 · 0.5 msg/s · ETA 5:31:40"
        ),
        (
            DeliveryProgress(total: 1000, done: 300, sent: 290, elapsed: 60),
            "sent 290, done 300/1000 · 5.0 msg/s · ETA 2:20"
        ),
    ]

    @Test("rate is finished recipients a second; ETA what is left at that rate", arguments: cases)
    func line(progress: DeliveryProgress, expected: String) {
        #expect(progress.line == expected)
    }

    @Test("the numbers behind the line")
    func numbers() {
        let progress = DeliveryProgress(total: 500, done: 120, sent: 118, elapsed: 10)
        #expect(progress.rate == 12)
        #expect(progress.secondsLeft == 32, "380 left at 12 a second is 31.7 s, shown rounded up")
        #expect(DeliveryProgress(total: 5, done: 0, sent: 0, elapsed: 2).secondsLeft == nil)
    }
}
