// libFuzzer target: the checkpoint reader, end to end.
//
// The first byte selects what the rest is:
// - below 0x80: an agent's saved state (the JSON inside a checkpoint's envelope), for
//   the agent and environment `byte % Target.all.count`; it is decoded, restored into a
//   small agent of that kind and iterated once, so every value a hostile checkpoint can
//   set meets the code that uses it;
// - 0x80 and above: a whole checkpoint file — envelope (length, checksum) and contents.
// Any input must end in a restored agent or a thrown error: never a crash, a hang or a
// sanitizer report. `METAGRADIENT_FUZZ_SEEDS=<folder>` makes the target write, at
// start-up, one seed per target: states that real agents wrote. Built by `make fuzz`.
@testable import MetaGradient
import Foundation

/// One agent on one environment, small (two environments, four-step rollouts, a
/// four-unit MLP) so that its state is a few kilobytes.
struct Target {
  var name: String
  /// Decodes, restores and iterates; or, to make a seed, trains and encodes.
  var exercise: (Data) -> Void
  var seed: () -> Data

  static func config(_ id: EnvironmentID) -> A2CConfig {
    var c = A2CConfig.defaults(for: id)
    c.envs = 2; c.steps = 4; c.network = .mlp(hidden: [4])
    return c
  }

  static func a2c<E: Environment>(_ id: EnvironmentID, _ make: @escaping @Sendable (RandomStream) -> E) -> Target {
    let fresh = { A2CTrainer(config: config(id), rng: RandomStream(seed: 1), make: make) }
    return Target(name: "a2c-\(id.rawValue)", exercise: { data in
      guard let saved = try? CheckpointFile.decoder().decode(ControlRun.SavedRun<A2CTrainer<E>.State>.self, from: data) else { return }
      let agent = fresh()
      guard (try? agent.restore(from: saved.agent)) != nil else { return }
      try? agent.iterate()
    }, seed: {
      let agent = fresh()
      for _ in 0..<3 { try! agent.iterate() }
      return try! CheckpointFile.encoder().encode(ControlRun.SavedRun(position: .init(), agent: agent.checkpointState()))
    })
  }

  static func meta<E: Environment>(_ id: EnvironmentID, _ make: @escaping @Sendable (RandomStream) -> E) -> Target {
    let fresh = { MetaGradientAgent(config: config(id), meta: MetaConfig(learnGamma: true, learnLambda: true), rng: RandomStream(seed: 1), make: make) }
    return Target(name: "meta-\(id.rawValue)", exercise: { data in
      guard let saved = try? CheckpointFile.decoder().decode(ControlRun.SavedRun<MetaGradientAgent<E>.State>.self, from: data) else { return }
      let agent = fresh()
      guard (try? agent.restore(from: saved.agent)) != nil else { return }
      try? agent.iterate()
    }, seed: {
      let agent = fresh()
      for _ in 0..<3 { try! agent.iterate() }
      return try! CheckpointFile.encoder().encode(ControlRun.SavedRun(position: .init(), agent: agent.checkpointState()))
    })
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

let manifest = RunManifest([("experiment", "fuzz")])

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>>>) -> CInt {
  guard let folder = ProcessInfo.processInfo.environment["METAGRADIENT_FUZZ_SEEDS"] else { return 0 }
  let url = URL(fileURLWithPath: folder)
  try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  for (k, target) in Target.all.enumerated() {
    try! (Data([UInt8(k)]) + target.seed()).write(to: url.appendingPathComponent("\(target.name).state"))
  }
  // A whole checkpoint file as RunCheckpoint writes it (contents with a saved state).
  let contents = RunCheckpoint.Contents(manifest: manifest.lines, commit: "fuzz", version: MetaGradientRL.version,
                                        blas: "Haswell", unit: "cartpole/fuzz/seed00", result: nil, state: Target.all[0].seed())
  try! (Data([0x80]) + CheckpointFile.envelope(try! CheckpointFile.encoder().encode(contents)))
    .write(to: url.appendingPathComponent("file.checkpoint"))
  return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheckpoint(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  guard count > 0 else { return 0 }
  let selector = bytes[0], rest = Data(bytes: bytes + 1, count: count - 1)
  if selector < 0x80 {
    Target.all[Int(selector) % Target.all.count].exercise(rest)
  } else if let payload = try? CheckpointFile.payload(of: rest, path: "fuzz.checkpoint"),
            let contents = try? CheckpointFile.decoder().decode(RunCheckpoint.Contents.self, from: payload) {
    _ = manifest.conflict(with: contents.manifest, in: URL(fileURLWithPath: "/fuzz"))
    if let state = contents.state { Target.all[0].exercise(state) }
  }
  return 0
}
