import Foundation
import Testing

/// `eta-paths` end to end on a tiny budget: one variant per (η₀, β), whose curves'
/// γ and λ columns are the paths of η, starting at η₀.
@Suite struct EtaPathsSmokeTests {
  @Test func eachStartAndRateGivesAPathFromItsStart() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try ExperimentRunner.run("eta-paths", ["--env", "catch", "--steps", "3200", "--seeds", "2", "--starts", "0.9:0.5,0.99:0.9",
                                                   "--betas", "0.001,0.1", "--quiet", "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    var moved: [String: Double] = [:]
    for (g, l) in [(0.9, 0.5), (0.99, 0.9)] {
      for beta in ["0.001", "0.1"] {
        let variant = "from-gamma\(g)-lambda\(l)-beta\(beta)"
        let file = try ParsedDataFile(contentsOf: out.appendingPathComponent("catch/\(variant)/seed00.dat"))
        #expect(file.header.contains("# initial_gamma = \(g)") && file.header.contains("# meta_learning_rate = \(beta)"), "\(file.header)")
        let gammas = file.column("gamma"), lambdas = file.column("lambda")
        // The first logged η is one meta-step or so from η₀.
        #expect(abs(gammas[0] - g) < 0.05 && abs(lambdas[0] - l) < 0.1, "\(variant): starts at (\(gammas[0]), \(lambdas[0]))")
        moved[variant] = abs(gammas.last! - gammas[0]) + abs(lambdas.last! - lambdas[0])
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("catch/\(variant)/aggregate.dat").path))
      }
    }
    // A hundred times the meta learning rate moves η further.
    #expect(moved["from-gamma0.9-lambda0.5-beta0.1"]! > moved["from-gamma0.9-lambda0.5-beta0.001"]!, "\(moved)")
  }
}
