// libFuzzer driving one of the harnesses of Sources/FuzzHarnesses, named by the first
// argument (`fuzz fuzz-checkpoint CORPUS… -max_total_time=60`); the rest goes to
// libFuzzer. Built only by `make fuzz` (-sanitize=address and libFuzzer's coverage; the
// no-main libFuzzer is linked, and this main hands it the command line).
import Foundation
import FuzzHarnesses

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

let names = FuzzHarnesses.all.map { $0.name }
guard CommandLine.arguments.count > 1, let harness = FuzzHarnesses.all.first(where: { $0.name == CommandLine.arguments[1] }) else {
  FileHandle.standardError.write(Data("usage: fuzz <\(names.joined(separator: "|"))> [libFuzzer arguments]\n".utf8))
  exit(64)
}
/// The harness the C callback calls (it cannot capture).
nonisolated(unsafe) var selected: any FuzzHarness.Type = harness

// With METAGRADIENT_FUZZ_SEEDS=<folder>, the checkpoint target first writes the seeds
// real agents produce (CheckpointHarness.seeds()) into that folder.
if harness == CheckpointHarness.self, let folder = ProcessInfo.processInfo.environment["METAGRADIENT_FUZZ_SEEDS"] {
  let url = URL(fileURLWithPath: folder)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  for (name, data) in CheckpointHarness.seeds() { try data.write(to: url.appendingPathComponent(name)) }
}

// libFuzzer sees the program name and the arguments after the harness's name.
var arguments = [CommandLine.unsafeArgv[0]] + (2..<Int(CommandLine.argc)).map { CommandLine.unsafeArgv[$0] }
var argc = CInt(arguments.count)
exit(arguments.withUnsafeMutableBufferPointer { buffer -> CInt in
  var argv = buffer.baseAddress!
  return LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
    selected.exercise(bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
  }
})
