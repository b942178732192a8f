import Foundation
@testable import MetaGradient

/// A small set of experiment folders written the way ``ControlExperiment`` writes them
/// (through ``DataFile``), with final scores chosen so every statistic is known by hand.
///
/// Two environments, two seeds, 10 rows per run at env_steps 100…1000
/// (total_env_steps = 1000); with the default final fraction 0.1 a run's score is its
/// last row. Each run ramps linearly from the random score to its final score.
///
///     random:                 cartpole 10              catch 0
///     baseline/gamma0.99-lambda0.9 (A)   30, 50  (mean 40)   0.5, 0.7 (mean 0.6)
///     baseline/gamma0.99-lambda1   (B)   60, 80  (mean 70)   0.2, 0.4 (mean 0.3)
///     meta-gamma/meta-gamma        (M)   70, 90  (mean 80)   0.6, 0.8 (mean 0.7)
///
/// Best fixed η: B on cartpole (70), A on catch (0.6), so normalised scores are
/// (x − 10)/60 on cartpole and x/0.6 on catch:
/// - best fixed η: {5/6, 7/6} on both → mean = median = IQM = 1;
/// - M: {1, 4/3} on both → mean = median = IQM = 7/6;
/// - P(M > best fixed η) = ¾ on each environment (3 of 4 pairs) → ¾.
enum CompareFixture {
  static let environments = ["cartpole", "catch"]
  static let random = ["cartpole": 10.0, "catch": 0.0]
  static let finals: [String: [String: [Double]]] = [
    "gamma0.99-lambda0.9": ["cartpole": [30, 50], "catch": [0.5, 0.7]],
    "gamma0.99-lambda1": ["cartpole": [60, 80], "catch": [0.2, 0.4]],
    "meta-gamma": ["cartpole": [70, 90], "catch": [0.6, 0.8]],
  ]

  /// Writes `root/baseline` and `root/meta-gamma` (with COMPLETE markers); returns them.
  @discardableResult
  static func write(in root: URL) throws -> (baseline: URL, metaGamma: URL) {
    let baseline = root.appendingPathComponent("baseline"), meta = root.appendingPathComponent("meta-gamma")
    for env in environments {
      for variant in ["gamma0.99-lambda0.9", "gamma0.99-lambda1"] {
        for seed in 0..<2 { try writeRun(in: baseline, env: env, variant: variant, seed: seed, final: finals[variant]![env]![seed]) }
      }
      for seed in 0..<2 { try writeRun(in: meta, env: env, variant: "meta-gamma", seed: seed, final: finals["meta-gamma"]![env]![seed], meta: true) }
      try writeRandom(in: baseline, env: env, score: random[env]!)
      try writeRandom(in: meta, env: env, score: random[env]!)
    }
    try CompletionMarker.write(in: baseline, summary: "fixture\n")
    try CompletionMarker.write(in: meta, summary: "fixture\n")
    return (baseline, meta)
  }

  /// The path of a run's file.
  static func runFile(_ folder: URL, env: String, variant: String, seed: Int) -> URL {
    folder.appendingPathComponent("\(env)/\(variant)/seed\(String(format: "%02d", seed)).dat")
  }

  /// Writes one run: `rows` rows at env_steps 100, 200, …, returns ramping from the
  /// random score to `final` (or `returns` when given), header as ControlExperiment's.
  static func writeRun(
    in folder: URL, env: String, variant: String, seed: Int, final: Double, meta: Bool = false,
    rows: Int = 10, totalEnvSteps: Int? = nil, returns: [Double]? = nil, extraHeader: [(key: String, value: String)] = []
  ) throws {
    let start = random[env] ?? 0
    let values = returns ?? (1...rows).map { start + (final - start) * Double($0) / Double(rows) }
    var header: [(key: String, value: String)] = [("env", env), ("variant", variant), ("gamma", "0.99"), ("lambda", "0.9")]
    if meta { header += [("learn_gamma", "true"), ("learn_lambda", "false")] }
    header += [("total_env_steps", "\(totalEnvSteps ?? 100 * values.count)"), ("seed", "\(seed)"), ("base_seed", "0")] + extraHeader
    var file = DataFile(title: "fixture \(env) \(variant) seed \(seed)", config: header, columns: LearningCurve.columns)
    for (i, r) in values.enumerated() { file.append([Double(100 * (i + 1)), r, 10, 1, Double(i + 1), 0.99, 0.9]) }
    try file.write(to: runFile(folder, env: env, variant: variant, seed: seed))
  }

  /// Writes `folder/random/<env>.dat` with mean return `score`.
  static func writeRandom(in folder: URL, env: String, score: Double) throws {
    var file = DataFile(
      title: "uniformly random policy on \(env)", config: [("env", env), ("policy", "random"), ("episodes", "20")],
      columns: ["episodes", "return_mean", "return_lo", "return_hi", "length_mean", "length_lo", "length_hi"])
    file.append([20, score, score - 1, score + 1, 10, 9, 11])
    try file.write(to: folder.appendingPathComponent("random/\(env).dat"))
  }

  /// The comparison of the fixture's folders with `settings` (few resamples: fast).
  static func compare(
    _ folders: [URL], reference: Reference = .bestFixedEta, missing: MissingRunPolicy = .fail, resamples: Int = 200
  ) throws -> Comparison {
    let matched = try MatchedRuns(folders: folders.map { try ExperimentFolder($0) }, missing: missing)
    return try Comparison(matched, settings: ComparisonSettings(
      reference: reference, bootstrap: try StratifiedBootstrap(resamples: resamples, seed: 7)))
  }

  /// A fresh temporary folder.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("metagradient-compare-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
