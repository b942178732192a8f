// libFuzzer target: the MANIFEST reader, and its comparison with a run's manifest
// (the check that keeps two configurations out of one folder). Built by `make fuzz`.
import Foundation
import MetaGradient

let reference = RunManifest([("experiment", "baseline"), ("profile", "quick"), ("base_seed", "0"), ("variant", "gamma0.99-lambda1")])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let data = Data(bytes: bytes, count: count)
  guard let lines = try? RunManifest.lines(of: data, path: "MANIFEST") else { return 0 }
  _ = reference.conflict(with: lines, in: URL(fileURLWithPath: "/fuzz"))?.description
  return 0
}
