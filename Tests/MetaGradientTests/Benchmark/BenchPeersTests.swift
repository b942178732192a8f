import Foundation
import Testing
@testable import MetaGradient

/// `bench --peers`: its option, its refusals, the line without it, and the peer
/// protocol (bench/peer_protocol.py) driven by a stand-in peer written in sh, so that
/// nothing here needs the peers' Python environment, the network or a timing.
@Suite struct BenchPeersTests {
  @Test func helpDocumentsPeers() throws {
    let r = try ExperimentRunner.run("bench", ["--help"])
    #expect(r.status == 0)
    for text in ["--peers <python>", "make", "bench-peers", ".build/peers-venv/bin/python", "--peer-scripts", "peers."] {
      #expect(r.stdout.contains(text), "'\(text)' missing from\n\(r.stdout)")
    }
    #expect(!r.stdout.contains("--jax"))
  }

  /// Not an interpreter, or one without the peers' packages: one line naming the path
  /// and what to run, exit 64, nothing measured.
  @Test(arguments: ["/nonexistent/metagradient/python", "/tmp", "Package.swift", "/bin/false"])
  func badPeersIsOneLineAndExit64(_ path: String) throws {
    let absolute = path.hasPrefix("/") ? path : ExperimentRunner.packageRoot.appendingPathComponent(path).path
    let r = try ExperimentRunner.run("bench", ["--peers", absolute, "--only", "peers"])
    #expect(r.status == 64, "exit \(r.status): \(r.stderr)")
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(r.stderr)")
    #expect(r.stderr.contains("'\(absolute)'") && r.stderr.contains("make bench-peers"), "\(r.stderr)")
    #expect(r.stdout.isEmpty, "\(r.stdout)")
  }

  /// Without --peers the section is one comment line, and no stated JAX figure is left.
  @Test func withoutPeersSaysSoInOneLine() throws {
    let r = try ExperimentRunner.run("bench", ["--only", "peers"])
    #expect(r.status == 0, "\(r.stderr)")
    let peerLines = r.stdout.split(separator: "\n").filter { $0.contains("peers") }
    #expect(peerLines == ["# peers not measured: run make bench-peers (or bench --peers PYTHON)"], "\(r.stdout)")
    #expect(!r.stdout.contains("reference") && !r.stdout.contains("over_jax"), "\(r.stdout)")
  }

  /// A stand-in peer in sh: says what it measures, `ready 640`, then answers each
  /// `run` with fixed seconds (or misbehaves as told).
  static func standIn(in folder: URL, answer: String = "0.004 0.005", ready: String = "ready 640") throws -> URL {
    let script = folder.appendingPathComponent("peer.sh")
    try """
      [ "$1" = --serve ] || exit 2
      echo "# stand-in peer: $*"
      echo "\(ready)"
      while read -r line; do
        [ "$line" = run ] || exit 3
        echo "\(answer)"
      done
      """.write(to: script, atomically: true, encoding: .utf8)
    return script
  }

  @Test func peerScriptSpeaksTheProtocol() throws {
    let folder = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let peer = try PeerScript(python: PeerPython(path: "/bin/sh"), script: Self.standIn(in: folder), arguments: ["--iterations", "2"])
    #expect(peer.stepsPerCall == 640)
    #expect(peer.description == ["stand-in peer: --serve --iterations 2"])
    for _ in 0..<3 {
      let call = try peer.time()
      #expect(call.cpu == 0.004 && call.wall == 0.005)
    }
    try peer.finish()
  }

  /// A peer that breaks the protocol is a ``PeerError`` naming the script.
  @Test(arguments: [("ready 640", "garbage"), ("not ready", "0.004 0.005"), ("exit 1", "")])
  func brokenPeerIsAnError(ready: String, answer: String) throws {
    let folder = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = try Self.standIn(in: folder, answer: answer, ready: ready == "exit 1" ? "" : ready)
    if ready == "exit 1" { try "exit 1\n".write(to: script, atomically: true, encoding: .utf8) }
    let error = #expect(throws: PeerError.self) {
      let peer = try PeerScript(python: PeerPython(path: "/bin/sh"), script: script, arguments: [])
      _ = try peer.time()
    }
    guard case .protocolBroken(let name, _)? = error else { Issue.record("\(String(describing: error))"); return }
    #expect(name.contains(script.path))
  }

  @Test func missingScriptIsAnError() throws {
    #expect(throws: PeerError.missingScript("/nonexistent/metagradient/peer.py")) {
      _ = try PeerScript(python: PeerPython(path: "/bin/sh"), script: URL(fileURLWithPath: "/nonexistent/metagradient/peer.py"), arguments: [])
    }
  }

  /// A comparison runs our agent and the peer in turns and forms steps/s from the
  /// peer's seconds (no timing asserted for ours: only that it is positive).
  @Test func comparisonMeasuresBothSides() throws {
    let folder = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try Self.standIn(in: folder)
    let comparison = PeerComparison(key: "peers.test", peer: "sh", environment: .cartpole, meta: nil,
                                    script: "peer.sh", arguments: [], iterations: 2, quickIterations: 2)
    let m = try comparison.measure(python: PeerPython(path: "/bin/sh"), scripts: folder, quick: true, repeats: 2)
    #expect(m.peer == 640 / 0.004)
    #expect(m.ours > 0 && m.ours.isFinite)
    #expect(m.peerDescription == ["stand-in peer: --serve --iterations 2"])
    #expect(m.oursDescription.contains("A2C") && m.oursDescription.contains("2 iterations of 16x20"))
  }

  /// The comparisons `bench --peers` makes: the issue's three, each with its script.
  @Test func comparisonsNameTheirScripts() {
    #expect(PeerComparison.all.map(\.key) == ["peers.a2c.cartpole", "peers.meta.cartpole", "peers.a2c.breakout"])
    for c in PeerComparison.all {
      #expect(FileManager.default.fileExists(atPath: ExperimentRunner.packageRoot.appendingPathComponent("bench/\(c.script)").path))
    }
    #expect(PeerComparison.all[1].meta == MetaConfig(learnGamma: true, learnLambda: true))
  }
}
