/// Catch's three actions, in bsuite's order (`_ACTIONS = (-1, 0, 1)`).
public enum CatchAction: Int, CaseIterable, Codable, Sendable {
  case left = 0, stay, right

  /// How far the action moves the paddle: −1, 0 or +1 column (bsuite's `_ACTIONS`).
  public var paddleShift: Int { rawValue - CatchAction.stay.rawValue }
}

/// bsuite's Catch: move a paddle along the bottom row to catch a ball falling
/// straight down.
///
/// Source: Osband et al. (2020), *Behaviour Suite for Reinforcement Learning*;
/// `bsuite/environments/catch.py` (github.com/deepmind/bsuite).
///
/// Rules (`rows` = 10, `columns` = 5 by default):
/// - Reset: the ball is in row 0 at a column drawn uniformly from `0..<columns`; the
///   paddle is in the bottom row `rows − 1` at column `columns / 2` (integer division,
///   so column 2 of 5).
/// - Each step first moves the paddle by the action's shift (left −1, stay 0,
///   right +1; ``CatchAction``), clipped to `0...columns − 1`, then drops the ball one
///   row.
/// - When the ball reaches the paddle's row the episode terminates with reward +1 if
///   the ball's column equals the paddle's, −1 otherwise. Every other step gives 0.
///   An episode therefore always lasts exactly `rows − 1` steps (9 by default) and has
///   no time limit, so it is never truncated.
/// - Observation: the `rows × columns` board (row-major), 1 where the ball or the
///   paddle is and 0 elsewhere (a single 1 when they share the cell).
public struct Catch: Environment {
  /// bsuite's default number of rows.
  public static let defaultRows = 10
  /// bsuite's default number of columns.
  public static let defaultColumns = 5
  /// Reward when the ball lands on the paddle.
  public static let catchReward: Float = 1
  /// Reward when the ball misses the paddle.
  public static let missReward: Float = -1
  /// Reward on every step before the ball lands.
  public static let fallingReward: Float = 0
  /// The board value of a cell holding the ball or the paddle.
  static let occupied: Float = 1

  /// Number of rows of the board; the ball falls from row 0 to row `rows − 1`.
  public let rows: Int
  /// Number of columns of the board.
  public let columns: Int
  /// The stream the ball's starting column is drawn from.
  public var rng: RandomStream
  /// The ball's row, 0 at the top (bsuite's `_ball_y`).
  public internal(set) var ballRow = 0
  /// The ball's column (bsuite's `_ball_x`).
  public internal(set) var ballColumn = 0
  /// The paddle's row, always the bottom one (bsuite's `_paddle_y`).
  public var paddleRow: Int { rows - 1 }
  /// The paddle's column (bsuite's `_paddle_x`).
  public internal(set) var paddleColumn = 0
  /// True until the first reset and after the ball has landed.
  public internal(set) var needsReset = true

  public func validateState() throws {
    let check = StateCheck("Catch state")
    try check.require(rows >= 2 && columns >= 1 && rows * columns <= 1 << 16, "the board is \(rows)×\(columns)")
    try check.onBoard("the ball", row: ballRow, column: ballColumn, rows: rows, columns: columns)
    try check.onBoard("the paddle", row: paddleRow, column: paddleColumn, rows: rows, columns: columns)
  }

  /// A Catch board that draws the ball's starting column from `rng`. Call
  /// ``reset(observation:)`` before the first step.
  public init(rng: RandomStream, rows: Int = Catch.defaultRows, columns: Int = Catch.defaultColumns) {
    precondition(rows >= 2, "Catch needs at least 2 rows, got \(rows)")
    precondition(columns >= 1, "Catch needs at least 1 column, got \(columns)")
    self.rows = rows
    self.columns = columns
    self.rng = rng
  }

  public var observationShape: [Int] { [rows, columns] }
  public var actionCount: Int { CatchAction.allCases.count }

  public mutating func reset(observation: UnsafeMutablePointer<Float>) {
    ballColumn = rng.index(columns)
    ballRow = 0
    paddleColumn = columns / 2
    needsReset = false
    render(into: observation)
  }

  public mutating func step(_ action: Int, observation: UnsafeMutablePointer<Float>) -> Transition {
    guard let move = CatchAction(rawValue: action) else {
      preconditionFailure("Catch action \(action) outside 0..<\(actionCount)")
    }
    precondition(!needsReset, "Catch.step called before reset(observation:) or after the ball landed")
    paddleColumn = min(max(paddleColumn + move.paddleShift, 0), columns - 1)
    ballRow += 1
    render(into: observation)
    guard ballRow == paddleRow else { return Transition(reward: Self.fallingReward) }
    needsReset = true
    let reward = ballColumn == paddleColumn ? Self.catchReward : Self.missReward
    return Transition(reward: reward, terminated: true)
  }

  /// Writes the board: zeros, with 1 at the ball and at the paddle.
  public func render(into observation: UnsafeMutablePointer<Float>) {
    observation.update(repeating: 0, count: rows * columns)
    observation[ballRow * columns + ballColumn] = Self.occupied
    observation[paddleRow * columns + paddleColumn] = Self.occupied
  }
}
