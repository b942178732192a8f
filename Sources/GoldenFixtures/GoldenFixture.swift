import Foundation

/// A golden fixture read defensively: a JSON document (the float64 reference vectors
/// under `Tests/MetaGradientTests/Fixtures/golden/`) whose every access checks the
/// type and shape it expects and throws ``Invalid`` naming the fixture and the key
/// path — a damaged or hostile fixture fails a test with a message, never crashes it.
///
///     let golden = try GoldenFixture(data: data, name: "metagrad_golden.json")
///     let theta0 = try golden.doubles("theta0")
///     let states = try golden.dict("batches").dict("tau").matrix("states")
public struct GoldenFixture: Sendable {
  /// A JSON value, as the fixture holds it.
  public indirect enum Value: Sendable {
    case number(Double), string(String), bool(Bool), null
    case array([Value]), object([String: Value])
  }

  /// What is wrong, at which key path of which fixture.
  public struct Invalid: Error, CustomStringConvertible {
    public var fixture: String, path: String, reason: String
    public var description: String { "golden fixture \(fixture): \(path.isEmpty ? "the document" : "`\(path)`") \(reason)" }
  }

  /// The fixture's name, for messages.
  public let name: String
  /// Where this object sits in the document (`""` for the top level).
  public let path: String
  let members: [String: Value]

  /// Nesting deeper than this is refused before Foundation parses it (a fixture is at
  /// most a few levels deep; a pathological depth could exhaust the stack).
  public static let maximumDepth = 64

  /// Parses `data`; the top level must be an object.
  public init(data: Data, name: String) throws {
    var depth = 0, deepest = 0, inString = false, escaped = false
    for byte in data {
      if inString {
        if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
        continue
      }
      switch byte {
      case UInt8(ascii: "\""): inString = true
      case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; deepest = max(deepest, depth)
      case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
      default: break
      }
    }
    guard deepest <= Self.maximumDepth else {
      throw Invalid(fixture: name, path: "", reason: "nests \(deepest) levels deep; at most \(Self.maximumDepth) are allowed")
    }
    let json: Any
    do { json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
      throw Invalid(fixture: name, path: "", reason: "is not JSON: \(error.localizedDescription)")
    }
    guard case .object(let members) = Self.value(json) else {
      throw Invalid(fixture: name, path: "", reason: "is not a JSON object")
    }
    self.init(name: name, path: "", members: members)
  }

  init(name: String, path: String, members: [String: Value]) {
    self.name = name; self.path = path; self.members = members
  }

  /// Reads a fixture file.
  public init(contentsOf url: URL) throws {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw Invalid(fixture: url.lastPathComponent, path: "", reason: "cannot be read: \(error.localizedDescription)")
    }
    try self.init(data: data, name: url.lastPathComponent)
  }

  static func value(_ json: Any) -> Value {
    switch json {
    case let n as NSNumber: .number(n.doubleValue)  // booleans too: no fixture has one where a number goes
    case let b as Bool: .bool(b)
    case let s as String: .string(s)
    case let a as [Any]: .array(a.map(value))
    case let d as [String: Any]: .object(d.mapValues(value))
    default: .null
    }
  }

  func at(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
  func invalid(_ key: String, _ reason: String) -> Invalid { Invalid(fixture: name, path: at(key), reason: reason) }

  /// The member `key`, which must exist.
  public func value(_ key: String) throws -> Value {
    guard let v = members[key] else { throw invalid(key, "is missing") }
    return v
  }

  public var keys: [String] { members.keys.sorted() }

  /// The object at `key`.
  public func dict(_ key: String) throws -> GoldenFixture {
    guard case .object(let m) = try value(key) else { throw invalid(key, "is not an object") }
    return GoldenFixture(name: name, path: at(key), members: m)
  }

  /// The array of objects at `key`.
  public func dicts(_ key: String) throws -> [GoldenFixture] {
    guard case .array(let items) = try value(key) else { throw invalid(key, "is not an array") }
    return try items.enumerated().map { i, item in
      guard case .object(let m) = item else { throw invalid("\(key)[\(i)]", "is not an object") }
      return GoldenFixture(name: name, path: at("\(key)[\(i)]"), members: m)
    }
  }

  /// The finite number at `key`.
  public func double(_ key: String) throws -> Double {
    guard case .number(let x) = try value(key) else { throw invalid(key, "is not a number") }
    guard x.isFinite else { throw invalid(key, "is not finite") }
    return x
  }

  /// The integer at `key` (a number with no fraction, in Int's range).
  public func int(_ key: String) throws -> Int {
    let x = try double(key)
    guard let n = Self.integer(x) else { throw invalid(key, "is not an integer: \(x)") }
    return n
  }

  /// The string at `key`.
  public func string(_ key: String) throws -> String {
    guard case .string(let s) = try value(key) else { throw invalid(key, "is not a string") }
    return s
  }

  /// The array of finite numbers at `key`, with `count` entries when given.
  public func doubles(_ key: String, count: Int? = nil) throws -> [Double] {
    let xs = try Self.numbers(value(key)) ?? { throw invalid(key, "is not an array of finite numbers") }()
    if let count, xs.count != count { throw invalid(key, "has \(xs.count) entries; expected \(count)") }
    return xs
  }

  /// The array of integers at `key`.
  public func ints(_ key: String) throws -> [Int] {
    let xs = try doubles(key)
    return try xs.map { x in
      guard let n = Self.integer(x) else { throw invalid(key, "holds a non-integer: \(x)") }
      return n
    }
  }

  /// The rectangular matrix (array of equally long arrays of finite numbers) at `key`,
  /// `rows × columns` when given.
  public func matrix(_ key: String, rows: Int? = nil, columns: Int? = nil) throws -> [[Double]] {
    guard case .array(let items) = try value(key) else { throw invalid(key, "is not an array") }
    let m = try items.enumerated().map { i, row in try Self.numbers(row) ?? { throw invalid("\(key)[\(i)]", "is not an array of finite numbers") }() }
    if let first = m.first, m.contains(where: { $0.count != first.count }) { throw invalid(key, "has rows of different lengths") }
    if let rows, m.count != rows { throw invalid(key, "has \(m.count) rows; expected \(rows)") }
    if let columns, let first = m.first, first.count != columns { throw invalid(key, "has \(first.count) columns; expected \(columns)") }
    return m
  }

  /// The rectangular 3-index array at `key`.
  public func tensor3(_ key: String) throws -> [[[Double]]] {
    guard case .array(let items) = try value(key) else { throw invalid(key, "is not an array") }
    let slices = try items.indices.map { i -> [[Double]] in
      guard case .array(let rows) = items[i] else { throw invalid("\(key)[\(i)]", "is not an array") }
      return try rows.enumerated().map { j, row in try Self.numbers(row) ?? { throw invalid("\(key)[\(i)][\(j)]", "is not an array of finite numbers") }() }
    }
    let shape = slices.first.map { ($0.count, $0.first?.count ?? 0) }
    if let shape, slices.contains(where: { $0.count != shape.0 || $0.contains { $0.count != shape.1 } }) {
      throw invalid(key, "is not rectangular")
    }
    return slices
  }

  static func numbers(_ v: Value) -> [Double]? {
    guard case .array(let items) = v else { return nil }
    var xs: [Double] = []
    xs.reserveCapacity(items.count)
    for item in items {
      guard case .number(let x) = item, x.isFinite else { return nil }
      xs.append(x)
    }
    return xs
  }

  static func integer(_ x: Double) -> Int? {
    guard x.rounded() == x, abs(x) < 9.0e15 else { return nil }
    return Int(x)
  }
}
