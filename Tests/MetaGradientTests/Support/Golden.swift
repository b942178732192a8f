import Foundation

/// Loads the float64 golden vectors from `../shared/reference/golden/` (beside the
/// project root, as in CI).
enum Golden {
  static let directory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Support
    .deletingLastPathComponent()  // MetaGradientTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // project root
    .deletingLastPathComponent()  // its parent
    .appendingPathComponent("shared/reference/golden")

  static func load(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: directory.appendingPathComponent(name))
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
  }
}

extension Dictionary where Key == String, Value == Any {
  func doubles(_ key: String) -> [Double] { (self[key] as! [Any]).map { ($0 as! NSNumber).doubleValue } }
  func double(_ key: String) -> Double { (self[key] as! NSNumber).doubleValue }
  func dict(_ key: String) -> [String: Any] { self[key] as! [String: Any] }
}

/// max_i |a_i − b_i| / max(1, |b_i|): relative error with an absolute floor near zero.
func maxRelativeError(_ a: [Double], _ b: [Double]) -> Double {
  precondition(a.count == b.count, "length \(a.count) vs \(b.count)")
  return zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
}
