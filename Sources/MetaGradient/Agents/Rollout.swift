/// A rollout τ of T steps in N environments, in flat time-major buffers allocated
/// once (element (t, n) at `t * N + n`):
///
/// - `observations`: S_0 … S_T, (T + 1)·N rows of `observationSize` Floats; row block T
///   holds the bootstrap states. Where an episode ended at step t, row block t + 1
///   holds the next episode's first state (the vector environment's same-step reset).
/// - `actions`: A_t, T·N.
/// - `rewards`: R_{t+1}, T·N.
/// - `ends`: how step t ended (``StepEnd``), T·N.
/// - `truncationValues`: v_θ(S⁺) of the true last state of an episode truncated at
///   step t (from the vector environment's `finalObservations`), T·N; meaningful only
///   where `ends` is `.truncated`, zero elsewhere.
/// - `truncationFeatures`: the heads' input x(S⁺) of those states
///   (``ActorCritic/headInputs``), T·N rows of `featureSize`, for a further head on the
///   torso (``OuterCritic``); meaningful only where `ends` is `.truncated`.
///
/// These are exactly the inputs of ``A2CUpdate`` and ``LambdaReturn``.
public final class Rollout {
  /// T, the number of steps.
  public let steps: Int
  /// N, the number of environments.
  public let envs: Int
  /// Floats per observation.
  public let observationSize: Int

  public let observations: UnsafeMutableBufferPointer<Float>
  public let actions: UnsafeMutableBufferPointer<Int32>
  public let rewards: UnsafeMutableBufferPointer<Float>
  public let ends: UnsafeMutableBufferPointer<StepEnd>
  public let truncationValues: UnsafeMutableBufferPointer<Float>
  /// Floats per row of `truncationFeatures` (0: not kept).
  public let featureSize: Int
  public let truncationFeatures: UnsafeMutableBufferPointer<Float>

  public init(steps: Int, envs: Int, observationSize: Int, featureSize: Int = 0) {
    precondition(steps > 0 && envs > 0 && observationSize > 0 && featureSize >= 0, "a rollout needs positive T, N and observation size")
    self.steps = steps
    self.envs = envs
    self.observationSize = observationSize
    self.featureSize = featureSize
    truncationFeatures = .allocate(capacity: steps * envs * featureSize)
    truncationFeatures.initialize(repeating: 0)
    let m = steps * envs
    observations = .allocate(capacity: (m + envs) * observationSize)
    observations.initialize(repeating: 0)
    actions = .allocate(capacity: m)
    actions.initialize(repeating: 0)
    rewards = .allocate(capacity: m)
    rewards.initialize(repeating: 0)
    ends = .allocate(capacity: m)
    ends.initialize(repeating: .continuing)
    truncationValues = .allocate(capacity: m)
    truncationValues.initialize(repeating: 0)
  }

  deinit {
    observations.deallocate()
    actions.deallocate()
    rewards.deallocate()
    ends.deallocate()
    truncationValues.deallocate()
    truncationFeatures.deallocate()
  }

  /// M = T·N, the number of samples.
  public var sampleCount: Int { steps * envs }

  /// The first of the N observation rows of time step `t` (0…T).
  @inline(__always)
  public func observationRows(at t: Int) -> UnsafeMutablePointer<Float> {
    observations.baseAddress! + t * envs * observationSize
  }
}

extension Rollout {
  /// The rollout's buffers as arrays, for checkpoints.
  public struct Contents: Codable {
    public var observations: PackedFloats
    public var actions: [Int32]
    public var rewards: [Float]
    public var ends: [StepEnd]
    public var truncationValues: [Float]
  }

  /// A copy of the buffers.
  public var contents: Contents {
    Contents(observations: PackedFloats(Array(observations)), actions: Array(actions), rewards: Array(rewards), ends: Array(ends),
             truncationValues: Array(truncationValues))
  }

  /// Overwrites the buffers with `contents`; throws ``CheckpointMismatch`` on other sizes
  /// or an action outside `0..<actionCount`.
  public func load(_ contents: Contents, actionCount: Int) throws {
    try CheckpointMismatch.check("rollout observations", contents.observations.values.count, observations.count)
    try CheckpointMismatch.check("rollout actions", contents.actions.count, actions.count)
    try CheckpointMismatch.check("rollout rewards", contents.rewards.count, rewards.count)
    try CheckpointMismatch.check("rollout ends", contents.ends.count, ends.count)
    try CheckpointMismatch.check("rollout truncation values", contents.truncationValues.count, truncationValues.count)
    try StateCheck("rollout").require(contents.actions.allSatisfy { (0..<Int32(actionCount)).contains($0) },
                                      "an action outside 0..<\(actionCount)")
    _ = observations.update(fromContentsOf: contents.observations.values)
    _ = actions.update(fromContentsOf: contents.actions)
    _ = rewards.update(fromContentsOf: contents.rewards)
    _ = ends.update(fromContentsOf: contents.ends)
    _ = truncationValues.update(fromContentsOf: contents.truncationValues)
  }
}
