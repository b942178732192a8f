import Foundation

/// A ``DataFile`` whose rows start with text labels (a variant or environment name),
/// e.g. for gnuplot's `ytic(1)` and pandas' `index_col`:
///
///     # <title> … (the DataFile header)
///     # variant index mean mean_lo mean_hi
///     meta-gamma 1 1.02 0.95 1.10
///
/// Labels may not contain whitespace (it would split the column): any is replaced by `_`.
public struct LabelledDataFile {
  /// The header (title, provenance, config, column names).
  public var header: DataFile
  /// How many leading columns are labels.
  public let labelCount: Int
  public private(set) var body = ""

  /// A file whose first `labels.count` columns, named `labels`, hold text and whose
  /// other `columns` hold numbers.
  public init(title: String, config: [(key: String, value: String)] = [], labels: [String], columns: [String]) {
    header = DataFile(title: title, config: config, columns: labels + columns)
    labelCount = labels.count
  }

  /// Appends one row: one label per label column, one number per numeric column.
  public mutating func append(labels: [String], _ row: [Double]) {
    precondition(labels.count == labelCount && labels.count + row.count == header.columns.count,
                 "row has \(labels.count) labels and \(row.count) values for columns \(header.columns)")
    let cleaned = labels.map { String($0.map { $0.isWhitespace ? "_" : $0 }) }
    body += (cleaned + row.map(DataFile.format)).joined(separator: " ") + "\n"
  }

  /// Header then rows.
  public var contents: String { header.contents + body }

  /// Writes the file atomically (temporary name, then rename), creating folders.
  public func write(to url: URL) throws {
    try AtomicFile.write(Data(contents.utf8), to: url)
  }
}
