/// The sizes of the flat buffers that describe one rollout of T steps × N
/// environments for an actor-critic with P parameters, observation size d and E extra
/// features (row-major, time-major: row t·N + i is step t of environment i):
///
///     θ               P
///     observations    (T + 1)·N·d     S_0 … S_T (S_T: the bootstrap states)
///     extra           (T + 1)·N·E     (only with E > 0)
///     actions, rewards, ends, truncationValues    T·N
///
/// ``check(_:parameters:observations:extra:actions:rewards:ends:truncationValues:)``
/// is what every array entry point (``A2CUpdate``, ``A2CEtaDerivative``,
/// ``A2CUpdateJVP``, ``ExactMetaTrace``) calls first, as rlax checks its inputs'
/// ranks: a buffer of the wrong size stops with a message naming it and the size
/// expected, instead of reading past its end in the unchecked release build.
public struct RolloutShape: Sendable {
  /// T, N.
  public var steps: Int, envs: Int
  public var architecture: ActorCriticArchitecture

  public init(steps: Int, envs: Int, architecture: ActorCriticArchitecture) {
    precondition(steps > 0 && envs > 0, "a rollout needs T > 0 steps and N > 0 environments, got T = \(steps), N = \(envs)")
    self.steps = steps; self.envs = envs; self.architecture = architecture
  }

  /// T·N, the number of transitions.
  public var sampleCount: Int { steps * envs }

  /// The problems with the given buffers' sizes, one line each; empty when they fit.
  public func problems(
    parameters: Int, observations: Int, extra: Int?, actions: Int, rewards: Int, ends: Int, truncationValues: Int?
  ) -> [String] {
    let (T, N, d, E, P) = (steps, envs, architecture.observationSize, architecture.extraFeatures, architecture.layout.count)
    var expected: [(name: String, count: Int?, wanted: Int, formula: String)] = [
      ("θ", parameters, P, "P"),
      ("observations", observations, (T + 1) * N * d, "(T + 1)·N·d = (\(T) + 1)·\(N)·\(d)"),
      ("actions", actions, T * N, "T·N = \(T)·\(N)"),
      ("rewards", rewards, T * N, "T·N = \(T)·\(N)"),
      ("ends", ends, T * N, "T·N = \(T)·\(N)"),
      ("truncationValues", truncationValues, T * N, "T·N = \(T)·\(N)"),
    ]
    if E > 0 || extra != nil { expected.append(("extra", extra, (T + 1) * N * E, "(T + 1)·N·E = (\(T) + 1)·\(N)·\(E)")) }
    return expected.compactMap { e in
      guard let count = e.count, count != e.wanted else { return nil }
      return "\(e.name) has \(count) entries; expected \(e.formula) = \(e.wanted)"
    }
  }

  /// Stops with every size problem named (see the type's docs); `caller` prefixes the message.
  public func check(
    _ caller: String, parameters: Int, observations: Int, extra: Int?, actions: Int, rewards: Int, ends: Int,
    truncationValues: Int?
  ) {
    let found = problems(parameters: parameters, observations: observations, extra: extra, actions: actions,
                         rewards: rewards, ends: ends, truncationValues: truncationValues)
    precondition(found.isEmpty, "\(caller): \(found.joined(separator: "; "))")
  }
}
