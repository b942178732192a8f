/// What a ``MetaGradientAgent`` asks of its trace strategy (``MetaTraceStrategy``): to
/// remember what the next meta-gradient needs about each inner update
///
///     θ′ = θ + Δ(s f(τ, θ, η))        (τ the trainer's rollout, s the clip factor),
///
/// to give dJ̄/dη ≈ u · dθ′/dη at the meta-update that follows, u = ∂J̄(τ′, θ′, η̄)/∂θ′
/// on the next rollout τ′, and to save and restore that memory between two iterations.
/// ``FirstOrderMetaTrace`` (the fast path) and ``ExplicitMetaTrace`` conform.
protocol MetaTrace: AnyObject {
  /// After the trainer's inner update: `parameters` is θ (the update was taken at it),
  /// `eta` the update's η, `actingEta` the η τ was collected with (η-conditioning),
  /// `clipScale` s; `observer` watches it, `innerUpdateSeconds` timed the plain update.
  func didUpdate<E: Environment>(
    _ trainer: A2CTrainer<E>, parameters: [Float], eta: (gamma: Float, lambda: Float),
    actingEta: (gamma: Float, lambda: Float), clipScale: Float, observer: (any MetaTraceObserver)?,
    innerUpdateSeconds: Double)

  /// dJ̄/dη ≈ u · dθ′/dη for the latest update (taken at θ = `parameters`), with u on the
  /// trainer's rollout τ′.
  func metaGradient<E: Environment>(
    _ trainer: A2CTrainer<E>, parameters: [Float], u: UnsafePointer<Float>, observer: (any MetaTraceObserver)?
  ) -> (gamma: Float, lambda: Float)

  /// The memory, for a checkpoint; `hasPrevious`: whether an update has been taken.
  func checkpointState<E: Environment>(_ trainer: A2CTrainer<E>, hasPrevious: Bool) -> MetaTraceState

  /// Puts the memory into `state`, the trainer having been restored already (θ =
  /// `parameters` the latest update's); throws ``CheckpointMismatch`` for a state of
  /// another strategy, size or history.
  func restore<E: Environment>(
    _ state: MetaTraceState, trainer: A2CTrainer<E>, parameters: [Float], hasPrevious: Bool) throws
}

/// A trace strategy's part of a ``MetaGradientAgent`` checkpoint, one case per strategy,
/// saved as `{"firstOrder": …}` or `{"explicit": …}`.
public enum MetaTraceState: Codable {
  case firstOrder(FirstOrderMetaTrace.State)
  case explicit(ExplicitMetaTrace.State)

  enum CodingKeys: String, CodingKey { case firstOrder, explicit }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    guard container.allKeys.count == 1 else {
      throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath, debugDescription: "a trace state names one strategy"))
    }
    switch container.allKeys[0] {
    case .firstOrder: self = .firstOrder(try container.decode(FirstOrderMetaTrace.State.self, forKey: .firstOrder))
    case .explicit: self = .explicit(try container.decode(ExplicitMetaTrace.State.self, forKey: .explicit))
    }
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .firstOrder(let state): try container.encode(state, forKey: .firstOrder)
    case .explicit(let state): try container.encode(state, forKey: .explicit)
    }
  }
}
