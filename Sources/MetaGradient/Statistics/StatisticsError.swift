/// A bad input to the statistics of ``ScoreMatrix`` and ``StratifiedBootstrap``: each
/// case names the offending value and what is allowed.
public enum StatisticsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A score matrix needs at least one run and one task.
  case empty
  /// Task `task` (0-based column) has `runs` runs where the other tasks have `expected`;
  /// the matrix must be rectangular.
  case raggedTask(task: Int, runs: Int, expected: Int)
  /// Run `run` (0-based row) has scores for `tasks` tasks where the other runs have `expected`.
  case raggedRun(run: Int, tasks: Int, expected: Int)
  /// A score is NaN or infinite (a diverged run?).
  case nonFiniteScore(run: Int, task: Int, value: Double)
  /// Two score matrices (or a matrix and a list of per-task baselines) disagree on the
  /// number of tasks.
  case taskCountMismatch(expected: Int, got: Int, what: String)
  /// The random and reference scores of task `task` coincide, so it cannot be normalised.
  case degenerateBaseline(task: Int, random: Double, reference: Double)
  /// The number of bootstrap resamples must be at least 1.
  case invalidResamples(Int)
  /// The confidence level must lie strictly between 0 and 1.
  case invalidConfidence(Double)

  public var description: String {
    switch self {
    case .empty:
      return "score matrix is empty: it needs at least one run and one task"
    case let .raggedTask(task, runs, expected):
      return "task \(task) has \(runs) runs but task 0 has \(expected): every task needs the same number of runs"
    case let .raggedRun(run, tasks, expected):
      return "run \(run) has scores for \(tasks) tasks but run 0 has \(expected): every run needs a score for every task"
    case let .nonFiniteScore(run, task, value):
      return "score of run \(run) on task \(task) is \(value): scores must be finite"
    case let .taskCountMismatch(expected, got, what):
      return "\(what) has \(got) tasks but the scores have \(expected)"
    case let .degenerateBaseline(task, random, reference):
      return "task \(task): random score \(random) equals reference score \(reference), cannot normalise"
    case let .invalidResamples(n):
      return "bootstrap resamples = \(n): must be at least 1"
    case let .invalidConfidence(c):
      return "confidence = \(c): must lie strictly between 0 and 1"
    }
  }
}
