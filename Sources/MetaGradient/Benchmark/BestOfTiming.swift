import Foundation

/// Timing for benchmarks: the best (shortest) of several repetitions, the usual
/// estimate of a computation's cost on a machine with other load.
///
/// The clock is the calling thread's CPU time by default (`CLOCK_THREAD_CPUTIME_ID`):
/// everything timed here runs on one thread (OpenBLAS is pinned to one), so on an idle
/// machine it equals wall time, and on a loaded one it leaves out the time the thread
/// spent descheduled. Set ``useWallClock`` for the monotonic wall clock.
public enum BestOfTiming {
  /// Time with the monotonic wall clock instead of the thread's CPU time.
  nonisolated(unsafe) public static var useWallClock = false

  /// Seconds on the chosen clock.
  @inline(__always)
  public static func now() -> Double {
    var t = timespec()
    clock_gettime(useWallClock ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }

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
