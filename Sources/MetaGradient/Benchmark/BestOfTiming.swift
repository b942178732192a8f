import Foundation

/// Wall-clock timing for benchmarks: the best (shortest) of several repetitions, the
/// usual estimate of a computation's cost on a machine with other load.
public enum BestOfTiming {
  /// Seconds on the monotonic clock.
  @inline(__always)
  public static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

  /// The shortest of `repeats` timings of `body` (seconds per call of `body`).
  public static func seconds(repeats: Int, _ body: () -> Void) -> Double {
    precondition(repeats > 0, "repeats must be positive")
    var best = Double.infinity
    for _ in 0..<repeats {
      let start = now()
      body()
      best = min(best, now() - start)
    }
    return best
  }

  /// Interleaved best-of-`repeats` timings of several bodies: round r times body 0,
  /// then body 1, …, so slow phases of the machine hit all of them alike. Returns the
  /// best seconds of each.
  public static func interleaved(repeats: Int, _ bodies: [() -> Void]) -> [Double] {
    precondition(repeats > 0, "repeats must be positive")
    var best = [Double](repeating: .infinity, count: bodies.count)
    for _ in 0..<repeats {
      for (i, body) in bodies.enumerated() {
        let start = now()
        body()
        best[i] = min(best[i], now() - start)
      }
    }
    return best
  }
}
