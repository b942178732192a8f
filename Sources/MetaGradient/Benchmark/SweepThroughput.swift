import Foundation

/// The parallel efficiency of a sweep on this machine: the same units run by
/// ``LocalExecutor`` with one process and with N at once, from the spawn of the first
/// worker to the end of the finishing step (wall clock: the point is concurrency).
///
///     throughput(n) = Σ work / wall(n)          (environment steps per second)
///     efficiency(N) = throughput(N) / (N · throughput(1)) = wall(1) / (N · wall(N))
///
/// 1 is perfect scaling; it falls with contention for memory bandwidth and shared
/// caches, uneven units (the last worker runs alone), and process start-up. The
/// timings are interleaved (1, N, 1, N, …) and the best of each is kept.
public struct SweepThroughput {
  /// The sweep, given a fresh output folder.
  public var job: (URL) -> SweepJob
  public var repeats: Int

  public init(repeats: Int, job: @escaping (URL) -> SweepJob) { self.repeats = repeats; self.job = job }

  public struct Measurement: Sendable {
    public var jobs: Int
    /// Environment steps of the whole sweep (the units' work).
    public var work: Int
    public var serialSeconds: Double, parallelSeconds: Double
    public var serialStepsPerSecond: Double { Double(work) / serialSeconds }
    public var parallelStepsPerSecond: Double { Double(work) / parallelSeconds }
    public var efficiency: Double { serialSeconds / (Double(jobs) * parallelSeconds) }
  }

  public func measure(jobs: Int) throws -> Measurement {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("metagradient-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let work = try job(root.appendingPathComponent("list")).listUnits().reduce(0) { $0 + $1.unit.work }
    var best = [Double.infinity, .infinity]
    for r in 0..<repeats {
      for (k, n) in [1, jobs].enumerated() {
        let out = root.appendingPathComponent("\(r)-\(n)")
        let start = Date()
        try LocalExecutor(jobs: n, quiet: true).run([job(out)])
        best[k] = min(best[k], Date().timeIntervalSince(start))
        try? FileManager.default.removeItem(at: out)
      }
    }
    return Measurement(jobs: jobs, work: work, serialSeconds: best[0], parallelSeconds: best[1])
  }
}
