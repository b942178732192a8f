import Foundation
import MetaGradient

/// The checkpoint reader, end to end. The first byte selects what the rest is:
/// - below 0x80: an agent's saved state (the JSON inside a checkpoint's envelope) for
///   target `byte % targets.count`; it is decoded, restored into a small agent of that
///   kind and iterated once, so every value a hostile checkpoint can set meets the code
///   that uses it;
/// - 0x80 and above: a whole checkpoint file — envelope (length, checksum) and contents.
public enum CheckpointHarness: FuzzHarness {
  public static let name = "fuzz-checkpoint"

  public static func exercise(_ data: Data) { _ = run(data) }

  /// Whether `data` (a state input) decodes and restores into its agent.
  public static func restores(_ data: Data) -> Bool { run(data) }

  @discardableResult
  static func run(_ data: Data) -> Bool {
    guard let selector = data.first else { return false }
    let rest = Data(data.dropFirst())
    if selector < 0x80 {
      return Target.all[Int(selector) % Target.all.count].exercise(rest)
    } else if let payload = try? CheckpointFile.payload(of: rest, path: "fuzz.checkpoint"),
              let contents = try? CheckpointFile.decoder().decode(RunCheckpoint.Contents.self, from: payload) {
      _ = manifest.conflict(with: contents.manifest, in: URL(fileURLWithPath: "/fuzz"))
      return contents.state.map { Target.all[0].exercise($0) } ?? false
    }
    return false
  }

  static let manifest = RunManifest([("experiment", "fuzz")])

  /// Seeds: per target a state that a real agent of that kind wrote after three
  /// iterations, and one whole checkpoint file as ``RunCheckpoint`` writes it.
  public static func seeds() -> [(name: String, data: Data)] {
    var seeds = Target.all.enumerated().map { k, target in ("\(target.name).state", Data([UInt8(k)]) + target.seed()) }
    let contents = RunCheckpoint.Contents(manifest: manifest.lines, commit: "fuzz", version: MetaGradientRL.version,
                                          blas: BLASKernels.coreName, unit: "cartpole/fuzz/seed00", result: nil, state: Target.all[0].seed())
    seeds.append(("file.checkpoint", Data([0x80]) + CheckpointFile.envelope(try! CheckpointFile.encoder().encode(contents))))
    return seeds
  }
}

/// One agent on one environment, small (two environments, four-step rollouts, a
/// four-unit MLP) so that its state is at most tens of kilobytes.
struct Target: Sendable {
  var name: String
  /// Decodes, restores and iterates; whether the state restored.
  var exercise: @Sendable (Data) -> Bool
  /// Trains a fresh agent three iterations and encodes its state.
  var seed: @Sendable () -> Data

  static func config(_ id: EnvironmentID) -> A2CConfig {
    var c = A2CConfig.defaults(for: id)
    c.envs = 2; c.steps = 4; c.network = .mlp(hidden: [4])
    return c
  }

  /// The target of agents made by `fresh`: decode a ``ControlRun/SavedRun`` of its
  /// state, restore, iterate once; or train three iterations and encode, for a seed.
  static func agent<A: CheckpointableAgent>(_ name: String, _ fresh: @escaping @Sendable () -> A) -> Target {
    Target(name: name, exercise: { data in
      guard let saved = try? CheckpointFile.decoder().decode(ControlRun.SavedRun<A.State>.self, from: data) else { return false }
      let agent = fresh()
      guard (try? agent.restore(from: saved.agent)) != nil else { return false }
      try? agent.iterate()
      return true
    }, seed: {
      let agent = fresh()
      for _ in 0..<3 { try! agent.iterate() }
      return try! CheckpointFile.encoder().encode(ControlRun.SavedRun(position: .init(), agent: agent.checkpointState()))
    })
  }

  static func a2c<E: Environment>(_ id: EnvironmentID, _ make: @escaping @Sendable (RandomStream) -> E) -> Target {
    agent("a2c-\(id.rawValue)") { A2CTrainer(config: config(id), rng: RandomStream(seed: 1), make: make) }
  }

  static func meta<E: Environment>(_ id: EnvironmentID, _ make: @escaping @Sendable (RandomStream) -> E) -> Target {
    agent("meta-\(id.rawValue)") {
      MetaGradientAgent(config: config(id), meta: MetaConfig(learnGamma: true, learnLambda: true), rng: RandomStream(seed: 1), make: make)
    }
  }

  static let all: [Target] = [
    a2c(.cartpole) { CartPole(rng: $0) },
    a2c(.catch) { Catch(rng: $0) },
    a2c(.breakout) { MinAtar<Breakout>(rng: $0) },
    a2c(.spaceInvaders) { MinAtar<SpaceInvaders>(rng: $0) },
    a2c(.freeway) { MinAtar<Freeway>(rng: $0) },
    a2c(.asterix) { MinAtar<Asterix>(rng: $0) },
    a2c(.seaquest) { MinAtar<Seaquest>(rng: $0) },
    meta(.cartpole) { CartPole(rng: $0) },
    meta(.breakout) { MinAtar<Breakout>(rng: $0) },
  ]
}

