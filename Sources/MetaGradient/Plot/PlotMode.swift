import ArgumentParser
import Foundation

/// What a run draws (`--plot`, one of ``ExperimentOptions``):
///
/// | `--plot`        | while it runs                                   | when it finishes          |
/// |-----------------|-------------------------------------------------|---------------------------|
/// | `figures`       | nothing (the default)                           | its figures, `<out>/figures/` |
/// | `live`          | the current unit's curve in the terminal        | its figures               |
/// | `live=FILE.png` | the same curve in FILE.png                      | its figures               |
/// | `off`           | nothing                                         | nothing                   |
///
/// The live plot (``LivePlot``) shows the episode return of the unit running now
/// against environment steps and, when they change (a meta-gradient agent), γ and λ;
/// gnuplot draws it (``GnuplotPipe``).
public enum PlotMode: Equatable, Sendable, ExpressibleByArgument {
  /// No live plot; the run's figures when it finishes.
  case figures
  /// The live plot on stderr, gnuplot's `dumb` terminal redrawn in place every few
  /// seconds above the progress line (silent when stderr is not a terminal, or with
  /// `--quiet`), and the run's figures.
  case live
  /// The live plot drawn by `pngcairo` into the file at this path (ending `.png`),
  /// replaced atomically every few seconds (no terminal needed), and the run's figures.
  case liveFile(String)
  /// Nothing drawn, live or at the end.
  case off

  /// Whether the run draws its own figures into `<out>/figures/` when it finishes.
  public var drawsRunFigures: Bool { self != .off }

  /// The forms `--plot` takes, as its help and its error message list them.
  public static let allValueStrings = ["figures", "live", "live=FILE.png", "off"]

  public static let allValueDescriptions = [
    "figures": "no live plot; the run's figures in <out>/figures/ when it finishes",
    "live": "figures, and while the run goes the current unit's episode return (and γ, λ when they change) against environment steps in the terminal, redrawn every few seconds (silent when stderr is not a terminal or with --quiet)",
    "live=FILE.png": "figures, and the same live plot drawn into FILE.png, replaced every few seconds (no terminal needed)",
    "off": "nothing drawn, live or at the end",
  ]

  static let filePrefix = "live="

  public init?(argument: String) {
    switch argument {
    case "figures": self = .figures
    case "live": self = .live
    case "off": self = .off
    default:
      guard argument.hasPrefix(Self.filePrefix) else { return nil }
      let path = String(argument.dropFirst(Self.filePrefix.count))
      guard path.hasSuffix(".png"), path.count > ".png".count else { return nil }
      self = .liveFile(path)
    }
  }

  public var defaultValueDescription: String {
    switch self {
    case .figures: "figures"
    case .live: "live"
    case .liveFile(let path): Self.filePrefix + path
    case .off: "off"
    }
  }

  /// A `live=FILE.png` whose folder cannot take the file is refused before any work.
  public func validate() throws {
    guard case .liveFile(let path) = self else { return }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
          FileManager.default.isWritableFile(atPath: folder) else {
      throw ValidationError("--plot live=\(path): the folder \(folder) does not exist or is not writable")
    }
  }
}
