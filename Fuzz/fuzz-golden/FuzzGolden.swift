// libFuzzer target: the golden-fixture loader and every accessor the tests use on it.
// Built by `make fuzz`.
import Foundation
import GoldenFixtures

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGolden(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  guard let golden = try? GoldenFixture(data: Data(bytes: bytes, count: count), name: "fuzz.json") else { return 0 }
  // Walk the document the way the golden tests read it, down two levels.
  for key in golden.keys {
    _ = try? golden.double(key); _ = try? golden.int(key); _ = try? golden.string(key)
    _ = try? golden.doubles(key); _ = try? golden.ints(key); _ = try? golden.matrix(key); _ = try? golden.tensor3(key)
    for inner in (try? golden.dicts(key)) ?? [] { for k in inner.keys { _ = try? inner.doubles(k); _ = try? inner.ints(k) } }
    if let inner = try? golden.dict(key) {
      for k in inner.keys { _ = try? inner.matrix(k); _ = try? inner.doubles(k); _ = try? inner.double(k) }
    }
  }
  return 0
}
