import Foundation

/// The output of `make bench`: one measurement per line, machine-readable,
///
///     <key> <value> <unit>
///
/// separated by single spaces; keys are `snake.dotted` and contain no spaces, values
/// are plain decimal numbers, units are one word (`steps/s`, `GFLOP/s`, `ratio`, `ms`,
/// …). Lines starting with `#` are comments for humans (what a group of lines means,
/// what each side of a comparison ran) and are to be skipped by parsers, e.g.
///
///     grep -v '^#' bench.txt | awk '{print $1, $2}'
///
/// Every timing is the best of N repetitions (the least disturbed one); every ratio
/// is formed from two timings measured in the same run, interleaved (in the same
/// process, or against a peer script in turns: ``PeerComparison``). No ratio has a
/// stated constant for a denominator.
public struct BenchmarkReport {
  /// The lines written so far, as (key, value, unit).
  public private(set) var lines: [(key: String, value: Double, unit: String)] = []
  private let write: (String) -> Void

  /// A report that prints each line as it is added (`write` defaults to stdout, flushed).
  public init(write: @escaping (String) -> Void = { line in
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }) {
    self.write = write
  }

  /// Adds and prints `key value unit`.
  public mutating func add(_ key: String, _ value: Double, _ unit: String) {
    precondition(!key.contains(" ") && !unit.contains(" "), "keys and units are single words")
    lines.append((key, value, unit))
    write("\(key) \(Self.format(value)) \(unit)")
  }

  /// Prints a `# comment` line.
  public func comment(_ text: String) {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) { write("# \(line)") }
  }

  /// The value of `key`, if it was added.
  public func value(_ key: String) -> Double? { lines.last { $0.key == key }?.value }

  /// Four significant digits, no exponent for ordinary magnitudes.
  static func format(_ x: Double) -> String {
    guard x.isFinite else { return "nan" }
    let magnitude = abs(x)
    if magnitude >= 1e4 { return String(format: "%.0f", x) }
    if magnitude >= 1 || magnitude == 0 { return String(format: "%.4g", x) }
    return String(format: "%.4g", x)
  }
}
