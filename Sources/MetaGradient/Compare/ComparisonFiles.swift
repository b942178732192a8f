import Foundation

/// Everything a comparison writes into its output folder, one data file per figure
/// (the ``DataFile`` convention, rows labelled by entry where needed):
///
///     comparison.md                 the Markdown report (``ComparisonReport``)
///     aggregates.dat                variant index <metric> <metric>_lo <metric>_hi … seeds diverged
///     improvement.dat               variant index probability probability_lo probability_hi
///     profiles/<variant>.dat        tau fraction fraction_lo fraction_hi
///     efficiency/<variant>.dat      training_fraction iqm iqm_lo iqm_hi
///     scores.dat                    variant env seed final_return normalised_score diverged
///     environments.dat              env reference_variant total_env_steps random_score reference_score
///     COMPLETE                      written last
///
/// `index` is the entry's row (0 = first) for interval plots; `<variant>` may contain a
/// `/` (`experiment/variant`), which makes a subfolder. Everything is computed before
/// the first write, and `COMPLETE` is removed first and written last.
public struct ComparisonFiles {
  public static let report = "comparison.md"
  public static let aggregates = "aggregates.dat"
  public static let improvement = "improvement.dat"
  public static let profiles = "profiles"
  public static let efficiency = "efficiency"
  public static let scores = "scores.dat"
  public static let environments = "environments.dat"

  public let comparison: Comparison
  public let inputs: [String]

  public init(_ comparison: Comparison, inputs: [String]) {
    self.comparison = comparison
    self.inputs = inputs
  }

  /// The header lines every file shares.
  public var config: [(key: String, value: String)] {
    let c = comparison, s = c.settings
    return [
      ("inputs", inputs.joined(separator: " ")),
      ("reference", c.reference.name),
      ("final_fraction", DataFile.format(s.finalScore.fraction)),
      ("resamples", "\(s.bootstrap.resamples)"),
      ("confidence", DataFile.format(s.bootstrap.confidence)),
      ("bootstrap_seed", "\(s.bootstrap.seed)"),
      ("environments", c.matched.environments.joined(separator: " ")),
      ("seeds", c.matched.seeds.map(String.init).joined(separator: " ")),
    ]
  }

  /// Every file's path (relative to the output folder) and contents, in writing order.
  public func files() -> [(path: String, contents: String)] {
    let c = comparison, m = c.matched
    let confidence = "\(DataFile.format(100 * c.settings.bootstrap.confidence))%"
    var files: [(String, String)] = [(Self.report, ComparisonReport(c, inputs: inputs).markdown)]

    var aggregates = LabelledDataFile(
      title: "aggregate normalised scores with \(confidence) stratified-bootstrap intervals, one row per variant",
      config: config, labels: ["variant"],
      columns: ["index"] + c.settings.metrics.flatMap { ["\($0)", "\($0)_lo", "\($0)_hi"] } + ["seeds", "diverged"])
    var improvement = LabelledDataFile(
      title: "probability of improvement P(variant > \(c.reference.name)) with \(confidence) interval",
      config: config, labels: ["variant"], columns: ["index", "probability", "probability_lo", "probability_hi"])
    for (i, entry) in c.entries.enumerated() {
      let metrics = c.aggregates[i]?.flatMap { [$0.point, $0.low, $0.high] }
        ?? Array(repeating: .nan, count: 3 * c.settings.metrics.count)
      let diverged = c.diverged.filter { d in
        m.environments.indices.contains { k in m.environments[k] == d.env && m.variants[entry.sources[k]].name == d.variant }
      }.count
      aggregates.append(labels: [entry.name], [Double(i)] + metrics + [Double(c.validSeeds[i].count), Double(diverged)])
      if i != c.referenceIndex {
        let p = c.improvement[i]
        improvement.append(labels: [entry.name], [Double(i), p?.point ?? .nan, p?.low ?? .nan, p?.high ?? .nan])
      }
    }
    files.append((Self.aggregates, aggregates.contents))
    files.append((Self.improvement, improvement.contents))

    for (i, entry) in c.entries.enumerated() {
      if let profile = c.profiles[i] {
        var file = DataFile(
          title: "\(entry.name): performance profile, fraction of runs with normalised score > τ, \(confidence) band",
          config: config, columns: ["tau", "fraction", "fraction_lo", "fraction_hi"])
        for (tau, e) in zip(profile.thresholds, profile.estimates) { file.append([tau, e.point, e.low, e.high]) }
        files.append(("\(Self.profiles)/\(entry.name).dat", file.contents))
      }
      if let curve = c.efficiency[i] {
        var file = DataFile(
          title: "\(entry.name): IQM of normalised score over training (fraction of each environment's total_env_steps), \(confidence) band",
          config: config, columns: ["training_fraction", "iqm", "iqm_lo", "iqm_hi"])
        for (p, e) in zip(curve.fractions, curve.estimates) { file.append([p, e?.point ?? .nan, e?.low ?? .nan, e?.high ?? .nan]) }
        files.append(("\(Self.efficiency)/\(entry.name).dat", file.contents))
      }
    }

    var scores = LabelledDataFile(
      title: "final score of every run (mean return over the final window) and its normalised score",
      config: config, labels: ["variant", "env"], columns: ["seed", "final_return", "normalised_score", "diverged"])
    for (v, variant) in m.variants.enumerated() {
      for (k, env) in m.environments.enumerated() {
        for (n, seed) in m.seeds.enumerated() {
          let x = c.scores[v][k][n].value
          let normalised = x.map { ($0 - m.randomScores[k]) / (c.referenceScores[k] - m.randomScores[k]) } ?? .nan
          scores.append(labels: [variant.name, env], [Double(seed), x ?? .nan, normalised, x == nil ? 1 : 0])
        }
      }
    }
    files.append((Self.scores, scores.contents))

    var environments = LabelledDataFile(
      title: "per environment: the reference (normalised score 1) and the random policy (0)",
      config: config, labels: ["env", "reference_variant"], columns: ["total_env_steps", "random_score", "reference_score"])
    for (k, env) in m.environments.enumerated() {
      environments.append(
        labels: [env, m.variants[c.reference.sources[k]].name],
        [Double(m.runs[0][k][0].totalEnvSteps), m.randomScores[k], c.referenceScores[k]])
    }
    files.append((Self.environments, environments.contents))
    return files
  }

  /// Writes every file into `folder` (atomically each), then `COMPLETE` with `summary`.
  public func write(to folder: URL, summary: String) throws {
    let files = files()
    CompletionMarker.remove(in: folder)
    for (path, contents) in files {
      try AtomicFile.write(Data(contents.utf8), to: folder.appendingPathComponent(path))
    }
    try CompletionMarker.write(in: folder, summary: summary)
  }
}
