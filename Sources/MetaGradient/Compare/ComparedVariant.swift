/// A variant of an experiment taking part in a comparison, e.g. `gamma0.99-lambda0.9`
/// of `baseline` or `meta-gamma` of `meta-gamma`.
public struct ComparedVariant: Sendable, Hashable {
  /// The experiment (its folder's name).
  public let experiment: String
  /// The variant's folder name within the experiment.
  public let variant: String
  /// The name in tables, legends and file names: `variant`, or `experiment/variant`
  /// when another experiment of the comparison has a variant of the same name.
  public let name: String
  /// Whether η = (γ, λ) was fixed (``RunRecord/isFixedEta``): a candidate for the
  /// default reference, the best fixed η.
  public let isFixedEta: Bool

  public init(experiment: String, variant: String, name: String, isFixedEta: Bool) {
    self.experiment = experiment
    self.variant = variant
    self.name = name
    self.isFixedEta = isFixedEta
  }

  /// The qualified name `experiment/variant`.
  public var qualifiedName: String { "\(experiment)/\(variant)" }

  /// Whether `text` names this variant, by ``name`` or ``qualifiedName``.
  public func isNamed(_ text: String) -> Bool { text == name || text == qualifiedName }

  /// Names the variants `(experiment, variant, isFixedEta)`: `variant` alone unless two
  /// experiments share it, then `experiment/variant` for those.
  public static func naming(_ variants: [(experiment: String, variant: String, isFixedEta: Bool)]) -> [ComparedVariant] {
    var count: [String: Int] = [:]
    for v in variants { count[v.variant, default: 0] += 1 }
    return variants.map { v in
      ComparedVariant(
        experiment: v.experiment, variant: v.variant,
        name: count[v.variant]! > 1 ? "\(v.experiment)/\(v.variant)" : v.variant, isFixedEta: v.isFixedEta)
    }
  }
}
