import Foundation
import Testing
@testable import MetaGradient

/// Steps or resets `env`, writing into the array `obs`.
fileprivate extension CartPole {
  mutating func step(_ action: CartPoleAction, into obs: inout [Float]) -> Transition {
    obs.withUnsafeMutableBufferPointer { step(action.rawValue, observation: $0.baseAddress!) }
  }
  mutating func reset(into obs: inout [Float]) {
    obs.withUnsafeMutableBufferPointer { reset(observation: $0.baseAddress!) }
  }
  /// A fresh episode placed at `state` (test-only: sets the internal state directly).
  mutating func place(at state: State, elapsedSteps: Int = 0) {
    var obs = [Float](repeating: 0, count: observationSize)
    reset(into: &obs)
    self.state = state
    self.elapsedSteps = elapsedSteps
  }
}

@Suite struct CartPoleTests {
  @Test func shapeAndActions() {
    let env = CartPole(rng: RandomStream(seed: 0))
    #expect(env.observationShape == [4])
    #expect(env.actionCount == 2)
    #expect(env.maxEpisodeSteps == 500)
    #expect(abs(CartPole.thetaThresholdRadians - 0.20943951023931953) < 1e-15)  // 12°
  }

  /// From rest at the origin, pushing right: sin θ = 0, cos θ = 1, so by hand
  /// temp = 10/1.1 = 100/11, θ̈ = −temp / (0.5 (4/3 − 0.1/1.1)) = −600/41,
  /// ẍ = temp + 0.05 · (600/41) / 1.1 = 4400/451; Euler: ẋ = 0.02 ẍ = 88/451,
  /// θ̇ = 0.02 θ̈ = −12/41, x and θ unchanged.
  @Test func oneStepFromRestMatchesHandComputedEuler() {
    var env = CartPole(rng: RandomStream(seed: 1))
    env.place(at: .init(x: 0, xDot: 0, theta: 0, thetaDot: 0))
    var obs = [Float](repeating: .nan, count: 4)
    let t = env.step(.pushRight, into: &obs)
    #expect(abs(env.state.x) < 1e-15)
    #expect(abs(env.state.xDot - 88.0 / 451.0) < 1e-12)
    #expect(abs(env.state.theta) < 1e-15)
    #expect(abs(env.state.thetaDot - -12.0 / 41.0) < 1e-12)
    #expect(abs(Double(obs[1]) - 88.0 / 451.0) < 1e-6)
    #expect(abs(Double(obs[3]) - -12.0 / 41.0) < 1e-6)
    #expect(t == Transition(reward: 1))

    // Pushing left from rest mirrors it.
    let left = CartPole.eulerStep(.init(x: 0, xDot: 0, theta: 0, thetaDot: 0), action: .pushLeft)
    #expect(abs(left.xDot + 88.0 / 451.0) < 1e-12)
    #expect(abs(left.thetaDot - 12.0 / 41.0) < 1e-12)
  }

  /// A general state exercising every term, pushing left. Reference values from the
  /// gymnasium equations evaluated independently in float64 (Python `math`).
  @Test func oneStepFromGeneralStateMatchesFloat64Reference() {
    var env = CartPole(rng: RandomStream(seed: 2))
    env.place(at: .init(x: 0.1, xDot: -0.2, theta: 0.05, thetaDot: 0.3))
    var obs = [Float](repeating: .nan, count: 4)
    _ = env.step(.pushLeft, into: &obs)
    let expected = [0.096, -0.3957976546439626, 0.056, 0.6080233136061515]
    let s = env.state
    for (got, want) in zip([s.x, s.xDot, s.theta, s.thetaDot], expected) {
      #expect(abs(got - want) < 1e-12)
    }
    for (got, want) in zip(obs, expected) { #expect(abs(Double(got) - want) < 1e-6) }
    #expect(obs == expected.map { Float($0) })  // the float32 cast of the float64 state
  }

  @Test func terminatesWhenCartLeavesTrack() {
    for sign in [1.0, -1.0] {
      var env = CartPole(rng: RandomStream(seed: 3))
      // x + τ ẋ = ±(2.39 + 0.02) = ±2.41, beyond 2.4.
      env.place(at: .init(x: sign * 2.39, xDot: sign * 1, theta: 0, thetaDot: 0))
      var obs = [Float](repeating: 0, count: 4)
      let t = env.step(.pushRight, into: &obs)
      #expect(t.terminated)
      #expect(!t.truncated)
      #expect(t.reward == 1)  // the terminating step is rewarded too
      #expect(env.needsReset)
    }
    // Exactly on the boundary is still inside (gymnasium tests x < −2.4 or x > 2.4).
    var env = CartPole(rng: RandomStream(seed: 3))
    env.place(at: .init(x: 2.4, xDot: 0, theta: 0, thetaDot: 0))
    var obs = [Float](repeating: 0, count: 4)
    #expect(!env.step(.pushRight, into: &obs).done)
  }

  @Test func terminatesWhenPoleFallsPastTwelveDegrees() {
    for sign in [1.0, -1.0] {
      var env = CartPole(rng: RandomStream(seed: 4))
      // θ + τ θ̇ = ±(0.20 + 0.02) = ±0.22 rad > 12° ≈ 0.2094 rad.
      env.place(at: .init(x: 0, xDot: 0, theta: sign * 0.20, thetaDot: sign * 1))
      var obs = [Float](repeating: 0, count: 4)
      let t = env.step(.pushLeft, into: &obs)
      #expect(t.terminated && !t.truncated && t.reward == 1)
    }
    var env = CartPole(rng: RandomStream(seed: 4))
    env.place(at: .init(x: 0, xDot: 0, theta: 0.20, thetaDot: 0))  // 0.20 < 0.2094: alive
    var obs = [Float](repeating: 0, count: 4)
    #expect(!env.step(.pushLeft, into: &obs).done)
  }

  /// Holding the state at rest so the pole never falls, the episode is truncated on
  /// exactly its 500th step, with `terminated` false, and not before.
  @Test func truncatesExactlyAtFiveHundredSteps() {
    var env = CartPole(rng: RandomStream(seed: 5))
    var obs = [Float](repeating: 0, count: 4)
    env.reset(into: &obs)
    for step in 1...500 {
      env.state = .init(x: 0, xDot: 0, theta: 0, thetaDot: 0)
      let t = env.step(step.isMultiple(of: 2) ? .pushLeft : .pushRight, into: &obs)
      #expect(!t.terminated)
      #expect(t.truncated == (step == 500), "step \(step)")
      #expect(t.reward == 1)
    }
    #expect(env.elapsedSteps == 500)
    #expect(env.needsReset)
  }

  @Test func terminationOnTheLastStepIsNotTruncation() {
    var env = CartPole(rng: RandomStream(seed: 6))
    env.place(at: .init(x: 2.39, xDot: 1, theta: 0, thetaDot: 0), elapsedSteps: 499)
    var obs = [Float](repeating: 0, count: 4)
    let t = env.step(.pushRight, into: &obs)
    #expect(t.terminated)
    #expect(!t.truncated)
  }

  @Test func shorterTimeLimit() {
    var env = CartPole(rng: RandomStream(seed: 7), maxEpisodeSteps: 3)
    var obs = [Float](repeating: 0, count: 4)
    env.reset(into: &obs)
    #expect(!env.step(.pushLeft, into: &obs).done)
    #expect(!env.step(.pushRight, into: &obs).done)
    #expect(env.step(.pushLeft, into: &obs).truncated)  // 3 steps from ±0.05 cannot fall
  }

  @Test func resetIsUniformWithinFiveHundredths() {
    var env = CartPole(rng: RandomStream(seed: 8))
    var obs = [Float](repeating: 0, count: 4)
    let n = 20_000
    var sums = [Double](repeating: 0, count: 4)
    var extremes = [Double](repeating: 0, count: 4)
    for _ in 0..<n {
      env.reset(into: &obs)
      let s = env.state
      let components = [s.x, s.xDot, s.theta, s.thetaDot]
      #expect(obs == components.map { Float($0) })
      for k in 0..<4 {
        #expect(components[k] >= -0.05 && components[k] < 0.05)
        sums[k] += components[k]
        extremes[k] = max(extremes[k], abs(components[k]))
      }
      #expect(env.elapsedSteps == 0 && !env.needsReset)
    }
    // U(−0.05, 0.05) has mean 0 and sd 0.1/√12 ≈ 0.0289; the sample mean's SE is
    // 0.0289/√n ≈ 2.0e-4, so 5 SE is 1.0e-3. The extremes come close to the bound.
    for k in 0..<4 {
      #expect(abs(sums[k] / Double(n)) < 1.0e-3)
      #expect(extremes[k] > 0.0499)
    }
  }

  @Test func sameSeedSameTrajectory() {
    func trajectory(seed: UInt64) -> [Float] {
      var env = CartPole(rng: RandomStream(seed: seed))
      var policy = RandomStream(seed: 99)
      var obs = [Float](repeating: 0, count: 4)
      var out: [Float] = []
      env.reset(into: &obs)
      for _ in 0..<300 {
        let t = env.step(CartPoleAction(rawValue: policy.index(2))!, into: &obs)
        out += obs
        out.append(t.done ? 1 : 0)
        if t.done { env.reset(into: &obs); out += obs }
      }
      return out
    }
    #expect(trajectory(seed: 11) == trajectory(seed: 11))
    #expect(trajectory(seed: 11) != trajectory(seed: 12))
  }

  /// Under a uniform random policy CartPole-v1 episodes last about 22.3 steps on
  /// average (a widely reported figure); the sample standard deviation is about 12.
  @Test func randomPolicyMeanEpisodeLength() {
    var env = CartPole(rng: RandomStream(seed: 2024))
    var policy = RandomStream(seed: 2025)
    var obs = [Float](repeating: 0, count: 4)
    let episodes = 4_000
    var sum = 0.0, sumSquares = 0.0
    for _ in 0..<episodes {
      env.reset(into: &obs)
      var length = 0
      while true {
        length += 1
        let t = env.step(CartPoleAction(rawValue: policy.index(2))!, into: &obs)
        if t.done { #expect(t.terminated); break }
      }
      sum += Double(length)
      sumSquares += Double(length * length)
    }
    let mean = sum / Double(episodes)
    let sd = (sumSquares / Double(episodes) - mean * mean).squareRoot()
    let standardError = sd / Double(episodes).squareRoot()
    #expect(sd > 8 && sd < 16)
    #expect(abs(mean - 22.3) < 4 * standardError, "mean \(mean) ± \(standardError)")
  }
}
