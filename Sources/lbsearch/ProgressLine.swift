import Foundation
import LBSearchCore

/// A live status line on standard error, for a terminal only: redrawn in place (`\r` and
/// erase-line) at most ten times a second, and erased before anything else is written.
///
/// Work reports its state as often as it likes (`show`); a timer draws the latest one, so
/// reporting costs a lock and a copy, never a write.
final class ProgressLine: @unchecked Sendable {
    /// Seconds between two redraws: ten a second, as fast as a person reads a counter.
    static let interval = 0.1

    private let lock = NSLock()
    private var render: ((Double) -> String)?
    private let started = ContinuousClock.now
    /// What the line shows now; nil when it is erased.
    private var drawn: String?
    private var stopped = false
    private let timer: DispatchSourceTimer
    private let firstDraw: ContinuousClock.Instant
    private var everDrawn = false

    /// A line drawn from `delay` seconds on, when standard error is a terminal that can redraw
    /// (not `TERM=dumb`) and `quiet` is off; nil otherwise (cron, pipes, files).
    static func onStandardError(quiet: Bool = false, delay: Double = 0) -> ProgressLine? {
        guard !quiet, Terminal.isTTY(STDERR_FILENO),
            ProcessInfo.processInfo.environment["TERM"] != "dumb"
        else { return nil }
        return ProgressLine(delay: delay)
    }

    private init(delay: Double) {
        firstDraw = started + .milliseconds(Int((delay * 1000).rounded()))
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(
            deadline: .now() + delay, repeating: Self.interval, leeway: .milliseconds(20))
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
        previousHandlers = Self.endingSignals.map { signal($0, eraseAndEnd) }
        // A signal the program was started to ignore (`nohup`, a background job) stays ignored.
        for (number, handler) in zip(Self.endingSignals, previousHandlers)
        where unsafeBitCast(handler, to: Int.self) == 1 {
            signal(number, SIG_IGN)
        }
    }

    /// Signals that end the program: the line is erased first (Ctrl-C leaves no stale line).
    static let endingSignals = [SIGINT, SIGTERM, SIGHUP]
    private var previousHandlers: [__sighandler_t?] = []

    /// Sets what the next redraw shows; `text` is called then, not now, with the seconds since
    /// the line was made.
    ///
    /// The first report past the delay is drawn at once, so even a short run shows its line.
    func show(_ text: @escaping (Double) -> String) {
        let first = lock.withLock { () -> Bool in
            render = text
            return !everDrawn && ContinuousClock.now >= firstDraw
        }
        if first { draw() }
    }

    /// Erases the line, runs `write` (which writes whole lines), and lets the next redraw
    /// bring the line back.
    func interrupt<T>(_ write: () throws -> T) rethrows -> T {
        try lock.withLock {
            erase()
            return try write()
        }
    }

    /// Runs `body`, showing `label… 3s` on standard error once it has taken
    /// `statusDelay` seconds (a long search), erased when it ends.
    static func waiting<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let line = onStandardError(delay: statusDelay)
        line?.show { seconds in "\(label)… \(ProgressText.duration(seconds))" }
        defer { line?.finish() }
        return try body()
    }

    /// Seconds a search runs before it says so: shorter goes unnoticed, longer feels stuck.
    ///
    /// Tests set `LBSEARCH_TEST_STATUS_DELAY` to see the line without a slow search.
    static var statusDelay: Double {
        ProcessInfo.processInfo.environment["LBSEARCH_TEST_STATUS_DELAY"].flatMap(Double.init)
            ?? 0.5
    }

    /// Stops redrawing and erases the line; call it before the summary or results.
    func finish() {
        timer.cancel()
        lock.withLock {
            if !stopped {
                for (number, handler) in zip(Self.endingSignals, previousHandlers) {
                    signal(number, handler)
                }
            }
            stopped = true
            erase()
        }
    }

    private func draw() {
        lock.withLock {
            guard !stopped, let render else { return }
            let width = max(10, Terminal.columns(of: STDERR_FILENO) - 1)
            let seconds = (ContinuousClock.now - started) / .seconds(1)
            let text = String(render(seconds).prefix(width))
            guard text != drawn else { return }
            Terminal.writeError("\r" + text + Self.eraseToEnd)
            (drawn, everDrawn) = (text, true)
        }
    }

    /// Called with the lock held.
    private func erase() {
        guard drawn != nil else { return }
        Terminal.writeError("\r" + Self.eraseToEnd)
        drawn = nil
    }

    /// ANSI "erase in line" from the cursor to the end.
    static let eraseToEnd = "\u{1B}[K"
}

/// The handler of `ProgressLine.endingSignals`: erases the line and dies of the signal.
///
/// Only async-signal-safe calls (POSIX, "Signal Concepts"): `write`, `signal`, `raise`.
private func eraseAndEnd(_ number: Int32) {
    let erase: StaticString = "\r\u{1B}[K"
    _ = write(STDERR_FILENO, erase.utf8Start, erase.utf8CodeUnitCount)
    signal(number, SIG_DFL)
    raise(number)
}

/// The words of a progress line.
enum ProgressText {
    /// `indexing: 120/2,000 files · 5,400 documents · 850/s · 6s · about 40s left (13%)`.
    static func line(_ progress: IndexProgress) -> String {
        let elapsed = duration(progress.elapsed)
        switch progress.stage {
        case .walking:
            return "walking: \(count(progress.filesWalked)) files found · \(elapsed)"
        case .finishing:
            return "finishing: \(count(progress.documents)) documents written · \(elapsed)"
        case .indexing:
            var parts = [files(progress), "\(count(progress.documents)) documents"]
            if let rate = progress.rate { parts.append("\(count(Int(rate.rounded())))/s") }
            parts.append(elapsed)
            if let remaining = progress.remaining, let fraction = progress.fraction {
                parts.append(
                    "about \(duration(remaining)) left (\(Int((fraction * 100).rounded(.down)))%)")
            }
            return "indexing: " + parts.joined(separator: " · ")
        }
    }

    /// `batch: 12/50 queries · 3s · about 9s left`.
    static func queries(_ done: Int, of total: Int, seconds: Double) -> String {
        var parts = ["\(count(done))/\(count(total)) queries", duration(seconds)]
        if done > 0, seconds >= 1, done < total {
            let left = seconds * Double(total - done) / Double(done)
            parts.append("about \(duration(left)) left")
        }
        return "batch: " + parts.joined(separator: " · ")
    }

    static func files(_ progress: IndexProgress) -> String {
        let total = progress.filesToRead.map { "/" + count($0) } ?? ""
        return "\(count(progress.filesRead))\(total) files"
    }

    /// `12s`, `4m05s`, `1h02m`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m" + String(format: "%02ds", whole % 60) }
        return "\(whole / 3600)h" + String(format: "%02dm", whole % 3600 / 60)
    }

    /// `12,345`.
    static func count(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0, digit.isNumber { out += "," }
            out.append(digit)
        }
        return out
    }
}
