import Foundation

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
