/// Environment steps per second of a training loop (acting + update), the headline
/// number of `make bench`.
public enum TrainingThroughput {
  /// Best-of-`repeats` env steps/s of each agent, interleaved (round r times
  /// `iterations` iterations of agent 0, then of agent 1, …). Every agent first
  /// iterates `warmup` times (caches, first-use allocations, the meta agent's first
  /// update without a meta step).
  public static func stepsPerSecond(
    _ agents: [any ControlAgent], iterations: Int, repeats: Int, warmup: Int = 10
  ) throws -> [Double] {
    try stepsPerSecond(agents, iterations: iterations, repeats: repeats, warmup: warmup, inTurnsWith: nil).stepsPerSecond
  }

  /// As ``stepsPerSecond(_:iterations:repeats:warmup:)``, with one sgemm product timed
  /// in the same turns after the agents (agents, sgemm, agents, sgemm, …): the agents'
  /// steps/s and sgemm's best GFLOP/s (nil without `sgemm`).
  public static func stepsPerSecond(
    _ agents: [any ControlAgent], iterations: Int, repeats: Int, warmup: Int = 10, inTurnsWith sgemm: SgemmThroughput?
  ) throws -> (stepsPerSecond: [Double], sgemmGigaflops: Double?) {
    for agent in agents { for _ in 0..<warmup { try agent.iterate() } }
    var failure: Error?
    let bodies: [() -> Void] = agents.map { agent in
      {
        do { for _ in 0..<iterations { try agent.iterate() } } catch { failure = error }
      }
    } + (sgemm.map { product in [{ product.multiply() }] } ?? [])
    let seconds = BestOfTiming.interleaved(repeats: repeats, bodies)
    if let failure { throw failure }
    return (zip(agents, seconds).map { Double(iterations * $0.stepsPerRollout) / $1 },
            sgemm.map { $0.gigaflops(seconds: seconds[agents.count]) })
  }

  /// The gemm FLOPs one A2C iteration of ``A2CTrainer`` performs on T × N: acting
  /// forward passes over T·N states, the update's forward pass over the states it has
  /// not seen yet (all (T+1)·N, or only the N bootstrap states when the acting passes'
  /// activations are reused: `sharedForward`), and one backward pass over T·N.
  /// Truncation bootstrap passes (rare) are not counted.
  public static func a2cIterationFlops(
    _ architecture: ActorCriticArchitecture, steps T: Int, envs N: Int, sharedForward: Bool
  ) -> Double {
    let count = GemmFlopCount(architecture)
    let updateForward = sharedForward ? count.forward(batch: N) : count.forward(batch: (T + 1) * N)
    return count.forward(batch: T * N) + updateForward + count.backward(batch: T * N)
  }

  /// The gemm FLOPs one ``MetaGradientAgent`` iteration performs on top of
  /// ``a2cIterationFlops(_:steps:envs:sharedForward:)``: one backward pass over τ′'s
  /// T·N states for u = ∂J̄/∂θ′ and one JVP over τ's T·N states (the forward pass of θ′
  /// on τ′ is shared with acting). With them the meta agent's speed relative to A2C is
  /// bounded by about a2c / (a2c + meta) when the loop is gemm-bound.
  public static func metaIterationExtraFlops(_ architecture: ActorCriticArchitecture, steps T: Int, envs N: Int) -> Double {
    let count = GemmFlopCount(architecture)
    return count.backward(batch: T * N) + count.jvp(batch: T * N)
  }
}
