/// What a running unit reports after each step of its work (a rollout, an episode),
/// to ``SweepRun``'s progress line and live plot.
public struct UnitProgress: Sendable {
  /// The unit's work done so far, in its ``SweepUnit/work`` unit (environment steps, episodes).
  public var done: Int
  /// A short note for the progress line.
  public var note: String
  /// The latest logged point of the unit's training curve, or nil (no curve: the
  /// random policy, the prediction task).
  public var sample: LiveSample?

  public init(done: Int, note: String = "", sample: LiveSample? = nil) {
    self.done = done; self.note = note; self.sample = sample
  }

  /// A training run's progress: `steps` done, its latest logged point (the note is
  /// its episode return).
  public init(steps: Int, latest sample: LiveSample?) {
    self.init(done: steps, note: "return \(DataFile.format(sample?.episodeReturn ?? .nan))", sample: sample)
  }
}
