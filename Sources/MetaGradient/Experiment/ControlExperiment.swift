import Foundation

/// One variant of a control experiment: a name for files and legends, and the agent:
/// A2C with fixed η (`meta == nil`, η from the config) or the meta-gradient agent.
public struct ControlVariant: Sendable {
  /// The folder name, e.g. `gamma0.99-lambda0.9` or `meta-gamma`.
  public var name: String
  /// The meta-learning settings, or nil for fixed η.
  public var meta: MetaConfig?
  /// Fixed η (used when `meta` is nil; the meta agent starts from its own η₀).
  public var gamma: Double, lambda: Double
  /// More `key = value` lines for its files' headers (and the manifest), e.g. where a
  /// held-out reference's η was chosen (``HeldOutReference/Choice/header``).
  public var header: [(key: String, value: String)]

  public init(name: String, meta: MetaConfig? = nil, gamma: Double = 0.99, lambda: Double = 1,
              header: [(key: String, value: String)] = []) {
    self.name = name; self.meta = meta; self.gamma = gamma; self.lambda = lambda; self.header = header
  }
}

/// The plan every control experiment runs (a ``SweepExperiment``): one unit per
/// environment, variant and seed, which trains and writes
/// `<out>/<env>/<variant>/seedNN.dat`, and one per environment for the random policy,
/// `<out>/random/<env>.dat`; the finishing step writes per (environment, variant) the
/// seeds' mean and 95% CI in `aggregate.dat`, and last, `<out>/COMPLETE` with a summary.
///
/// Seed k of every experiment uses the stream `control/<env>` split by k, so seed k of
/// the baseline and of a meta-gradient variant share θ₀ and the environments' seeds
/// (paired comparisons).
public struct ControlExperiment: SweepExperiment {
  public var title: String
  public var environments: [EnvironmentID]
  public var variants: [ControlVariant]
  public var budget: ControlBudget
  public var options: ControlOptions
  public var common: ExperimentOptions
  /// Episodes of the random policy per environment (default: the budget's).
  public var randomEpisodes: Int
  /// Also write each environment's ``FixedEtaLandscape`` over the fixed-η variants,
  /// `<out>/<env>/landscape.dat`, in the finishing step.
  public var writesLandscape = false
  /// More variants on one environment only, after ``variants`` (e.g. the best fixed η
  /// chosen for it on tuning seeds, ``HeldOutReference``).
  public var environmentVariants: [EnvironmentID: [ControlVariant]] = [:]
  /// The first seed index: the run's seeds are `firstSeed ..< firstSeed + seeds` (default
  /// 0; evaluation seeds disjoint from another experiment's tuning seeds start past them).
  public var firstSeed = 0
  /// Seeds per round of the plan (``SweepUnit/round``): with 5, an executor runs seeds
  /// 0–4 of every variant and environment before seeds 5–9 (nil: one round).
  public var seedsPerRound: Int?

  public init(title: String, environments: [EnvironmentID], variants: [ControlVariant], options: ControlOptions, common: ExperimentOptions) {
    self.title = title
    self.environments = environments
    self.variants = variants
    self.budget = ControlBudget(profile: common.profile)
    self.randomEpisodes = budget.randomEpisodes
    self.options = options
    self.common = common
  }

  /// Everything that determines the run's data.
  public var manifest: RunManifest {
    var entries: [(key: String, value: String)] = [("experiment", title), ("profile", common.profile.rawValue), ("base_seed", "\(common.seed)")]
    entries += options.environmentOptions.description
    for id in environments {
      entries += [("\(id.rawValue).steps", "\(steps(id))"), ("\(id.rawValue).seeds", "\(seeds(id))")]
      entries += options.config(for: id).description.map { ("\(id.rawValue).\($0.key)", $0.value) }
    }
    func describe(_ v: ControlVariant, on id: EnvironmentID? = nil) -> [(key: String, value: String)] {
      let prefix = id.map { "\($0.rawValue)." } ?? ""
      return [("\(prefix)variant", v.name)]
        + (v.meta.map { $0.description.map { ("\(prefix)\(v.name).\($0.key)", $0.value) } }
           ?? [("\(prefix)\(v.name).gamma", "\(v.gamma)"), ("\(prefix)\(v.name).lambda", "\(v.lambda)")])
        + v.header.map { ("\(prefix)\(v.name).\($0.key)", $0.value) }
    }
    for v in variants { entries += describe(v) }
    for id in environments { for v in environmentVariants[id] ?? [] { entries += describe(v, on: id) } }
    if firstSeed != 0 { entries += [("first_seed", "\(firstSeed)")] }
    return RunManifest(entries + [("random_episodes", "\(randomEpisodes)")])
  }

  /// What determines the random policy's files alone (`baseline --policy random`).
  public var randomPolicyManifest: RunManifest {
    RunManifest([("experiment", "random-policy"), ("base_seed", "\(common.seed)")] + options.environmentOptions.description
                + [("environments", environments.map(\.rawValue).joined(separator: ",")), ("random_episodes", "\(randomEpisodes)")])
  }

  func steps(_ id: EnvironmentID) -> Int { options.steps ?? budget.steps(for: id) }
  func seeds(_ id: EnvironmentID) -> Int { common.seeds ?? budget.seeds(for: id) }
  /// The seed indices run on `id`.
  public func seedIndices(_ id: EnvironmentID) -> Range<Int> { firstSeed..<(firstSeed + seeds(id)) }
  /// The variants run on `id`: ``variants``, then its ``environmentVariants``.
  public func variants(on id: EnvironmentID) -> [ControlVariant] { variants + (environmentVariants[id] ?? []) }

  /// One unit of the plan.
  enum Work {
    case random(EnvironmentID)
    case seed(EnvironmentID, ControlVariant, Int)
  }

  /// The plan, by unit name: per environment the random policy
  /// (`random/<env>`), then every variant's seeds (`<env>/<variant>/seedNN`).
  var plan: [(unit: SweepUnit, work: Work)] {
    environments.flatMap { id -> [(unit: SweepUnit, work: Work)] in
      let random = (SweepUnit(name: "random/\(id.rawValue)", work: randomEpisodes, cost: Double(randomEpisodes) * id.relativeCost),
                    Work.random(id))
      return [random] + variants(on: id).flatMap { variant in
        seedIndices(id).map { seed in
          (SweepUnit(name: "\(id.rawValue)/\(variant.name)/\(SweepUnit.seedName(seed))", work: steps(id),
                     cost: Double(steps(id)) * id.relativeCost * (variant.meta == nil ? 1 : MetaConfig.relativeCost),
                     round: seedsPerRound.map { (seed - firstSeed) / $0 } ?? 0),
           Work.seed(id, variant, seed))
        }
      }
    }
  }

  public var units: [SweepUnit] { plan.map(\.unit) }

  /// The A2C config of `variant` on `id`.
  func config(_ id: EnvironmentID, _ variant: ControlVariant) -> A2CConfig {
    var config = options.config(for: id)
    config.gamma = variant.gamma
    config.lambda = variant.lambda
    return config
  }

  /// The header lines shared by a variant's seed files and aggregate.
  func header(_ id: EnvironmentID, _ variant: ControlVariant) -> [(key: String, value: String)] {
    let config = config(id, variant)
    let totalSteps = TrainingSchedule(budget: steps(id), stepsPerRollout: config.steps * config.envs).totalSteps
    var header = [("env", id.rawValue), ("variant", variant.name)] + config.description
    if let meta = variant.meta { header += meta.description }
    return header + variant.header + options.environmentOptions.description + [("total_env_steps", "\(totalSteps)")]
  }

  /// A seed's learning curve (nil for the random policy's unit, whose file is all it leaves).
  public func run(_ unit: SweepUnit, out: URL, checkpoint: RunCheckpoint.Unit,
                  progress: @escaping (UnitProgress) -> Void) throws -> LearningCurve? {
    switch plan.first(where: { $0.unit == unit })!.work {
    case .random(let id):
      try measureRandomPolicy(id, out: out, episodes: randomEpisodes)
      progress(UnitProgress(done: randomEpisodes))
      return nil
    case .seed(let id, let variant, let seed):
      let curve = try ControlRun(config: config(id, variant), meta: variant.meta, budget: steps(id),
                                 rng: common.stream("control/\(id.rawValue)", seed: seed), checkpoint: checkpoint) { steps, latest in
        progress(UnitProgress(steps: steps, latest: latest))
      }.run(on: id, options: options.environmentOptions)
      let diverged = curve.diverged.map { [("diverged", "\($0)")] } ?? []
      var file = DataFile(title: "\(title) \(id.rawValue) \(variant.name) seed \(seed)",
                          config: header(id, variant) + [("seed", "\(seed)"), ("base_seed", "\(common.seed)")] + diverged,
                          columns: LearningCurve.columns)
      for row in curve.rows { file.append(row) }
      try file.write(to: out.appendingPathComponent(unit.name + ".dat"))
      // A diverged run stops (exit 1) with its data so far written and marked; the
      // unit is not recorded, so the folder gets no COMPLETE and `compare` leaves it out.
      if let error = curve.diverged { throw error }
      return curve
    }
  }

  /// Per (environment, variant) the seeds' mean and 95% CI in `aggregate.dat`, and the summary.
  public func finish(_ results: [String: LearningCurve?], out: URL) throws -> String {
    var summary = ""
    for id in environments {
      var landscape = FixedEtaLandscape(cells: [])
      for variant in variants(on: id) {
        var aggregate = SeedAggregate(x: "env_steps", columns: Array(LearningCurve.columns.dropFirst()))
        let curves = seedIndices(id).compactMap { seed in results["\(id.rawValue)/\(variant.name)/\(SweepUnit.seedName(seed))"] ?? nil }
        for curve in curves { aggregate.add(curve.rows) }
        let finals = curves.map { $0.finalReturn() }
        try aggregate.dataFile(title: "\(title) \(id.rawValue) \(variant.name): mean and 95% CI over seeds",
                               config: header(id, variant) + [("base_seed", "\(common.seed)")])
          .write(to: out.appendingPathComponent("\(id.rawValue)/\(variant.name)/aggregate.dat"))
        let m = Statistics.meanInterval(finals)
        summary += "\(id.rawValue) \(variant.name): final return (last 10% of rows) \(DataFile.format(m.mean)) [\(DataFile.format(m.low)), \(DataFile.format(m.high))] over \(finals.count) seeds\n"
        if variant.meta == nil { landscape.cells.append(.init(gamma: variant.gamma, lambda: variant.lambda, finals: finals)) }
      }
      if writesLandscape, let best = landscape.best {
        try landscape.dataFile(title: "\(title) \(id.rawValue): final return of fixed η over the grid γ × λ",
                               config: [("env", id.rawValue)] + options.environmentOptions.description + [("base_seed", "\(common.seed)")])
          .write(to: out.appendingPathComponent("\(id.rawValue)/landscape.dat"))
        summary += "\(id.rawValue): best fixed η: γ = \(DataFile.format(best.gamma)), λ = \(DataFile.format(best.lambda)) (final return \(DataFile.format(Statistics.mean(best.finals))))\n"
      }
    }
    return summary
  }

  /// Plays the uniformly random policy and writes `<out>/random/<env>.dat`; returns
  /// the mean return and length with their 95% intervals.
  @discardableResult
  public func measureRandomPolicy(_ id: EnvironmentID, out: URL, episodes count: Int)
    throws -> (return: (mean: Double, low: Double, high: Double), length: (mean: Double, low: Double, high: Double))
  {
    let result = try RandomPolicyEvaluation(episodes: count, rng: common.stream("random/\(id.rawValue)", seed: 0))
      .run(on: id, options: options.environmentOptions)
    let (r, l) = (result.meanReturn, result.meanLength)
    var file = DataFile(title: "uniformly random policy on \(id.rawValue), mean and 95% CI over episodes",
                        config: [("env", id.rawValue), ("policy", "random"), ("episodes", "\(count)"), ("base_seed", "\(common.seed)")]
                          + options.environmentOptions.description,
                        columns: ["episodes", "return_mean", "return_lo", "return_hi", "length_mean", "length_lo", "length_hi"])
    file.append([Double(count), r.mean, r.low, r.high, l.mean, l.low, l.high])
    try file.write(to: out.appendingPathComponent("random/\(id.rawValue).dat"))
    return (r, l)
  }
}
