/// MinAtar Asterix: dodge enemies and collect gold that cross the board in lanes.
///
/// Rules of MinAtar 1.0.x (`minatar/environments/asterix.py`, Young & Tian 2019):
/// - The player starts at row 5, column 5 and moves one cell per step in the four
///   cardinal directions, kept inside columns 0…9 and rows 1…8 (the eight lanes).
/// - Every `spawnInterval` steps (MinAtar's `spawn_speed`, initially 10) an entity
///   enters on a random free lane: from the left edge moving right or from the right
///   edge moving left (probability ½ each); it is gold with probability ⅓, otherwise
///   an enemy. With every lane occupied nothing spawns.
/// - Entities all move one cell together every `moveInterval` steps (`move_speed`,
///   initially 5) and vanish when they leave the board.
/// - Contact is checked after the player moves and again after the entities move:
///   touching gold removes it for a reward of +1; touching an enemy ends the game.
/// - Difficulty ramp (on by default): a ramp timer starts at `ramp_interval` = 100 and
///   counts down past zero, so every 102 steps the spawn interval shrinks by one (down
///   to 1) and, on every second ramp (odd ramp index), so does the move interval (down
///   to 1). Ramping stops once both intervals are 1.
/// - Observation channels: player, enemy, trail (the cell an entity just left, which
///   shows its direction), gold. Minimal actions: no-op, left, up, right, down.
public struct Asterix: MinAtarGame {
  /// The observation channels, in MinAtar's order.
  public enum Channel: Int, CaseIterable, Sendable {
    case player, enemy, trail, gold
  }

  /// The game's constants (MinAtar's module-level constants and `reset()` values).
  enum Rules {
    /// The board is `size`×`size`.
    static let size = 10
    /// Lane `i` is board row `i + 1`; rows 0 and 9 have no lane.
    static let laneCount = 8
    static let playerRows = 1...laneCount
    static let playerStart = (column: 5, row: 5)
    /// `init_spawn_speed`: steps between spawns at the start of an episode.
    static let initialSpawnInterval = 10
    /// `init_move_interval`: steps between entity moves at the start of an episode.
    static let initialMoveInterval = 5
    /// `ramp_interval`: steps between two difficulty increases.
    static let rampInterval = 100
    /// The probability that a spawned entity is gold rather than an enemy.
    static let goldProbability = 1.0 / 3.0
    /// The probability that a spawned entity enters from the left, moving right.
    static let moveRightProbability = 0.5
    static let goldReward = 1
  }

  /// An enemy or a piece of gold in its lane.
  struct Entity: Codable, Hashable, Sendable {
    var column: Int
    var movesRight: Bool
    var isGold: Bool
    /// The cell it came from, shown in the trail channel.
    var trailColumn: Int { movesRight ? column - 1 : column + 1 }
  }

  public static var channelNames: [String] { Channel.allCases.map { "\($0)" } }
  public static var minimalActionSet: [MinAtarAction] { [.noop, .left, .up, .right, .down] }

  var playerColumn = Rules.playerStart.column
  var playerRow = Rules.playerStart.row
  /// `lanes[i]` is what occupies board row `i + 1`, if anything.
  var lanes = [Entity?](repeating: nil, count: Rules.laneCount)
  /// Steps between spawns (MinAtar's `spawn_speed`).
  var spawnInterval = Rules.initialSpawnInterval
  var spawnTimer = Rules.initialSpawnInterval
  /// Steps between entity moves (MinAtar's `move_speed`).
  var moveInterval = Rules.initialMoveInterval
  var moveTimer = Rules.initialMoveInterval
  var rampTimer = Rules.rampInterval
  /// How many times the difficulty has increased (MinAtar's `difficulty_ramp()`).
  var rampIndex = 0
  /// Whether difficulty increases over time (MinAtar's `ramping`, default on).
  var ramping = true
  var terminal = false

  public init(rng: inout some MinAtarRandomSource) { reset(rng: &rng) }

  public mutating func reset(rng: inout some MinAtarRandomSource) {
    let ramping = self.ramping
    self = Asterix()
    self.ramping = ramping
  }

  /// The initial state; it uses no randomness.
  private init() {}

  public mutating func act(_ action: MinAtarAction, rng: inout some MinAtarRandomSource) -> (reward: Float, terminal: Bool) {
    guard !terminal else { return (0, true) }
    var reward = 0

    if spawnTimer == 0 {
      spawnEntity(rng: &rng)
      spawnTimer = spawnInterval
    }

    switch action {
    case .left: playerColumn = max(0, playerColumn - 1)
    case .right: playerColumn = min(Rules.size - 1, playerColumn + 1)
    case .up: playerRow = max(Rules.playerRows.lowerBound, playerRow - 1)
    case .down: playerRow = min(Rules.playerRows.upperBound, playerRow + 1)
    case .noop, .fire: break
    }

    for lane in lanes.indices { reward += resolveContact(inLane: lane) }

    if moveTimer == 0 {
      moveTimer = moveInterval
      for lane in lanes.indices {
        guard var entity = lanes[lane] else { continue }
        entity.column += entity.movesRight ? 1 : -1
        if (0..<Rules.size).contains(entity.column) {
          lanes[lane] = entity
          reward += resolveContact(inLane: lane)
        } else {
          lanes[lane] = nil
        }
      }
    }

    spawnTimer -= 1
    moveTimer -= 1
    if ramping { rampDifficulty() }
    return (Float(reward), terminal)
  }

  /// Gold under the player is collected (returns the reward); an enemy ends the game.
  private mutating func resolveContact(inLane lane: Int) -> Int {
    guard let entity = lanes[lane], entity.column == playerColumn, lane + 1 == playerRow else { return 0 }
    if entity.isGold {
      lanes[lane] = nil
      return Rules.goldReward
    }
    terminal = true
    return 0
  }

  /// A new entity on a uniformly chosen free lane, at the edge it moves away from.
  private mutating func spawnEntity(rng: inout some MinAtarRandomSource) {
    let movesRight = rng.bernoulli(Rules.moveRightProbability)
    let isGold = rng.bernoulli(Rules.goldProbability)
    let freeLanes = lanes.lazy.filter { $0 == nil }.count
    guard freeLanes > 0 else { return }
    var choice = rng.index(freeLanes)
    for lane in lanes.indices where lanes[lane] == nil {
      if choice == 0 {
        lanes[lane] = Entity(column: movesRight ? 0 : Rules.size - 1, movesRight: movesRight, isGold: isGold)
        return
      }
      choice -= 1
    }
  }

  /// MinAtar's ramp: the timer counts down past zero, then both intervals shrink.
  private mutating func rampDifficulty() {
    guard spawnInterval > 1 || moveInterval > 1 else { return }
    if rampTimer >= 0 {
      rampTimer -= 1
      return
    }
    if moveInterval > 1 && rampIndex % 2 == 1 { moveInterval -= 1 }
    if spawnInterval > 1 { spawnInterval -= 1 }
    rampIndex += 1
    rampTimer = Rules.rampInterval
  }

  public func render(into observation: UnsafeMutablePointer<Float>) {
    let size = Rules.size, channels = Self.channelCount
    observation.update(repeating: 0, count: size * size * channels)
    func mark(row: Int, column: Int, _ channel: Channel) {
      observation[(row * size + column) * channels + channel.rawValue] = 1
    }
    mark(row: playerRow, column: playerColumn, .player)
    for (lane, entity) in lanes.enumerated() {
      guard let entity else { continue }
      let row = lane + 1
      mark(row: row, column: entity.column, entity.isGold ? .gold : .enemy)
      if (0..<size).contains(entity.trailColumn) { mark(row: row, column: entity.trailColumn, .trail) }
    }
  }

  public func validate() throws {
    let check = StateCheck("Asterix state")
    try check.onBoard("the player", row: playerRow, column: playerColumn)
    try check.count("the lanes", lanes.count, Rules.laneCount)
    for (lane, entity) in lanes.enumerated() {
      if let entity { try check.onBoard("the entity of lane \(lane)", row: lane + 1, column: entity.column) }
    }
  }
}
