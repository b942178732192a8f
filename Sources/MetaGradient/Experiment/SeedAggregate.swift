/// Aggregates one learning curve per seed into the seeds' mean with a 95%
/// t-interval per logged point: the data behind every figure's line and band.
public struct SeedAggregate {
  /// The name of the x column (e.g. `episode`, `env_steps`).
  public let x: String
  /// The names of the aggregated columns.
  public let columns: [String]
  private var curves: [[[Double]]] = []

  public init(x: String, columns: [String]) {
    self.x = x
    self.columns = columns
  }

  /// Adds one seed's curve: rows of [x, column values…].
  public mutating func add(_ rows: [[Double]]) {
    precondition(rows.allSatisfy { $0.count == columns.count + 1 }, "rows need x plus \(columns.count) values")
    if let first = curves.first {
      precondition(first.map { $0[0] } == rows.map { $0[0] }, "seeds were logged at different points")
    }
    curves.append(rows)
  }

  public var seedCount: Int { curves.count }

  /// Column names of the aggregate file: x, then `<name>_mean <name>_lo <name>_hi`.
  public var aggregateColumns: [String] {
    [x] + columns.flatMap { ["\($0)_mean", "\($0)_lo", "\($0)_hi"] }
  }

  /// The aggregate rows.
  public var rows: [[Double]] {
    guard let first = curves.first else { return [] }
    return first.indices.map { i in
      [first[i][0]] + columns.indices.flatMap { c -> [Double] in
        let m = Statistics.meanInterval(curves.map { $0[i][c + 1] })
        return [m.mean, m.low, m.high]
      }
    }
  }

  /// The aggregate as a data file.
  public func dataFile(title: String, config: [(key: String, value: String)]) -> DataFile {
    var file = DataFile(title: title, config: config + [("seeds", "\(seedCount)")], columns: aggregateColumns)
    for row in rows { file.append(row) }
    return file
  }
}
