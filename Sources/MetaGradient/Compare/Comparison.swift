/// How a comparison scores, normalises and bootstraps.
public struct ComparisonSettings: Sendable {
  /// What scores 1 after normalisation (default: the best fixed η).
  public var reference: Reference
  /// How a run's final score is taken (default: mean return over the last 10%).
  public var finalScore: FinalScoreRule
  /// Resamples, confidence and seed of every interval (default: 2,000, 95%, seed 0).
  public var bootstrap: StratifiedBootstrap
  /// The aggregate metrics of the table and interval plots (default: mean, median, IQM).
  public var metrics: [AggregateMetric]
  /// Number of thresholds τ of the performance profiles.
  public var profileThresholds: Int

  public init(
    reference: Reference = .bestFixedEta, finalScore: FinalScoreRule = .init(),
    bootstrap: StratifiedBootstrap, metrics: [AggregateMetric] = [.mean, .median, .interquartileMean],
    profileThresholds: Int = 101
  ) {
    self.reference = reference
    self.finalScore = finalScore
    self.bootstrap = bootstrap
    self.metrics = metrics
    self.profileThresholds = profileThresholds
  }
}

/// A comparison of variants in the manner of Agarwal et al. (2021), "Deep RL at the
/// Edge of the Statistical Precipice" (rliable), on runs matched by environment and
/// seed (``MatchedRuns``):
///
/// 1. each run's final score x (``FinalScoreRule``); a diverged run has none and its
///    seed is left out of that entry's score matrix (on every environment, so the
///    matrix stays rectangular) — listed in ``diverged``;
/// 2. normalised scores x̂ = (x − x_random) / (x_reference − x_random) per environment,
///    x_reference the mean final score of the ``Reference`` on that environment;
/// 3. per entry, the aggregate metrics (mean, median, IQM over environments and seeds)
///    with stratified-bootstrap percentile intervals (``StratifiedBootstrap``);
/// 4. the probability of improvement P(X > reference) of every other entry, with its
///    interval (``Statistics/probabilityOfImprovement(_:over:)``), and the same on each
///    environment alone (whose mean over environments is the aggregate's point);
/// 5. performance profiles F̂(τ) on a common grid of thresholds (``PerformanceProfile``);
/// 6. sample-efficiency curves, the IQM over training (``SampleEfficiencyCurve``).
///
/// Every interval is seeded by the bootstrap's seed, so the same data and settings give
/// identical results.
public struct Comparison: Sendable {
  public let matched: MatchedRuns
  public let settings: ComparisonSettings
  /// `scores[v][m][n]`: the final score of variant v on environment m, seed n.
  public let scores: [[[RunScore]]]
  /// The rows: the composite best fixed η first (when it is the reference), then every variant.
  public let entries: [ComparisonEntry]
  /// The index in ``entries`` of the reference.
  public let referenceIndex: Int
  /// x_reference[m], the reference's mean final score per environment.
  public let referenceScores: [Double]
  /// Per entry, the seed indices n whose runs are all finite on every environment.
  public let validSeeds: [[Int]]
  /// Per entry, the normalised final scores (seeds × environments), or nil when every
  /// seed diverged somewhere.
  public let normalised: [ScoreMatrix?]
  /// Per entry, one interval per metric of ``ComparisonSettings/metrics``.
  public let aggregates: [[IntervalEstimate]?]
  /// Per entry, P(entry > reference) with its interval (nil for the reference itself).
  public let improvement: [IntervalEstimate?]
  /// Per entry, per environment m, P(entry > reference) on m alone with its interval
  /// (the bootstrap over m's seeds); nil for the reference itself.
  public let environmentImprovement: [[IntervalEstimate]?]
  /// The thresholds τ shared by every performance profile.
  public let thresholds: [Double]
  /// Per entry, its performance profile.
  public let profiles: [PerformanceProfile?]
  /// Per entry, its sample-efficiency curve.
  public let efficiency: [SampleEfficiencyCurve?]
  /// Every diverged run: variant, environment, seed and why.
  public let diverged: [(variant: String, env: String, seed: Int, reason: String)]
  /// Where a held-out reference (a variant whose runs record their tuning,
  /// ``HeldOutReference``) was chosen and where it is scored; nil otherwise.
  public let heldOut: HeldOutReference.Provenance?

  /// Scores, normalises and bootstraps `matched`.
  ///
  /// - Throws: ``CompareError/unknownVariant(_:available:)`` for a reference not in the
  ///   data, ``CompareError/noFixedEtaVariant(available:)`` for the default reference
  ///   without fixed-η variants, ``CompareError/degenerateReference(env:random:reference:)``
  ///   and ``CompareError/nothingToCompare(_:)`` when every reference run diverged.
  public init(_ matched: MatchedRuns, settings: ComparisonSettings) throws {
    self.matched = matched
    self.settings = settings
    let envs = matched.environments, seeds = matched.seeds
    let scores = matched.runs.map { $0.map { $0.map(settings.finalScore.score) } }
    self.scores = scores
    var diverged: [(String, String, Int, String)] = []
    for (v, variant) in matched.variants.enumerated() {
      for m in envs.indices {
        for n in seeds.indices {
          if case let .diverged(why) = scores[v][m][n] { diverged.append((variant.name, envs[m], seeds[n], why)) }
        }
      }
    }
    self.diverged = diverged

    // Entries and the reference.
    var entries = matched.variants.indices.map { ComparisonEntry(name: matched.variants[$0].name, sources: Array(repeating: $0, count: envs.count)) }
    let referenceIndex: Int
    switch settings.reference {
    case .bestFixedEta:
      let fixed = matched.variants.indices.filter { matched.variants[$0].isFixedEta }
      guard !fixed.isEmpty else { throw CompareError.noFixedEtaVariant(available: matched.variants.map(\.name)) }
      let sources = try envs.indices.map { m -> Int in
        var best: (v: Int, mean: Double)? = nil
        for v in fixed {
          let xs = scores[v][m].compactMap(\.value)
          guard !xs.isEmpty else { continue }
          let mean = Statistics.mean(xs)
          if best == nil || mean > best!.mean { best = (v, mean) }
        }
        guard let best else { throw CompareError.nothingToCompare("every fixed-η run on \(envs[m]) diverged") }
        return best.v
      }
      entries.insert(ComparisonEntry(name: Reference.bestFixedEtaName, sources: sources), at: 0)
      referenceIndex = 0
    case let .variant(name):
      guard let v = matched.variants.firstIndex(where: { $0.isNamed(name) }) else {
        throw CompareError.unknownVariant(name, available: matched.variants.map(\.name))
      }
      referenceIndex = v
    }
    self.entries = entries
    self.referenceIndex = referenceIndex
    heldOut = entries[referenceIndex].isComposite ? nil
      : try HeldOutReference.Provenance(runs: matched.runs[entries[referenceIndex].sources[0]], environments: envs)

    let validSeeds = entries.map { entry in
      seeds.indices.filter { n in envs.indices.allSatisfy { m in scores[entry.sources[m]][m][n].value != nil } }
    }
    self.validSeeds = validSeeds
    let reference = entries[referenceIndex]
    guard !validSeeds[referenceIndex].isEmpty else {
      throw CompareError.nothingToCompare("every seed of the reference \(reference.name) diverged on some environment")
    }
    let referenceScores = envs.indices.map { m in
      Statistics.mean(validSeeds[referenceIndex].map { scores[reference.sources[m]][m][$0].value! })
    }
    self.referenceScores = referenceScores

    // Normalised final scores.
    let normalised = try entries.indices.map { i -> ScoreMatrix? in
      guard !validSeeds[i].isEmpty else { return nil }
      let raw = try ScoreMatrix(tasks: envs.indices.map { m in validSeeds[i].map { scores[entries[i].sources[m]][m][$0].value! } })
      do { return try raw.normalised(random: matched.randomScores, reference: referenceScores) }
      catch let StatisticsError.degenerateBaseline(task, random, reference) {
        throw CompareError.degenerateReference(env: envs[task], random: random, reference: reference)
      }
    }
    self.normalised = normalised

    // Aggregates, probability of improvement, profiles.
    let bootstrap = settings.bootstrap
    aggregates = normalised.map { $0.map { bootstrap.intervals($0, metrics: settings.metrics) } }
    let referenceMatrix = normalised[referenceIndex]!
    improvement = try normalised.indices.map { i in
      guard i != referenceIndex, let x = normalised[i] else { return nil }
      return try bootstrap.probabilityOfImprovement(x, over: referenceMatrix)
    }
    let referenceTasks = try envs.indices.map { try ScoreMatrix(singleTask: Array(referenceMatrix.task($0))) }
    environmentImprovement = try normalised.indices.map { i in
      guard i != referenceIndex, let x = normalised[i] else { return nil }
      return try envs.indices.map { m in
        try bootstrap.probabilityOfImprovement(ScoreMatrix(singleTask: Array(x.task(m))), over: referenceTasks[m])
      }
    }
    let pooled = normalised.compactMap { $0?.allScores }.flatMap { $0 }
    let low = min(0, ((pooled.min() ?? 0) * 10).rounded(.down) / 10)
    let high = max(1, ((pooled.max() ?? 1) * 10).rounded(.up) / 10)
    let taus = PerformanceProfile.linearThresholds(from: low, through: high, count: settings.profileThresholds)
    thresholds = taus
    profiles = normalised.map { $0.map { PerformanceProfile($0, thresholds: taus, bootstrap: bootstrap) } }

    // Sample efficiency on the grid of the sparsest finished run.
    let grid = SampleEfficiencyCurve.grid(matched.runs.flatMap { $0.flatMap { $0 } }.filter { $0.diverged == nil })
    efficiency = entries.indices.map { i in
      guard !validSeeds[i].isEmpty else { return nil }
      let runs = envs.indices.map { m in validSeeds[i].map { matched.runs[entries[i].sources[m]][m][$0] } }
      return SampleEfficiencyCurve(runs: runs, random: matched.randomScores, reference: referenceScores, grid: grid, bootstrap: bootstrap)
    }
  }

  /// The reference entry.
  public var reference: ComparisonEntry { entries[referenceIndex] }

  /// The mean final score of entry i on environment m over its valid seeds (nil when none).
  public func meanScore(entry i: Int, env m: Int) -> Double? {
    guard !validSeeds[i].isEmpty else { return nil }
    return Statistics.mean(validSeeds[i].map { scores[entries[i].sources[m]][m][$0].value! })
  }
}
