import Foundation

/// The ablation of the approximation of dθ′/dη in the meta-gradient (the closing
/// question of the notes: what does the paper's first-order dθ′/dη ≈ ∂f/∂η cost in
/// accuracy and in return, and do cheap better approximations exist?).
///
/// For each environment:
/// 1. **Returns.** One ``MetaGradientAgent`` per trained approximation, kept as an
///    explicit trace (``MetaTraceStrategy/explicit(_:)``, first order included; a
///    variant named by ``TraceApproximation/name``) and seed, written as
///    ``ControlExperiment`` writes its runs, so `compare` reads them:
///    `<out>/<env>/<variant>/seedNN.dat`, `aggregate.dat`, `<out>/random/<env>.dat`.
///    Seed k uses the stream `control/<env>` split by k, as every control experiment.
/// 2. **Accuracy and cost.** The first trained variant's runs (the host, by default
///    first order) carry a ``TraceAccuracyProbe``: at ``measurements`` points every
///    measured approximation's meta-gradient is compared with the exact
///    K_ref-step one on the same θ and data, and each trace's wall-clock cost per
///    update is timed. Files (next to the variant folders, where `compare` does not look):
///    - `<out>/<env>/accuracy-seedNN.dat`: per measurement `env_steps update ref_gamma
///      ref_lambda`, then per approximation a `cos_<a> relerr_<a> zcos_<a>` (meta-gradient
///      cosine and relative error, the traces' own cosine) — deterministic, like every
///      data file;
///    - `<out>/<env>/timing-seedNN.dat`: per measurement `env_steps update`, then
///      `seconds_<a>` per approximation (mean wall-clock seconds per update of its
///      trace over the window) and `seconds_a2c` (the host's plain A2C update) —
///      wall-clock, so not reproducible byte for byte;
///    - `<out>/<env>/accuracy.dat`: the accuracy files' mean and 95% CI over seeds;
///    - `<out>/<env>/cost.dat`: one row per approximation (in the header's
///      `approximations` order): its cost per update — the inner A2C update plus a's
///      trace, seconds_a2c + seconds_a — relative to an update with the first-order
///      trace (`cost_ratio`) and to the plain A2C update alone (`a2c_ratio`), its mean cosine, its median relative error, its mean trace
///      cosine and its median cosine — each a per-seed summary over the run's
///      measurements, then mean and 95% CI over seeds (wall-clock columns included).
/// 3. `<out>/COMPLETE` with the summary, last.
///
/// A ``SweepExperiment``: one unit per (environment, approximation, seed) and one for
/// each environment's random policy; the finishing step writes the aggregates,
/// `accuracy.dat` and `cost.dat`.
public struct ApproximationOrderExperiment: SweepExperiment {
  public var title = "approximation-order"
  public var environments: [EnvironmentID]
  /// The approximations trained as variants; the first hosts the measurements.
  public var variants: [TraceApproximation]
  /// What the host's runs measure.
  public var measurement: TracedControlRun.Measurement
  public var meta: MetaConfig
  public var options: ControlOptions
  public var common: ExperimentOptions
  public var budget: ControlBudget

  public init(
    environments: [EnvironmentID], variants: [TraceApproximation], measurement: TracedControlRun.Measurement,
    meta: MetaConfig, options: ControlOptions, common: ExperimentOptions
  ) {
    precondition(!variants.isEmpty, "at least one variant")
    self.environments = environments
    self.variants = variants
    self.measurement = measurement
    self.meta = meta
    self.options = options
    self.common = common
    budget = ControlBudget(profile: common.profile)
    (budget.classicSeeds, budget.minAtarSeeds) = (Self.defaultSeeds(common.profile), Self.defaultSeeds(common.profile))
  }

  /// The profile's environments: CartPole and Catch (Breakout on request).
  ///
  /// Measured (release, the shared 2-core machine under load, one process; seconds per
  /// seed per 100k steps): CartPole ≈ 0.45 (first order, traces) – 0.85 (exact) and 0.7
  /// for the measuring host; Catch ≈ 0.5 – 1 and 0.8; Breakout ≈ 12 – 21 and 26. With
  /// 7 variants and 3 seeds the full profile is then ≈ 3 minutes for CartPole (1M) and
  /// Catch (200k) together and ≈ 1 hour for Breakout (1M). The committed full profile
  /// covers CartPole and Catch; `--env cartpole,catch,breakout` adds the conv net, where
  /// the traces disagree most, for that extra hour.
  public static func defaultEnvironments(_ profile: Profile) -> [EnvironmentID] {
    [.cartpole, .catch]
  }
  /// First order, accumulating traces with μ ∈ {0.5, 0.9, 1}, exact traces with
  /// K ∈ {1, 3, 10}: the ablation's approximations (trained and measured).
  public static let defaultApproximations: [TraceApproximation] = [
    .firstOrder, .accumulating(mu: 0.5), .accumulating(mu: 0.9), .accumulating(mu: 1), .exact(horizon: 1),
    .exact(horizon: 3), .exact(horizon: 10),
  ]
  /// Seeds per (environment, variant) unless ``budget`` says otherwise: 3 (full), 2 (quick).
  public static func defaultSeeds(_ profile: Profile) -> Int { profile == .full ? 3 : 2 }

  func steps(_ id: EnvironmentID) -> Int { options.steps ?? budget.steps(for: id) }
  func seeds(_ id: EnvironmentID) -> Int { common.seeds ?? budget.seeds(for: id) }

  /// The random-policy part (``ControlExperiment/measureRandomPolicy(_:out:episodes:)``)
  /// and the manifest's per-environment entries (budget, seeds, A2C config).
  var randomPolicy: ControlExperiment {
    var random = ControlExperiment(title: title, environments: environments, variants: [], options: options, common: common)
    random.budget = budget
    return random
  }

  /// Everything that determines the run's data.
  public var manifest: RunManifest {
    var manifest = randomPolicy.manifest
    manifest.lines += RunManifest(
      [("variants", variants.map(\.name).joined(separator: ",")),
       ("measured", measurement.approximations.map(\.name).joined(separator: ",")),
       ("reference_horizon", "\(measurement.referenceHorizon)"), ("measurements", "\(measurement.count)")]
      + meta.description
    ).lines
    return manifest
  }

  /// One seed's run and its wall-clock seconds (for the summary), as the checkpoint keeps it.
  public struct SeedRun: Codable {
    var result: TracedControlRun.Result
    var seconds: Double
  }

  /// The A2C config on `id` (η₀ from the meta config) and the header its files share.
  func setting(_ id: EnvironmentID) -> (config: A2CConfig, header: [(key: String, value: String)]) {
    var config = options.config(for: id)
    (config.gamma, config.lambda) = (meta.initialGamma, meta.initialLambda)
    let totalSteps = TrainingSchedule(budget: steps(id), stepsPerRollout: config.steps * config.envs).totalSteps
    return (config, [("env", id.rawValue)] + config.description + meta.description + options.environmentOptions.description
      + [("total_env_steps", "\(totalSteps)")])
  }

  /// The plan: per environment the random policy (`random/<env>`), then every
  /// approximation's seeds (`<env>/<approximation>/seedNN`).
  var plan: [(unit: SweepUnit, env: EnvironmentID, variant: Int?, seed: Int)] {
    let random = randomPolicy
    return environments.flatMap { id in
      let randomUnit = random.units.first { $0.name == "random/\(id.rawValue)" }!
      return [(randomUnit, id, Int?.none, 0)] + variants.indices.flatMap { v in
        (0..<seeds(id)).map { seed in
          let cost = Double(steps(id)) * id.relativeCost * MetaConfig.relativeCost * variants[v].relativeCost * (v == 0 ? 1.5 : 1)
          return (SweepUnit(name: "\(id.rawValue)/\(variants[v].name)/\(SweepUnit.seedName(seed))", work: steps(id), cost: cost),
                  id, v, seed)
        }
      }
    }
  }

  public var units: [SweepUnit] { plan.map(\.unit) }

  /// The random policy's unit gives nil; a seed its run and wall-clock seconds.
  public func run(_ unit: SweepUnit, out: URL, checkpoint: RunCheckpoint.Unit,
                  progress: @escaping (UnitProgress) -> Void) throws -> SeedRun? {
    let item = plan.first { $0.unit == unit }!
    let id = item.env
    guard let v = item.variant else {
      try randomPolicy.measureRandomPolicy(id, out: out, episodes: randomPolicy.randomEpisodes)
      progress(UnitProgress(done: unit.work))
      return nil
    }
    let (approximation, seed) = (variants[v], item.seed)
    let (config, envHeader) = setting(id)
    let started = DispatchTime.now()
    let result = try TracedControlRun(
      config: config, meta: meta, approximation: approximation, budget: steps(id),
      rng: common.stream("control/\(id.rawValue)", seed: seed), measurement: v == 0 ? measurement : nil, checkpoint: checkpoint
    ) { steps, latest in
      progress(UnitProgress(steps: steps, latest: latest))
    }.run(on: id, options: options.environmentOptions)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) * 1e-9
    let diverged = result.curve.diverged.map { [("diverged", "\($0)")] } ?? []
    let header = envHeader + [("variant", approximation.name), ("approximation", approximation.name)]
    var file = DataFile(title: "\(title) \(id.rawValue) \(approximation.name) seed \(seed)",
                        config: header + [("seed", "\(seed)"), ("base_seed", "\(common.seed)")] + diverged,
                        columns: LearningCurve.columns)
    for row in result.curve.rows { file.append(row) }
    try file.write(to: out.appendingPathComponent(unit.name + ".dat"))
    // As in ``ControlExperiment``: a diverged run stops with its data so far.
    if let error = result.curve.diverged { throw error }
    if v == 0 {
      let seedHeader = measurementHeader(envHeader, host: approximation) + [("seed", "\(seed)"), ("base_seed", "\(common.seed)")]
      try dataFile(accuracyColumns, accuracyRows(result.measurements),
                   title: "\(title) \(id.rawValue) accuracy on \(approximation.name)'s run, seed \(seed)", config: seedHeader)
        .write(to: out.appendingPathComponent("\(id.rawValue)/accuracy-\(Self.seedFile(seed))"))
      try dataFile(timingColumns, timingRows(result.measurements),
                   title: "\(title) \(id.rawValue) wall-clock seconds per update on \(approximation.name)'s run, seed \(seed)",
                   config: seedHeader)
        .write(to: out.appendingPathComponent("\(id.rawValue)/timing-\(Self.seedFile(seed))"))
    }
    return SeedRun(result: result, seconds: seconds)
  }

  /// Per (environment, approximation) the aggregate; per environment the accuracy's
  /// mean over seeds and the cost table; the summary.
  public func finish(_ results: [String: SeedRun?], out: URL) throws -> String {
    var summary = ""
    for id in environments {
      let envHeader = setting(id).header
      var accuracy: [[TraceAccuracyProbe.Measurement]] = []
      for (v, approximation) in variants.enumerated() {
        let header = envHeader + [("variant", approximation.name), ("approximation", approximation.name)]
        var aggregate = SeedAggregate(x: "env_steps", columns: Array(LearningCurve.columns.dropFirst()))
        var finals: [Double] = []
        var seconds = 0.0
        for seed in 0..<seeds(id) {
          guard let run = results["\(id.rawValue)/\(approximation.name)/\(SweepUnit.seedName(seed))"] ?? nil else { continue }
          seconds += run.seconds / Double(seeds(id))
          aggregate.add(run.result.curve.rows)
          finals.append(run.result.curve.finalReturn())
          if v == 0 { accuracy.append(run.result.measurements) }
        }
        try aggregate.dataFile(title: "\(title) \(id.rawValue) \(approximation.name): mean and 95% CI over seeds",
                               config: header + [("base_seed", "\(common.seed)")])
          .write(to: out.appendingPathComponent("\(id.rawValue)/\(approximation.name)/aggregate.dat"))
        let m = Statistics.meanInterval(finals)
        summary += "\(id.rawValue) \(approximation.name): final return (last 10% of rows) \(DataFile.format(m.mean)) [\(DataFile.format(m.low)), \(DataFile.format(m.high))] over \(finals.count) seeds"
          + " (\(String(format: "%.1f", seconds)) s per seed\(v == 0 ? " with the measurements" : ""))\n"
      }
      let host = variants[0]
      var perSeed = SeedAggregate(x: "env_steps", columns: Array(accuracyColumns.dropFirst()))
      for measurements in accuracy { perSeed.add(accuracyRows(measurements)) }
      try perSeed.dataFile(title: "\(title) \(id.rawValue) accuracy on \(host.name)'s runs: mean and 95% CI over seeds",
                           config: measurementHeader(envHeader, host: host) + [("base_seed", "\(common.seed)")])
        .write(to: out.appendingPathComponent("\(id.rawValue)/accuracy.dat"))
      let cost = costFile(accuracy, title: "\(title) \(id.rawValue): cost per update and accuracy per approximation, mean and 95% CI over seeds",
                          config: measurementHeader(envHeader, host: host) + [("seeds", "\(accuracy.count)"), ("base_seed", "\(common.seed)")])
      try cost.file.write(to: out.appendingPathComponent("\(id.rawValue)/cost.dat"))
      summary += cost.summary.map { "\(id.rawValue) \($0)\n" }.joined()
    }
    return summary
  }

  static func seedFile(_ seed: Int) -> String { "seed\(String(format: "%02d", seed)).dat" }

  func measurementHeader(_ envHeader: [(key: String, value: String)], host: TraceApproximation) -> [(key: String, value: String)] {
    envHeader + [
      ("host", host.name), ("approximations", measurement.approximations.map(\.name).joined(separator: " ")),
      ("reference", "exact-\(measurement.referenceHorizon)"), ("measurements", "\(measurement.count)"),
    ]
  }

  /// `env_steps update ref_gamma ref_lambda`, then `cos_<a> relerr_<a> zcos_<a>` per a.
  public var accuracyColumns: [String] {
    ["env_steps", "update", "ref_gamma", "ref_lambda"]
      + measurement.approximations.flatMap { ["cos_\($0.name)", "relerr_\($0.name)", "zcos_\($0.name)"] }
  }

  /// `env_steps update`, then `seconds_<a>` per a, then `seconds_a2c`.
  public var timingColumns: [String] {
    ["env_steps", "update"] + measurement.approximations.map { "seconds_\($0.name)" } + ["seconds_a2c"]
  }

  func accuracyRows(_ measurements: [TraceAccuracyProbe.Measurement]) -> [[Double]] {
    measurements.map { m in
      [Double(m.envSteps), Double(m.update)] + m.reference
        + m.approximations(count: measurement.approximations.count).flatMap { [m.cosine[$0], m.relativeError[$0], m.traceCosine[$0]] }
    }
  }

  func timingRows(_ measurements: [TraceAccuracyProbe.Measurement]) -> [[Double]] {
    measurements.map { m in [Double(m.envSteps), Double(m.update)] + m.seconds + [m.innerUpdateSeconds] }
  }

  func dataFile(_ columns: [String], _ rows: [[Double]], title: String, config: [(key: String, value: String)]) -> DataFile {
    var file = DataFile(title: title, config: config, columns: columns)
    for row in rows { file.append(row) }
    return file
  }

  /// One row per approximation from every seed's measurements (see the type's docs).
  func costFile(_ seeds: [[TraceAccuracyProbe.Measurement]], title: String, config: [(key: String, value: String)])
    -> (file: DataFile, summary: [String])
  {
    let names = measurement.approximations.map(\.name)
    let base = measurement.approximations.firstIndex(of: .firstOrder)
    var file = DataFile(title: title, config: config, columns: [
      "index", "cost_ratio_mean", "cost_ratio_lo", "cost_ratio_hi", "a2c_ratio_mean", "a2c_ratio_lo", "a2c_ratio_hi",
      "cosine_mean", "cosine_lo", "cosine_hi", "relerr_median_mean", "relerr_median_lo", "relerr_median_hi",
      "zcos_mean", "zcos_lo", "zcos_hi", "cosine_median_mean", "cosine_median_lo", "cosine_median_hi",
    ])
    var summary: [String] = []
    for (i, name) in names.enumerated() {
      func perSeed(_ value: (TraceAccuracyProbe.Measurement) -> Double, median: Bool = false) -> (mean: Double, low: Double, high: Double) {
        let values = seeds.map { run -> Double in
          let xs = run.map(value).filter(\.isFinite)
          guard !xs.isEmpty else { return .nan }
          return median ? xs.sorted()[xs.count / 2] : Statistics.mean(xs)
        }
        return Statistics.meanInterval(values)
      }
      // An update's cost with a's trace: the inner update plus the trace.
      func withTrace(_ m: TraceAccuracyProbe.Measurement, _ a: Int) -> Double { m.innerUpdateSeconds + m.seconds[a] }
      let ratio = perSeed { m in base.map { withTrace(m, i) / withTrace(m, $0) } ?? .nan }
      let a2c = perSeed { withTrace($0, i) / $0.innerUpdateSeconds }
      let cosine = perSeed { $0.cosine[i] }
      let error = perSeed({ $0.relativeError[i] }, median: true)
      let zcos = perSeed { $0.traceCosine[i] }
      let medianCosine = perSeed({ $0.cosine[i] }, median: true)
      file.append([Double(i), ratio.mean, ratio.low, ratio.high, a2c.mean, a2c.low, a2c.high,
                   cosine.mean, cosine.low, cosine.high, error.mean, error.low, error.high, zcos.mean, zcos.low, zcos.high,
                   medianCosine.mean, medianCosine.low, medianCosine.high])
      let f = DataFile.format
      summary.append("\(name): cosine to exact-\(measurement.referenceHorizon) \(f(cosine.mean)) [\(f(cosine.low)), \(f(cosine.high))] (median \(f(medianCosine.mean))), "
                     + "median relative error \(f(error.mean)), trace cosine \(f(zcos.mean)), cost per update with the trace ×\(f(ratio.mean)) first order's, ×\(f(a2c.mean)) a plain A2C update")
    }
    return (file, summary)
  }
}

extension TraceAccuracyProbe.Measurement {
  /// The indices 0..<count (checked against the measurement's size).
  fileprivate func approximations(count: Int) -> Range<Int> {
    precondition(cosine.count == count, "measurement has \(cosine.count) approximations, expected \(count)")
    return 0..<count
  }
}
