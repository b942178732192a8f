import Foundation

/// A whitespace-separated data file readable by gnuplot and pandas
/// (the DESIGN's data-file convention):
///
///     # <title>
///     # command = <the command line>
///     # version = <package version>, commit = <git commit>
///     # <key> = <value>            (the resolved config, one line per key)
///     # <column> <column> …       (the last header line names the columns)
///     <row>
///
/// Numbers are printed with `%.9g`, so the same values always give the same bytes.
/// ``write(to:)`` writes a temporary file and renames it, so a crash never leaves a
/// half-written file under the final name.
public struct DataFile {
  public var title: String
  public var config: [(key: String, value: String)]
  public var columns: [String]
  public private(set) var text = ""

  public init(title: String, config: [(key: String, value: String)] = [], columns: [String]) {
    precondition(!columns.isEmpty, "a data file needs columns")
    self.title = title
    self.config = config
    self.columns = columns
  }

  /// Appends one row; it must have one value per column.
  public mutating func append(_ row: [Double]) {
    precondition(row.count == columns.count, "row has \(row.count) values for \(columns.count) columns")
    text += row.map(Self.format).joined(separator: " ")
    text += "\n"
  }

  /// Appends an empty line: gnuplot's separator between the blocks of a grid.
  public mutating func appendBlankLine() { text += "\n" }

  /// Deterministic formatting of one number (`nan` and `inf` spelled as gnuplot reads them).
  public static func format(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    return String(format: "%.9g", x)
  }

  /// The full file contents: header then rows.
  public var contents: String {
    var header = "# \(title)\n"
    header += "# command = \(RunInfo.commandLine)\n"
    header += "# version = \(MetaGradientRL.version), commit = \(RunInfo.commit)\n"
    for (key, value) in config { header += "# \(key) = \(value)\n" }
    header += "# " + columns.joined(separator: " ") + "\n"
    return header + text
  }

  /// Writes the file atomically (temporary name, then rename), creating folders.
  public func write(to url: URL) throws {
    try AtomicFile.write(Data(contents.utf8), to: url)
  }
}
