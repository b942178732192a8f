import Foundation

/// A data file read back (the inverse of ``DataFile``): `#` header lines, of which
/// `# key = value` lines are the config and the last one before the rows names the
/// columns; then whitespace-separated numeric rows (`nan`, `inf` allowed). Blank lines
/// are skipped. Anything else is reported as ``CompareError/garbled(file:line:reason:)``
/// with the file and the 1-based line.
public struct DataFileReader: Sendable {
  /// The path used in messages.
  public let path: String
  /// `# key = value` header lines (the first ` = ` splits key from value).
  public let values: [String: String]
  /// Header lines that are not `key = value` (title, column names, notes), with their
  /// 1-based line numbers.
  public let notes: [(line: Int, text: String)]
  /// The column names, from the last header line before the first row.
  public let columns: [String]
  /// The numeric rows, one value per column.
  public let rows: [[Double]]

  /// Reads and parses `url`.
  public init(contentsOf url: URL) throws {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw CompareError.garbled(file: url.path, line: nil, reason: "cannot read: \(error.localizedDescription)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw CompareError.garbled(file: url.path, line: nil, reason: "not UTF-8 text")
    }
    try self.init(text: text, path: url.path)
  }

  /// Parses `text`; `path` names it in messages.
  public init(text: String, path: String) throws {
    self.path = path
    var values: [String: String] = [:], notes: [(Int, String)] = [], rows: [[Double]] = []
    var columns: [String]? = nil
    var columnLine = 0
    for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw[...]
      let number = i + 1
      if line.allSatisfy(\.isWhitespace) { continue }
      if line.hasPrefix("#") {
        let body = line.dropFirst().trimmingCharacters(in: .whitespaces)
        if let eq = body.range(of: " = ") {
          values[String(body[..<eq.lowerBound])] = String(body[eq.upperBound...])
        } else {
          notes.append((number, body))
        }
        continue
      }
      if columns == nil {
        // The column line is the last header note; a `# diverged …` note is never it.
        guard let last = notes.last(where: { !$0.1.hasPrefix(RunRecord.divergedKey) }), !last.1.isEmpty else {
          throw CompareError.garbled(file: path, line: number, reason: "a data row before any `# <column> …` header line")
        }
        columns = last.1.split(whereSeparator: \.isWhitespace).map(String.init)
        columnLine = last.0
      }
      let tokens = line.split(whereSeparator: \.isWhitespace)
      guard tokens.count == columns!.count else {
        throw CompareError.garbled(
          file: path, line: number,
          reason: "\(tokens.count) values for the \(columns!.count) columns named on line \(columnLine) (\(columns!.joined(separator: " ")))")
      }
      var row: [Double] = []
      row.reserveCapacity(tokens.count)
      for (c, token) in tokens.enumerated() {
        guard let x = Double(token) else {
          throw CompareError.garbled(file: path, line: number, reason: "'\(token)' in column \(columns![c]) is not a number")
        }
        row.append(x)
      }
      rows.append(row)
    }
    self.values = values
    self.notes = notes
    self.columns = columns ?? []
    self.rows = rows
  }

  /// The header value of `key`, or an error naming the missing `# key = …` line.
  public func value(_ key: String) throws -> String {
    guard let v = values[key] else { throw CompareError.garbled(file: path, line: nil, reason: "no `# \(key) = …` header line") }
    return v
  }

  /// The header value of `key` as an integer.
  public func integer(_ key: String) throws -> Int {
    let v = try value(key)
    guard let n = Int(v) else { throw CompareError.garbled(file: path, line: nil, reason: "`# \(key) = \(v)` is not an integer") }
    return n
  }

  /// The values of column `name`, or an error listing the columns there are.
  public func column(_ name: String) throws -> [Double] {
    guard let c = columns.firstIndex(of: name) else {
      throw CompareError.garbled(
        file: path, line: nil,
        reason: "no column '\(name)' (columns: \(columns.isEmpty ? "none" : columns.joined(separator: " ")))")
    }
    return rows.map { $0[c] }
  }
}
