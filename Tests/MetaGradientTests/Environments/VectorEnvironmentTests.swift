import Foundation
import Testing
@testable import MetaGradient

fileprivate extension Environment {
  mutating func step(_ action: Int, into obs: inout [Float]) -> Transition {
    obs.withUnsafeMutableBufferPointer { step(action, observation: $0.baseAddress!) }
  }
  mutating func reset(into obs: inout [Float]) {
    obs.withUnsafeMutableBufferPointer { reset(observation: $0.baseAddress!) }
  }
}

@Suite struct VectorEnvironmentTests {
  /// Catch episodes all last 9 steps, so after 9 steps every copy has terminated and
  /// been reset: the observation is a new first board (ball in row 0) and the final
  /// observation the landed board (ball in row 9).
  @Test func autoResetAfterTermination() {
    let n = 3
    var vec = VectorEnvironment(count: n, rng: RandomStream(seed: 1)) { Catch(rng: $0) }
    #expect(vec.count == n && vec.observationShape == [10, 5] && vec.observationSize == 50)
    #expect(vec.actionCount == 3)
    vec.reset()
    let stay = [Int32](repeating: Int32(CatchAction.stay.rawValue), count: n)
    for step in 1...9 {
      vec.step(actions: stay)
      #expect(vec.terminated == [Bool](repeating: step == 9, count: n))
      #expect(vec.truncated == [Bool](repeating: false, count: n))
      #expect(vec.episodeLengths == [Int](repeating: step == 9 ? 0 : step, count: n))
    }
    for i in 0..<n {
      let env = vec.environments[i]
      #expect(env.ballRow == 0 && env.paddleColumn == 2 && !env.needsReset)
      let first = Array(vec.row(i, of: vec.observations))
      #expect(first.reduce(0, +) == 2 && first[9 * 5 + 2] == 1 && first[0..<5].reduce(0, +) == 1)
      let final = Array(vec.row(i, of: vec.finalObservations))
      #expect(final[0..<45].allSatisfy { $0 == 0 })  // ball and paddle both in row 9
      #expect(final[45 + 2] == 1)
      #expect(final.reduce(0, +) == (vec.rewards[i] == 1 ? 1 : 2))
    }
    let episodes = vec.drainCompletedEpisodes()
    #expect(episodes.map(\.environmentIndex) == [0, 1, 2])
    #expect(episodes.allSatisfy { $0.length == 9 && !$0.truncated && $0.endedAtTotalStep == 27 })
    #expect(episodes.map { Float($0.episodeReturn) } == vec.rewards)
    #expect(vec.completedEpisodeCount == 3 && vec.totalSteps == 27)
    #expect(vec.drainCompletedEpisodes().isEmpty)
  }

  /// With a 5-step limit CartPole (which cannot fall within 5 steps of a start in
  /// ±0.05) is truncated on step 5. Each copy is compared with a lone copy built from
  /// the same split stream: the vector keeps the lone copy's 5th observation as the
  /// final observation and shows its next reset as the observation.
  @Test func truncationKeepsTrueFinalObservation() {
    let n = 2, limit = 5
    let rng = RandomStream(seed: 2)
    var vec = VectorEnvironment(count: n, rng: rng) { CartPole(rng: $0, maxEpisodeSteps: limit) }
    var lone = (0..<n).map { CartPole(rng: rng.split(UInt64($0)), maxEpisodeSteps: limit) }
    var loneObs = [[Float]](repeating: [Float](repeating: 0, count: 4), count: n)
    vec.reset()
    for i in 0..<n {
      lone[i].reset(into: &loneObs[i])
      #expect(Array(vec.row(i, of: vec.observations)) == loneObs[i])
    }
    var policy = RandomStream(seed: 3)
    for step in 1...limit {
      let actions = (0..<n).map { _ in Int32(policy.index(2)) }
      vec.step(actions: actions)
      for i in 0..<n {
        let t = lone[i].step(Int(actions[i]), into: &loneObs[i])
        #expect(vec.rewards[i] == t.reward)
        #expect(vec.terminated[i] == t.terminated && vec.truncated[i] == t.truncated)
        if step < limit {
          #expect(!t.done)
          #expect(Array(vec.row(i, of: vec.observations)) == loneObs[i])
          #expect(vec.episodeReturns[i] == Double(step) && vec.episodeLengths[i] == step)
        } else {
          #expect(t.truncated && !t.terminated)
          #expect(Array(vec.row(i, of: vec.finalObservations)) == loneObs[i])
          lone[i].reset(into: &loneObs[i])
          #expect(Array(vec.row(i, of: vec.observations)) == loneObs[i])
          #expect(vec.row(i, of: vec.observations) != vec.row(i, of: vec.finalObservations))
          #expect(vec.episodeReturns[i] == 0 && vec.episodeLengths[i] == 0)
        }
      }
    }
    let episodes = vec.drainCompletedEpisodes()
    #expect(episodes.count == n)
    #expect(episodes.allSatisfy { $0.truncated && $0.length == limit && $0.episodeReturn == Double(limit) })
  }

  /// Copies of unequal episode lengths: every finished episode is recorded once, in
  /// the order it ended, and the returns and lengths add up to the steps taken.
  @Test func episodeBookkeeping() {
    let n = 4
    var vec = VectorEnvironment(count: n, rng: RandomStream(seed: 4)) { CartPole(rng: $0) }
    vec.reset()
    var policy = RandomStream(seed: 5)
    var actions = [Int32](repeating: 0, count: n)
    var doneCount = 0
    var lastEnd = 0
    let steps = 300
    for _ in 0..<steps {
      for i in 0..<n { actions[i] = Int32(policy.index(2)) }
      vec.step(actions: actions)
      doneCount += (0..<n).filter { vec.terminated[$0] || vec.truncated[$0] }.count
    }
    let episodes = vec.drainCompletedEpisodes()
    #expect(episodes.count == doneCount && vec.completedEpisodeCount == doneCount)
    #expect(doneCount > 20)  // random-policy episodes last ~22 steps
    for e in episodes {
      #expect(e.episodeReturn == Double(e.length))  // reward 1 per step
      #expect(e.endedAtTotalStep >= lastEnd && e.endedAtTotalStep.isMultiple(of: n))
      lastEnd = e.endedAtTotalStep
    }
    let finishedSteps = episodes.reduce(0) { $0 + $1.length }
    #expect(finishedSteps + vec.episodeLengths.reduce(0, +) == steps * n)
    #expect(vec.totalSteps == steps * n)
    #expect(vec.droppedEpisodeCount == 0)
  }

  @Test func completedEpisodeRingDropsOldest() {
    var queue = CompletedEpisodeQueue(capacity: 2)
    for k in 1...5 {
      queue.append(CompletedEpisode(environmentIndex: 0, episodeReturn: Double(k), length: k,
                                    truncated: false, endedAtTotalStep: k))
    }
    #expect(queue.count == 2 && queue.totalCount == 5 && queue.droppedCount == 3)
    #expect(queue.drain().map(\.length) == [4, 5])
    #expect(queue.count == 0 && queue.drain().isEmpty)
    queue.append(CompletedEpisode(environmentIndex: 1, episodeReturn: 6, length: 6,
                                  truncated: true, endedAtTotalStep: 6))
    #expect(queue.queued.map(\.length) == [6])
    #expect(queue.totalCount == 6)
  }

  @Test func ringInsideVectorEnvironment() {
    var vec = VectorEnvironment(count: 2, rng: RandomStream(seed: 6), completedEpisodeCapacity: 3) {
      Catch(rng: $0)
    }
    vec.reset()
    for _ in 0..<(9 * 3) { vec.step(actions: [0, 2]) }  // 3 episodes per copy
    #expect(vec.completedEpisodeCount == 6 && vec.droppedEpisodeCount == 3)
    let kept = vec.drainCompletedEpisodes()
    #expect(kept.map(\.environmentIndex) == [1, 0, 1])
    #expect(kept.map(\.endedAtTotalStep) == [36, 54, 54])
  }

  /// A JSON round trip mid-episode restores every copy, buffer and counter: the
  /// decoded vector continues exactly as the original.
  @Test func codableRoundTripContinuesIdentically() throws {
    var vec = VectorEnvironment(count: 3, rng: RandomStream(seed: 7)) { CartPole(rng: $0) }
    vec.reset()
    var policy = RandomStream(seed: 8)
    for _ in 0..<40 { vec.step(actions: (0..<3).map { _ in Int32(policy.index(2)) }) }
    let data = try JSONEncoder().encode(vec)
    var restored = try JSONDecoder().decode(VectorEnvironment<CartPole>.self, from: data)
    #expect(restored.observations == vec.observations)
    #expect(restored.completedEpisodeCount == vec.completedEpisodeCount)
    for _ in 0..<60 {
      let actions = (0..<3).map { _ in Int32(policy.index(2)) }
      vec.step(actions: actions)
      restored.step(actions: actions)
      #expect(restored.observations == vec.observations)
      #expect(restored.finalObservations == vec.finalObservations)
      #expect(restored.rewards == vec.rewards && restored.terminated == vec.terminated)
    }
    #expect(restored.drainCompletedEpisodes() == vec.drainCompletedEpisodes())
  }

  @Test func unsafeBufferActions() {
    var vec = VectorEnvironment(count: 2, rng: RandomStream(seed: 9)) { Catch(rng: $0) }
    vec.reset()
    let actions: [Int32] = [Int32(CatchAction.left.rawValue), Int32(CatchAction.right.rawValue)]
    actions.withUnsafeBufferPointer { vec.step(actions: $0) }
    #expect(vec.environments[0].paddleColumn == 1 && vec.environments[1].paddleColumn == 3)
  }

  @Test func environmentIDs() throws {
    #expect(EnvironmentID.allCases.map(\.rawValue)
            == ["cartpole", "catch", "breakout", "space_invaders", "freeway", "asterix", "seaquest"])
    #expect(try EnvironmentID.parse("space_invaders") == .spaceInvaders)
    #expect(throws: EnvironmentError.unknown("pong")) { try EnvironmentID.parse("pong") }
    #expect(EnvironmentError.unknown("pong").description.contains("cartpole, catch, breakout"))
    #expect(EnvironmentID.allCases.filter(\.isMinAtar).count == 5)
    let cartpole = try EnvironmentID.cartpole.make(rng: RandomStream(seed: 1))
    #expect(cartpole is CartPole && cartpole.observationShape == [4] && cartpole.actionCount == 2)
    let board = try EnvironmentID.catch.make(rng: RandomStream(seed: 1))
    #expect(board is Catch && board.observationShape == [10, 5] && board.actionCount == 3)
    #expect(throws: EnvironmentError.notAvailable(.breakout)) {
      try EnvironmentID.breakout.make(rng: RandomStream(seed: 1))
    }
  }
}
