import Testing
@testable import MetaGradient

/// Breakout against the rules of MinAtar's `breakout.py`, on hand-built states.
@Suite struct BreakoutTests {
  typealias Direction = Breakout.BallDirection

  /// A fresh game with the ball placed at (row, column) heading `direction`.
  func game(ballAt row: Int, _ column: Int, heading direction: Direction, paddle: Int = 4) -> Breakout {
    var rng = RandomStream(seed: 11)
    var game = Breakout(rng: &rng)
    game.ballRow = row
    game.ballColumn = column
    game.previousBallRow = row
    game.previousBallColumn = column
    game.ballDirection = direction
    game.paddleColumn = paddle
    return game
  }

  @Test func startState() {
    var sides = Set<Int>()
    for seed in 0..<20 as Range<UInt64> {
      var rng = RandomStream(seed: seed)
      let game = Breakout(rng: &rng)
      #expect(game.ballRow == Breakout.ballStartRow)
      #expect(game.paddleColumn == Breakout.paddleStartColumn)
      #expect(game.brickCount == 30)
      if game.ballColumn == 0 { #expect(game.ballDirection == .downRight) }
      else { #expect(game.ballColumn == 9 && game.ballDirection == .downLeft) }
      sides.insert(game.ballColumn)
    }
    #expect(sides == [0, 9], "the start side is random")
  }

  @Test func brickBreaksScoresAndBounces() {
    var rng = RandomStream(seed: 11)
    var g = game(ballAt: 4, 3, heading: .upLeft)
    let (reward, terminal) = g.act(.noop, rng: &rng)
    #expect(reward == 1)
    #expect(!terminal)
    #expect(!g.bricks[Breakout.cell(3, 2)])
    #expect(g.brickCount == 29)
    #expect(g.ballRow == 4 && g.ballColumn == 2, "the ball stays in its row")
    #expect(g.ballDirection == .downLeft)
    #expect(g.previousBallRow == 4 && g.previousBallColumn == 3)
  }

  @Test func noSecondBreakRightAfterAStrike() {
    var rng = RandomStream(seed: 11)
    // Struck a brick on the previous step: the ball enters the next brick's cell.
    var g = game(ballAt: 4, 3, heading: .upLeft)
    g.struckBrickLastStep = true
    let (reward, _) = g.act(.noop, rng: &rng)
    #expect(reward == 0)
    #expect(g.bricks[Breakout.cell(3, 2)])
    #expect(g.ballRow == 3 && g.ballColumn == 2 && g.ballDirection == .upLeft)
    #expect(g.struckBrickLastStep)
    // Moving on into row 2's brick also scores nothing; then leaving the bricks resets the flag.
    #expect(g.act(.noop, rng: &rng).reward == 0)
    #expect(g.ballRow == 2 && g.ballColumn == 1)
  }

  @Test func ceilingAndWallsReflect() {
    var rng = RandomStream(seed: 11)
    var g = game(ballAt: 0, 5, heading: .upRight)
    g.bricks = .init(repeating: false, count: 100)
    _ = g.act(.noop, rng: &rng)
    #expect(g.ballRow == 0 && g.ballColumn == 6 && g.ballDirection == .downRight)

    var w = game(ballAt: 6, 0, heading: .upLeft)
    _ = w.act(.noop, rng: &rng)
    #expect(w.ballRow == 5 && w.ballColumn == 0 && w.ballDirection == .upRight)

    var corner = game(ballAt: 0, 9, heading: .upRight)
    corner.bricks = .init(repeating: false, count: 100)
    _ = corner.act(.noop, rng: &rng)
    #expect(corner.ballRow == 0 && corner.ballColumn == 9 && corner.ballDirection == .downLeft)
  }

  @Test func paddleBouncesTheBall() {
    var rng = RandomStream(seed: 11)
    // Paddle under the ball's column: straight back up.
    var g = game(ballAt: 8, 4, heading: .downRight, paddle: 4)
    var step = g.act(.noop, rng: &rng)
    #expect(!step.terminal && step.reward == 0)
    #expect(g.ballRow == 8 && g.ballColumn == 5 && g.ballDirection == .upRight)

    // Paddle where the ball is going: back the way it came.
    var h = game(ballAt: 8, 3, heading: .downRight, paddle: 4)
    step = h.act(.noop, rng: &rng)
    #expect(!step.terminal)
    #expect(h.ballRow == 8 && h.ballColumn == 4 && h.ballDirection == .upLeft)

    // The paddle moves before the ball.
    var k = game(ballAt: 8, 3, heading: .downRight, paddle: 5)
    step = k.act(.left, rng: &rng)
    #expect(!step.terminal && k.paddleColumn == 4 && k.ballDirection == .upLeft)
  }

  @Test func ballPastThePaddleEndsTheGame() {
    var rng = RandomStream(seed: 11)
    var g = game(ballAt: 8, 2, heading: .downRight, paddle: 7)
    let (reward, terminal) = g.act(.noop, rng: &rng)
    #expect(terminal && reward == 0)
    #expect(g.ballRow == 9 && g.ballColumn == 3)
    let after = g.act(.right, rng: &rng)
    #expect(after.terminal && after.reward == 0)
    #expect(g.paddleColumn == 7, "a finished game ignores actions")
  }

  @Test func paddleStopsAtTheWalls() {
    var rng = RandomStream(seed: 11)
    var g = game(ballAt: 5, 5, heading: .upRight, paddle: 1)
    _ = g.act(.left, rng: &rng)
    #expect(g.paddleColumn == 0)
    _ = g.act(.left, rng: &rng)
    #expect(g.paddleColumn == 0)
    g.paddleColumn = 8
    _ = g.act(.right, rng: &rng)
    _ = g.act(.right, rng: &rng)
    #expect(g.paddleColumn == 9)
    _ = g.act(.up, rng: &rng)
    _ = g.act(.fire, rng: &rng)
    #expect(g.paddleColumn == 9, "only left and right move the paddle")
  }

  @Test func wallIsRebuiltWhenTheBallReachesThePaddleRowWithNoBricks() {
    var rng = RandomStream(seed: 11)
    var g = game(ballAt: 8, 4, heading: .downRight, paddle: 4)
    g.bricks = .init(repeating: false, count: 100)
    _ = g.act(.noop, rng: &rng)
    #expect(g.brickCount == 30)
    for row in Breakout.brickRows { #expect(g.bricks[Breakout.cell(row, 0)]) }
  }

  @Test func observationChannels() {
    var rng = RandomStream(seed: 11)
    let g = game(ballAt: 5, 6, heading: .upRight, paddle: 2)
    var h = g
    _ = h.act(.noop, rng: &rng)
    let obs = MinAtarGameHarness.observation(of: h)
    let c = Breakout.channelCount
    #expect(c == 4 && Breakout.Channel.allCases.count == c)
    #expect(Breakout.channelNames == ["paddle", "ball", "trail", "brick"])
    #expect(obs.count == 400)
    #expect(obs.allSatisfy { $0 == 0 || $0 == 1 })
    #expect(MinAtarGameHarness.isOn(obs, row: 9, column: 2, channel: Breakout.Channel.paddle.rawValue, channels: c))
    #expect(MinAtarGameHarness.isOn(obs, row: 4, column: 7, channel: Breakout.Channel.ball.rawValue, channels: c))
    #expect(MinAtarGameHarness.isOn(obs, row: 5, column: 6, channel: Breakout.Channel.trail.rawValue, channels: c))
    #expect(MinAtarGameHarness.count(obs, channel: Breakout.Channel.brick.rawValue, channels: c) == 30)
    for channel in [Breakout.Channel.paddle, .ball, .trail] {
      #expect(MinAtarGameHarness.count(obs, channel: channel.rawValue, channels: c) == 1)
    }
    let env = MinAtar<Breakout>(rng: RandomStream(seed: 0))
    #expect(env.observationShape == [10, 10, 4])
    #expect(env.actionSet == [.noop, .left, .right])
  }

  @Test func sameSeedSameTrajectory() {
    let actions = [0, 1, 1, 2, 0, 2, 2, 1, 0]
    let a = MinAtarGameHarness.trajectory(Breakout.self, seed: 5, actions: actions, steps: 300)
    let b = MinAtarGameHarness.trajectory(Breakout.self, seed: 5, actions: actions, steps: 300)
    #expect(a == b)
    #expect(a.allSatisfy { $0.observation.allSatisfy { $0 == 0 || $0 == 1 } })
    #expect(a.contains { $0.transition.terminated }, "episodes end within 300 steps")
  }

  @Test func codableRoundTrip() throws {
    var rng = RandomStream(seed: 6)
    var game = Breakout(rng: &rng)
    let actions: [MinAtarAction] = [.left, .left, .right, .noop, .right]
    for action in actions { _ = game.act(action, rng: &rng) }
    let later = (0..<20).flatMap { _ in actions }
    #expect(try MinAtarGameHarness.roundTripsThroughCodable(game, actions: later))
  }

  @Test func randomPolicyReturnIsPlausible() {
    // MinAtar's README reports 0.5 ± 0.02 for a uniform random policy over all six
    // actions; over the minimal set MinAtar's own Python game gives 0.37 ± 0.01.
    let mean = MinAtarGameHarness.randomPolicyMeanReturn(Breakout.self, seed: 3, episodes: 400)
    #expect(mean > 0.2 && mean < 1.0, "mean random return \(mean)")
  }
}
