import Foundation
import Testing

/// `compare` end to end on ``CompareFixture``'s folders.
@Suite struct CompareSmokeTests {
  static let fast = ["--resamples", "200"]

  @Test func writesTheTableAndEveryDataFile() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    let out = root.appendingPathComponent("compare")
    let r = try ExperimentRunner.run("compare", [baseline.path, meta.path, "--out", out.path] + Self.fast)
    #expect(r.status == 0, "\(r.stderr)")
    for line in ["| variant | runs | mean | median | IQM | P(variant > best-fixed-eta) |",
                 "| **best-fixed-eta** (reference) | 2 × 2 | 1.000 [",
                 "| meta-gamma | 2 × 2 | 1.167 [",
                 "| catch | 1000 | 0 | 0.6 (gamma0.99-lambda0.9) | 0.6 | 0.3 | 0.7 |"] {
      #expect(r.stdout.contains(line), "\(line) missing from\n\(r.stdout)")
    }
    #expect(try String(contentsOf: out.appendingPathComponent("comparison.md"), encoding: .utf8) == r.stdout)
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("COMPLETE").path))
    for name in ["best-fixed-eta", "gamma0.99-lambda0.9", "gamma0.99-lambda1", "meta-gamma"] {
      let profile = try ParsedDataFile(contentsOf: out.appendingPathComponent("profiles/\(name).dat"))
      #expect(profile.columns == ["tau", "fraction", "fraction_lo", "fraction_hi"])
      #expect(profile.header.contains { $0.hasPrefix("# command = compare ") })
      let curve = try ParsedDataFile(contentsOf: out.appendingPathComponent("efficiency/\(name).dat"))
      #expect(curve.columns == ["training_fraction", "iqm", "iqm_lo", "iqm_hi"] && curve.rows.count == 10)
    }
    let improvement = try String(contentsOf: out.appendingPathComponent("improvement.dat"), encoding: .utf8)
    #expect(improvement.contains("\nmeta-gamma 3 0.75 "))
    for file in ["aggregates.dat", "scores.dat", "environments.dat"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file) missing")
    }
  }

  /// No path around the manifest: a folder holding another comparison is refused,
  /// untouched, unless --fresh.
  @Test func anotherComparisonsFolderIsRefused() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    let out = root.appendingPathComponent("compare")
    let first = try ExperimentRunner.run("compare", [baseline.path, meta.path, "--out", out.path] + Self.fast)
    #expect(first.status == 0, "\(first.stderr)")
    let before = try KillAndResumeTests.files(out)
    let other = try ExperimentRunner.run("compare", [baseline.path, meta.path, "--out", out.path, "--seed", "5"] + Self.fast)
    #expect(other.status == 64)
    #expect(other.stderr.contains("holds data of a different configuration (it has 'seed = 0', this run has 'seed = 5')"), "\(other.stderr)")
    #expect(try KillAndResumeTests.files(out) == before)
    let fresh = try ExperimentRunner.run("compare", [baseline.path, meta.path, "--out", out.path, "--seed", "5", "--fresh"] + Self.fast)
    #expect(fresh.status == 0, "\(fresh.stderr)")
  }

  @Test func sameSeedGivesIdenticalOutput() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    let out = root.appendingPathComponent("compare")
    let args = [baseline.path, meta.path, "--out", out.path, "--seed", "5"] + Self.fast
    let env = ["METAGRADIENT_COMMIT": "test"]
    func snapshot() throws -> [String: Data] {
      let files = FileManager.default.enumerator(atPath: out.path)!.compactMap { $0 as? String }.sorted()
      return try Dictionary(uniqueKeysWithValues: files.filter { $0.hasSuffix(".dat") || $0.hasSuffix(".md") }.map {
        ($0, try Data(contentsOf: out.appendingPathComponent($0)))
      })
    }
    #expect(try ExperimentRunner.run("compare", args, environment: env).status == 0)
    let first = try snapshot()
    #expect(try ExperimentRunner.run("compare", args, environment: env).status == 0)
    #expect(try snapshot() == first)
    #expect(first.count == 13)
  }

  @Test func badUsageExits64() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    let out = root.appendingPathComponent("compare").path
    let cases: [([String], String)] = [
      ([], "at least one"),
      ([baseline.path, "--final-fraction", "0"], "(0, 1]"),
      ([baseline.path, "--final-fraction", "1.5"], "1.5"),
      ([baseline.path, "--resamples", "0"], "resamples"),
      ([baseline.path, "--confidence", "1"], "confidence"),
      ([baseline.path, "--missing", "ignore"], "ignore"),
      ([root.appendingPathComponent("nope").path], "nope is not a folder"),
      ([baseline.path, meta.path, "--reference", "meta"], "no variant 'meta'"),
      ([baseline.path, "--variants", "gamma0.99-lambda1,x"], "no variant 'x'"),
    ]
    for (args, message) in cases {
      let r = try ExperimentRunner.run("compare", args + ["--out", out])
      #expect(r.status == 64, "\(args): status \(r.status)")
      #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func dataProblemsExit1AndNameTheirFiles() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    let out = root.appendingPathComponent("compare")

    // A missing seed: listed, with the --missing drop hint; then dropped and noted.
    let seed1 = CompareFixture.runFile(meta, env: "catch", variant: "meta-gamma", seed: 1)
    try FileManager.default.removeItem(at: seed1)
    let missing = try ExperimentRunner.run("compare", [baseline.path, meta.path, "--out", out.path] + Self.fast)
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("meta-gamma on catch lacks seed 1") && missing.stderr.contains("--missing drop"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
    let dropped = try ExperimentRunner.run("compare", [baseline.path, meta.path, "--missing", "drop", "--out", out.path] + Self.fast)
    #expect(dropped.status == 0, "\(dropped.stderr)")
    #expect(dropped.stdout.contains("- dropped: meta-gamma on catch lacks seed 1"))
    #expect(dropped.stderr.contains("compare: dropped: meta-gamma on catch lacks seed 1"))
    #expect(dropped.stdout.contains("| meta-gamma | 1 × 2 |"))
    try CompareFixture.writeRun(in: meta, env: "catch", variant: "meta-gamma", seed: 1, final: 0.8, meta: true)

    // A garbled row: file and line named, nothing overwritten.
    let before = try Data(contentsOf: out.appendingPathComponent("comparison.md"))
    let bad = CompareFixture.runFile(baseline, env: "cartpole", variant: "gamma0.99-lambda1", seed: 0)
    let text = try String(contentsOf: bad, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let row = lines.firstIndex { !$0.hasPrefix("#") }! + 1
    try text.replacingOccurrences(of: "\n" + lines[row - 1] + "\n", with: "\n1 2 3\n").write(to: bad, atomically: true, encoding: .utf8)
    let garbled = try ExperimentRunner.run("compare", [baseline.path, meta.path, "--out", out.path] + Self.fast)
    #expect(garbled.status == 1)
    #expect(garbled.stderr.contains("\(bad.path):\(row): 3 values for the 7 columns"), "\(garbled.stderr)")
    #expect(try Data(contentsOf: out.appendingPathComponent("comparison.md")) == before)
    try CompareFixture.writeRun(in: baseline, env: "cartpole", variant: "gamma0.99-lambda1", seed: 0, final: 60)

    // A different budget.
    try CompareFixture.writeRun(in: meta, env: "cartpole", variant: "meta-gamma", seed: 0, final: 70, meta: true, rows: 20)
    try CompareFixture.writeRun(in: meta, env: "cartpole", variant: "meta-gamma", seed: 1, final: 90, meta: true, rows: 20)
    let budget = try ExperimentRunner.run("compare", [baseline.path, meta.path, "--missing", "drop", "--out", out.path] + Self.fast)
    #expect(budget.status == 1)
    #expect(budget.stderr.contains("runs on cartpole have different budgets (total_env_steps): gamma0.99-lambda0.9: 1000, gamma0.99-lambda1: 1000, meta-gamma: 2000"))

    // A diverged run: reported, left out, the rest compared.
    try CompareFixture.writeRun(in: meta, env: "cartpole", variant: "meta-gamma", seed: 0, final: 70, meta: true)
    try CompareFixture.writeRun(in: meta, env: "cartpole", variant: "meta-gamma", seed: 1, final: 90, meta: true,
                                extraHeader: [("diverged", "NaN in θ at env_steps 700")])
    let diverged = try ExperimentRunner.run("compare", [baseline.path, meta.path, "--out", out.path, "--fresh"] + Self.fast)
    #expect(diverged.status == 0, "\(diverged.stderr)")
    #expect(diverged.stderr.contains("diverged, not averaged in: meta-gamma on cartpole seed 1: diverged = NaN in θ at env_steps 700"))
    #expect(diverged.stdout.contains("| meta-gamma | 1 × 2 (1 seed diverged) |"))
  }

  /// `--env` keeps the seeds of the environments that have more: score matrices need the
  /// same seeds everywhere, so without it catch's extra seeds go unused.
  @Test func envRestrictsTheEnvironmentsAndKeepsTheirSeeds() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    for seed in 2..<4 {
      for variant in ["gamma0.99-lambda0.9", "gamma0.99-lambda1"] {
        try CompareFixture.writeRun(in: baseline, env: "catch", variant: variant, seed: seed, final: 0.5)
      }
      try CompareFixture.writeRun(in: meta, env: "catch", variant: "meta-gamma", seed: seed, final: 0.6, meta: true)
    }
    let all = try ExperimentRunner.run("compare", [baseline.path, meta.path, "--out", root.appendingPathComponent("all").path] + Self.fast)
    #expect(all.status == 0, "\(all.stderr)")
    #expect(all.stdout.contains("| meta-gamma | 2 × 2 |") && all.stderr.contains("catch: seeds 2, 3 not used"), "\(all.stdout)\n\(all.stderr)")
    let out = root.appendingPathComponent("catch")
    let one = try ExperimentRunner.run("compare", [baseline.path, meta.path, "--env", "catch", "--out", out.path] + Self.fast)
    #expect(one.status == 0, "\(one.stderr)")
    #expect(one.stdout.contains("| meta-gamma | 4 × 1 |") && !one.stdout.contains("| cartpole |"), "\(one.stdout)")
    let aggregates = try String(contentsOf: out.appendingPathComponent("aggregates.dat"), encoding: .utf8)
    #expect(aggregates.contains("# environments = catch\n") && aggregates.contains("# seeds = 0 1 2 3\n"))
    let unknown = try ExperimentRunner.run("compare", [baseline.path, "--env", "catch,pong", "--out", root.appendingPathComponent("bad").path])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("no runs on environment 'pong' in the data; available: cartpole, catch"), "\(unknown.stderr)")
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("bad").path))
  }

  @Test func helpDocumentsEveryOption() throws {
    let r = try ExperimentRunner.run("compare", ["--help"])
    #expect(r.status == 0)
    for option in ["--reference", "--variants", "--env", "--final-fraction", "--missing", "--resamples", "--confidence", "--seed", "--out"] {
      #expect(r.stdout.contains(option), "\(option) missing from --help")
    }
  }
}
