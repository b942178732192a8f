// libFuzzer driving `CheckpointHarness` (Sources/FuzzHarnesses). Built only by `make fuzz`
// (-sanitize=fuzzer,address links libFuzzer; this main hands it the command line).
import Foundation
import FuzzHarnesses

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

// With METAGRADIENT_FUZZ_SEEDS=<folder>: first write the seeds real agents produce
// (CheckpointHarness.seeds()) into that folder.
if let folder = ProcessInfo.processInfo.environment["METAGRADIENT_FUZZ_SEEDS"] {
  let url = URL(fileURLWithPath: folder)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  for (name, data) in CheckpointHarness.seeds() { try data.write(to: url.appendingPathComponent(name)) }
}

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
  CheckpointHarness.exercise(bytes.map { Data(bytes: $0, count: count) } ?? Data())
  return 0
})
