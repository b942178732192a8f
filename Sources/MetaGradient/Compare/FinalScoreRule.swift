/// The score of a run: its mean `episode_return` over the final window of training,
///
///     x = (1/k) Σ_{i = R−k}^{R−1} G_i,   k = max(1, round(f · R)),
///
/// over its R logged rows G_0 … G_{R−1}, with f the final fraction (default 0.1, the
/// last 10% of training; rows are logged evenly in environment steps, so the last k rows
/// span the last f of the steps). This is the rule of ``LearningCurve/finalReturn(fraction:)``,
/// so the score matches the experiment's own summary — except that a window holding
/// NaN or ±Inf, or a run marked `# diverged`, gives ``RunScore/diverged(_:)`` instead
/// of a number.
public struct FinalScoreRule: Sendable, Hashable {
  /// The final fraction f ∈ (0, 1] of training that is averaged.
  public let fraction: Double

  /// A `fraction` outside (0, 1] is a precondition failure: validate user input first
  /// with ``isValid(fraction:)``.
  public init(fraction: Double = 0.1) {
    precondition(Self.isValid(fraction: fraction), "final fraction \(fraction) outside (0, 1]")
    self.fraction = fraction
  }

  /// Whether f lies in (0, 1].
  public static func isValid(fraction: Double) -> Bool { fraction > 0 && fraction <= 1 }

  /// k = max(1, round(f · R)), the rows averaged out of R.
  public func windowCount(rows: Int) -> Int { max(1, Int((Double(rows) * fraction).rounded())) }

  /// The score of `run`.
  public func score(_ run: RunRecord) -> RunScore {
    if let note = run.diverged { return .diverged(note) }
    let k = windowCount(rows: run.returns.count)
    let first = run.returns.count - k
    let window = run.returns[first...]
    if let bad = window.firstIndex(where: { !$0.isFinite }) {
      return .diverged("episode_return = \(DataFile.format(run.returns[bad])) at env_steps \(DataFile.format(run.envSteps[bad])), in the final \(k) rows")
    }
    return .score(window.reduce(0, +) / Double(k))
  }
}

/// A run's final score, or why it has none.
public enum RunScore: Sendable, Hashable {
  /// The mean return over the final window.
  case score(Double)
  /// The run diverged (the reason names the header line or the non-finite value).
  case diverged(String)

  /// The score, or nil for a diverged run.
  public var value: Double? {
    if case let .score(x) = self { return x }
    return nil
  }
}
