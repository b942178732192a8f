import Testing
@testable import MetaGradient

fileprivate extension Catch {
  mutating func step(_ action: CatchAction, into obs: inout [Float]) -> Transition {
    obs.withUnsafeMutableBufferPointer { step(action.rawValue, observation: $0.baseAddress!) }
  }
  mutating func reset(into obs: inout [Float]) {
    obs.withUnsafeMutableBufferPointer { reset(observation: $0.baseAddress!) }
  }
  /// The board as bsuite draws it from the current positions.
  func expectedBoard() -> [Float] {
    var board = [Float](repeating: 0, count: rows * columns)
    board[ballRow * columns + ballColumn] = 1
    board[paddleRow * columns + paddleColumn] = 1
    return board
  }
}

@Suite struct CatchTests {
  @Test func shapeActionsAndShifts() {
    let env = Catch(rng: RandomStream(seed: 0))
    #expect(env.observationShape == [10, 5])
    #expect(env.actionCount == 3)
    #expect(CatchAction.left.paddleShift == -1)
    #expect(CatchAction.stay.paddleShift == 0)
    #expect(CatchAction.right.paddleShift == 1)
    #expect(CatchAction.allCases.map(\.rawValue) == [0, 1, 2])
  }

  @Test func resetPlacesBallOnTopAndPaddleBottomMiddle() {
    var env = Catch(rng: RandomStream(seed: 1))
    var obs = [Float](repeating: -1, count: 50)
    for _ in 0..<20 {
      env.reset(into: &obs)
      #expect(env.ballRow == 0)
      #expect((0..<5).contains(env.ballColumn))
      #expect(env.paddleRow == 9 && env.paddleColumn == 2)
      #expect(obs == env.expectedBoard())
      #expect(obs.reduce(0, +) == 2)
      #expect(obs[9 * 5 + 2] == 1)
    }
  }

  /// The ball falls one row per step from row 0 to row 9: nine steps, the first eight
  /// rewarded 0, the ninth terminal.
  @Test func episodeLastsNineSteps() {
    var env = Catch(rng: RandomStream(seed: 2))
    var obs = [Float](repeating: 0, count: 50)
    env.reset(into: &obs)
    for step in 1...9 {
      let t = env.step(.stay, into: &obs)
      #expect(env.ballRow == step)
      #expect(obs == env.expectedBoard())
      #expect(t.terminated == (step == 9))
      #expect(!t.truncated)
      if step < 9 { #expect(t.reward == 0) } else { #expect(t.reward == 1 || t.reward == -1) }
    }
    #expect(env.needsReset)
  }

  /// Hand-built starts: the ball's column is set directly, then the paddle is steered.
  @Test func rewardPlusOneWhenCaughtMinusOneWhenMissed() {
    func play(ballColumn: Int, action: CatchAction) -> (reward: Float, board: [Float]) {
      var env = Catch(rng: RandomStream(seed: 3))
      var obs = [Float](repeating: 0, count: 50)
      env.reset(into: &obs)
      env.ballColumn = ballColumn
      var last = Transition(reward: .nan)
      for _ in 0..<9 { last = env.step(action, into: &obs) }
      #expect(last.terminated)
      return (last.reward, obs)
    }
    #expect(play(ballColumn: 2, action: .stay).reward == 1)
    #expect(play(ballColumn: 0, action: .left).reward == 1)   // paddle clipped at column 0
    #expect(play(ballColumn: 4, action: .right).reward == 1)  // paddle clipped at column 4
    #expect(play(ballColumn: 0, action: .stay).reward == -1)
    #expect(play(ballColumn: 4, action: .left).reward == -1)
    #expect(play(ballColumn: 1, action: .right).reward == -1)
    // Caught: ball and paddle share the bottom cell, so the board holds a single 1.
    let caught = play(ballColumn: 2, action: .stay).board
    #expect(caught.reduce(0, +) == 1 && caught[9 * 5 + 2] == 1)
    // Missed: two 1s in the bottom row.
    let missed = play(ballColumn: 0, action: .stay).board
    #expect(missed[9 * 5 + 0] == 1 && missed[9 * 5 + 2] == 1 && missed.reduce(0, +) == 2)
  }

  @Test func paddleIsClippedToTheBoard() {
    var env = Catch(rng: RandomStream(seed: 4))
    var obs = [Float](repeating: 0, count: 50)
    env.reset(into: &obs)
    let leftPath = (0..<4).map { _ in _ = env.step(.left, into: &obs); return env.paddleColumn }
    #expect(leftPath == [1, 0, 0, 0])
    let rightPath = (0..<5).map { _ in _ = env.step(.right, into: &obs); return env.paddleColumn }
    #expect(rightPath == [1, 2, 3, 4, 4])
    #expect(obs == env.expectedBoard())
  }

  @Test func sameSeedSameTrajectory() {
    func trajectory(seed: UInt64) -> [Float] {
      var env = Catch(rng: RandomStream(seed: seed))
      var policy = RandomStream(seed: 7)
      var obs = [Float](repeating: 0, count: 50)
      var out: [Float] = []
      env.reset(into: &obs)
      for _ in 0..<90 {
        let t = env.step(CatchAction(rawValue: policy.index(3))!, into: &obs)
        out += obs
        out.append(t.reward)
        if t.done { env.reset(into: &obs); out += obs }
      }
      return out
    }
    #expect(trajectory(seed: 5) == trajectory(seed: 5))
    #expect(trajectory(seed: 5) != trajectory(seed: 6))
  }

  /// The ball's column is uniform on 0..<5: each count is Binomial(n, 1/5), sd
  /// √(n · 0.2 · 0.8); allow 5 sd.
  @Test func ballStartColumnIsUniform() {
    var env = Catch(rng: RandomStream(seed: 8))
    var obs = [Float](repeating: 0, count: 50)
    let n = 10_000
    var counts = [Int](repeating: 0, count: 5)
    for _ in 0..<n { env.reset(into: &obs); counts[env.ballColumn] += 1 }
    let sd = (Double(n) * 0.2 * 0.8).squareRoot()
    for c in counts { #expect(abs(Double(c) - 0.2 * Double(n)) < 5 * sd) }
  }

  /// Under a uniform random policy the ball's column is uniform and independent of
  /// the paddle, so P(catch) = 1/5 and the mean return is 0.2 · 1 + 0.8 · (−1) = −0.6,
  /// with sd √(1 − 0.36) = 0.8 per episode.
  @Test func randomPolicyMeanReturn() {
    var env = Catch(rng: RandomStream(seed: 9))
    var policy = RandomStream(seed: 10)
    var obs = [Float](repeating: 0, count: 50)
    let episodes = 10_000
    var total = 0.0
    for _ in 0..<episodes {
      env.reset(into: &obs)
      var episodeReturn: Float = 0
      var length = 0
      while true {
        let t = env.step(CatchAction(rawValue: policy.index(3))!, into: &obs)
        episodeReturn += t.reward
        length += 1
        if t.done { break }
      }
      #expect(length == 9)
      total += Double(episodeReturn)
    }
    let mean = total / Double(episodes)
    let standardError = 0.8 / Double(episodes).squareRoot()
    #expect(abs(mean - -0.6) < 4 * standardError, "mean return \(mean)")
  }

  @Test func otherBoardSizes() {
    var env = Catch(rng: RandomStream(seed: 11), rows: 4, columns: 3)
    var obs = [Float](repeating: 0, count: 12)
    env.reset(into: &obs)
    #expect(env.observationShape == [4, 3])
    #expect(env.paddleColumn == 1 && env.paddleRow == 3)
    #expect(!env.step(.stay, into: &obs).done)
    #expect(!env.step(.stay, into: &obs).done)
    #expect(env.step(.stay, into: &obs).terminated)
  }
}
