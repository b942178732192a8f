/// MinAtar Freeway: a chicken crosses eight lanes of traffic, up and down only.
///
/// Rules of MinAtar 1.0.x (`minatar/environments/freeway.py`, Young & Tian 2019):
/// - The chicken lives in column 4 and starts on the bottom row (9). Up and down move
///   it one row, but only when its move timer is 0; a move sets the timer to
///   ``moveInterval`` (3), and the timer counts down by one at the end of every step.
///   The timer also starts at 3, so the chicken cannot move on its first three steps.
/// - Reaching row 0 gives reward +1, re-randomises every car's speed and direction (not
///   its position) and returns the chicken to row 9.
/// - One car per lane on rows 1–8. At reset every car starts in column 0 with a random
///   period in 1…5 (uniform) and a random direction (left or right, fair coin); its
///   move timer starts at its period. Each step, per car in lane order: if it is on the
///   chicken, the chicken goes back to row 9; then if its timer is 0 it moves one
///   column in its direction (wrapping round the edges), its timer restarts at its
///   period, and if it landed on the chicken the chicken goes back to row 9;
///   otherwise its timer counts down. A car of period p therefore moves every p + 1
///   steps.
/// - A step counter starts at ``timeLimit`` (2500) and counts down each step; the game
///   ends (terminal, not truncated) on the step that takes it below 0, i.e. the
///   2501st step.
/// - Channels: chicken, car, speed1…speed5. A car's trail (the cell behind it, wrapping)
///   is drawn in the channel of its period.
/// - Minimal actions: noop, up, down. No difficulty ramp.
public struct Freeway: MinAtarGame {
  /// The observation channels, in MinAtar's order.
  public enum Channel: Int, CaseIterable, Sendable {
    case chicken, car, speed1, speed2, speed3, speed4, speed5

    /// The trail channel of a car that waits `period` steps between moves.
    static func trail(period: Int) -> Channel { Channel(rawValue: speed1.rawValue + period - 1)! }
  }

  /// A car's heading.
  public enum Direction: Int, Codable, Sendable {
    case left = -1, right = 1
  }

  /// One car: its cell, its heading and how often it moves.
  struct Car: Codable, Sendable, Equatable {
    var row: Int
    var column: Int
    /// Steps the car waits between moves (MinAtar's `abs(speed)`), in ``periods``.
    var period: Int
    var direction: Direction
    /// Steps left before the car next moves.
    var moveTimer: Int

    /// The cell behind the car, where its trail is drawn.
    var trailColumn: Int { Freeway.wrap(column - direction.rawValue) }
  }

  // MARK: Constants

  /// MinAtar's 10×10 grid.
  static let gridSize = MinAtar<Freeway>.gridSize
  /// The chicken's column.
  static let chickenColumn = 4
  /// The chicken's starting row (the bottom).
  static let startRow = gridSize - 1
  /// The row that scores (the top).
  static let goalRow = 0
  /// Lanes with a car, top to bottom.
  static let laneRows = 1...8
  /// Car periods are drawn uniformly from this range.
  static let periods = 1...5
  /// Steps between chicken moves (MinAtar's `player_speed`).
  static let moveInterval = 3
  /// Steps before the game ends (MinAtar's `time_limit`).
  static let timeLimit = 2500

  public static let channelNames = ["chicken", "car", "speed1", "speed2", "speed3", "speed4", "speed5"]
  public static let minimalActionSet: [MinAtarAction] = [.noop, .up, .down]

  // MARK: State

  /// The chicken's row in ``chickenColumn``.
  var chickenRow = Freeway.startRow
  /// Steps before the chicken may move again.
  var moveTimer = Freeway.moveInterval
  /// Counts down from ``timeLimit``; the game ends when it drops below 0.
  var timeRemaining = Freeway.timeLimit
  /// One car per lane, in lane order.
  var cars: [Car] = Freeway.laneRows.map { Car(row: $0, column: 0, period: 1, direction: .right, moveTimer: 1) }
  var terminal = false

  public init(rng: inout some MinAtarRandomSource) {
    reset(rng: &rng)
  }

  public mutating func reset(rng: inout some MinAtarRandomSource) {
    randomizeCars(rng: &rng)
    for i in cars.indices {
      cars[i].column = 0
      cars[i].moveTimer = cars[i].period
    }
    chickenRow = Self.startRow
    moveTimer = Self.moveInterval
    timeRemaining = Self.timeLimit
    terminal = false
  }

  public mutating func act(_ action: MinAtarAction, rng: inout some MinAtarRandomSource) -> (reward: Float, terminal: Bool) {
    if terminal { return (0, true) }
    var reward: Float = 0

    if moveTimer == 0 {
      switch action {
      case .up:
        moveTimer = Self.moveInterval
        chickenRow = max(Self.goalRow, chickenRow - 1)
      case .down:
        moveTimer = Self.moveInterval
        chickenRow = min(Self.startRow, chickenRow + 1)
      default: break
      }
    }

    if chickenRow == Self.goalRow {
      reward += 1
      randomizeCars(rng: &rng)
      for i in cars.indices { cars[i].moveTimer = cars[i].period }
      chickenRow = Self.startRow
    }

    for i in cars.indices {
      if hitsChicken(cars[i]) { chickenRow = Self.startRow }
      if cars[i].moveTimer == 0 {
        cars[i].moveTimer = cars[i].period
        cars[i].column = Self.wrap(cars[i].column + cars[i].direction.rawValue)
        if hitsChicken(cars[i]) { chickenRow = Self.startRow }
      } else {
        cars[i].moveTimer -= 1
      }
    }

    if moveTimer > 0 { moveTimer -= 1 }
    timeRemaining -= 1
    if timeRemaining < 0 { terminal = true }
    return (reward, terminal)
  }

  public func render(into observation: UnsafeMutablePointer<Float>) {
    let channels = Self.channelNames.count
    observation.update(repeating: 0, count: Self.gridSize * Self.gridSize * channels)
    func set(_ row: Int, _ column: Int, _ channel: Channel) {
      observation[(row * Self.gridSize + column) * channels + channel.rawValue] = 1
    }
    set(chickenRow, Self.chickenColumn, .chicken)
    for car in cars {
      set(car.row, car.column, .car)
      set(car.row, car.trailColumn, .trail(period: car.period))
    }
  }

  public func validate() throws {
    let check = StateCheck("Freeway state")
    try check.onBoard("the chicken", row: chickenRow, column: Self.chickenColumn)
    try check.count("the cars", cars.count, Self.laneRows.count)
    for (i, car) in cars.enumerated() {
      try check.onBoard("car \(i)", row: car.row, column: car.column)
      try check.inRange("car \(i)'s period", car.period, Self.periods)
    }
  }

  // MARK: Helpers

  /// A column wrapped round the grid's edges.
  static func wrap(_ column: Int) -> Int {
    if column < 0 { return gridSize - 1 }
    if column >= gridSize { return 0 }
    return column
  }

  private func hitsChicken(_ car: Car) -> Bool {
    car.column == Self.chickenColumn && car.row == chickenRow
  }

  /// Draws every car's period, then every car's direction, as MinAtar does; positions
  /// are kept. Callers set the move timers.
  private mutating func randomizeCars(rng: inout some MinAtarRandomSource) {
    for i in cars.indices { cars[i].period = Self.periods.lowerBound + rng.index(Self.periods.count) }
    for i in cars.indices { cars[i].direction = rng.uniform() < 0.5 ? .left : .right }
  }
}
