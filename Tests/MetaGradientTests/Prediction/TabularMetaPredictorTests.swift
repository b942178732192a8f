import Testing
@testable import MetaGradient

@Suite struct TabularMetaPredictorTests {
  /// J̄(τ′, θ′(x), η̄) = ½ Σ_t (ḡ_t − v′(S′_t))² after one update from fixed values,
  /// as a function of the logits; ḡ is the Monte Carlo return (γ̄ = λ̄ = 1), which
  /// does not depend on θ′.
  static func metaObjective(_ learner: TabularMetaPredictor, tau: Episode, tauPrime: Episode) -> Double {
    var l = learner
    l.update(on: tau)
    let gBar = LambdaReturn.compute(
      rewards: tauPrime.rewards, ends: TabularMetaPredictor.ends(tauPrime), values: l.trajectoryValues(tauPrime),
      gamma: 1, lambda: 1, steps: tauPrime.length
    ).returns
    return zip(gBar, tauPrime.states).reduce(0) { $0 + 0.5 * ($1.0 - l.values[$1.1]) * ($1.0 - l.values[$1.1]) }
  }

  /// The meta-gradient through one update equals finite differences of J̄ in every
  /// logit, for per-state γ(s) and λ(s) on the chain and a global λ on the random walk.
  @Test(arguments: [("chain", MetaSharing.perState), ("walk", MetaSharing.global)])
  func metaGradientMatchesFiniteDifferences(process: String, sharing: MetaSharing) {
    let mrp: any MarkovRewardProcess = process == "chain" ? NoisyChain() : RandomWalk()
    var rng = RandomStream(seed: 11)
    var learner = TabularMetaPredictor(
      stateCount: mrp.stateCount,
      config: .init(alpha: 0.3, gamma: 0.8, lambda: 0.6, learnGamma: true, learnLambda: true, sharing: sharing, beta: 0.1))
    // Nonzero values first, so that bootstrapping matters.
    for _ in 0..<5 { learner.update(on: mrp.sampleEpisode(rng: &rng)) }
    for s in 0..<mrp.stateCount { learner.values[s] += 0.1 * rng.normal() }
    for k in learner.gammas.indices {
      learner.gammas[k].logit += 0.3 * rng.normal(); learner.lambdas[k].logit += 0.3 * rng.normal()
    }
    let tau = mrp.sampleEpisode(rng: &rng), tauPrime = mrp.sampleEpisode(rng: &rng)
    var updated = learner
    updated.update(on: tau)
    let grad = updated.metaGradient(on: tauPrime)
    let h = 1e-6
    for k in learner.gammas.indices {
      for which in ["gamma", "lambda"] {
        var plus = learner, minus = learner
        if which == "gamma" { plus.gammas[k].logit += h; minus.gammas[k].logit -= h } else {
          plus.lambdas[k].logit += h; minus.lambdas[k].logit -= h
        }
        let fd = (Self.metaObjective(plus, tau: tau, tauPrime: tauPrime) - Self.metaObjective(minus, tau: tau, tauPrime: tauPrime)) / (2 * h)
        let exact = which == "gamma" ? grad.gamma[k] : grad.lambda[k]
        #expect(abs(exact - fd) < 1e-7 * max(1, abs(fd)), "\(process) \(which)[\(k)]: \(exact) vs \(fd)")
      }
    }
  }

  /// With λ = 1, γ = 1 the update moves each value toward the Monte Carlo return.
  @Test func updateIsOfflineLambdaReturn() {
    let chain = NoisyChain()
    var learner = TabularMetaPredictor(stateCount: 10, config: .init(alpha: 0.5, gamma: 1, lambda: 1))
    var rng = RandomStream(seed: 1)
    let episode = chain.sampleEpisode(rng: &rng)
    learner.update(on: episode)
    for s in 0..<10 {
      let mc = episode.rewards[s...].reduce(0, +)
      #expect(abs(learner.values[s] - 0.5 * mc) < 1e-12)
    }
  }

  @Test func trueValues() {
    #expect(RandomWalk().trueValues.first == -0.9 && RandomWalk().trueValues.last! > 0.8999)
    let v = NoisyChain().trueValues
    #expect(abs(v[0] - 0.5) < 1e-12 && abs(v[8] - 0.1) < 1e-12 && abs(v[9] - 0.1) < 1e-12)
  }
}

@Suite struct TabularTraceTests {
  /// J̄ on τ′ after K updates from fixed values, with η moved by `h` along one logit.
  static func objectiveAfter(_ learner: TabularMetaPredictor, episodes: [Episode], tauPrime: Episode) -> Double {
    var l = learner
    for tau in episodes { l.update(on: tau) }
    let gBar = LambdaReturn.compute(
      rewards: tauPrime.rewards, ends: TabularMetaPredictor.ends(tauPrime), values: l.trajectoryValues(tauPrime),
      gamma: 1, lambda: 1, steps: tauPrime.length
    ).returns
    return zip(gBar, tauPrime.states).reduce(0) { $0 + 0.5 * ($1.0 - l.values[$1.1]) * ($1.0 - l.values[$1.1]) }
  }

  /// The exact trace z_k = (I + ∂f/∂θ) z_{k−1} + ∂f/∂η through K updates gives the
  /// total derivative of J̄ — finite differences through all K updates — while the
  /// first-order trace does not.
  @Test func exactTraceIsTheTotalDerivativeThroughKUpdates() {
    let walk = RandomWalk(), K = 4
    var rng = RandomStream(seed: 21)
    let episodes = (0..<K).map { _ in walk.sampleEpisode(rng: &rng) }
    let tauPrime = walk.sampleEpisode(rng: &rng)
    func learner(_ trace: TraceApproximation) -> TabularMetaPredictor {
      var l = TabularMetaPredictor(
        stateCount: walk.stateCount,
        config: .init(alpha: 0.2, gamma: 0.9, lambda: 0.7, learnGamma: true, learnLambda: true, beta: 0.1, trace: trace))
      for s in 0..<walk.stateCount { l.values[s] = 0.3 * rng.normal() }
      return l
    }
    let base = learner(.exact(horizon: nil))
    var exact = base
    var firstOrder = TabularMetaPredictor(stateCount: walk.stateCount, config: { var c = base.config; c.trace = .firstOrder; return c }())
    firstOrder.values = base.values
    for tau in episodes { exact.update(on: tau); firstOrder.update(on: tau) }
    let gExact = exact.metaGradient(on: tauPrime), gFirst = firstOrder.metaGradient(on: tauPrime)
    let h = 1e-6
    for which in ["gamma", "lambda"] {
      var plus = base, minus = base
      if which == "gamma" { plus.gammas[0].logit += h; minus.gammas[0].logit -= h } else {
        plus.lambdas[0].logit += h; minus.lambdas[0].logit -= h
      }
      let fd = (Self.objectiveAfter(plus, episodes: episodes, tauPrime: tauPrime)
        - Self.objectiveAfter(minus, episodes: episodes, tauPrime: tauPrime)) / (2 * h)
      let e = which == "gamma" ? gExact.gamma[0] : gExact.lambda[0]
      let f = which == "gamma" ? gFirst.gamma[0] : gFirst.lambda[0]
      #expect(abs(e - fd) < 1e-6 * max(1, abs(fd)), "\(which): exact \(e) vs finite differences \(fd)")
      #expect(abs(f - fd) > 1e-4 * max(1, abs(fd)), "\(which): first order \(f) should differ from \(fd)")
    }
  }

  /// An exact trace reset every update equals the first-order one; an accumulating
  /// trace with μ = 0 too.
  @Test func degenerateTracesAreFirstOrder() {
    let chain = NoisyChain()
    var rng = RandomStream(seed: 5)
    let episodes = (0..<4).map { _ in chain.sampleEpisode(rng: &rng) }
    let tauPrime = chain.sampleEpisode(rng: &rng)
    func gradient(_ trace: TraceApproximation) -> [Double] {
      var l = TabularMetaPredictor(
        stateCount: 10,
        config: .init(alpha: 0.3, gamma: 0.8, lambda: 0.6, learnGamma: true, learnLambda: true, sharing: .perState, beta: 0.1, trace: trace))
      for tau in episodes { l.update(on: tau) }
      let g = l.metaGradient(on: tauPrime)
      return g.gamma + g.lambda
    }
    let first = gradient(.firstOrder)
    #expect(maxError(gradient(.exact(horizon: 1)), first) < 1e-14)
    #expect(maxError(gradient(.accumulating(mu: 0)), first) < 1e-14)
    #expect(maxError(gradient(.accumulating(mu: 1)), first) > 1e-6)
  }

  @Test func traceNamesRoundTrip() {
    for t: TraceApproximation in [.firstOrder, .accumulating(mu: 0.9), .exact(horizon: 3), .exact(horizon: nil)] {
      #expect(TraceApproximation(name: t.name) == t)
    }
    #expect(TraceApproximation(name: "trace-1.5") == nil)
    #expect(TraceApproximation(name: "exact-0") == nil)
  }
}
