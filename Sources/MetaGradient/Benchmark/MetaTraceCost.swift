/// The cost of one inner update with its meta-gradient trace under each
/// ``TraceApproximation``, as an agent's explicit trace pays it (Float32): the plain
/// ``A2CUpdate`` f(τ, θ, η), then ``ExactMetaTrace/advance`` reading that update as its
/// evaluated one (``ExplicitMetaTrace`` reads the trainer's), on a synthetic rollout of
/// T × N states for `architecture`: seconds per update, averaged over a whole number
/// of the exact trace's K-update cycles (the first update of a cycle, with z = 0, is
/// cheaper), best of `repeats`, all approximations interleaved.
///
/// The update is taken with a fixed diagonal preconditioner D (as RMSProp/Adam give)
/// and θ held fixed (``ExactMetaTrace`` does not move θ; the cost does not depend on it).
public struct MetaTraceCost {
  public let architecture: ActorCriticArchitecture
  public let steps: Int, envs: Int
  /// Updates per timed repetition: a multiple of every K asked for.
  public let updates: Int
  public let repeats: Int

  public init(_ architecture: ActorCriticArchitecture, steps: Int = 20, envs: Int = 16, updates: Int = 30, repeats: Int = 3) {
    self.architecture = architecture
    self.steps = steps; self.envs = envs; self.updates = updates; self.repeats = repeats
  }

  /// Seconds per update of a plain ``A2CUpdate`` (index 0), of that update with each
  /// approximation's trace (then indices 1…), then of that update with each of
  /// `ownPasses`' traces making their own passes instead of reading it (as an agent's
  /// trace did before it read its trainer's update), all measured interleaved.
  public func secondsPerUpdate(_ approximations: [TraceApproximation], ownPasses: [TraceApproximation] = []) -> [Double] {
    let (T, N) = (steps, envs), M = T * N, A = architecture.actionCount
    var random = RandomStream(seed: 11)
    var rng = random
    let theta = architecture.initialParameters(as: Float.self, using: &rng)
    let P = theta.count
    let observations = (0..<((M + N) * architecture.observationSize)).map { _ in random.uniformFloat() * 2 - 1 }
    let actions = (0..<M).map { _ in Int32(random.index(A)) }
    let rewards = (0..<M).map { _ in random.uniformFloat() }
    let ends = (0..<M).map { _ -> StepEnd in random.uniform() < 0.05 ? .terminated : .continuing }
    let preconditioner = [Float](repeating: 0.01, count: P)
    let f = UnsafeMutablePointer<Float>.allocate(capacity: P)
    f.initialize(repeating: 0, count: P)
    defer { f.deallocate() }
    let plain = A2CUpdate(network: ActorCritic<Float>(architecture, maxBatch: M + N), steps: T, envs: N)
    let traces = (approximations + ownPasses).map { ExactMetaTrace<Float>(architecture, steps: T, envs: N, approximation: $0) }
    let reading = approximations.count
    let updates = self.updates
    return theta.withUnsafeBufferPointer { theta in
      observations.withUnsafeBufferPointer { obs in
        actions.withUnsafeBufferPointer { actions in
          rewards.withUnsafeBufferPointer { rewards in
            ends.withUnsafeBufferPointer { ends in
              preconditioner.withUnsafeBufferPointer { d in
                  let update = {
                    plain.compute(
                      parameters: theta.baseAddress!, observations: obs.baseAddress!, extra: nil,
                      actions: actions.baseAddress!, rewards: rewards.baseAddress!, ends: ends.baseAddress!,
                      truncationValues: nil, gamma: 0.99, lambda: 0.9, valueCoefficient: 0.5,
                      entropyCoefficient: 0.01, into: f)
                  }
                  let plainBody: () -> Void = { for _ in 0..<updates { update() } }
                  let traceBodies: [() -> Void] = traces.enumerated().map { k, trace in
                    {
                      trace.reset()
                      for _ in 0..<updates {
                        update()
                        let evaluated = k < reading ? plain : nil
                        trace.advance(
                          parameters: theta.baseAddress!, observations: obs.baseAddress!, extra: nil,
                          actions: actions.baseAddress!, rewards: rewards.baseAddress!, ends: ends.baseAddress!,
                          truncationValues: nil, gamma: 0.99, lambda: 0.9, valueCoefficient: 0.5,
                          entropyCoefficient: 0.01, learningRate: 1, preconditioner: d.baseAddress!,
                          f: evaluated == nil ? f : nil, evaluated: evaluated)
                      }
                    }
                  }
                  let bodies = [plainBody] + traceBodies
                  for body in bodies { body() }  // warm-up
                  return BestOfTiming.interleaved(repeats: repeats, bodies).map { $0 / Double(updates) }
              }
            }
          }
        }
      }
    }
  }
}
