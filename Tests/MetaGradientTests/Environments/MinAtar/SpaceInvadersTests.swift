import Testing
@testable import MetaGradient

/// Space Invaders against the rules of MinAtar's `space_invaders.py`, on hand-built states.
@Suite struct SpaceInvadersTests {
  typealias Grid = SpaceInvaders.Grid

  /// A grid with the given cells on.
  static func grid(_ cells: [(Int, Int)]) -> Grid {
    var g = Grid()
    for (row, column) in cells { g[row, column] = true }
    return g
  }

  /// A fresh game whose aliens will neither move nor shoot for a while.
  static func calmGame(aliens: [(Int, Int)]? = nil) -> SpaceInvaders {
    var rng = RandomStream(seed: 31)
    var game = SpaceInvaders(rng: &rng)
    if let aliens { game.aliens = grid(aliens) }
    game.alienMoveTimer = 50
    game.alienShotTimer = 50
    return game
  }

  @Test func startState() {
    var rng = RandomStream(seed: 0)
    let g = SpaceInvaders(rng: &rng)
    #expect(g.cannonColumn == 5 && g.alienDirection == .left && g.ramping)
    #expect(g.aliens.count == 24 && g.aliens[0, 2] && g.aliens[3, 7] && !g.aliens[4, 2] && !g.aliens[0, 8])
    #expect(g.alienMoveInterval == 12 && g.alienMoveTimer == 12 && g.alienShotTimer == 10)
    #expect(g.shotTimer == 0 && g.rampIndex == 0 && g.difficultyRamp == 0)
    #expect(g.friendlyBullets.isEmpty && g.enemyBullets.isEmpty)
  }

  @Test func firingRespectsTheCooldown() {
    var rng = RandomStream(seed: 1)
    var g = Self.calmGame(aliens: [(0, 0)])
    _ = g.act(.fire, rng: &rng)
    #expect(g.friendlyBullets == Self.grid([(8, 5)]), "a new bullet has already moved up one row")
    #expect(g.shotTimer == SpaceInvaders.shotCooldown - 1)
    _ = g.act(.fire, rng: &rng)
    #expect(g.friendlyBullets == Self.grid([(7, 5)]), "no second shot during the cooldown")
    for _ in 0..<3 { _ = g.act(.noop, rng: &rng) }
    #expect(g.shotTimer == 0)
    _ = g.act(.fire, rng: &rng)
    #expect(g.friendlyBullets.count == 2 && g.friendlyBullets[8, 5])
  }

  @Test func friendlyBulletKillsAnAlien() {
    var rng = RandomStream(seed: 1)
    var g = Self.calmGame(aliens: [(7, 5), (0, 0)])
    g.friendlyBullets = Self.grid([(8, 5), (1, 9)])
    let (reward, terminal) = g.act(.noop, rng: &rng)
    #expect(reward == 1 && !terminal)
    #expect(g.aliens == Self.grid([(0, 0)]))
    #expect(g.friendlyBullets == Self.grid([(0, 9)]), "the hitting bullet is spent, others fly on")
    _ = g.act(.noop, rng: &rng)
    #expect(g.friendlyBullets.isEmpty, "bullets leave through the top")
  }

  @Test func enemyBulletKillsTheCannon() {
    var rng = RandomStream(seed: 1)
    var g = Self.calmGame()
    g.enemyBullets = Self.grid([(8, 5)])
    let (reward, terminal) = g.act(.noop, rng: &rng)
    #expect(terminal && reward == 0)
    #expect(g.act(.fire, rng: &rng) == (0, true))

    var dodge = Self.calmGame()
    dodge.enemyBullets = Self.grid([(8, 5)])
    #expect(!dodge.act(.left, rng: &rng).terminal)
    #expect(dodge.enemyBullets == Self.grid([(9, 5)]))
    _ = dodge.act(.noop, rng: &rng)
    #expect(dodge.enemyBullets.isEmpty, "bullets leave through the bottom")
  }

  @Test func aliensShootFromTheNearestColumn() {
    var rng = RandomStream(seed: 1)
    var g = Self.calmGame()
    g.alienShotTimer = 0
    _ = g.act(.noop, rng: &rng)
    #expect(g.enemyBullets == Self.grid([(3, 5)]), "the lowest alien above the cannon")
    #expect(g.alienShotTimer == SpaceInvaders.alienShotInterval - 1)

    var tie = Self.calmGame(aliens: [(1, 3), (2, 7), (0, 7)])
    tie.alienShotTimer = 0
    _ = tie.act(.noop, rng: &rng)
    #expect(tie.enemyBullets == Self.grid([(1, 3)]), "ties go to the left")
  }

  @Test func aliensMarchSideways() {
    var rng = RandomStream(seed: 1)
    var g = Self.calmGame()
    g.alienMoveTimer = 0
    _ = g.act(.noop, rng: &rng)
    #expect(g.aliens[0, 1] && !g.aliens[0, 7] && g.aliens.count == 24)
    #expect(g.alienDirection == .left)
    #expect(g.alienMoveTimer == SpaceInvaders.initialAlienMoveInterval - 1)
  }

  @Test func aliensReverseAndDescendAtTheEdge() {
    var rng = RandomStream(seed: 1)
    var g = Self.calmGame(aliens: [(0, 0), (0, 1), (2, 4)])
    g.alienMoveTimer = 0
    _ = g.act(.noop, rng: &rng)
    #expect(g.aliens == Self.grid([(1, 0), (1, 1), (3, 4)]))
    #expect(g.alienDirection == .right)
    #expect(g.alienMoveTimer == 3 - 1, "few aliens move faster: min(count, interval)")

    var right = Self.calmGame(aliens: [(4, 9), (4, 8)])
    right.alienDirection = .right
    right.alienMoveTimer = 0
    _ = right.act(.noop, rng: &rng)
    #expect(right.aliens == Self.grid([(5, 9), (5, 8)]) && right.alienDirection == .left)
  }

  @Test func alienReachingTheCannonEndsTheGame() {
    var rng = RandomStream(seed: 1)
    var g = Self.calmGame(aliens: [(8, 0), (5, 3)])
    g.cannonColumn = 0
    g.alienMoveTimer = 0
    #expect(g.act(.noop, rng: &rng).terminal)
    #expect(g.aliens[9, 0])

    // Descending from the bottom row ends the game wherever the cannon is.
    var h = Self.calmGame(aliens: [(9, 0)])
    h.cannonColumn = 6
    h.alienMoveTimer = 0
    #expect(h.act(.noop, rng: &rng).terminal)

    // Moving under a standing alien on the bottom row ends it too.
    var k = Self.calmGame(aliens: [(9, 4), (0, 0)])
    k.cannonColumn = 5
    #expect(k.act(.left, rng: &rng).terminal)
  }

  @Test func clearedWaveRampsTheDifficulty() {
    var rng = RandomStream(seed: 1)
    var g = Self.calmGame(aliens: [(7, 5)])
    g.friendlyBullets = Self.grid([(8, 5)])
    let (reward, terminal) = g.act(.noop, rng: &rng)
    #expect(reward == 1 && !terminal)
    #expect(g.rampIndex == 1 && g.difficultyRamp == 1)
    #expect(g.alienMoveInterval == SpaceInvaders.initialAlienMoveInterval - 1)
    #expect(g.aliens.count == 24 && g.aliens[0, 2] && g.aliens[3, 7], "a new wave")
    #expect(g.alienMoveTimer == 49, "the move timer is not reset")

    // The ramp stops at the fastest interval.
    var fast = Self.calmGame(aliens: [(7, 5)])
    fast.alienMoveInterval = SpaceInvaders.fastestAlienMoveInterval
    fast.rampIndex = 6
    fast.friendlyBullets = Self.grid([(8, 5)])
    _ = fast.act(.noop, rng: &rng)
    #expect(fast.alienMoveInterval == SpaceInvaders.fastestAlienMoveInterval && fast.rampIndex == 6)
    #expect(fast.aliens.count == 24)

    // Without ramping the wave is replaced at the same speed.
    var seed = RandomStream(seed: 2)
    var flat = SpaceInvaders(rng: &seed, ramping: false)
    flat.aliens = Self.grid([(7, 5)])
    flat.friendlyBullets = Self.grid([(8, 5)])
    _ = flat.act(.noop, rng: &rng)
    #expect(flat.alienMoveInterval == SpaceInvaders.initialAlienMoveInterval && flat.rampIndex == 0)
    flat.reset(rng: &seed)
    #expect(!flat.ramping, "reset keeps the ramping setting")
  }

  @Test func cannonStopsAtTheWalls() {
    var rng = RandomStream(seed: 1)
    var g = Self.calmGame()
    g.cannonColumn = 1
    _ = g.act(.left, rng: &rng); _ = g.act(.left, rng: &rng)
    #expect(g.cannonColumn == 0)
    g.cannonColumn = 8
    _ = g.act(.right, rng: &rng); _ = g.act(.right, rng: &rng)
    #expect(g.cannonColumn == 9)
  }

  @Test func observationChannels() {
    var g = Self.calmGame(aliens: [(2, 3), (2, 4)])
    g.cannonColumn = 7
    g.friendlyBullets = Self.grid([(6, 7)])
    g.enemyBullets = Self.grid([(5, 1), (8, 2)])
    let c = SpaceInvaders.channelCount
    typealias Ch = SpaceInvaders.Channel
    #expect(c == 6 && Ch.allCases.count == c)
    #expect(SpaceInvaders.channelNames == ["cannon", "alien", "alien_left", "alien_right", "friendly_bullet", "enemy_bullet"])
    var obs = MinAtarGameHarness.observation(of: g)
    #expect(obs.allSatisfy { $0 == 0 || $0 == 1 })
    #expect(MinAtarGameHarness.isOn(obs, row: 9, column: 7, channel: Ch.cannon.rawValue, channels: c))
    #expect(MinAtarGameHarness.count(obs, channel: Ch.alien.rawValue, channels: c) == 2)
    #expect(MinAtarGameHarness.count(obs, channel: Ch.alienLeft.rawValue, channels: c) == 2)
    #expect(MinAtarGameHarness.count(obs, channel: Ch.alienRight.rawValue, channels: c) == 0)
    #expect(MinAtarGameHarness.isOn(obs, row: 6, column: 7, channel: Ch.friendlyBullet.rawValue, channels: c))
    #expect(MinAtarGameHarness.count(obs, channel: Ch.enemyBullet.rawValue, channels: c) == 2)
    g.alienDirection = .right
    obs = MinAtarGameHarness.observation(of: g)
    #expect(MinAtarGameHarness.isOn(obs, row: 2, column: 3, channel: Ch.alienRight.rawValue, channels: c))
    #expect(MinAtarGameHarness.count(obs, channel: Ch.alienLeft.rawValue, channels: c) == 0)
    let env = MinAtar<SpaceInvaders>(rng: RandomStream(seed: 0))
    #expect(env.observationShape == [10, 10, 6])
    #expect(env.actionSet == [.noop, .left, .right, .fire])
  }

  @Test func sameSeedSameTrajectory() {
    let actions = [3, 1, 3, 0, 2, 3, 2, 1]
    let a = MinAtarGameHarness.trajectory(SpaceInvaders.self, seed: 4, actions: actions, steps: 400)
    let b = MinAtarGameHarness.trajectory(SpaceInvaders.self, seed: 4, actions: actions, steps: 400)
    #expect(a == b)
    #expect(a.allSatisfy { $0.observation.allSatisfy { $0 == 0 || $0 == 1 } })
    #expect(a.contains { $0.transition.reward > 0 })
  }

  @Test func codableRoundTrip() throws {
    var rng = RandomStream(seed: 6)
    var game = SpaceInvaders(rng: &rng)
    let actions: [MinAtarAction] = [.fire, .left, .fire, .right, .noop, .fire]
    for action in actions { _ = game.act(action, rng: &rng) }
    let later = (0..<20).flatMap { _ in actions }
    #expect(try MinAtarGameHarness.roundTripsThroughCodable(game, actions: later))
  }

  @Test func randomPolicyReturnIsPlausible() {
    // MinAtar's own Python game gives 2.8 ± 0.1 per episode for a uniform random policy
    // over all six actions and 4.0 ± 0.1 over the minimal set (fire is chosen more often).
    let mean = MinAtarGameHarness.randomPolicyMeanReturn(SpaceInvaders.self, seed: 3, episodes: 300)
    #expect(mean > 1.5 && mean < 6, "mean random return \(mean)")
  }
}
