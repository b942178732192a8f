import Foundation
@_exported import GoldenFixtures

/// Loads a golden fixture, `Tests/MetaGradientTests/Fixtures/golden/<name>`: the
/// repository's copies of the float64 reference vectors (each documents its own
/// conventions in its `description`), shipped with the test target as a SwiftPM
/// resource so that a clone with nothing beside it passes.
enum GoldenFile {
  static func url(_ name: String) throws -> URL {
    let file = name as NSString
    guard let url = Bundle.module.url(forResource: file.deletingPathExtension, withExtension: file.pathExtension,
                                      subdirectory: "Fixtures/golden") else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/golden/\(name)"])
    }
    return url
  }

  /// The fixture, read by the checking ``GoldenFixture`` (a damaged one fails the test
  /// with a message naming the key, never crashes it).
  static func load(_ name: String) throws -> GoldenFixture { try GoldenFixture(contentsOf: url(name)) }
}

/// Largest |a − b| / max(1, |b|).
func maxError(_ a: some Collection<Double>, _ b: some Collection<Double>) -> Double {
  precondition(a.count == b.count, "length \(a.count) vs \(b.count)")
  return zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
}
