/// One point of a training curve as the live plot draws it (``LivePlot``): the latest
/// logged row of a ``LearningCurve``, handed over with a unit's progress
/// (``UnitProgress``). Plain numbers, so reporting it costs no allocation.
public struct LiveSample: Equatable, Sendable {
  /// Environment steps taken so far, summed over the N copies (the x axis).
  public var envSteps: Int
  /// The mean episode return at that point (nan before any episode finished).
  public var episodeReturn: Double
  /// η = (γ, λ) at that point.
  public var gamma: Double, lambda: Double

  public init(envSteps: Int, episodeReturn: Double, gamma: Double, lambda: Double) {
    self.envSteps = envSteps; self.episodeReturn = episodeReturn; self.gamma = gamma; self.lambda = lambda
  }
}
