/// Checks of a state read back from a checkpoint (``Environment/validateState()`` and
/// the agents' `restore(from:)`): a decoded value must be one the program could have
/// written, as far as memory safety needs — every index on its board, every count the
/// size of the buffer it describes — because the code that uses it runs unchecked
/// (`-Ounchecked`, unsafe pointers). Each check throws ``CheckpointMismatch`` naming
/// the owner, the field and the value.
public struct StateCheck {
  /// What is checked, e.g. `Breakout state`.
  public var owner: String
  public init(_ owner: String) { self.owner = owner }

  public func require(_ condition: Bool, _ what: @autoclosure () -> String) throws {
    guard condition else { throw CheckpointMismatch("\(owner): \(what())") }
  }

  public func inRange(_ what: String, _ value: Int, _ range: ClosedRange<Int>) throws {
    try require(range.contains(value), "\(what) is \(value), outside \(range.lowerBound)...\(range.upperBound)")
  }

  /// A cell of a `rows × columns` board.
  public func onBoard(_ what: String, row: Int, column: Int, rows: Int = 10, columns: Int = 10) throws {
    try require((0..<rows).contains(row) && (0..<columns).contains(column),
                "\(what) at row \(row), column \(column) is off the \(rows)×\(columns) board")
  }

  public func count(_ what: String, _ n: Int, _ expected: Int) throws {
    try require(n == expected, "\(what) has \(n) entries; expected \(expected)")
  }

  /// At most `limit` entries (the most the rules ever hold, with room to spare).
  public func atMost(_ what: String, _ n: Int, _ limit: Int) throws {
    try require(n <= limit, "\(what) has \(n) entries; at most \(limit) fit the board")
  }

  public func finite(_ what: String, _ values: [Double]) throws {
    try require(values.allSatisfy(\.isFinite), "\(what) is not finite: \(values)")
  }
}
