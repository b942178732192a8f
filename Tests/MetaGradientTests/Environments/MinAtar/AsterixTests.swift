import Testing
@testable import MetaGradient

/// Asterix against MinAtar 1.0.x `asterix.py`, on hand-built states.
@Suite struct AsterixTests {
  /// A fresh game with spawning pushed far into the future, so only the entities a
  /// test places are on the board.
  func quietGame() -> (Asterix, RandomStream) {
    var rng = RandomStream(seed: 1)
    var game = Asterix(rng: &rng)
    game.spawnTimer = 10_000
    return (game, rng)
  }

  @Test func channelsAndActions() {
    #expect(Asterix.channelNames == ["player", "enemy", "trail", "gold"])
    #expect(Asterix.minimalActionSet == [.noop, .left, .up, .right, .down])
  }

  @Test func collectingGoldGivesOne() {
    var (game, rng) = quietGame()
    // Gold just right of the player, in the player's lane (row 5 is lane 4).
    game.lanes[4] = .init(column: 6, movesRight: true, isGold: true)
    let (reward, terminal) = game.act(.right, rng: &rng)
    #expect(reward == 1)
    #expect(!terminal)
    #expect(game.lanes[4] == nil)
  }

  @Test func goldMovingOntoThePlayerIsCollected() {
    var (game, rng) = quietGame()
    game.moveTimer = 0
    game.lanes[4] = .init(column: 4, movesRight: true, isGold: true)
    let (reward, terminal) = game.act(.noop, rng: &rng)
    #expect(reward == 1)
    #expect(!terminal)
  }

  @Test func touchingAnEnemyEndsTheGame() {
    var (game, rng) = quietGame()
    game.lanes[3] = .init(column: 5, movesRight: false, isGold: false)  // row 4, above the player
    let (reward, terminal) = game.act(.up, rng: &rng)
    #expect(reward == 0)
    #expect(terminal)
    // A finished game stays finished and pays nothing.
    let after = game.act(.down, rng: &rng)
    #expect(after.reward == 0 && after.terminal)
  }

  @Test func anEnemyMovingOntoThePlayerEndsTheGame() {
    var (game, rng) = quietGame()
    game.moveTimer = 0
    game.lanes[4] = .init(column: 6, movesRight: false, isGold: false)
    #expect(game.act(.noop, rng: &rng).terminal)
  }

  @Test func playerStaysInsideTheBoard() {
    var (game, rng) = quietGame()
    for _ in 0..<12 { _ = game.act(.left, rng: &rng) }
    #expect(game.playerColumn == 0)
    for _ in 0..<12 { _ = game.act(.up, rng: &rng) }
    #expect(game.playerRow == 1)
    for _ in 0..<12 { _ = game.act(.right, rng: &rng) }
    #expect(game.playerColumn == 9)
    for _ in 0..<12 { _ = game.act(.down, rng: &rng) }
    #expect(game.playerRow == 8)
    #expect(!game.terminal)
  }

  @Test func entitiesLeaveTheBoard() {
    var (game, rng) = quietGame()
    game.moveTimer = 0
    game.lanes[0] = .init(column: 9, movesRight: true, isGold: false)
    game.lanes[7] = .init(column: 0, movesRight: false, isGold: true)
    _ = game.act(.noop, rng: &rng)
    #expect(game.lanes.allSatisfy { $0 == nil })
  }

  @Test func spawnsOnAFreeLaneAtAnEdge() {
    var rng = RandomStream(seed: 3)
    var game = Asterix(rng: &rng)
    game.spawnTimer = 0
    _ = game.act(.noop, rng: &rng)
    let spawned = game.lanes.compactMap { $0 }
    #expect(spawned.count == 1)
    if let entity = spawned.first { #expect(entity.column == (entity.movesRight ? 0 : 9)) }
    #expect(game.spawnTimer == game.spawnInterval - 1)
    // With every lane taken, a spawn does nothing.
    for lane in game.lanes.indices { game.lanes[lane] = .init(column: 2, movesRight: true, isGold: true) }
    game.playerColumn = 7
    game.spawnTimer = 0
    game.moveTimer = 10
    _ = game.act(.noop, rng: &rng)
    #expect(game.lanes.allSatisfy { $0?.column == 2 })
  }

  @Test func difficultyRamps() {
    var (game, rng) = quietGame()
    // Keep the player safe: nothing spawns, so nothing can touch it.
    for _ in 0..<101 { _ = game.act(.noop, rng: &rng) }
    #expect(game.rampIndex == 0)
    _ = game.act(.noop, rng: &rng)
    #expect(game.rampIndex == 1 && game.spawnInterval == 9 && game.moveInterval == 5)
    for _ in 0..<102 { _ = game.act(.noop, rng: &rng) }
    #expect(game.rampIndex == 2 && game.spawnInterval == 8 && game.moveInterval == 4)
  }

  @Test func renderMarksPlayerEntitiesAndTrails() {
    var (game, _) = quietGame()
    game.lanes[0] = .init(column: 3, movesRight: true, isGold: true)
    game.lanes[1] = .init(column: 0, movesRight: false, isGold: false)
    let obs = MinAtarGameHarness.observation(of: game)
    let c = Asterix.channelCount
    func at(_ row: Int, _ column: Int, _ channel: Asterix.Channel) -> Float { obs[(row * 10 + column) * c + channel.rawValue] }
    #expect(at(5, 5, .player) == 1)
    #expect(at(1, 3, .gold) == 1 && at(1, 2, .trail) == 1)
    #expect(at(2, 0, .enemy) == 1 && at(2, 1, .trail) == 1)
    #expect(obs.reduce(0, +) == 5)
  }

  @Test func observationHasDocumentedShapeAndBinaryEntries() {
    #expect(MinAtar<Asterix>(rng: RandomStream(seed: 5)).observationShape == [10, 10, 4])
    #expect(MinAtarGameHarness.observationsAreBinary(Asterix.self, seed: 5, steps: 300))
  }

  @Test func sameSeedSameTrajectory() {
    #expect(MinAtarGameHarness.seedDeterminesTrajectory(Asterix.self))
  }

  /// MinAtar reports a random-policy return of about 0.5 for Asterix (this
  /// implementation gives 0.50 over 2000 episodes).
  @Test func randomPolicyReturnIsPlausible() {
    let mean = MinAtarGameHarness.randomPolicyMeanReturn(Asterix.self, seed: 2, episodes: 200)
    #expect((0.25...0.8).contains(mean), "mean random return \(mean)")
  }
}
