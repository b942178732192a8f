import ArgumentParser
import Foundation

/// A run's budget preset. `full` is what the committed data and figures use;
/// `quick` gives every figure end to end in minutes.
public enum Profile: String, CaseIterable, Codable, ExpressibleByArgument, Sendable {
  case quick, full
}

/// Options every experiment shares.
public struct ExperimentOptions: ParsableArguments {
  @Option(help: "Budget preset: \(Profile.allCases.map(\.rawValue).joined(separator: ", ")).")
  public var profile: Profile = .full

  @Option(help: "Number of seeds (default: the profile's).")
  public var seeds: Int?

  @Option(help: "Base seed; seed i of the run uses the stream split from it by i.")
  public var seed: UInt64 = 0

  @Option(help: "Output folder for data files (default: data/<experiment>).")
  public var out: String?

  @Flag(help: "No progress display (nor live plot) on stderr.")
  public var quiet = false

  @Option(help: "What the run draws (with gnuplot).")
  public var plot: PlotMode = .figures

  @Flag(help: "Delete the output folder's old data and checkpoint first and start over (needed when it holds another configuration's data).")
  public var fresh = false

  /// 5 minutes: a killed run loses at most that much work, while writing a checkpoint
  /// costs ≈ 0.3 s for the largest state (a MinAtar meta-gradient agent, ≈ 8 MB), under
  /// 0.1% of the run.
  @Option(help: "Minutes between checkpoints (0: after every rollout and seed). A checkpoint is also written on SIGINT/SIGTERM; rerunning the same command resumes from it.")
  public var checkpointMinutes = 5.0

  @Flag(help: "Print the experiment's units of work (name, work, relative cost, state) and exit; touches nothing.")
  public var listUnits = false

  @Option(help: "Run only this unit of work (a name from --list-units), e.g. from a job array; --finish then aggregates.")
  public var unit: String?

  @Flag(help: "Only the finishing step: aggregates, summary and COMPLETE, once every unit has finished (names the ones that have not).")
  public var finish = false

  public init() {}

  public func validate() throws {
    if [listUnits, unit != nil, finish].filter({ $0 }).count > 1 {
      throw ValidationError("--list-units, --unit and --finish exclude each other")
    }
    if let seeds, seeds <= 0 { throw ValidationError("--seeds must be a positive integer, got \(seeds)") }
    guard checkpointMinutes >= 0, checkpointMinutes.isFinite else {
      throw ValidationError("--checkpoint-minutes must be a non-negative number, got \(checkpointMinutes)")
    }
    try plot.validate()
  }

  /// The output folder, checked to be creatable and writable before any work starts.
  public func outputFolder(experiment: String) throws -> URL {
    let url = URL(fileURLWithPath: out ?? "data/\(experiment)")
    do {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
      throw ValidationError("cannot create output folder \(url.path): \(error.localizedDescription)")
    }
    guard FileManager.default.isWritableFile(atPath: url.path) else {
      throw ValidationError("output folder \(url.path) is not writable")
    }
    return url
  }

  /// The seeds' streams: seed i of a run is `RandomStream(seed: seed).split(label).split(i)`.
  public func stream(_ label: String, seed index: Int) -> RandomStream {
    RandomStream(seed: seed).split(label).split(UInt64(index))
  }
}

/// Marks an experiment's output folder complete: written last, so make (and users)
/// never take a folder with partial data for a finished run.
public enum CompletionMarker {
  public static let name = "COMPLETE"
  public static func write(in folder: URL, summary: String) throws {
    try AtomicFile.write(Data(summary.utf8), to: folder.appendingPathComponent(name))
  }
  public static func remove(in folder: URL) {
    try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
  }
}
