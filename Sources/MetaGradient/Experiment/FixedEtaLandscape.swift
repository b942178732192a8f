import Foundation

/// The fixed-η landscape of one environment: the final return of A2C at every cell of
/// a grid γ × λ, as one table `<out>/<env>/landscape.dat` for a heatmap.
///
/// Rows are γ-major with a blank line after each γ (gnuplot's grid blocks); columns
///
///     gamma_index lambda_index gamma lambda final_mean final_lo final_hi seeds
///
/// where the final return of a seed is the mean episode return over the last 10% of
/// its curve's rows (``LearningCurve/finalReturn()``), `final_mean` its mean over the
/// seeds and `final_lo`/`final_hi` the Student-t 95% interval. The indices place the
/// cells evenly (the axes are not evenly spaced). The header names the best cell
/// (`best_gamma`, `best_lambda`, `best_final_mean`).
public struct FixedEtaLandscape {
  public struct Cell: Sendable {
    public var gamma: Double, lambda: Double
    public var finals: [Double]
  }

  public var cells: [Cell]
  public init(cells: [Cell]) { self.cells = cells }

  public var gammas: [Double] { Array(Set(cells.map(\.gamma))).sorted() }
  public var lambdas: [Double] { Array(Set(cells.map(\.lambda))).sorted() }

  /// The cell with the highest mean final return (nil when no cell has a seed).
  public var best: Cell? {
    cells.filter { !$0.finals.isEmpty }.max { Statistics.mean($0.finals) < Statistics.mean($1.finals) }
  }

  public func dataFile(title: String, config: [(key: String, value: String)]) -> DataFile {
    var header = config
    if let best {
      header += [("best_gamma", DataFile.format(best.gamma)), ("best_lambda", DataFile.format(best.lambda)),
                 ("best_final_mean", DataFile.format(Statistics.mean(best.finals)))]
    }
    var file = DataFile(title: title, config: header, columns: [
      "gamma_index", "lambda_index", "gamma", "lambda", "final_mean", "final_lo", "final_hi", "seeds",
    ])
    let (gs, ls) = (gammas, lambdas)
    for (i, g) in gs.enumerated() {
      for (j, l) in ls.enumerated() {
        guard let cell = cells.first(where: { $0.gamma == g && $0.lambda == l }), !cell.finals.isEmpty else { continue }
        let m = Statistics.meanInterval(cell.finals)
        file.append([Double(i), Double(j), g, l, m.mean, m.low, m.high, Double(cell.finals.count)])
      }
      if i < gs.count - 1 { file.appendBlankLine() }
    }
    return file
  }
}
