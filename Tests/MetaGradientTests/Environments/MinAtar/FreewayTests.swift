import Testing
@testable import MetaGradient

/// Freeway against the rules of MinAtar's `freeway.py`, on hand-built states.
@Suite struct FreewayTests {
  /// A fresh game whose cars all sit in column 0 and will not move for a while.
  static func quietGame() -> Freeway {
    var rng = RandomStream(seed: 21)
    var game = Freeway(rng: &rng)
    for i in game.cars.indices {
      game.cars[i].column = 0
      game.cars[i].period = 5
      game.cars[i].moveTimer = 5
    }
    return game
  }

  @Test func startState() {
    var directions = Set<Freeway.Direction>(), periods = Set<Int>()
    for seed in 0..<10 as Range<UInt64> {
      var rng = RandomStream(seed: seed)
      let game = Freeway(rng: &rng)
      #expect(game.chickenRow == 9 && game.moveTimer == Freeway.moveInterval)
      #expect(game.timeRemaining == Freeway.timeLimit && !game.terminal)
      #expect(game.cars.map(\.row) == Array(1...8))
      for car in game.cars {
        #expect(car.column == 0 && car.moveTimer == car.period && Freeway.periods.contains(car.period))
        directions.insert(car.direction); periods.insert(car.period)
      }
    }
    #expect(directions == [.left, .right] && periods == Set(Freeway.periods))
  }

  @Test func chickenMovesOnlyWhenItsTimerIsZero() {
    var rng = RandomStream(seed: 1)
    var g = Self.quietGame()
    for _ in 0..<3 { _ = g.act(.up, rng: &rng) }
    #expect(g.chickenRow == 9, "the move timer starts at 3")
    #expect(g.moveTimer == 0)
    _ = g.act(.up, rng: &rng)
    #expect(g.chickenRow == 8 && g.moveTimer == 2)
    _ = g.act(.up, rng: &rng)
    _ = g.act(.up, rng: &rng)
    #expect(g.chickenRow == 8)
    _ = g.act(.up, rng: &rng)
    #expect(g.chickenRow == 7)
    g.moveTimer = 0
    g.chickenRow = 9
    _ = g.act(.down, rng: &rng)
    #expect(g.chickenRow == 9 && g.moveTimer == 2, "down at the bottom stays, but still costs a move")
  }

  @Test func carHitSendsTheChickenBack() {
    var rng = RandomStream(seed: 1)
    // A car moving onto the chicken.
    var g = Self.quietGame()
    g.chickenRow = 8
    g.moveTimer = 2
    g.cars[7] = .init(row: 8, column: 3, period: 2, direction: .right, moveTimer: 0)
    let (reward, terminal) = g.act(.noop, rng: &rng)
    #expect(reward == 0 && !terminal)
    #expect(g.cars[7].column == 4 && g.cars[7].moveTimer == 2)
    #expect(g.chickenRow == 9)

    // The chicken walking into a standing car.
    var h = Self.quietGame()
    h.chickenRow = 8
    h.moveTimer = 0
    h.cars[6] = .init(row: 7, column: 4, period: 3, direction: .left, moveTimer: 2)
    _ = h.act(.up, rng: &rng)
    #expect(h.chickenRow == 9)

    // A car in another lane does nothing.
    var k = Self.quietGame()
    k.chickenRow = 6
    k.moveTimer = 2
    k.cars[6] = .init(row: 7, column: 3, period: 1, direction: .right, moveTimer: 0)
    _ = k.act(.noop, rng: &rng)
    #expect(k.chickenRow == 6 && k.cars[6].column == 4)
  }

  @Test func carsWrapAroundAndMoveEveryPeriodPlusOneSteps() {
    var rng = RandomStream(seed: 1)
    var g = Self.quietGame()
    g.cars[0] = .init(row: 1, column: 9, period: 2, direction: .right, moveTimer: 0)
    g.cars[1] = .init(row: 2, column: 0, period: 1, direction: .left, moveTimer: 0)
    _ = g.act(.noop, rng: &rng)
    #expect(g.cars[0].column == 0 && g.cars[1].column == 9)
    var moves = 0
    for _ in 0..<9 {
      let before = g.cars[0].column
      _ = g.act(.noop, rng: &rng)
      if g.cars[0].column != before { moves += 1 }
    }
    #expect(moves == 3, "period 2 moves every 3 steps")
  }

  @Test func reachingTheTopScoresAndResetsTheChicken() {
    var rng = RandomStream(seed: 1)
    var g = Self.quietGame()
    g.chickenRow = 1
    g.moveTimer = 0
    let columns = g.cars.map(\.column)
    let (reward, terminal) = g.act(.up, rng: &rng)
    #expect(reward == 1 && !terminal)
    #expect(g.chickenRow == 9)
    #expect(g.cars.map(\.column) == columns, "cars keep their places")
    for car in g.cars { #expect(car.moveTimer == car.period - 1, "timers restart at the new period") }
    // The speeds were redrawn: over several crossings, not all periods stay 5.
    var periods = Set(g.cars.map(\.period))
    for _ in 0..<5 {
      g.chickenRow = 1; g.moveTimer = 0
      _ = g.act(.up, rng: &rng)
      periods.formUnion(g.cars.map(\.period))
    }
    #expect(periods.count > 1)
  }

  @Test func timeLimitEndsTheGame() {
    var rng = RandomStream(seed: 1)
    var g = Self.quietGame()
    for step in 1...Freeway.timeLimit {
      let (_, terminal) = g.act(.noop, rng: &rng)
      if terminal { Issue.record("terminal early at step \(step)"); return }
    }
    #expect(g.timeRemaining == 0)
    // MinAtar decrements then tests `< 0`: the step after 2500 frames is terminal.
    let (reward, terminal) = g.act(.noop, rng: &rng)
    #expect(terminal && reward == 0)
    #expect(g.act(.up, rng: &rng) == (0, true))
  }

  @Test func observationChannels() {
    var g = Self.quietGame()
    g.chickenRow = 5
    g.cars[2] = .init(row: 3, column: 0, period: 4, direction: .right, moveTimer: 3)
    g.cars[3] = .init(row: 4, column: 0, period: 1, direction: .left, moveTimer: 1)
    let obs = MinAtarGameHarness.observation(of: g)
    let c = Freeway.channelCount
    typealias Ch = Freeway.Channel
    #expect(c == 7 && Ch.allCases.count == c)
    #expect(Freeway.channelNames == ["chicken", "car", "speed1", "speed2", "speed3", "speed4", "speed5"])
    #expect(obs.allSatisfy { $0 == 0 || $0 == 1 })
    #expect(MinAtarGameHarness.isOn(obs, row: 5, column: 4, channel: Ch.chicken.rawValue, channels: c))
    #expect(MinAtarGameHarness.count(obs, channel: Ch.chicken.rawValue, channels: c) == 1)
    #expect(MinAtarGameHarness.count(obs, channel: Ch.car.rawValue, channels: c) == 8)
    #expect(MinAtarGameHarness.isOn(obs, row: 3, column: 9, channel: Ch.speed4.rawValue, channels: c), "trail wraps behind")
    #expect(MinAtarGameHarness.isOn(obs, row: 4, column: 1, channel: Ch.speed1.rawValue, channels: c))
    let trails = (Ch.speed1.rawValue...Ch.speed5.rawValue).map { MinAtarGameHarness.count(obs, channel: $0, channels: c) }
    #expect(trails.reduce(0, +) == 8)
    let env = MinAtar<Freeway>(rng: RandomStream(seed: 0))
    #expect(env.observationShape == [10, 10, 7])
    #expect(env.actionSet == [.noop, .up, .down])
  }

  @Test func sameSeedSameTrajectory() {
    let actions = [1, 1, 1, 0, 1, 2, 1, 1]
    let a = MinAtarGameHarness.trajectory(Freeway.self, seed: 8, actions: actions, steps: 400)
    let b = MinAtarGameHarness.trajectory(Freeway.self, seed: 8, actions: actions, steps: 400)
    #expect(a == b)
    #expect(a.allSatisfy { $0.observation.allSatisfy { $0 == 0 || $0 == 1 } })
    let c = MinAtarGameHarness.trajectory(Freeway.self, seed: 9, actions: actions, steps: 400)
    #expect(a != c, "another seed draws other cars")
  }

  @Test func codableRoundTrip() throws {
    var rng = RandomStream(seed: 6)
    var game = Freeway(rng: &rng)
    let actions: [MinAtarAction] = [.up, .up, .up, .up, .down, .noop, .up]
    for action in actions { _ = game.act(action, rng: &rng) }
    let later = (0..<20).flatMap { _ in actions }
    #expect(try MinAtarGameHarness.roundTripsThroughCodable(game, actions: later))
  }

  @Test func randomPolicyReturnIsPlausible() {
    // A random chicken rarely crosses: MinAtar's own Python game gives 0.07 ± 0.03 per
    // episode over all six actions and 0.35 ± 0.05 over the minimal set. Episodes are
    // 2501 steps, so a few dozen are enough.
    let mean = MinAtarGameHarness.randomPolicyMeanReturn(Freeway.self, seed: 3, episodes: 40)
    #expect(mean >= 0 && mean < 1, "mean random return \(mean)")
  }
}
