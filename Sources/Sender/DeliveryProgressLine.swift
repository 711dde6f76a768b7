import Foundation

extension DeliveryProgress {
    /// Recipients finished per second so far; 0 before the first one.
    public var rate: Double {
        elapsed > 0 ? Double(done) / elapsed : 0
    }

    /// Seconds until every recipient is finished at the rate so far; nil before the first one.
    public var secondsLeft: Int? {
        guard rate > 0 else { return nil }
        return Int((Double(max(total - done, 0)) / rate).rounded(.up))
    }

    /// What `digest send` shows beside its progress bar: `sent 118 · 12.0 msg/s`.
    public var detail: String {
        "sent \(sent) · " + String(format: "%.1f", rate) + " msg/s"
    }

    /// The progress line a terminal shows: `sent 118, done 120/500 · 12.0 msg/s · ETA 0:32`.
    ///
    /// The ETA is `m:ss`, or `h:mm:ss` from an hour up, and `--:--` while there is no rate yet.
    public var line: String {
        let eta = secondsLeft.map(ProgressDisplay.clock) ?? "--:--"
        return "sent \(sent), done \(done)/\(total) · " + String(format: "%.1f", rate) + " msg/s · ETA \(eta)"
    }
}
