import Testing

@testable import Sender

@Suite("Progress of long work: the bar and the time left")
struct ProgressDisplayTests {
    @Test("the bar fills with the work done, and the time left comes from the rate so far")
    func barAndETA() {
        #expect(ProgressDisplay.bar(done: 0, total: 10) == "[" + String(repeating: "·", count: 20) + "]")
        #expect(ProgressDisplay.bar(done: 5, total: 10) == "[##########··········]")
        #expect(ProgressDisplay.bar(done: 10, total: 10) == "[" + String(repeating: "#", count: 20) + "]")
        #expect(ProgressDisplay.eta(0, 10, 3) == "ETA --:--")
        #expect(ProgressDisplay.eta(5, 10, 30) == "ETA 0:30")
        #expect(ProgressDisplay.eta(1, 200, 30) == "ETA 1:39:30")
    }

    @Test(
        "one clock for every progress line: m:ss, h:mm:ss from an hour up",
        arguments: [
            (0, "0:00"), (9, "0:09"), (65, "1:05"), (3599, "59:59"), (3600, "1:00:00"), (19_900, "5:31:40"),
            (-4, "0:00"),
        ])
    func clock(seconds: Int, expected: String) {
        #expect(ProgressDisplay.clock(seconds) == expected)
    }
}
