import Foundation
import Testing

/// `approximation-frontier` end to end on a tiny budget: first order's runs host every
/// measured approximation, and cost.dat has a row per approximation with the median cosine.
@Suite struct ApproximationFrontierSmokeTests {
  @Test func measuresEveryApproximationOnFirstOrdersRuns() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let measured = ["first-order", "trace-0.9", "hybrid-2-0.9", "fd-2", "curvature-2", "diagonal-2", "exact-2"]
    let r = try ExperimentRunner.run("approximation-frontier", [
      "--env", "catch", "--steps", "800", "--num-envs", "4", "--rollout-steps", "5", "--seeds", "2",
      "--measured", measured.joined(separator: ","), "--measurements", "3", "--quiet", "--out", out.path,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    // Only the host is trained.
    let variants = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("catch").path)
      .filter { !$0.hasSuffix(".dat") }
    #expect(variants == ["first-order"], "\(variants)")
    let accuracy = try ParsedDataFile(contentsOf: out.appendingPathComponent("catch/accuracy-seed01.dat"))
    #expect(accuracy.header.contains("# approximations = \(measured.joined(separator: " "))"), "\(accuracy.header)")
    #expect(accuracy.header.contains("# reference = exact-2") && accuracy.header.contains("# host = first-order"))
    let cost = try ParsedDataFile(contentsOf: out.appendingPathComponent("catch/cost.dat"))
    #expect(cost.column("index") == measured.indices.map(Double.init))
    let reference = measured.firstIndex(of: "exact-2")!
    #expect(cost.column("cosine_median_mean")[reference] == 1 && cost.column("relerr_median_mean")[reference] == 0)
    // Every approximation is timed, first order at ratio 1, and every median cosine is a cosine.
    #expect(cost.column("cost_ratio_mean").allSatisfy { $0 > 0 && $0.isFinite } && cost.column("cost_ratio_mean")[0] == 1)
    #expect(cost.column("cosine_median_mean").allSatisfy { abs($0) <= 1 + 1e-9 })
    // fd-2 approximates exact-2's recursion: closer to it than first order is.
    let fd = measured.firstIndex(of: "fd-2")!
    #expect(cost.column("relerr_median_mean")[fd] < cost.column("relerr_median_mean")[0])
    let complete = try String(contentsOf: out.appendingPathComponent("COMPLETE"), encoding: .utf8)
    for a in measured { #expect(complete.contains("catch \(a): cosine to exact-2"), "\(a) missing in the summary") }
  }

  @Test func fullProfileHasTenClassicAndFiveMinAtarSeedsOfTheHost() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try ExperimentRunner.run("approximation-frontier", ["--profile", "full", "--list-units", "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    let units = r.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
    for (env, seeds) in [("cartpole", 10), ("catch", 10), ("breakout", 5)] {
      #expect(units.filter { $0.hasPrefix("\(env)/first-order/seed") }.count == seeds, "\(env)")
    }
    #expect(units.filter { $0.hasPrefix("random/") }.count == 3)
  }

  @Test func helpNamesTheMeasuredApproximations() throws {
    let r = try ExperimentRunner.run("approximation-frontier", ["--help"])
    #expect(r.status == 0)
    let folded = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    for text in ["hybrid-10-0.9", "fd-10", "curvature-10", "diagonal-10", "exact-10", "--measured", "--plot"] {
      #expect(folded.contains(text), "help lacks \(text)")
    }
  }
}
