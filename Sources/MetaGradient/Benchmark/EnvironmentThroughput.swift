/// Raw environment speed: N copies in a ``VectorEnvironment`` stepped with uniformly
/// random actions (drawn from a ``RandomStream``, included in the time), auto-reset
/// included. No network is involved.
public struct EnvironmentThroughput: EnvironmentVisitor {
  /// N, copies stepped together.
  public var envs: Int
  /// Vector steps per timed repetition (each is N environment steps).
  public var steps: Int
  /// Repetitions; the best is reported.
  public var repeats: Int

  public init(envs: Int = 16, steps: Int = 20_000, repeats: Int = 3) {
    self.envs = envs; self.steps = steps; self.repeats = repeats
  }

  /// Env steps/s of `id` (best of ``repeats``).
  public func visit<E: Environment>(_ id: EnvironmentID, make: @escaping @Sendable (RandomStream) -> E) throws -> Double {
    var vector = VectorEnvironment(count: envs, rng: RandomStream(seed: 7).split("bench/\(id.rawValue)"), make: make)
    vector.reset()
    var random = RandomStream(seed: 8)
    let A = vector.actionCount, N = envs
    var actions = [Int32](repeating: 0, count: N)
    let seconds = BestOfTiming.seconds(repeats: repeats) {
      actions.withUnsafeMutableBufferPointer { a in
        for _ in 0..<steps {
          for n in 0..<N { a[n] = Int32(random.index(A)) }
          vector.step(actions: UnsafeBufferPointer(a))
          // Keep the queue of finished episodes from filling (it never allocates anyway).
          if vector.completedEpisodes.count > 512 { _ = vector.drainCompletedEpisodes() }
        }
      }
    }
    return Double(steps * N) / seconds
  }
}
