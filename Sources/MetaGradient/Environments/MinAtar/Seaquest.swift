/// MinAtar Seaquest: a two-cell submarine shoots fish and enemy subs, rescues divers
/// and must surface for oxygen.
///
/// Rules of MinAtar 1.0.x (`minatar/environments/seaquest.py`, Young & Tian 2019):
/// - The sub starts at the surface (row 0), column 5, facing left. Left/right move it
///   one column (within 0…9) and turn it that way; up/down move it one row within
///   0…8. Fire launches a bullet from the sub's front cell in the facing direction,
///   at most once every `shot_cool_down` = 5 steps. Friendly and enemy bullets move
///   one cell every step and vanish off the board.
/// - Each step, in order: spawns; the player's action; friendly bullets; divers;
///   enemy subs; enemy bullets; fish; timers; oxygen and surfacing.
/// - Every `enemySpawnInterval` steps (`e_spawn_speed`, initially 20) an enemy enters
///   on a random row 1…8 from a random side (½ each), a sub with probability ⅓ and
///   a fish otherwise — unless an enemy already in that row moves the other way, in
///   which case nothing spawns. Every `diver_spawn_speed` = 30 steps a diver enters
///   the same way (no row check).
/// - Fish, subs and divers each count down their own timer, set at spawn, and move
///   one cell when it reads 0, then restart it: fish and subs from `moveInterval`
///   (`move_speed`, initially 5), divers from `diver_move_interval` = 5, so they move
///   every 6 steps at first. An enemy sub fires a bullet from its own cell when its
///   shot timer (from `enemy_shot_interval` = 10) reads 0, i.e. every 11 steps; a
///   sub destroyed or leaving the board during its update still fires that step, as
///   in the source.
/// - A friendly bullet meeting a fish or sub (after the bullet's or the enemy's
///   move) removes both for +1. A fish, sub or enemy bullet on the sub's front cell
///   ends the game (the back cell is never hit).
/// - A diver on the sub's front cell is picked up while fewer than 6 are on board.
/// - Oxygen starts at 200 and drops by 1 each step below the surface; the game ends
///   on the step after it reaches 0.
/// - Reaching row 0 from below: with no divers the game ends; otherwise oxygen
///   refills to 200 and one diver leaves — with 6 on board all leave and the reward
///   is ⌊10 · oxygen / 200⌋ (one per lit cell of the oxygen gauge). As in the source,
///   the count then drops one further, to −1, which leaves the next surfacing free.
///   Each surfacing ramps the difficulty: the enemy spawn interval shrinks by one
///   (down to 1) and, on every second ramp (odd ramp index), the move interval (down
///   to 2).
/// - Observation channels (MinAtar's keys and order, with its spelling "guage"):
///   sub_front, sub_back, friendly_bullet, trail, enemy_bullet, enemy_fish,
///   enemy_sub, oxygen_guage, diver_guage, diver. The gauges are on row 9: oxygen
///   lights columns 0 ..< ⌊10 · oxygen / 200⌋, divers light the `diverCount` columns
///   ending at column 8. Trails mark the cell a fish, sub or diver came from.
///   All six actions are used.
public struct Seaquest: MinAtarGame {
  /// The observation channels, in MinAtar's order.
  public enum Channel: Int, CaseIterable, Sendable {
    case subFront, subBack, friendlyBullet, trail, enemyBullet, enemyFish, enemySub
    case oxygenGauge, diverGauge, diver

    /// MinAtar's key for the channel (`Env.channels`).
    var key: String {
      switch self {
      case .subFront: "sub_front"
      case .subBack: "sub_back"
      case .friendlyBullet: "friendly_bullet"
      case .trail: "trail"
      case .enemyBullet: "enemy_bullet"
      case .enemyFish: "enemy_fish"
      case .enemySub: "enemy_sub"
      case .oxygenGauge: "oxygen_guage"
      case .diverGauge: "diver_guage"
      case .diver: "diver"
      }
    }
  }

  /// The game's constants (MinAtar's module-level constants and `reset()` values).
  enum Rules {
    static let size = 10
    static let surfaceRow = 0
    static let deepestSubRow = 8
    /// Rows where enemies and divers enter.
    static let spawnRows = 1...8
    /// The row holding the oxygen and diver gauges.
    static let gaugeRow = 9
    static let subStartColumn = 5
    /// `max_oxygen`.
    static let maxOxygen = 200
    /// Cells of the oxygen gauge; also the largest surfacing bonus.
    static let oxygenGaugeCells = 10
    static let maxDivers = 6
    /// `init_spawn_speed`: steps between enemy spawns at the start of an episode.
    static let initialEnemySpawnInterval = 20
    /// `diver_spawn_speed`.
    static let diverSpawnInterval = 30
    /// `init_move_interval`: steps between enemy moves at the start of an episode.
    static let initialMoveInterval = 5
    /// The ramp never makes enemies move more often than every 2 steps.
    static let fastestMoveInterval = 2
    /// `shot_cool_down`.
    static let shotCooldown = 5
    /// `enemy_shot_interval`.
    static let enemyShotInterval = 10
    /// `diver_move_interval`.
    static let diverMoveInterval = 5
    static let moveRightProbability = 0.5
    /// The probability that a spawned enemy is a sub rather than a fish.
    static let enemySubProbability = 1.0 / 3.0
    static let killReward = 1
  }

  /// A friendly or enemy bullet.
  struct Bullet: Codable, Hashable, Sendable {
    var column: Int
    var row: Int
    var movesRight: Bool
  }

  /// A fish or a diver: it moves when its timer runs out.
  struct Swimmer: Codable, Hashable, Sendable {
    var column: Int
    var row: Int
    var movesRight: Bool
    var moveTimer: Int
    var trailColumn: Int { movesRight ? column - 1 : column + 1 }
  }

  /// An enemy submarine: a swimmer that also shoots.
  struct EnemySub: Codable, Hashable, Sendable {
    var column: Int
    var row: Int
    var movesRight: Bool
    var moveTimer: Int
    var shotTimer: Int
    var trailColumn: Int { movesRight ? column - 1 : column + 1 }
  }

  public static var channelNames: [String] { Channel.allCases.map(\.key) }
  public static var minimalActionSet: [MinAtarAction] { MinAtarAction.allCases }

  /// The sub's front cell.
  var subColumn = Rules.subStartColumn
  var subRow = Rules.surfaceRow
  var facingRight = false
  var oxygen = Rules.maxOxygen
  /// Rescued divers on board (−1 after a full six-diver surfacing, as in MinAtar).
  var diverCount = 0
  var friendlyBullets: [Bullet] = []
  var enemyBullets: [Bullet] = []
  var fish: [Swimmer] = []
  var enemySubs: [EnemySub] = []
  var divers: [Swimmer] = []
  /// Steps between enemy spawns (MinAtar's `e_spawn_speed`).
  var enemySpawnInterval = Rules.initialEnemySpawnInterval
  var enemySpawnTimer = Rules.initialEnemySpawnInterval
  var diverSpawnTimer = Rules.diverSpawnInterval
  /// Steps between enemy moves (MinAtar's `move_speed`).
  var moveInterval = Rules.initialMoveInterval
  /// How many times the difficulty has increased (MinAtar's `difficulty_ramp()`).
  var rampIndex = 0
  var shotTimer = 0
  /// The sub has been at the surface since it last surfaced (MinAtar's `surface`), so
  /// staying there does not count as surfacing again.
  var atSurface = true
  /// Whether difficulty increases on surfacing (MinAtar's `ramping`, default on).
  var ramping = true
  var terminal = false

  public init(rng: inout some MinAtarRandomSource) { reset(rng: &rng) }

  public mutating func reset(rng: inout some MinAtarRandomSource) {
    let ramping = self.ramping
    self = Seaquest()
    self.ramping = ramping
  }

  /// The initial state; it uses no randomness. Entity lists get room for a busy
  /// board up front so stepping rarely allocates.
  private init() {
    friendlyBullets.reserveCapacity(8)
    enemyBullets.reserveCapacity(32)
    fish.reserveCapacity(32)
    enemySubs.reserveCapacity(32)
    divers.reserveCapacity(16)
  }

  public mutating func act(_ action: MinAtarAction, rng: inout some MinAtarRandomSource) -> (reward: Float, terminal: Bool) {
    guard !terminal else { return (0, true) }
    var reward = 0

    if enemySpawnTimer == 0 {
      spawnEnemy(rng: &rng)
      enemySpawnTimer = enemySpawnInterval
    }
    if diverSpawnTimer == 0 {
      spawnDiver(rng: &rng)
      diverSpawnTimer = Rules.diverSpawnInterval
    }

    switch action {
    case .fire:
      if shotTimer == 0 {
        friendlyBullets.append(Bullet(column: subColumn, row: subRow, movesRight: facingRight))
        shotTimer = Rules.shotCooldown
      }
    case .left:
      subColumn = max(0, subColumn - 1)
      facingRight = false
    case .right:
      subColumn = min(Rules.size - 1, subColumn + 1)
      facingRight = true
    case .up: subRow = max(Rules.surfaceRow, subRow - 1)
    case .down: subRow = min(Rules.deepestSubRow, subRow + 1)
    case .noop: break
    }

    reward += moveFriendlyBullets()
    moveDivers()
    reward += moveEnemySubs()
    moveEnemyBullets()
    reward += moveFish()

    if enemySpawnTimer > 0 { enemySpawnTimer -= 1 }
    if diverSpawnTimer > 0 { diverSpawnTimer -= 1 }
    if shotTimer > 0 { shotTimer -= 1 }

    if oxygen <= 0 { terminal = true }
    if subRow > Rules.surfaceRow {
      oxygen -= 1
      atSurface = false
    } else if !atSurface {
      if diverCount == 0 {
        terminal = true
      } else {
        reward += surface()
      }
    }
    return (Float(reward), terminal)
  }

  // MARK: - Entities

  private static func step(_ movesRight: Bool) -> Int { movesRight ? 1 : -1 }
  private static func onBoard(_ column: Int) -> Bool { (0..<Rules.size).contains(column) }
  private func isSub(_ column: Int, _ row: Int) -> Bool { column == subColumn && row == subRow }

  /// Removes the first friendly bullet in the given cell; true if there was one.
  private mutating func removeFriendlyBullet(_ column: Int, _ row: Int) -> Bool {
    guard let hit = friendlyBullets.firstIndex(where: { $0.column == column && $0.row == row }) else { return false }
    friendlyBullets.remove(at: hit)
    return true
  }

  /// Bullets move first; one reaching a fish (or else a sub) removes both.
  private mutating func moveFriendlyBullets() -> Int {
    var reward = 0
    for i in friendlyBullets.indices.reversed() {
      friendlyBullets[i].column += Self.step(friendlyBullets[i].movesRight)
      let bullet = friendlyBullets[i]
      guard Self.onBoard(bullet.column) else {
        friendlyBullets.remove(at: i)
        continue
      }
      if let hit = fish.firstIndex(where: { $0.column == bullet.column && $0.row == bullet.row }) {
        fish.remove(at: hit)
      } else if let hit = enemySubs.firstIndex(where: { $0.column == bullet.column && $0.row == bullet.row }) {
        enemySubs.remove(at: hit)
      } else {
        continue
      }
      friendlyBullets.remove(at: i)
      reward += Rules.killReward
    }
    return reward
  }

  /// A diver on the sub is picked up if there is room; others move on their timer.
  private mutating func moveDivers() {
    for i in divers.indices.reversed() {
      if isSub(divers[i].column, divers[i].row) && diverCount < Rules.maxDivers {
        divers.remove(at: i)
        diverCount += 1
      } else if divers[i].moveTimer == 0 {
        divers[i].moveTimer = Rules.diverMoveInterval
        divers[i].column += Self.step(divers[i].movesRight)
        if !Self.onBoard(divers[i].column) {
          divers.remove(at: i)
        } else if isSub(divers[i].column, divers[i].row) && diverCount < Rules.maxDivers {
          divers.remove(at: i)
          diverCount += 1
        }
      } else {
        divers[i].moveTimer -= 1
      }
    }
  }

  /// Enemy subs move on their timers, ram the player or run into bullets, and shoot.
  private mutating func moveEnemySubs() -> Int {
    var reward = 0
    for i in enemySubs.indices.reversed() {
      var sub = enemySubs[i]
      var removed = false
      if isSub(sub.column, sub.row) { terminal = true }
      if sub.moveTimer == 0 {
        sub.moveTimer = moveInterval
        sub.column += Self.step(sub.movesRight)
        if !Self.onBoard(sub.column) {
          removed = true
        } else if isSub(sub.column, sub.row) {
          terminal = true
        } else if removeFriendlyBullet(sub.column, sub.row) {
          removed = true
          reward += Rules.killReward
        }
      } else {
        sub.moveTimer -= 1
      }
      // As in the source, the shot happens even if the sub was just removed; a shot
      // from off the board leaves it in the enemy-bullet update below.
      if sub.shotTimer == 0 {
        sub.shotTimer = Rules.enemyShotInterval
        enemyBullets.append(Bullet(column: sub.column, row: sub.row, movesRight: sub.movesRight))
      } else {
        sub.shotTimer -= 1
      }
      if removed { enemySubs.remove(at: i) } else { enemySubs[i] = sub }
    }
    return reward
  }

  /// Enemy bullets hit the player before or after moving.
  private mutating func moveEnemyBullets() {
    for i in enemyBullets.indices.reversed() {
      if isSub(enemyBullets[i].column, enemyBullets[i].row) { terminal = true }
      enemyBullets[i].column += Self.step(enemyBullets[i].movesRight)
      if !Self.onBoard(enemyBullets[i].column) {
        enemyBullets.remove(at: i)
      } else if isSub(enemyBullets[i].column, enemyBullets[i].row) {
        terminal = true
      }
    }
  }

  /// Fish move on their timers, ram the player or run into bullets.
  private mutating func moveFish() -> Int {
    var reward = 0
    for i in fish.indices.reversed() {
      if isSub(fish[i].column, fish[i].row) { terminal = true }
      guard fish[i].moveTimer == 0 else {
        fish[i].moveTimer -= 1
        continue
      }
      fish[i].moveTimer = moveInterval
      fish[i].column += Self.step(fish[i].movesRight)
      let (column, row) = (fish[i].column, fish[i].row)
      if !Self.onBoard(column) {
        fish.remove(at: i)
      } else if isSub(column, row) {
        terminal = true
      } else if removeFriendlyBullet(column, row) {
        fish.remove(at: i)
        reward += Rules.killReward
      }
    }
    return reward
  }

  // MARK: - Surfacing and spawning

  /// The sub reaches the surface with at least one diver (MinAtar's `_surface`).
  private mutating func surface() -> Int {
    atSurface = true
    var reward = 0
    if diverCount == Rules.maxDivers {
      diverCount = 0
      reward = oxygen * Rules.oxygenGaugeCells / Rules.maxOxygen
    }
    oxygen = Rules.maxOxygen
    diverCount -= 1  // also after a six-diver surfacing, exactly as MinAtar 1.0.x does
    if ramping && (enemySpawnInterval > 1 || moveInterval > Rules.fastestMoveInterval) {
      if moveInterval > Rules.fastestMoveInterval && rampIndex % 2 == 1 { moveInterval -= 1 }
      if enemySpawnInterval > 1 { enemySpawnInterval -= 1 }
      rampIndex += 1
    }
    return reward
  }

  /// A random side (and so direction) and a random row in ``Rules/spawnRows``.
  private static func entry(rng: inout some MinAtarRandomSource) -> (movesRight: Bool, column: Int) {
    let movesRight = rng.bernoulli(Rules.moveRightProbability)
    return (movesRight, movesRight ? 0 : Rules.size - 1)
  }

  private static func spawnRow(rng: inout some MinAtarRandomSource) -> Int {
    Rules.spawnRows.lowerBound + rng.index(Rules.spawnRows.count)
  }

  /// A fish or sub, unless its row holds an enemy moving the other way.
  private mutating func spawnEnemy(rng: inout some MinAtarRandomSource) {
    let (movesRight, column) = Self.entry(rng: &rng)
    let isEnemySub = rng.bernoulli(Rules.enemySubProbability)
    let row = Self.spawnRow(rng: &rng)
    let blocked =
      enemySubs.contains { $0.row == row && $0.movesRight != movesRight }
      || fish.contains { $0.row == row && $0.movesRight != movesRight }
    guard !blocked else { return }
    if isEnemySub {
      enemySubs.append(EnemySub(
        column: column, row: row, movesRight: movesRight, moveTimer: moveInterval,
        shotTimer: Rules.enemyShotInterval))
    } else {
      fish.append(Swimmer(column: column, row: row, movesRight: movesRight, moveTimer: moveInterval))
    }
  }

  private mutating func spawnDiver(rng: inout some MinAtarRandomSource) {
    let (movesRight, column) = Self.entry(rng: &rng)
    let row = Self.spawnRow(rng: &rng)
    divers.append(Swimmer(column: column, row: row, movesRight: movesRight, moveTimer: Rules.diverMoveInterval))
  }

  // MARK: - Observation

  public func render(into observation: UnsafeMutablePointer<Float>) {
    let size = Rules.size, channels = Self.channelCount
    observation.update(repeating: 0, count: size * size * channels)
    func mark(row: Int, column: Int, _ channel: Channel) {
      observation[(row * size + column) * channels + channel.rawValue] = 1
    }
    func markTrail(row: Int, column: Int) {
      if Self.onBoard(column) { mark(row: row, column: column, .trail) }
    }

    mark(row: subRow, column: subColumn, .subFront)
    // The back cell is always on the board in play (the sub faces the way it last
    // moved); hand-built states facing a wall just omit it.
    let backColumn = facingRight ? subColumn - 1 : subColumn + 1
    if Self.onBoard(backColumn) { mark(row: subRow, column: backColumn, .subBack) }

    let litOxygenCells = max(0, oxygen) * Rules.oxygenGaugeCells / Rules.maxOxygen
    for column in 0..<min(litOxygenCells, size) { mark(row: Rules.gaugeRow, column: column, .oxygenGauge) }
    // Divers fill the gauge leftwards from column 8.
    let lastDiverColumn = size - 2
    for column in stride(from: lastDiverColumn, to: lastDiverColumn - max(0, diverCount), by: -1) where column >= 0 {
      mark(row: Rules.gaugeRow, column: column, .diverGauge)
    }

    for bullet in friendlyBullets { mark(row: bullet.row, column: bullet.column, .friendlyBullet) }
    for bullet in enemyBullets { mark(row: bullet.row, column: bullet.column, .enemyBullet) }
    for swimmer in fish {
      mark(row: swimmer.row, column: swimmer.column, .enemyFish)
      markTrail(row: swimmer.row, column: swimmer.trailColumn)
    }
    for sub in enemySubs {
      mark(row: sub.row, column: sub.column, .enemySub)
      markTrail(row: sub.row, column: sub.trailColumn)
    }
    for diver in divers {
      mark(row: diver.row, column: diver.column, .diver)
      markTrail(row: diver.row, column: diver.trailColumn)
    }
  }

  public func validate() throws {
    let check = StateCheck("Seaquest state")
    try check.onBoard("the submarine", row: subRow, column: subColumn)
    let cells = Rules.size * Rules.size
    for (name, bullets) in [("a friendly bullet", friendlyBullets), ("an enemy bullet", enemyBullets)] {
      try check.atMost(name + "s", bullets.count, cells)
      for b in bullets { try check.onBoard(name, row: b.row, column: b.column) }
    }
    for (name, swimmers) in [("a fish", fish), ("a diver", divers)] {
      try check.atMost(name + "s", swimmers.count, cells)
      for f in swimmers { try check.onBoard(name, row: f.row, column: f.column) }
    }
    try check.atMost("the enemy submarines", enemySubs.count, cells)
    for e in enemySubs { try check.onBoard("an enemy submarine", row: e.row, column: e.column) }
  }
}
