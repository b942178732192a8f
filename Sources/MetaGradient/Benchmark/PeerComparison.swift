import Foundation

/// One comparison of `bench --peers`: one of our agents against the same agent in a
/// peer benchmark script (bench/*.py, jitted JAX), both measured in this run, in turns.
///
/// Our agent is ``BenchmarkAgent``'s (the environment's default ``A2CConfig``: N = 16,
/// T = 20, its network and optimiser); the script implements that agent as its
/// docstring says. Each side runs `iterations` training iterations (rollout + update)
/// per timed call, warmed up first (the script also compiles first; compilation is
/// never timed). The calls alternate, ours, theirs, ours, theirs, …, `repeats` each, so
/// a slow phase of the machine hits both, and the best call of each side counts (the
/// least disturbed one, as everywhere in ``BestOfTiming``). Ours is timed on
/// ``BestOfTiming``'s clock (the thread's CPU time by default), theirs on the same kind
/// of clock (the process's CPU time, or wall time with `--wall-clock`), each on one
/// core: ours single-threaded with OpenBLAS on one thread, theirs pinned to one CPU
/// with XLA on one thread (bench/peer_protocol.py).
public struct PeerComparison: Sendable {
  /// The key prefix of its lines, e.g. `peers.a2c.cartpole`.
  public var key: String
  /// The peer's name in the keys (`jax`, `gymnax`).
  public var peer: String
  public var environment: EnvironmentID
  /// The meta-gradient agent's settings, or nil for A2C.
  public var meta: MetaConfig?
  /// The script, relative to the scripts' folder, and its arguments besides `--serve`
  /// and `--iterations`.
  public var script: String, arguments: [String]
  /// Training iterations per timed call, each side: the full run's and `--quick`'s.
  public var iterations: Int, quickIterations: Int

  /// What `bench --peers` measures: A2C and the meta-gradient agent (learned γ and λ,
  /// first order: ``MetaGradientAgent``'s fast path) on CartPole against
  /// bench/jax_a2c.py, A2C on Breakout against bench/gymnax_breakout_a2c.py (gymnax's
  /// Breakout-MinAtar). Iterations per call: 500 on CartPole (160k env steps, ≈ 0.1 s
  /// of ours), 50 on Breakout (16k env steps, ≈ 0.25 s of ours).
  public static let all: [PeerComparison] = [
    PeerComparison(key: "peers.a2c.cartpole", peer: "jax", environment: .cartpole, meta: nil,
                   script: "jax_a2c.py", arguments: ["--agent", "a2c"], iterations: 500, quickIterations: 100),
    PeerComparison(key: "peers.meta.cartpole", peer: "jax", environment: .cartpole,
                   meta: MetaConfig(learnGamma: true, learnLambda: true),
                   script: "jax_a2c.py", arguments: ["--agent", "meta"], iterations: 500, quickIterations: 100),
    PeerComparison(key: "peers.a2c.breakout", peer: "gymnax", environment: .breakout, meta: nil,
                   script: "gymnax_breakout_a2c.py", arguments: [], iterations: 50, quickIterations: 10),
  ]

  /// The best env steps/s of each side, and what each side ran.
  public struct Measurement: Sendable {
    public var ours: Double, peer: Double
    /// Ours over the peer.
    public var ratio: Double { ours / peer }
    /// One line saying what ours ran.
    public var oursDescription: String
    /// The script's own lines saying what it ran.
    public var peerDescription: [String]
    /// Our agent's architecture and config (for its FLOP count).
    public var architecture: ActorCriticArchitecture, config: A2CConfig
  }

  /// Starts the script (it compiles), warms up our agent, then times both in turns.
  public func measure(python: PeerPython, scripts: URL, quick: Bool, repeats: Int) throws -> Measurement {
    precondition(repeats > 0, "repeats must be positive")
    let n = quick ? quickIterations : iterations
    let peerScript = try PeerScript(python: python, script: scripts.appendingPathComponent(script),
                                    arguments: arguments + ["--iterations", "\(n)"])
    let (agent, architecture, config) = try BenchmarkAgent(meta: meta).make(environment)
    for _ in 0..<max(5, n / 10) { try agent.iterate() }
    var best = (ours: Double.infinity, peer: Double.infinity)
    for _ in 0..<repeats {
      let start = BestOfTiming.now()
      for _ in 0..<n { try agent.iterate() }
      best.ours = min(best.ours, BestOfTiming.now() - start)
      let call = try peerScript.time()
      best.peer = min(best.peer, BestOfTiming.useWallClock ? call.wall : call.cpu)
    }
    try peerScript.finish()
    let what = meta == nil ? "A2C (A2CTrainer)" : "meta-gradient agent, learned γ and λ, first order (MetaGradientAgent)"
    return Measurement(
      ours: Double(n * agent.stepsPerRollout) / best.ours, peer: Double(peerScript.stepsPerCall) / best.peer,
      oursDescription: "ours: \(what) on \(environment.rawValue), Swift + OpenBLAS on one thread, \(n) iterations of \(config.envs)x\(config.steps) per call",
      peerDescription: peerScript.description, architecture: architecture, config: config)
  }
}
