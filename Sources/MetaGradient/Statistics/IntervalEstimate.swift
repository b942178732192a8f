/// A point estimate with a confidence interval [low, high] around it.
public struct IntervalEstimate: Sendable, Hashable, CustomStringConvertible {
  /// The statistic on the observed data.
  public var point: Double
  /// Lower end of the confidence interval.
  public var low: Double
  /// Upper end of the confidence interval.
  public var high: Double

  public init(point: Double, low: Double, high: Double) {
    self.point = point
    self.low = low
    self.high = high
  }

  /// The interval's width, high − low.
  public var width: Double { high - low }

  /// Whether `x` lies in [low, high].
  public func contains(_ x: Double) -> Bool { low <= x && x <= high }

  public var description: String { "\(point) [\(low), \(high)]" }
}
