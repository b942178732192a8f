import Foundation

/// A comparison as Markdown: what was compared and how, the aggregate table (one row
/// per entry: runs, each metric and P(X > reference) as `point [low, high]`),
/// P(X > reference) per environment, the mean final return per environment, and notes
/// on everything dropped, unused or diverged.
public struct ComparisonReport {
  public let comparison: Comparison
  /// The folders compared, as given.
  public let inputs: [String]

  public init(_ comparison: Comparison, inputs: [String]) {
    self.comparison = comparison
    self.inputs = inputs
  }

  /// An interval as `point [low, high]` with `digits` decimals.
  public static func format(_ e: IntervalEstimate?, digits: Int = 3) -> String {
    guard let e else { return "—" }
    let f = "%.\(digits)f"
    return "\(String(format: f, e.point)) [\(String(format: f, e.low)), \(String(format: f, e.high))]"
  }

  /// A raw score with four significant digits.
  static func format(_ x: Double?) -> String { x.map { String(format: "%.4g", $0) } ?? "—" }

  /// The human name of a metric in the table's header.
  static func heading(_ metric: AggregateMetric) -> String {
    switch metric {
    case .mean: return "mean"
    case .median: return "median"
    case .interquartileMean: return "IQM"
    case let .optimalityGap(gamma): return gamma == 1 ? "optimality gap" : "optimality gap (γ = \(gamma))"
    }
  }

  public var markdown: String {
    let c = comparison, m = c.matched, s = c.settings
    let reference = c.reference.name
    let experiments = m.variants.reduce(into: [String]()) { if !$0.contains($1.experiment) { $0.append($1.experiment) } }
    var out = "# Comparison: \(experiments.joined(separator: ", "))\n\n"
    out += "Inputs: \(inputs.map { "`\($0)`" }.joined(separator: ", ")).\n"
    out += "Final score of a run: its mean episode return over the last \(DataFile.format(100 * s.finalScore.fraction))% of training. "
    out += "Normalised score: 0 = the uniformly random policy, 1 = the reference, "
    out += c.reference.isComposite ? "`\(reference)`, \(Reference.bestFixedEta).\n"
      : c.heldOut != nil ? "`\(reference)`, the best fixed η chosen per environment on other seeds than those scoring it (held out; see the notes).\n"
      : "`\(reference)`.\n"
    out += "Aggregates over \(m.environments.count) environments (\(m.environments.joined(separator: ", "))) × \(m.seeds.count) seeds "
    out += "(\(m.seeds.map(String.init).joined(separator: ", "))): point estimate [\(DataFile.format(100 * s.bootstrap.confidence))% "
    out += "stratified-bootstrap interval, \(s.bootstrap.resamples) resamples, seed \(s.bootstrap.seed)].\n\n"

    // The aggregate table.
    let metrics = s.metrics.map(Self.heading)
    out += "| variant | runs | " + metrics.joined(separator: " | ") + " | P(variant > \(reference)) |\n"
    out += "|:--|--:|" + String(repeating: ":--|", count: metrics.count + 1) + "\n"
    for (i, entry) in c.entries.enumerated() {
      let name = i == c.referenceIndex ? "**\(entry.name)** (reference)" : entry.name
      let left = m.seeds.count - c.validSeeds[i].count
      let runs = "\(c.validSeeds[i].count) × \(m.environments.count)" + (left > 0 ? " (\(left) seed\(left > 1 ? "s" : "") diverged)" : "")
      let cells = (0..<s.metrics.count).map { k in Self.format(c.aggregates[i]?[k]) }
      let improvement = i == c.referenceIndex ? "—" : Self.format(c.improvement[i], digits: 2)
      out += "| \(name) | \(runs) | " + cells.joined(separator: " | ") + " | \(improvement) |\n"
    }

    // P(X > reference) per environment.
    out += "\n## P(variant > \(reference)) per environment\n\n"
    out += "Each environment alone, over the seeds of the table above (the mean over environments is its P).\n\n"
    out += "| variant | " + m.environments.joined(separator: " | ") + " |\n"
    out += "|:--|" + String(repeating: ":--|", count: m.environments.count) + "\n"
    for (i, entry) in c.entries.enumerated() where i != c.referenceIndex {
      let cells = m.environments.indices.map { k in Self.format(c.environmentImprovement[i]?[k], digits: 2) }
      out += "| \(entry.name) | " + cells.joined(separator: " | ") + " |\n"
    }

    // Raw scores per environment.
    out += "\n## Final return per environment (mean over seeds)\n\n"
    out += "| environment | total_env_steps | random | " + c.entries.map(\.name).joined(separator: " | ") + " |\n"
    out += "|:--|--:|--:|" + String(repeating: "--:|", count: c.entries.count) + "\n"
    for (k, env) in m.environments.enumerated() {
      let cells = c.entries.indices.map { i -> String in
        let x = Self.format(c.meanScore(entry: i, env: k))
        return c.entries[i].isComposite ? "\(x) (\(m.variants[c.entries[i].sources[k]].name))" : x
      }
      out += "| \(env) | \(m.runs[0][k][0].totalEnvSteps) | \(Self.format(m.randomScores[k])) | " + cells.joined(separator: " | ") + " |\n"
    }

    // Notes.
    var notes = m.incompleteFolders.map { "\($0) has no \(CompletionMarker.name) marker: its experiment may still be running" }
    notes += m.notes
    for d in c.diverged {
      notes.append("diverged (not averaged in; seed \(d.seed) of \(d.variant) left out on every environment): \(d.variant) on \(d.env), seed \(d.seed): \(d.reason)")
    }
    if c.reference.isComposite {
      notes.append("`\(reference)` is chosen per environment on the same seeds it is scored on, so it is optimistic; P(variant > \(reference)) is conservative.")
    }
    if let heldOut = c.heldOut {
      notes += heldOut.sentences.map { "`\(reference)` on \($0)." }
    }
    for (k, env) in m.environments.enumerated() where c.referenceScores[k] < m.randomScores[k] {
      notes.append("on \(env) the reference scores below the random policy: normalised scores there are reversed")
    }
    notes.append("random-policy scores from \(Set(m.randomFiles.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }).sorted().joined(separator: ", ")).")
    out += "\n## Notes\n\n" + notes.map { "- \($0)\n" }.joined()
    return out
  }
}
