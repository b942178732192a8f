import Foundation

/// A reader of files the program reads back, driven with arbitrary bytes.
///
/// ``exercise(_:)`` must return for every input — decoding it, or throwing and
/// swallowing the reader's error — and never crash, hang or trip a sanitizer. The
/// fuzz executable (`Fuzz/fuzz/`, `make fuzz`) calls it on mutated inputs; the test
/// suite replays the committed seeds and every input that once found a bug
/// (`Fuzz/corpus/<name>/`, `Fuzz/regressions/<name>/`) through the same function.
public protocol FuzzHarness {
  /// The target's name, `fuzz-<reader>`, also its folders' names.
  static var name: String { get }
  static func exercise(_ data: Data)
}

/// Every harness, by target name.
public enum FuzzHarnesses {
  public static let all: [any FuzzHarness.Type] = [CheckpointHarness.self, DataFileHarness.self, ManifestHarness.self, GoldenHarness.self]
}
