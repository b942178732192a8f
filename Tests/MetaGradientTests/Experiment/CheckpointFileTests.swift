import Foundation
import Testing
@testable import MetaGradient

@Suite struct CheckpointFileTests {
  struct Payload: Codable, Equatable {
    var floats: [Float]
    var doubles: [Double]
  }

  /// The checkpoint's JSON gives back every Float and Double bit for bit (random bit
  /// patterns over the whole finite range, subnormals and extremes), and non-finite
  /// values as such.
  @Test func jsonRoundTripIsExact() throws {
    var rng = RandomStream(seed: 11)
    var randomFloats: [Float] = [], randomDoubles: [Double] = []
    for _ in 0..<20_000 {
      let bits = rng.next()
      randomFloats.append(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
      randomDoubles.append(Double(bitPattern: bits))
    }
    let floats = randomFloats.filter(\.isFinite) + [.leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, -0.0, 0.1, 1 / 3]
    let doubles = randomDoubles.filter(\.isFinite) + [.leastNonzeroMagnitude, .greatestFiniteMagnitude, -0.0, 0.1]
    let back = try CheckpointFile.decoder().decode(Payload.self, from: CheckpointFile.encoder().encode(Payload(floats: floats, doubles: doubles)))
    #expect(back.floats.map(\.bitPattern) == floats.map(\.bitPattern))
    #expect(back.doubles.map(\.bitPattern) == doubles.map(\.bitPattern))
    let special = try CheckpointFile.decoder().decode(
      Payload.self, from: CheckpointFile.encoder().encode(Payload(floats: [.infinity, -.infinity], doubles: [.nan])))
    #expect(special.floats == [.infinity, -.infinity] && special.doubles[0].isNaN)
  }

  /// Packed Float arrays (the checkpoints' large arrays) round-trip bit for bit,
  /// non-finite values and signed zeros included, and a byte count that is not a whole
  /// number of Floats is refused.
  @Test func packedFloatsRoundTripExactly() throws {
    var rng = RandomStream(seed: 12)
    var values: [Float] = [.nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
    for _ in 0..<10_000 { values.append(Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))) }
    let back = try CheckpointFile.decoder().decode(PackedFloats.self, from: CheckpointFile.encoder().encode(PackedFloats(values)))
    #expect(back.values.map(\.bitPattern) == values.map(\.bitPattern))
    #expect(throws: DecodingError.self) {
      try CheckpointFile.decoder().decode(PackedFloats.self, from: Data("\"AAAA\"".utf8))  // 3 bytes
    }
  }

  /// Written atomically and read back; a truncated, corrupted or foreign file is
  /// refused as garbled, naming the file.
  @Test func garbledFilesAreRefused() throws {
    let folder = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("CHECKPOINT")
    let value = Payload(floats: [1, 2, 3], doubles: [4])
    try CheckpointFile.write(value, to: url)
    #expect(try CheckpointFile.read(Payload.self, from: url) == value)
    #expect(!FileManager.default.fileExists(atPath: AtomicFile.partialURL(for: url).path))
    let good = try Data(contentsOf: url)
    var flipped = good
    flipped[flipped.count - 3] ^= 0x01
    let bad: [(String, Data)] = [
      ("truncated", good.prefix(good.count - 5)), ("corrupted", flipped), ("empty", Data()),
      ("foreign", Data("{\"floats\": []}".utf8)), ("header only", good.prefix(30)),
    ]
    for (what, data) in bad {
      try data.write(to: url)
      #expect(throws: CheckpointFile.Garbled.self, "\(what) file accepted") { try CheckpointFile.read(Payload.self, from: url) }
    }
    // A well-formed envelope around the wrong contents is refused too.
    try CheckpointFile.write(["not": "a payload"], to: url)
    #expect(throws: CheckpointFile.Garbled.self) { try CheckpointFile.read(Payload.self, from: url) }
  }
}

/// A checkpoint written with other OpenBLAS kernels: an unfinished unit is refused (its
/// resume would mix last bits), a finished one is accepted (its files are written; a
/// sweep may finish on another machine than the one that ran it).
@Suite struct CheckpointKernelsTests {
  @Test func otherKernelsRefuseAResumeButNotAFinishedUnit() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("metagradient-kernels-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let manifest = RunManifest([("experiment", "kernels-test")])
    let other = BLASKernels.coreName + "-elsewhere"
    for (name, finished) in [("unfinished", false), ("finished", true)] {
      let url = folder.appendingPathComponent("\(name).checkpoint")
      try CheckpointFile.write(RunCheckpoint.Contents(
        manifest: manifest.lines, commit: RunInfo.commit, version: MetaGradientRL.version, blas: other, unit: name,
        result: finished ? Data("1".utf8) : nil, state: finished ? nil : Data("{}".utf8)), to: url)
      if finished {
        let checkpoint = try RunCheckpoint(url: url, unit: name, manifest: manifest, interval: 60)
        #expect(checkpoint.isFinished && checkpoint.kernels == other)
      } else {
        #expect(throws: (any Error).self) { try RunCheckpoint(url: url, unit: name, manifest: manifest, interval: 60) }
      }
    }
  }
}
