/// MinAtar Space Invaders: a cannon on the bottom row shoots at a marching alien wave.
///
/// Rules of MinAtar 1.0.x (`minatar/environments/space_invaders.py`, Young & Tian 2019):
/// - The cannon sits on the bottom row (9), starts in column 5, and moves one column
///   left or right per step, stopping at the walls. Fire puts a friendly bullet on the
///   cannon's cell, only when the shot timer is 0; it then sets the timer to
///   ``shotCooldown`` (5), which counts down by one at the end of every step.
/// - A wave is 4 × 6 aliens in rows 0–3, columns 2–7, starting to march left.
/// - Each step, in order: the player's action; friendly bullets move up one row
///   (leaving through the top); enemy bullets move down one row (leaving through the
///   bottom), and one landing on the cannon ends the game; an alien on the cannon's
///   cell ends the game.
/// - Aliens move when their move timer is 0: the timer restarts at the smaller of the
///   number of aliens left and the current move interval, so the last few aliens speed
///   up and the last one moves every step. If an alien touches the wall it is heading
///   for, the wave reverses and descends one row (ending the game if it was already on
///   the bottom row); otherwise it steps one column sideways. An alien landing on the
///   cannon ends the game.
/// - Aliens shoot when their shot timer is 0 (it restarts at ``alienShotInterval``, 10):
///   the alien column nearest the cannon (ties go to the left) fires an enemy bullet
///   from its lowest alien's cell.
/// - A friendly bullet on an alien's cell removes both and gives reward +1.
/// - Then the shot timer (if positive), the alien move timer and the alien shot timer
///   count down by one. If the wave is cleared a new one appears in the same place,
///   keeping the march direction and timers; with difficulty ramping (MinAtar's
///   default) the move interval first shrinks by one, from ``initialAlienMoveInterval``
///   (12) down to ``fastestAlienMoveInterval`` (6), and the ramp index counts up.
/// - Channels: cannon, alien, alien_left, alien_right (the wave, in the channel of its
///   march direction), friendly_bullet, enemy_bullet.
/// - Minimal actions: noop, left, right, fire.
public struct SpaceInvaders: MinAtarGame {
  /// The observation channels, in MinAtar's order.
  public enum Channel: Int, CaseIterable, Sendable {
    case cannon, alien, alienLeft, alienRight, friendlyBullet, enemyBullet
  }

  /// The wave's march direction (the column change of a sideways step).
  public enum Direction: Int, Codable, Sendable {
    case left = -1, right = 1

    var reversed: Direction { self == .left ? .right : .left }
  }

  /// A 10×10 Boolean grid, row-major, with MinAtar's shifts done in place.
  struct Grid: Codable, Sendable, Equatable {
    static let size = SpaceInvaders.gridSize
    var cells = [Bool](repeating: false, count: size * size)

    subscript(row: Int, column: Int) -> Bool {
      get { cells[row * Self.size + column] }
      set { cells[row * Self.size + column] = newValue }
    }

    /// The number of cells that are on.
    var count: Int {
      var n = 0
      for cell in cells where cell { n += 1 }
      return n
    }

    var isEmpty: Bool { !cells.contains(true) }

    func columnIsOccupied(_ column: Int) -> Bool {
      for row in 0..<Self.size where self[row, column] { return true }
      return false
    }

    func rowIsOccupied(_ row: Int) -> Bool {
      for column in 0..<Self.size where self[row, column] { return true }
      return false
    }

    /// The lowest (largest-index) occupied row of `column`.
    func lowestRow(inColumn column: Int) -> Int? {
      for row in stride(from: Self.size - 1, through: 0, by: -1) where self[row, column] { return row }
      return nil
    }

    mutating func clear() {
      for i in cells.indices { cells[i] = false }
    }

    /// Every cell moves up one row; the top row is lost and the bottom row empties.
    mutating func shiftUp() {
      for row in 0..<(Self.size - 1) {
        for column in 0..<Self.size { self[row, column] = self[row + 1, column] }
      }
      for column in 0..<Self.size { self[Self.size - 1, column] = false }
    }

    /// Every cell moves down one row; the bottom row is lost and the top row empties.
    mutating func shiftDown() {
      for row in stride(from: Self.size - 1, to: 0, by: -1) {
        for column in 0..<Self.size { self[row, column] = self[row - 1, column] }
      }
      for column in 0..<Self.size { self[0, column] = false }
    }

    /// Every cell moves down one row, the bottom row wrapping to the top (`np.roll`).
    mutating func rollDown() {
      for column in 0..<Self.size {
        let bottom = self[Self.size - 1, column]
        for row in stride(from: Self.size - 1, to: 0, by: -1) { self[row, column] = self[row - 1, column] }
        self[0, column] = bottom
      }
    }

    /// Every cell moves one column in `direction`, wrapping round (`np.roll`).
    mutating func roll(_ direction: Direction) {
      let last = Self.size - 1
      for row in 0..<Self.size {
        switch direction {
        case .left:
          let first = self[row, 0]
          for column in 0..<last { self[row, column] = self[row, column + 1] }
          self[row, last] = first
        case .right:
          let end = self[row, last]
          for column in stride(from: last, to: 0, by: -1) { self[row, column] = self[row, column - 1] }
          self[row, 0] = end
        }
      }
    }
  }

  // MARK: Constants

  /// MinAtar's 10×10 grid.
  static let gridSize = MinAtar<SpaceInvaders>.gridSize
  /// The cannon's row (the bottom row).
  static let cannonRow = gridSize - 1
  /// The cannon's column at the start of an episode.
  static let cannonStartColumn = 5
  /// The rows and columns a new wave fills.
  static let waveRows = 0..<4
  static let waveColumns = 2..<8
  /// Steps between the player's shots (MinAtar's `shot_cool_down`).
  static let shotCooldown = 5
  /// Steps between alien moves in the first wave (MinAtar's `enemy_move_interval`).
  static let initialAlienMoveInterval = 12
  /// The ramp stops once the move interval is this small.
  static let fastestAlienMoveInterval = 6
  /// Steps between enemy shots (MinAtar's `enemy_shot_interval`).
  static let alienShotInterval = 10

  public static let channelNames = ["cannon", "alien", "alien_left", "alien_right", "friendly_bullet", "enemy_bullet"]
  public static let minimalActionSet: [MinAtarAction] = [.noop, .left, .right, .fire]

  // MARK: State

  /// Whether clearing a wave speeds the next one up (MinAtar's `ramping`, default on).
  /// Kept across resets.
  var ramping = true
  /// The cannon's column on ``cannonRow``.
  var cannonColumn = SpaceInvaders.cannonStartColumn
  var aliens = Grid()
  var friendlyBullets = Grid()
  var enemyBullets = Grid()
  var alienDirection = Direction.left
  /// Steps between alien moves for the current wave (before the few-aliens speed-up).
  var alienMoveInterval = SpaceInvaders.initialAlienMoveInterval
  /// Steps before the aliens next move.
  var alienMoveTimer = SpaceInvaders.initialAlienMoveInterval
  /// Steps before the aliens next shoot.
  var alienShotTimer = SpaceInvaders.alienShotInterval
  /// Steps before the cannon may fire again.
  var shotTimer = 0
  /// How many times the difficulty has ramped up (MinAtar's `difficulty_ramp()`).
  var rampIndex = 0
  var terminal = false

  public init(rng: inout some MinAtarRandomSource) {
    self.init(rng: &rng, ramping: true)
  }

  /// A game with or without difficulty ramping (MinAtar's `difficulty_ramping`).
  public init(rng: inout some MinAtarRandomSource, ramping: Bool) {
    self.ramping = ramping
    reset(rng: &rng)
  }

  /// The current level of the difficulty ramp (MinAtar's `difficulty_ramp()`).
  public var difficultyRamp: Int { rampIndex }

  public mutating func reset(rng: inout some MinAtarRandomSource) {
    cannonColumn = Self.cannonStartColumn
    friendlyBullets.clear()
    enemyBullets.clear()
    aliens.clear()
    spawnWave()
    alienDirection = .left
    alienMoveInterval = Self.initialAlienMoveInterval
    alienMoveTimer = alienMoveInterval
    alienShotTimer = Self.alienShotInterval
    rampIndex = 0
    shotTimer = 0
    terminal = false
  }

  public mutating func act(_ action: MinAtarAction, rng: inout some MinAtarRandomSource) -> (reward: Float, terminal: Bool) {
    if terminal { return (0, true) }
    var reward: Float = 0

    switch action {
    case .fire:
      if shotTimer == 0 {
        friendlyBullets[Self.cannonRow, cannonColumn] = true
        shotTimer = Self.shotCooldown
      }
    case .left: cannonColumn = max(0, cannonColumn - 1)
    case .right: cannonColumn = min(Self.gridSize - 1, cannonColumn + 1)
    default: break
    }

    friendlyBullets.shiftUp()
    enemyBullets.shiftDown()
    if enemyBullets[Self.cannonRow, cannonColumn] { terminal = true }

    if aliens[Self.cannonRow, cannonColumn] { terminal = true }
    if alienMoveTimer == 0 {
      alienMoveTimer = min(aliens.count, alienMoveInterval)
      let wall = alienDirection == .left ? 0 : Self.gridSize - 1
      if aliens.columnIsOccupied(wall) {
        alienDirection = alienDirection.reversed
        if aliens.rowIsOccupied(Self.cannonRow) { terminal = true }
        aliens.rollDown()
      } else {
        aliens.roll(alienDirection)
      }
      if aliens[Self.cannonRow, cannonColumn] { terminal = true }
    }

    if alienShotTimer == 0 {
      alienShotTimer = Self.alienShotInterval
      if let (row, column) = nearestAlien(toColumn: cannonColumn) {
        enemyBullets[row, column] = true
      }
    }

    for row in 0..<Self.gridSize {
      for column in 0..<Self.gridSize where aliens[row, column] && friendlyBullets[row, column] {
        reward += 1
        aliens[row, column] = false
        friendlyBullets[row, column] = false
      }
    }

    if shotTimer > 0 { shotTimer -= 1 }
    alienMoveTimer -= 1
    alienShotTimer -= 1
    if aliens.isEmpty {
      if ramping && alienMoveInterval > Self.fastestAlienMoveInterval {
        alienMoveInterval -= 1
        rampIndex += 1
      }
      spawnWave()
    }
    return (reward, terminal)
  }

  public func render(into observation: UnsafeMutablePointer<Float>) {
    let channels = Self.channelNames.count
    observation.update(repeating: 0, count: Self.gridSize * Self.gridSize * channels)
    let marching: Channel = alienDirection == .left ? .alienLeft : .alienRight
    observation[(Self.cannonRow * Self.gridSize + cannonColumn) * channels + Channel.cannon.rawValue] = 1
    for cell in 0..<(Self.gridSize * Self.gridSize) {
      let base = cell * channels
      if aliens.cells[cell] {
        observation[base + Channel.alien.rawValue] = 1
        observation[base + marching.rawValue] = 1
      }
      if friendlyBullets.cells[cell] { observation[base + Channel.friendlyBullet.rawValue] = 1 }
      if enemyBullets.cells[cell] { observation[base + Channel.enemyBullet.rawValue] = 1 }
    }
  }

  public func validate() throws {
    let check = StateCheck("SpaceInvaders state")
    try check.onBoard("the cannon", row: Self.cannonRow, column: cannonColumn)
    for (name, grid) in [("the aliens", aliens), ("the cannon's bullets", friendlyBullets), ("the aliens' bullets", enemyBullets)] {
      try check.count(name, grid.cells.count, Self.gridSize * Self.gridSize)
    }
    try check.require(alienMoveInterval >= 0 && alienMoveTimer >= 0 && rampIndex >= 0, "negative timers or ramp")
  }

  // MARK: Helpers

  /// Fills ``waveRows`` × ``waveColumns`` with aliens.
  private mutating func spawnWave() {
    for row in Self.waveRows {
      for column in Self.waveColumns { aliens[row, column] = true }
    }
  }

  /// The lowest alien of the occupied column nearest `column`, the left one on a tie
  /// (MinAtar's `_nearest_alien`).
  func nearestAlien(toColumn column: Int) -> (row: Int, column: Int)? {
    for distance in 0..<Self.gridSize {
      let left = column - distance, right = column + distance
      if left >= 0, let row = aliens.lowestRow(inColumn: left) { return (row, left) }
      if distance > 0, right < Self.gridSize, let row = aliens.lowestRow(inColumn: right) { return (row, right) }
    }
    return nil
  }
}
