/// Running totals of finished episodes: count, Σ return, Σ length. Allocation-free, so
/// a training loop can add to it on every step and a logger read and reset it.
public struct EpisodeTally: Codable, Sendable, Equatable {
  /// Episodes counted.
  public var count = 0
  /// Σ of their undiscounted returns.
  public var returnSum = 0.0
  /// Σ of their lengths, in steps.
  public var lengthSum = 0

  public init() {}

  /// Counts one finished episode.
  @inline(__always)
  public mutating func add(episodeReturn: Double, length: Int) {
    count += 1
    returnSum += episodeReturn
    lengthSum += length
  }

  /// Adds another tally's episodes.
  public mutating func add(_ other: EpisodeTally) {
    count += other.count
    returnSum += other.returnSum
    lengthSum += other.lengthSum
  }

  /// The mean return, or nil with no episode.
  public var meanReturn: Double? { count > 0 ? returnSum / Double(count) : nil }
  /// The mean length, or nil with no episode.
  public var meanLength: Double? { count > 0 ? Double(lengthSum) / Double(count) : nil }
}
