import Testing
@testable import MetaGradient

/// Seaquest against MinAtar 1.0.x `seaquest.py`, on hand-built states.
@Suite struct SeaquestTests {
  /// A fresh game with the sub submerged at row 4, column 5, facing left, and all
  /// spawning pushed far into the future, so only what a test places is on the board.
  func quietGame() -> (Seaquest, RandomStream) {
    var rng = RandomStream(seed: 1)
    var game = Seaquest(rng: &rng)
    game.enemySpawnTimer = 10_000
    game.diverSpawnTimer = 10_000
    game.subRow = 4
    game.atSurface = false
    return (game, rng)
  }

  @Test func channelsAndActions() {
    #expect(Seaquest.channelNames == [
      "sub_front", "sub_back", "friendly_bullet", "trail", "enemy_bullet", "enemy_fish",
      "enemy_sub", "oxygen_guage", "diver_guage", "diver",
    ])
    #expect(Seaquest.minimalActionSet == [.noop, .left, .up, .right, .down, .fire])
  }

  @Test func friendlyBulletKillsAFishForOne() {
    var (game, rng) = quietGame()
    game.facingRight = true
    game.fish = [.init(column: 6, row: 4, movesRight: true, moveTimer: 3)]
    let (reward, terminal) = game.act(.fire, rng: &rng)
    #expect(reward == 1)
    #expect(!terminal)
    #expect(game.fish.isEmpty && game.friendlyBullets.isEmpty)
    #expect(game.shotTimer == Seaquest.Rules.shotCooldown - 1)
  }

  @Test func enemySubMovingIntoABulletDiesForOne() {
    var (game, rng) = quietGame()
    game.facingRight = true
    game.enemySubs = [.init(column: 7, row: 4, movesRight: false, moveTimer: 0, shotTimer: 4)]
    let (reward, terminal) = game.act(.fire, rng: &rng)
    #expect(reward == 1)
    #expect(!terminal)
    #expect(game.enemySubs.isEmpty && game.friendlyBullets.isEmpty && game.enemyBullets.isEmpty)
  }

  @Test func fireRespectsTheCooldown() {
    var (game, rng) = quietGame()
    _ = game.act(.fire, rng: &rng)
    _ = game.act(.fire, rng: &rng)
    #expect(game.friendlyBullets == [.init(column: 3, row: 4, movesRight: false)])
  }

  @Test func runningOutOfOxygenEndsTheGame() {
    var (game, rng) = quietGame()
    game.oxygen = 1
    #expect(!game.act(.noop, rng: &rng).terminal)
    #expect(game.oxygen == 0)
    #expect(game.act(.noop, rng: &rng).terminal)
  }

  @Test func oxygenOnlyDropsBelowTheSurface() {
    var rng = RandomStream(seed: 1)
    var game = Seaquest(rng: &rng)
    for _ in 0..<5 { _ = game.act(.noop, rng: &rng) }
    #expect(game.oxygen == Seaquest.Rules.maxOxygen && !game.terminal)
    _ = game.act(.down, rng: &rng)
    #expect(game.oxygen == Seaquest.Rules.maxOxygen - 1)
  }

  @Test func surfacingWithNoDiversEndsTheGame() {
    var (game, rng) = quietGame()
    game.subRow = 1
    let (reward, terminal) = game.act(.up, rng: &rng)
    #expect(reward == 0)
    #expect(terminal)
  }

  @Test func surfacingWithSomeDiversRefillsOxygenAndCostsOneDiver() {
    var (game, rng) = quietGame()
    game.subRow = 1
    game.diverCount = 2
    game.oxygen = 50
    let (reward, terminal) = game.act(.up, rng: &rng)
    #expect(reward == 0)
    #expect(!terminal)
    #expect(game.oxygen == Seaquest.Rules.maxOxygen)
    #expect(game.diverCount == 1)
    // The difficulty ramps on surfacing: enemies spawn one step sooner.
    #expect(game.rampIndex == 1 && game.enemySpawnInterval == 19 && game.moveInterval == 5)
    // Staying at the surface is not surfacing again.
    _ = game.act(.noop, rng: &rng)
    #expect(game.diverCount == 1 && game.rampIndex == 1)
  }

  @Test func surfacingWithSixDiversScoresTheOxygenGauge() {
    var (game, rng) = quietGame()
    game.subRow = 1
    game.diverCount = 6
    game.oxygen = 150
    let (reward, terminal) = game.act(.up, rng: &rng)
    #expect(reward == 7)  // ⌊10 · 150 / 200⌋
    #expect(!terminal)
    #expect(game.oxygen == Seaquest.Rules.maxOxygen)
    // MinAtar 1.0.x empties the sub and then removes one more diver.
    #expect(game.diverCount == -1)
  }

  @Test func enemyBulletKillsTheSub() {
    var (game, rng) = quietGame()
    game.enemyBullets = [.init(column: 6, row: 4, movesRight: false)]
    #expect(game.act(.noop, rng: &rng).terminal)
  }

  @Test func enemyBulletDoesNotHitTheBackCell() {
    var (game, rng) = quietGame()  // facing left: the back cell is column 6
    game.enemyBullets = [.init(column: 7, row: 4, movesRight: false)]
    #expect(!game.act(.noop, rng: &rng).terminal)
  }

  @Test func fishRammingTheSubEndsTheGame() {
    var (game, rng) = quietGame()
    game.fish = [.init(column: 4, row: 4, movesRight: true, moveTimer: 0)]
    #expect(game.act(.noop, rng: &rng).terminal)
  }

  @Test func enemySubShootsOnItsTimer() {
    var (game, rng) = quietGame()
    game.enemySubs = [.init(column: 9, row: 2, movesRight: false, moveTimer: 3, shotTimer: 0)]
    _ = game.act(.noop, rng: &rng)
    #expect(game.enemyBullets == [.init(column: 8, row: 2, movesRight: false)])
    #expect(game.enemySubs.first?.shotTimer == Seaquest.Rules.enemyShotInterval)
  }

  @Test func diversArePickedUpUpToSix() {
    var (game, rng) = quietGame()
    game.divers = [.init(column: 6, row: 4, movesRight: false, moveTimer: 0)]
    _ = game.act(.noop, rng: &rng)
    #expect(game.diverCount == 1 && game.divers.isEmpty)
    game.diverCount = 6
    game.divers = [.init(column: 5, row: 4, movesRight: false, moveTimer: 2)]
    _ = game.act(.noop, rng: &rng)
    #expect(game.diverCount == 6 && game.divers.count == 1)
  }

  @Test func enemiesDoNotSpawnAgainstTheTrafficOfTheirRow() {
    var (game, rng) = quietGame()
    // Both directions in every spawn row: every enemy spawn is blocked.
    game.fish = Seaquest.Rules.spawnRows.flatMap { row in
      [true, false].map { Seaquest.Swimmer(column: 4 + (row % 2), row: row, movesRight: $0, moveTimer: 100) }
    }
    game.subRow = 0
    game.atSurface = true
    let before = game.fish
    game.enemySpawnTimer = 0
    _ = game.act(.noop, rng: &rng)
    #expect(game.fish.map(\.column) == before.map(\.column) && game.fish.count == before.count)
    #expect(game.enemySubs.isEmpty)
  }

  @Test func renderMarksSubGaugesAndTrails() {
    var (game, _) = quietGame()
    game.diverCount = 3
    game.oxygen = 95
    game.divers = [.init(column: 2, row: 7, movesRight: true, moveTimer: 1)]
    let obs = MinAtarGameHarness.observation(of: game)
    let c = Seaquest.channelCount
    func at(_ row: Int, _ column: Int, _ channel: Seaquest.Channel) -> Float { obs[(row * 10 + column) * c + channel.rawValue] }
    #expect(at(4, 5, .subFront) == 1 && at(4, 6, .subBack) == 1)
    #expect((0..<10).map { at(9, $0, .oxygenGauge) } == [1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
    #expect((0..<10).map { at(9, $0, .diverGauge) } == [0, 0, 0, 0, 0, 0, 1, 1, 1, 0])
    #expect(at(7, 2, .diver) == 1 && at(7, 1, .trail) == 1)
    #expect(obs.reduce(0, +) == 11)
  }

  @Test func observationHasDocumentedShapeAndBinaryEntries() {
    #expect(MinAtar<Seaquest>(rng: RandomStream(seed: 5)).observationShape == [10, 10, 10])
    #expect(MinAtarGameHarness.observationsAreBinary(Seaquest.self, seed: 5, steps: 300))
  }

  @Test func sameSeedSameTrajectory() {
    #expect(MinAtarGameHarness.seedDeterminesTrajectory(Seaquest.self))
  }

  /// MinAtar reports a random-policy return of about 0.1 for Seaquest (this
  /// implementation gives 0.09 over 3000 episodes).
  @Test func randomPolicyReturnIsPlausible() {
    let mean = MinAtarGameHarness.randomPolicyMeanReturn(Seaquest.self, seed: 2, episodes: 200)
    #expect((0.02...0.3).contains(mean), "mean random return \(mean)")
  }
}
