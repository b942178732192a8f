import Foundation

/// The figures an experiment draws for its own output folder when it finishes:
/// every `figures/<figure>.gp` whose `# drawn by:` line names the experiment, drawn by
/// gnuplot into `<out>/figures/<figure>.png` and `.svg`. These are the scripts
/// `make figures` runs, called the same way (figures/style.gp):
///
///     gnuplot -e "data='<out>'; root='<out>/..'; term='png'; output='…'" figures/<figure>.gp
///
/// so a figure has one source. `root` is the output folder's parent: a finished
/// sibling there (e.g. `runs/baseline` beside `runs/meta-gamma`) is overlaid.
///
/// Drawing never fails the run: without gnuplot, or without the scripts (a binary
/// moved away from its checkout), it says so in one line and draws nothing.
public struct RunFigures {
  /// The experiment's name (its `MANIFEST`'s `experiment = …`).
  public var experiment: String
  /// The folder of the scripts: `$METAGRADIENT_FIGURES`, else `figures/` of the
  /// checkout this library was compiled from.
  public var scripts: URL

  public init(experiment: String, scripts: URL = RunFigures.defaultScripts) {
    self.experiment = experiment
    self.scripts = scripts
  }

  public static var defaultScripts: URL {
    if let folder = ProcessInfo.processInfo.environment["METAGRADIENT_FIGURES"] { return URL(fileURLWithPath: folder) }
    // Sources/MetaGradient/Plot/RunFigures.swift → the package root.
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("figures")
  }

  /// The terminals every figure is drawn for, by file extension.
  public enum Format: String, CaseIterable { case png, svg }

  /// The scripts whose `# drawn by:` line names the experiment, by name.
  public func figureScripts() -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: scripts.path)) ?? []
    return names.filter { $0.hasSuffix(".gp") }.sorted().map { scripts.appendingPathComponent($0) }.filter { url in
      guard let text = try? String(contentsOf: url, encoding: .utf8) else { return false }
      return text.split(separator: "\n").contains { line in
        line.hasPrefix("# drawn by: ") && line.dropFirst("# drawn by: ".count).split(separator: " ").contains { $0 == experiment }
      }
    }
  }

  /// Draws every figure of the experiment from `out` into `<out>/figures/`; returns the
  /// files written. A script with nothing to draw (no environment of its kind in `out`)
  /// writes nothing. Problems are reported through `say`, once each. `summary` names
  /// the file holding the run's summary when it is not yet `<out>/COMPLETE` (the
  /// scripts' `summary`).
  @discardableResult
  public func draw(out: URL, summary: URL? = nil,
                   say: (String) -> Void = { Terminal.write($0 + "\n") }) -> [URL] {
    let out = out.standardizedFileURL
    let root = scripts.deletingLastPathComponent()
    let figures = figureScripts()
    guard !figures.isEmpty else {
      say("figures not drawn: no script in \(scripts.path) is drawn by \(experiment) (METAGRADIENT_FIGURES names the folder of figures/*.gp)")
      return []
    }
    guard let gnuplot = GnuplotPipe.find(tellingOnce: { say("figures not drawn: \($0) (Debian: apt-get install gnuplot-nox, or `make deps`)") }) else {
      return []
    }
    guard !out.path.contains("'") else {
      say("figures not drawn: the output folder's path contains a quote (')")
      return []
    }
    let folder = out.appendingPathComponent("figures")
    do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
      say("figures not drawn: cannot create \(folder.path): \(error.localizedDescription)")
      return []
    }
    var written: [URL] = []
    for script in figures {
      let name = script.deletingPathExtension().lastPathComponent
      for format in Format.allCases {
        let file = folder.appendingPathComponent("\(name).\(format.rawValue)")
        let temporary = URL(fileURLWithPath: file.path + ".tmp")
        let variables = "data='\(out.path)'; root='\(out.deletingLastPathComponent().path)'; term='\(format.rawValue)'; output='\(temporary.path)'" + (summary.map { "; summary='\($0.path)'" } ?? "")
        let process = Process()
        process.executableURL = gnuplot
        process.arguments = ["-e", variables, script.path]
        process.currentDirectoryURL = root
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
          try process.run()
          let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
          process.waitUntilExit()
          guard process.terminationStatus == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            let line = message.split(separator: "\n").last.map(String.init) ?? "exit \(process.terminationStatus)"
            say("figure \(name) not drawn: gnuplot: \(line)")
            break
          }
        } catch {
          say("figures not drawn: cannot run \(gnuplot.path): \(error.localizedDescription)")
          return written
        }
        guard FileManager.default.fileExists(atPath: temporary.path) else { break }
        _ = try? FileManager.default.removeItem(at: file)
        do { try FileManager.default.moveItem(at: temporary, to: file); written.append(file) } catch {
          say("figure \(name) not drawn: \(error.localizedDescription)")
        }
      }
    }
    return written
  }
}
