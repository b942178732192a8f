import Foundation

/// Where the meta-learned η of each variant ends, and the return it ends with, on one
/// environment: one table `<out>/<env>/final-eta.dat`, one row per meta-gradient
/// variant in the experiment's order (the header's `variants` names them), for figures
/// of the outcome against a setting of the meta-update such as β.
///
/// Columns
///
///     variant_index meta_learning_rate initial_gamma initial_lambda final_mean final_lo final_hi
///     gamma_mean gamma_lo gamma_hi lambda_mean lambda_lo lambda_hi seeds
///
/// where a seed's final return is the mean episode return over the last 10% of its
/// curve's rows (``LearningCurve/finalReturn()``), its final γ and λ those of its last
/// row, and each `_mean`/`_lo`/`_hi` the mean over seeds with its Student-t 95% interval.
public struct FinalEtaTable {
  public struct Row: Sendable {
    public var name: String
    public var meta: MetaConfig
    /// Per seed: final return, final γ, final λ.
    public var finals: [(ret: Double, gamma: Double, lambda: Double)]
  }

  public var rows: [Row] = []
  public init() {}

  /// Adds `variant`'s seeds' curves (a variant without a meta config is not a row).
  public mutating func add(_ variant: ControlVariant, curves: [LearningCurve]) {
    guard let meta = variant.meta else { return }
    let (gamma, lambda) = (LearningCurve.columns.firstIndex(of: "gamma")!, LearningCurve.columns.firstIndex(of: "lambda")!)
    rows.append(Row(name: variant.name, meta: meta, finals: curves.compactMap { curve in
      curve.rows.last.map { (curve.finalReturn(), $0[gamma], $0[lambda]) }
    }))
  }

  public func dataFile(title: String, config: [(key: String, value: String)]) -> DataFile {
    var file = DataFile(title: title, config: config + [("variants", rows.map(\.name).joined(separator: " "))], columns: [
      "variant_index", "meta_learning_rate", "initial_gamma", "initial_lambda", "final_mean", "final_lo", "final_hi",
      "gamma_mean", "gamma_lo", "gamma_hi", "lambda_mean", "lambda_lo", "lambda_hi", "seeds",
    ])
    for (i, row) in rows.enumerated() {
      let intervals = [row.finals.map(\.ret), row.finals.map(\.gamma), row.finals.map(\.lambda)].flatMap { values in
        let m = Statistics.meanInterval(values)
        return [m.mean, m.low, m.high]
      }
      file.append([Double(i), row.meta.metaLearningRate, row.meta.initialGamma, row.meta.initialLambda] + intervals
                  + [Double(row.finals.count)])
    }
    return file
  }
}
