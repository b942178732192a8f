import Foundation

/// Runs a built experiment executable (from this package's debug build) in a
/// subprocess, for end-to-end smoke tests on tiny budgets.
enum ExperimentRunner {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The executable, from `$METAGRADIENT_BIN` or the package's `.build/debug`.
  static func executable(_ name: String) -> URL {
    let folder = ProcessInfo.processInfo.environment["METAGRADIENT_BIN"]
      .map { URL(fileURLWithPath: $0) } ?? packageRoot.appendingPathComponent(".build/debug")
    return folder.appendingPathComponent(name)
  }

  struct Result { var status: Int32; var stdout: String; var stderr: String }

  static func run(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
    try run(executable: executable(name), arguments, environment: environment)
  }

  /// Runs `executable` with `arguments` and this process's environment changed by
  /// `environment`, stdin from /dev/null; returns its exit status and what it wrote.
  static func run(executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardInput = FileHandle.nullDevice
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// A fresh temporary folder.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("metagradient-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// A parsed data file: its `#` header lines, column names and numeric rows.
struct ParsedDataFile {
  var header: [String]
  var columns: [String]
  var rows: [[Double]]

  init(contentsOf url: URL) throws {
    let text = try String(contentsOf: url, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    header = lines.filter { $0.hasPrefix("#") }
    columns = header.last.map { $0.dropFirst(2).split(separator: " ").map(String.init) } ?? []
    rows = lines.filter { !$0.hasPrefix("#") }.map { $0.split(separator: " ").map { Double($0) ?? .nan } }
  }

  func column(_ name: String) -> [Double] {
    let i = columns.firstIndex(of: name)!
    return rows.map { $0[i] }
  }
}
