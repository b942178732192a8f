import Foundation

/// One experiment of a sweep as an executor sees it: its executable, the arguments
/// that define its data (`--profile P --out D`, …; never `--unit`), and its folder.
/// The executor learns the units from `--list-units` and runs each with
/// `--unit NAME`, then `--finish`: the experiment's own code decides everything else,
/// so every executor writes the same bytes.
public struct SweepJob: Sendable {
  /// The experiment's name (its executable's).
  public var experiment: String
  public var executable: URL
  public var arguments: [String]
  public var folder: SweepFolder

  public init(experiment: String, executable: URL, arguments: [String], out: URL) {
    self.experiment = experiment; self.executable = executable; self.arguments = arguments
    folder = SweepFolder(out: out)
  }

  /// The jobs of `experiments` with `--profile profile --out <data>/<experiment>`
  /// followed by `options`, their executables in `bin`; an unknown or unbuilt
  /// experiment is an error naming it.
  public static func standard(
    _ experiments: [String], profile: Profile, data: URL, bin: URL, options: [String] = []
  ) throws -> [SweepJob] {
    try experiments.map { name in
      let executable = bin.appendingPathComponent(name)
      guard FileManager.default.isExecutableFile(atPath: executable.path) else {
        throw SweepError("no executable \(executable.path) for experiment '\(name)': build it (swift build -c release) or check the name")
      }
      let out = data.appendingPathComponent(name)
      return SweepJob(experiment: name, executable: executable, arguments: ["--profile", profile.rawValue, "--out", out.path] + options, out: out)
    }
  }

  /// A unit and its state as `--list-units` reports it.
  public struct ListedUnit: Sendable {
    public var unit: SweepUnit
    public var state: String
  }

  /// The experiment's units (`--list-units`); throws with the experiment's own message
  /// when it refuses (bad options, a folder of another configuration).
  public func listUnits() throws -> [ListedUnit] {
    let result = try Self.capture(executable, arguments + ["--list-units"])
    guard result.status == 0 else {
      throw SweepError("\(experiment) refused (exit \(result.status)): \(Self.errorLine(result.stderr))")
    }
    return try result.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
      let f = line.split(separator: " ").map(String.init)
      guard f.count == 5, let work = Int(f[1]), let cost = Double(f[2]), let round = Int(f[4]), round >= 0 else {
        throw SweepError("\(experiment) --list-units printed an unreadable line: '\(line)'")
      }
      return ListedUnit(unit: SweepUnit(name: f[0], work: work, cost: cost, round: round), state: f[3])
    }
  }

  /// The command line of one unit (quiet: its log is a file).
  public func unitArguments(_ unit: String) -> [String] { arguments + ["--unit", unit, "--quiet"] }
  /// The command line of the finishing step (`make figures` draws a sweep's figures).
  public var finishArguments: [String] { arguments + ["--finish", "--plot", "off"] }

  /// The finishing step found the folder held by another process (exit
  /// ``SweepWorker/heldStatus``): try again later.
  public struct Held: Error, CustomStringConvertible {
    public var experiment: String
    public var description: String { "\(experiment): its folder is in use by another process; finish it when that one is done" }
  }

  /// Runs the finishing step, its output kept in `<out>/logs/finish.log`; returns what
  /// it printed (the summary), or throws its own last line, which names the units that
  /// have not finished, or ``Held``.
  public func finish() throws -> String {
    let result = try Self.capture(executable, finishArguments)
    if result.status == SweepWorker.heldStatus { throw Held(experiment: experiment) }
    let log = folder.log("finish")
    try? FileManager.default.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? AtomicFile.write(Data((result.stdout + result.stderr).utf8), to: log)
    guard result.status == 0 else {
      throw SweepError("\(experiment) finishing step failed (exit \(result.status); \(log.path)): \(Self.errorLine(result.stderr))")
    }
    return result.stdout
  }

  /// A program's error message in one line: its `Error: …` line (ArgumentParser's
  /// usage lines after it left out), else its last line.
  static func errorLine(_ stderr: String) -> String {
    let lines = stderr.split(separator: "\n").map(String.init)
    let line = lines.first { $0.hasPrefix("Error: ") } ?? lines.last ?? "no message"
    return line.hasPrefix("Error: ") ? String(line.dropFirst("Error: ".count)) : line
  }

  /// The environment of a worker: one single-threaded OpenBLAS per process (one
  /// process per core), progress reported through files.
  public static func workerEnvironment() -> [String: String] {
    ProcessInfo.processInfo.environment.merging(["OPENBLAS_NUM_THREADS": "1", "METAGRADIENT_PROGRESS_FILES": "1"]) { $1 }
  }

  /// Runs `executable` to completion; returns its status, stdout and stderr.
  static func capture(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = workerEnvironment()
    // stderr into a file: a child that fills one pipe while we drain the other would block.
    let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString).stderr")
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errURL) }
    let out = Pipe(), err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try? err.close()
    let errData = (try? Data(contentsOf: errURL)) ?? Data()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
  }
}

/// A sweep cannot go on: one line for the user.
public struct SweepError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
