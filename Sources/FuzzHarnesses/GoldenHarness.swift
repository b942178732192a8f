import Foundation
import GoldenFixtures

/// The golden-fixture loader and every accessor the golden tests use on it, two levels down.
public enum GoldenHarness: FuzzHarness {
  public static let name = "fuzz-golden"

  public static func exercise(_ data: Data) {
    guard let golden = try? GoldenFixture(data: data, name: "fuzz.json") else { return }
    for key in golden.keys {
      _ = try? golden.double(key); _ = try? golden.int(key); _ = try? golden.string(key)
      _ = try? golden.doubles(key); _ = try? golden.ints(key); _ = try? golden.matrix(key); _ = try? golden.tensor3(key)
      for inner in (try? golden.dicts(key)) ?? [] { for k in inner.keys { _ = try? inner.doubles(k); _ = try? inner.ints(k) } }
      if let inner = try? golden.dict(key) {
        for k in inner.keys { _ = try? inner.matrix(k); _ = try? inner.doubles(k); _ = try? inner.double(k) }
      }
    }
  }
}
