import Foundation
import MetaGradient

/// `compare`'s data-file reader and the seed-file record on top of it:
/// ``DataFileReader`` → ``RunRecord`` → the final score.
public enum DataFileHarness: FuzzHarness {
  public static let name = "fuzz-data-file"

  public static func exercise(_ data: Data) {
    guard let text = String(data: data, encoding: .utf8),
          let file = try? DataFileReader(text: text, path: "fuzz.dat") else { return }
    _ = try? file.column(file.columns.first ?? "env_steps")
    _ = try? file.integer("seed")
    guard let run = try? RunRecord(file) else { return }
    _ = run.incompleteness
    _ = run.isFixedEta
    _ = FinalScoreRule().score(run)
  }
}
