// libFuzzer target: `compare`'s data-file reader and the seed-file record on top of it
// (DataFileReader → RunRecord → final score). Any input must give a value or a thrown
// error — never a crash, a hang or a sanitizer report. Built by `make fuzz`.
import Foundation
import MetaGradient

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDataFile(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let data = Data(bytes: bytes, count: count)
  guard let text = String(data: data, encoding: .utf8),
        let file = try? DataFileReader(text: text, path: "fuzz.dat") else { return 0 }
  _ = try? file.column(file.columns.first ?? "env_steps")
  _ = try? file.integer("seed")
  guard let run = try? RunRecord(file) else { return 0 }
  _ = run.incompleteness
  _ = run.isFixedEta
  _ = FinalScoreRule().score(run)
  return 0
}
