import ArgumentParser

/// A grid of fixed meta-parameters η = (γ, λ), `--gammas` × `--lambdas`: one A2C
/// variant per cell, named `gamma<γ>-lambda<λ>` (e.g. `gamma0.99-lambda0.9`).
public struct FixedEtaGridOptions: ParsableArguments {
  @Option(help: "Comma-separated discounts γ in [0, 1] (default: the experiment's grid, above).")
  public var gammas: String?
  @Option(help: "Comma-separated bootstrapping parameters λ in [0, 1] (default: the experiment's grid, above).")
  public var lambdas: String?

  public init() {}

  /// The cells, γ-major, with the experiment's default axes where an option is absent.
  public func variants(gammas defaultGammas: [Double], lambdas defaultLambdas: [Double]) throws -> [ControlVariant] {
    let gs = try parseUnitInterval(gammas, default: defaultGammas, option: "--gammas")
    let ls = try parseUnitInterval(lambdas, default: defaultLambdas, option: "--lambdas")
    return gs.flatMap { g in ls.map { ControlVariant(name: Self.name(gamma: g, lambda: $0), gamma: g, lambda: $0) } }
  }

  /// A grid for help texts: `γ ∈ {0.99, 0.995} × λ ∈ {0.9, 1}`.
  public static func describe(gammas: [Double], lambdas: [Double]) -> String {
    "γ ∈ {\(gammas.map(DataFile.format).joined(separator: ", "))} × λ ∈ {\(lambdas.map(DataFile.format).joined(separator: ", "))}"
  }

  /// A cell's variant name.
  public static func name(gamma: Double, lambda: Double) -> String {
    "gamma\(DataFile.format(gamma))-lambda\(DataFile.format(lambda))"
  }
}
