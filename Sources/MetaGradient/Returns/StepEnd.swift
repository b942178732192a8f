/// How the transition from S_t to S_{t+1} ends, for the return's recursion.
///
/// - ``continuing``: S_{t+1} continues the episode; the return bootstraps through it.
/// - ``terminated``: S_{t+1} is terminal; its value is zero and nothing is
///   bootstrapped (the notes' `not_done[t] = 0`).
/// - ``truncated``: a time limit cut the episode at S_{t+1}, which is not terminal;
///   the return bootstraps from the value of that true last state (passed
///   separately, because the rollout's next observation already belongs to the next
///   episode), and the λ-recursion stops there.
public enum StepEnd: UInt8, Codable, Sendable {
  case continuing = 0
  case terminated = 1
  case truncated = 2

  /// From an environment step's flags (termination wins over truncation).
  @inlinable
  public init(_ transition: Transition) {
    self = transition.terminated ? .terminated : (transition.truncated ? .truncated : .continuing)
  }

  /// From the golden files' `not_done` flag.
  @inlinable
  public init(notDone: Double) { self = notDone == 0 ? .terminated : .continuing }
}
