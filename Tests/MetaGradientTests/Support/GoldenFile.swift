import Foundation

/// Loads `../shared/reference/golden/<name>` beside the project root (as in CI),
/// resolved from this file's path.
enum GoldenFile {
  static func url(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // Support
      .deletingLastPathComponent()  // MetaGradientTests
      .deletingLastPathComponent()  // Tests
      .deletingLastPathComponent()  // package root
      .deletingLastPathComponent()  // its parent
      .appendingPathComponent("shared/reference/golden/\(name)")
  }

  static func load(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: url(name))
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
  }
}

extension Dictionary where Key == String, Value == Any {
  func dict(_ key: String) -> [String: Any] { self[key] as! [String: Any] }
  func doubles(_ key: String) -> [Double] { (self[key] as! [Any]).map { ($0 as! NSNumber).doubleValue } }
  func matrix(_ key: String) -> [[Double]] {
    (self[key] as! [[Any]]).map { $0.map { ($0 as! NSNumber).doubleValue } }
  }
  func double(_ key: String) -> Double { (self[key] as! NSNumber).doubleValue }
  func ints(_ key: String) -> [Int] { (self[key] as! [Any]).map { ($0 as! NSNumber).intValue } }
}

/// Largest |a − b| / max(1, |b|).
func maxError(_ a: some Collection<Double>, _ b: some Collection<Double>) -> Double {
  precondition(a.count == b.count, "length \(a.count) vs \(b.count)")
  return zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
}
