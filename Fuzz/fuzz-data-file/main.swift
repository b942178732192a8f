// libFuzzer driving `DataFileHarness` (Sources/FuzzHarnesses). Built only by `make fuzz`
// (-sanitize=fuzzer,address links libFuzzer; this main hands it the command line).
import Foundation
import FuzzHarnesses

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
  DataFileHarness.exercise(bytes.map { Data(bytes: $0, count: count) } ?? Data())
  return 0
})
