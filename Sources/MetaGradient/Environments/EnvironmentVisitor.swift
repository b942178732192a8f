/// Work that needs an environment's concrete type, e.g. to build a
/// `VectorEnvironment<E>` and train on it.
///
/// ``EnvironmentID/accept(_:options:)`` is the ONE place that maps an ID to its type
/// (the visitor pattern): it calls ``visit(_:make:)`` with the concrete `E` and a
/// factory that builds one copy from a ``RandomStream``. The work is then fully
/// specialised on `E`, with no existential in the training loop.
public protocol EnvironmentVisitor {
  associatedtype Result
  /// Does the work for environment `id`, whose copies `make(rng)` builds.
  func visit<E: Environment>(_ id: EnvironmentID, make: @escaping @Sendable (RandomStream) -> E) throws -> Result
}

extension EnvironmentID {
  /// Calls `visitor` with this environment's concrete type and a factory for it.
  ///
  /// - CartPole: gymnasium `CartPole-v1` (500-step limit).
  /// - Catch: bsuite's 10×5 board.
  /// - MinAtar games: ``MinAtar`` with `options`' sticky-action probability and
  ///   action set.
  public func accept<V: EnvironmentVisitor>(_ visitor: V, options: EnvironmentOptions = .init()) throws -> V.Result {
    let sticky = options.stickyActionProbability, full = options.fullActionSet
    switch self {
    case .cartpole:
      return try visitor.visit(self) { CartPole(rng: $0) }
    case .catch:
      return try visitor.visit(self) { Catch(rng: $0) }
    case .breakout:
      return try visitor.visit(self) { MinAtar<Breakout>(rng: $0, stickyActionProbability: sticky, fullActionSet: full) }
    case .spaceInvaders:
      return try visitor.visit(self) { MinAtar<SpaceInvaders>(rng: $0, stickyActionProbability: sticky, fullActionSet: full) }
    case .freeway:
      return try visitor.visit(self) { MinAtar<Freeway>(rng: $0, stickyActionProbability: sticky, fullActionSet: full) }
    case .asterix:
      return try visitor.visit(self) { MinAtar<Asterix>(rng: $0, stickyActionProbability: sticky, fullActionSet: full) }
    case .seaquest:
      return try visitor.visit(self) { MinAtar<Seaquest>(rng: $0, stickyActionProbability: sticky, fullActionSet: full) }
    }
  }
}
