/// Final scores of one algorithm: a rectangular matrix of `runCount` runs (seeds) by
/// `taskCount` tasks (environments), x[n][m] = score of run n on task m — the layout
/// of rliable's `scores` arrays.
///
/// The matrix must be rectangular: every task has the same number of runs. A ragged
/// input is rejected with ``StatisticsError/raggedTask(task:runs:expected:)`` or
/// ``StatisticsError/raggedRun(run:tasks:expected:)`` rather than silently weighting
/// tasks unequally in the pooled statistics (IQM, optimality gap, performance profile).
/// Two *different* matrices may have different run counts (see
/// ``Statistics/probabilityOfImprovement(_:over:)``).
public struct ScoreMatrix: Sendable, Hashable {
  /// Number of runs (rows), N.
  public let runCount: Int
  /// Number of tasks (columns), M.
  public let taskCount: Int
  /// Scores stored task-major: `storage[m * runCount + n]` is x[n][m].
  var storage: [Double]

  init(runCount: Int, taskCount: Int, storage: [Double]) {
    self.runCount = runCount
    self.taskCount = taskCount
    self.storage = storage
  }

  /// A matrix from one array per run: `runs[n][m]` is the score of run n on task m.
  public init(runs: [[Double]]) throws {
    guard let first = runs.first, !first.isEmpty else { throw StatisticsError.empty }
    for (n, row) in runs.enumerated() where row.count != first.count {
      throw StatisticsError.raggedRun(run: n, tasks: row.count, expected: first.count)
    }
    var storage = [Double](repeating: 0, count: runs.count * first.count)
    for (n, row) in runs.enumerated() {
      for (m, x) in row.enumerated() { storage[m * runs.count + n] = x }
    }
    try self.init(checking: storage, runCount: runs.count, taskCount: first.count)
  }

  /// A matrix from one array per task: `tasks[m][n]` is the score of run n on task m.
  public init(tasks: [[Double]]) throws {
    guard let first = tasks.first, !first.isEmpty else { throw StatisticsError.empty }
    for (m, column) in tasks.enumerated() where column.count != first.count {
      throw StatisticsError.raggedTask(task: m, runs: column.count, expected: first.count)
    }
    try self.init(checking: tasks.flatMap { $0 }, runCount: first.count, taskCount: tasks.count)
  }

  /// A one-task matrix from the scores of its runs.
  public init(singleTask runs: [Double]) throws { try self.init(tasks: [runs]) }

  private init(checking storage: [Double], runCount: Int, taskCount: Int) throws {
    for (i, x) in storage.enumerated() where !x.isFinite {
      throw StatisticsError.nonFiniteScore(run: i % runCount, task: i / runCount, value: x)
    }
    self.init(runCount: runCount, taskCount: taskCount, storage: storage)
  }

  /// The score x[run][task].
  public subscript(run run: Int, task task: Int) -> Double {
    precondition(run >= 0 && run < runCount && task >= 0 && task < taskCount, "score index out of range")
    return storage[task * runCount + run]
  }

  /// The scores of every run on task `m` (column m).
  public func task(_ m: Int) -> ArraySlice<Double> {
    precondition(m >= 0 && m < taskCount, "task index \(m) out of range 0..<\(taskCount)")
    return storage[(m * runCount)..<((m + 1) * runCount)]
  }

  /// All N·M scores pooled (task-major order).
  public var allScores: [Double] { storage }

  /// The per-task sample means x̄_m = (1/N) Σ_n x[n][m].
  public var taskMeans: [Double] {
    (0..<taskCount).map { m in task(m).reduce(0, +) / Double(runCount) }
  }
}
