import Foundation

/// A one-line progress display on stderr: steps, steps/s, ETA and a caller's note
/// (current γ/λ, recent return), cut to the terminal's width so that it stays one line
/// (a ``LivePlot`` above it redraws in place). Silent when stderr is not a terminal or
/// when quiet.
public final class Progress {
  private let total: Int
  private let label: String
  private let enabled: Bool
  private let start = Date()
  private var lastDraw = Date.distantPast
  /// The count at the first update: a resumed run's rate counts only this process's work.
  private var firstDone: Int?
  /// The line on screen, for ``redraw()``.
  private var line = ""

  public init(total: Int, label: String, quiet: Bool = false) {
    self.total = max(total, 1)
    self.label = label
    self.enabled = Terminal.isLive(quiet: quiet)
  }

  /// Redraws at most five times a second.
  public func update(_ done: Int, note: @autoclosure () -> String = "") {
    guard enabled else { return }
    let now = Date()
    guard now.timeIntervalSince(lastDraw) > 0.2 || done >= total else { return }
    lastDraw = now
    let elapsed = now.timeIntervalSince(start)
    if firstDone == nil { firstDone = done }
    let rate = Double(done - firstDone!) / max(elapsed, 1e-9)
    let eta = rate > 0 ? Double(total - done) / rate : 0
    let percent = String(format: "%3.0f%%", 100 * Double(done) / Double(total))
    line = String("\(label) \(percent) \(done)/\(total)  \(String(format: "%.3g", rate))/s  ETA \(Self.duration(eta))  \(note())"
      .prefix(Terminal.lineWidth))
    redraw()
  }

  /// Draws the line again where the cursor is (after something drew over it).
  public func redraw() {
    guard enabled else { return }
    Terminal.write("\r\u{1B}[K" + line)
  }

  /// Ends the line.
  public func finish() {
    guard enabled else { return }
    Terminal.write("\n")
  }

  static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s >= 3600 ? String(format: "%dh%02dm", s / 3600, s / 60 % 60) : String(format: "%dm%02ds", s / 60, s % 60)
  }
}
