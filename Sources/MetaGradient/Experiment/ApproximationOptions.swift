import ArgumentParser

/// Options of the experiments that train with several approximations of dθ′/dη and
/// measure them (`approximation-order`, `approximation-payoff`, `approximation-frontier`): which are trained,
/// which are measured against the exact K_ref-step meta-gradient, and how often. Each
/// experiment supplies its own defaults for the two lists.
public struct ApproximationOptions: ParsableArguments {
  @Option(help: "Comma-separated approximations trained as variants: first-order, trace-<μ>, exact-<K>, hybrid-<k>-<μ>, fd-<K>, curvature-<k>, diagonal-<k>; the first one's runs carry the measurements (default: the experiment's, see above).")
  public var approximations: String?
  @Option(help: "Comma-separated approximations whose meta-gradients are measured; exact ones need a horizon K (default: the experiment's, see above; else the trained ones).")
  public var measured: String?
  @Option(help: "K_ref, the horizon of the exact reference trace (default: the largest measured K).")
  public var referenceHorizon: Int?
  @Option(help: "Measurements per run, spread evenly over it (at least K_ref updates apart).")
  public var measurements = 20

  public init() {}

  /// The trained approximations (`defaults` unless `--approximations` names others).
  public func trained(defaults: [TraceApproximation]) throws -> [TraceApproximation] {
    let trained = try approximations.map { try Self.parse($0, option: "--approximations") } ?? defaults
    guard !trained.isEmpty else { throw ValidationError("--approximations must name at least one approximation") }
    return trained
  }

  /// What the first trained variant's runs measure: `--measured`, else `measuredDefaults`,
  /// else the trained approximations.
  public func measurement(
    defaults: [TraceApproximation], measuredDefaults: [TraceApproximation]? = nil
  ) throws -> TracedControlRun.Measurement {
    let compared = try measured.map { try Self.parse($0, option: "--measured") } ?? measuredDefaults ?? trained(defaults: defaults)
    if let bad = compared.first(where: { $0 == .exact(horizon: nil) }) {
      throw ValidationError("--measured: '\(bad.name)' needs a horizon, e.g. exact-10")
    }
    if let referenceHorizon, referenceHorizon <= 0 {
      throw ValidationError("--reference-horizon must be a positive integer, got \(referenceHorizon)")
    }
    guard measurements > 0 else { throw ValidationError("--measurements must be a positive integer, got \(measurements)") }
    let horizons = compared.compactMap { a -> Int? in if case .exact(let k) = a { k } else { nil } }  // exact-K only: fd-K approximates one
    return TracedControlRun.Measurement(
      approximations: compared, referenceHorizon: referenceHorizon ?? horizons.max() ?? 10, count: measurements)
  }

  /// The approximations named in `text`, each checked.
  public static func parse(_ text: String, option: String) throws -> [TraceApproximation] {
    try text.split(separator: ",").map { name in
      guard let a = TraceApproximation(name: String(name)) else {
        throw ValidationError("\(option): unknown approximation '\(name)'; allowed: \(TraceApproximation.spellings)")
      }
      return a
    }
  }
}
