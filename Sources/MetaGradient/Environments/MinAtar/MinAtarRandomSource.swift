/// Where a MinAtar game draws its random numbers: ``RandomStream`` in every run, or, in
/// the tests, a replay of the draws MinAtar's own Python game made.
///
/// The draws mirror the calls MinAtar 1.0.15 makes on its numpy `RandomState`:
/// ``uniform()`` where it calls `random.rand()`, ``bernoulli(_:)`` where it compares
/// `random.rand() < p`, and ``index(_:)`` where it calls `random.randint` (over `0..<n`;
/// `randint(low, high)` is `low + index(high - low)`).
///
/// The games are generic over the source (`inout some MinAtarRandomSource`) and every
/// run hands them a ``RandomStream``, whose own methods are the requirements: the games
/// are specialised for it and draw exactly the numbers they drew before this seam
/// existed.
public protocol MinAtarRandomSource {
  /// Uniform in [0, 1).
  mutating func uniform() -> Double
  /// A uniform integer in `0..<n`.
  mutating func index(_ n: Int) -> Int
  /// True with probability `p`, from one ``uniform()`` draw: `uniform() < p`.
  mutating func bernoulli(_ p: Double) -> Bool
}

extension MinAtarRandomSource {
  public mutating func bernoulli(_ p: Double) -> Bool { uniform() < p }
}

extension RandomStream: MinAtarRandomSource {}
