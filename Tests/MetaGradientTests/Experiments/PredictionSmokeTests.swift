import Foundation
import Testing

/// `prediction` end to end on a tiny budget into a temporary folder.
@Suite struct PredictionSmokeTests {
  static let tiny = ["--seeds", "2", "--chain-episodes", "20", "--walk-episodes", "12", "--quiet"]

  @Test func writesEveryDataFileWithHeaderAndColumns() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try ExperimentRunner.run("prediction", Self.tiny + ["--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("acceptance"))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("COMPLETE").path))

    let seed = try ParsedDataFile(contentsOf: out.appendingPathComponent("chain/meta-lambda/seed01.dat"))
    #expect(seed.header.contains { $0.hasPrefix("# command = prediction") })
    #expect(seed.header.contains { $0 == "# learn_lambda = true" })
    #expect(seed.columns == ["episode", "value_rmse"] + (0..<9).map { "gamma_s\($0)" } + (0..<9).map { "lambda_s\($0)" })
    #expect(seed.rows.count == 21)  // episode 0 plus one row per episode
    #expect(seed.rows.allSatisfy { $0.count == seed.columns.count && $0.allSatisfy(\.isFinite) })
    #expect(seed.column("gamma_s3").allSatisfy { $0 == 1 })  // γ fixed at 1 for meta-λ
    #expect(seed.column("lambda_s3").contains { $0 != 0.5 })  // λ(s) moved

    let sweep = try ParsedDataFile(contentsOf: out.appendingPathComponent("random-walk/sweep.dat"))
    #expect(sweep.columns == ["lambda", "final_mean", "final_lo", "final_hi", "average_mean", "average_lo", "average_hi"])
    #expect(sweep.column("lambda") == [0, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 0.975, 1])
    #expect(sweep.rows.allSatisfy { $0[2] <= $0[1] && $0[1] <= $0[3] && $0[5] <= $0[4] && $0[4] <= $0[6] })

    let meta = try ParsedDataFile(contentsOf: out.appendingPathComponent("random-walk/meta-final.dat"))
    #expect(meta.column("lambda_start") == [0.1, 0.9])
    #expect(meta.columns.count == 10)
    let acceptance = try String(contentsOf: out.appendingPathComponent("random-walk/acceptance.txt"), encoding: .utf8)
    #expect(acceptance.contains("best fixed λ by final error"))
    let aggregate = try ParsedDataFile(contentsOf: out.appendingPathComponent("random-walk/meta-lambda-from-0.9/aggregate.dat"))
    #expect(aggregate.columns == ["episode", "value_rmse_mean", "value_rmse_lo", "value_rmse_hi", "lambda_mean", "lambda_lo", "lambda_hi"])
    #expect(aggregate.rows.count == 13)
  }

  @Test func sameSeedGivesByteIdenticalFiles() throws {
    let a = try ExperimentRunner.temporaryFolder(), b = try ExperimentRunner.temporaryFolder()
    defer { for u in [a, b] { try? FileManager.default.removeItem(at: u) } }
    for out in [a, b] {
      let r = try ExperimentRunner.run("prediction", Self.tiny + ["--part", "chain", "--out", out.path])
      #expect(r.status == 0, "\(r.stderr)")
    }
    let file = "chain/meta-gamma/seed00.dat"
    let first = try Data(contentsOf: a.appendingPathComponent(file))
    // The command line differs only in --out; compare everything else.
    func body(_ d: Data) -> String {
      String(decoding: d, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("# command") }.joined(separator: "\n")
    }
    #expect(body(first) == body(try Data(contentsOf: b.appendingPathComponent(file))))
    #expect(!first.isEmpty)
  }

  @Test func rejectsBadInputWithoutWriting() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    for bad in [["--walk-lambdas", "0,1.5"], ["--chain-alpha", "0"], ["--seeds", "0"], ["--part", "everything"],
                ["--walk-trace", "trace-2"], ["--walk-episodes", "-5"], ["--profile", "huge"]] {
      let r = try ExperimentRunner.run("prediction", bad + ["--out", out.path, "--quiet"])
      #expect(r.status != 0, "accepted \(bad)")
      #expect(!r.stderr.isEmpty)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
  }

  @Test func helpDocumentsEveryOption() throws {
    let r = try ExperimentRunner.run("prediction", ["--help"])
    #expect(r.status == 0)
    for option in ["--profile", "--seeds", "--seed", "--out", "--quiet", "--fresh", "--checkpoint-minutes", "--part", "--chain-episodes", "--chain-alpha",
                   "--chain-beta", "--walk-episodes", "--walk-alpha", "--walk-beta", "--walk-trace", "--walk-lambdas"] {
      #expect(r.stdout.contains(option), "\(option) missing from --help")
    }
  }
}
