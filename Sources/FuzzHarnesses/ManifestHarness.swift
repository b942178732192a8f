import Foundation
import MetaGradient

/// The MANIFEST reader and the comparison with a run's manifest (the check that keeps
/// two configurations out of one folder).
public enum ManifestHarness: FuzzHarness {
  public static let name = "fuzz-manifest"
  static let reference = RunManifest([("experiment", "baseline"), ("profile", "quick"), ("base_seed", "0"), ("variant", "gamma0.99-lambda1")])

  public static func exercise(_ data: Data) {
    guard let lines = try? RunManifest.lines(of: data, path: "MANIFEST") else { return }
    _ = reference.conflict(with: lines, in: URL(fileURLWithPath: "/fuzz"))?.description
  }
}
