/// MinAtar Breakout: bounce a ball off a paddle to break three rows of bricks.
///
/// Rules of MinAtar 1.0.x (`minatar/environments/breakout.py`, Young & Tian 2019):
/// - The paddle sits on the bottom row (9), starts in column 4, and moves one column
///   left or right per step, stopping at the walls. It moves before the ball.
/// - Bricks fill rows 1–3. The ball starts in row 3 on a random side: column 0 heading
///   down-right, or column 9 heading down-left (one fair coin from the stream).
/// - The ball moves one cell diagonally per step. Leaving the grid sideways clamps it to
///   the wall and flips its horizontal direction; leaving through the top clamps it to
///   row 0 and flips its vertical direction.
/// - Otherwise, moving onto a brick removes the brick, gives reward +1, keeps the ball
///   in its previous row and flips its vertical direction — unless a brick was already
///   struck on the previous step, in which case the ball passes into the brick's cell
///   without breaking it or scoring.
/// - Otherwise, reaching the paddle row first restores all bricks if none are left.
///   Then: if the paddle is under the ball's previous column the ball bounces straight
///   back up (vertical flip); if the paddle is in the ball's new column the ball goes
///   back the way it came (both directions flip); in both cases it stays in row 8.
///   If the paddle is in neither column, the game ends.
/// - Channels: paddle, ball, trail (the ball's previous cell), brick.
/// - Minimal actions: noop, left, right. No difficulty ramp, no time limit.
public struct Breakout: MinAtarGame {
  /// The observation channels, in MinAtar's order.
  public enum Channel: Int, CaseIterable, Sendable {
    case paddle, ball, trail, brick
  }

  /// The four diagonal headings of the ball, in MinAtar's numbering (0…3).
  public enum BallDirection: Int, Codable, Sendable {
    case upLeft = 0, upRight, downRight, downLeft

    /// Column change per step.
    var columnStep: Int {
      switch self {
      case .upLeft, .downLeft: -1
      case .upRight, .downRight: 1
      }
    }

    /// Row change per step (rows grow downwards).
    var rowStep: Int {
      switch self {
      case .upLeft, .upRight: -1
      case .downLeft, .downRight: 1
      }
    }

    /// Bounced off a side wall: horizontal component reversed.
    var reflectedHorizontally: BallDirection {
      switch self {
      case .upLeft: .upRight
      case .upRight: .upLeft
      case .downRight: .downLeft
      case .downLeft: .downRight
      }
    }

    /// Bounced off the ceiling, a brick or the paddle's top: vertical component reversed.
    var reflectedVertically: BallDirection {
      switch self {
      case .upLeft: .downLeft
      case .upRight: .downRight
      case .downRight: .upRight
      case .downLeft: .upLeft
      }
    }

    /// Sent back the way it came (hit by the paddle's corner).
    var reversed: BallDirection { reflectedHorizontally.reflectedVertically }
  }

  // MARK: Constants

  /// MinAtar's 10×10 grid.
  static let gridSize = MinAtar<Breakout>.gridSize
  /// The row the paddle lives on (the bottom row).
  static let paddleRow = gridSize - 1
  /// The paddle's column at the start of an episode.
  static let paddleStartColumn = 4
  /// The rows filled with bricks at the start and whenever the wall is rebuilt.
  static let brickRows = 1...3
  /// The ball's row at the start of an episode.
  static let ballStartRow = 3
  /// The rightmost column.
  static let lastColumn = gridSize - 1

  public static let channelNames = ["paddle", "ball", "trail", "brick"]
  public static let minimalActionSet: [MinAtarAction] = [.noop, .left, .right]

  // MARK: State

  /// The paddle's column on ``paddleRow``.
  var paddleColumn = Breakout.paddleStartColumn
  /// The ball's cell.
  var ballRow = Breakout.ballStartRow
  var ballColumn = 0
  /// The ball's cell before the last step (the trail channel).
  var previousBallRow = Breakout.ballStartRow
  var previousBallColumn = 0
  /// Where the ball is heading.
  var ballDirection = BallDirection.downRight
  /// Bricks, row-major: `bricks[row * gridSize + column]`.
  var bricks = [Bool](repeating: false, count: Breakout.gridSize * Breakout.gridSize)
  /// The ball moved onto a brick on the previous step (MinAtar's `strike`).
  var struckBrickLastStep = false
  /// The ball has fallen past the paddle.
  var terminal = false

  public init(rng: inout some MinAtarRandomSource) {
    reset(rng: &rng)
  }

  public mutating func reset(rng: inout some MinAtarRandomSource) {
    let startsOnLeft = rng.index(2) == 0
    ballRow = Self.ballStartRow
    ballColumn = startsOnLeft ? 0 : Self.lastColumn
    ballDirection = startsOnLeft ? .downRight : .downLeft
    previousBallRow = ballRow
    previousBallColumn = ballColumn
    paddleColumn = Self.paddleStartColumn
    clearBricks()
    buildBrickWall()
    struckBrickLastStep = false
    terminal = false
  }

  public mutating func act(_ action: MinAtarAction, rng: inout some MinAtarRandomSource) -> (reward: Float, terminal: Bool) {
    if terminal { return (0, true) }
    var reward: Float = 0

    switch action {
    case .left: paddleColumn = max(0, paddleColumn - 1)
    case .right: paddleColumn = min(Self.lastColumn, paddleColumn + 1)
    default: break
    }

    previousBallRow = ballRow
    previousBallColumn = ballColumn
    var newRow = ballRow + ballDirection.rowStep
    var newColumn = ballColumn + ballDirection.columnStep
    var hitBrick = false

    if newColumn < 0 || newColumn > Self.lastColumn {
      newColumn = min(max(newColumn, 0), Self.lastColumn)
      ballDirection = ballDirection.reflectedHorizontally
    }
    if newRow < 0 {
      newRow = 0
      ballDirection = ballDirection.reflectedVertically
    } else if bricks[Self.cell(newRow, newColumn)] {
      hitBrick = true
      if !struckBrickLastStep {
        reward += 1
        bricks[Self.cell(newRow, newColumn)] = false
        newRow = previousBallRow
        ballDirection = ballDirection.reflectedVertically
      }
    } else if newRow == Self.paddleRow {
      if !bricks.contains(true) { buildBrickWall() }
      if ballColumn == paddleColumn {
        ballDirection = ballDirection.reflectedVertically
        newRow = previousBallRow
      } else if newColumn == paddleColumn {
        ballDirection = ballDirection.reversed
        newRow = previousBallRow
      } else {
        terminal = true
      }
    }
    struckBrickLastStep = hitBrick

    ballRow = newRow
    ballColumn = newColumn
    return (reward, terminal)
  }

  public func render(into observation: UnsafeMutablePointer<Float>) {
    let channels = Self.channelNames.count
    observation.update(repeating: 0, count: Self.gridSize * Self.gridSize * channels)
    func set(_ row: Int, _ column: Int, _ channel: Channel) {
      observation[Self.cell(row, column) * channels + channel.rawValue] = 1
    }
    set(ballRow, ballColumn, .ball)
    set(Self.paddleRow, paddleColumn, .paddle)
    set(previousBallRow, previousBallColumn, .trail)
    for cell in 0..<bricks.count where bricks[cell] {
      observation[cell * channels + Channel.brick.rawValue] = 1
    }
  }

  public func validate() throws {
    let check = StateCheck("Breakout state")
    try check.onBoard("the ball", row: ballRow, column: ballColumn)
    try check.onBoard("the ball's trail", row: previousBallRow, column: previousBallColumn)
    try check.onBoard("the paddle", row: Self.paddleRow, column: paddleColumn)
    try check.count("the bricks", bricks.count, Self.gridSize * Self.gridSize)
  }

  // MARK: Helpers

  /// The flat row-major index of a cell.
  @inline(__always)
  static func cell(_ row: Int, _ column: Int) -> Int { row * gridSize + column }

  /// The number of bricks left.
  var brickCount: Int { bricks.reduce(0) { $0 + ($1 ? 1 : 0) } }

  private mutating func clearBricks() {
    for cell in bricks.indices { bricks[cell] = false }
  }

  /// Fills ``brickRows`` with bricks.
  private mutating func buildBrickWall() {
    for row in Self.brickRows {
      for column in 0...Self.lastColumn { bricks[Self.cell(row, column)] = true }
    }
  }
}
