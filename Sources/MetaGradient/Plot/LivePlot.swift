import Foundation

/// The live plot of a run (`--plot live`, `--plot live=FILE.png`; ``PlotMode``): the
/// episode return of the unit running now against environment steps and, once they
/// change (a meta-gradient agent), γ and λ below it, drawn by one gnuplot process per
/// run (``GnuplotPipe``), every ``interval`` and at the end of every unit.
///
/// - `live` draws with gnuplot's `dumb` terminal on stderr, above the ``Progress``
///   line, moving the cursor up over the previous drawing (ANSI escapes) so that it
///   redraws in place; nothing when stderr is not a terminal or the run is `--quiet`.
/// - `live=FILE.png` draws with `pngcairo` into `FILE.png.tmp` and renames it over
///   FILE.png, so a viewer never sees half a file.
///
/// Reporting a sample costs no allocation unless it is a new logged row (at most
/// ``TrainingSchedule/targetRows`` per unit). Without gnuplot, or when it exits, the
/// run goes on without the plot, saying so once.
public final class LivePlot {
  /// Where the plot goes.
  enum Target {
    case terminal(below: Progress?)
    case file(URL)
  }

  /// Seconds between two drawings.
  public static let interval: Duration = .milliseconds(2500)

  private let target: Target
  private let title: String
  private var gnuplot: GnuplotPipe?
  private var unit = ""
  private var points: [LiveSample] = []
  private var lastDraw = ContinuousClock.now
  /// Lines of the drawing on screen (``Target/terminal``), to move up over.
  private var height = 0

  /// The live plot `mode` asks for, or nil when it draws nothing live: `figures`,
  /// `off`, or `live` on a stderr that is not a terminal or with `quiet`. `title` (the
  /// experiment's) heads every drawing.
  public init?(_ mode: PlotMode, title: String, quiet: Bool, below progress: Progress?) {
    switch mode {
    case .figures, .off: return nil
    case .live:
      guard Terminal.isLive(quiet: quiet) else { return nil }
      target = .terminal(below: progress)
    case .liveFile(let path):
      target = .file(URL(fileURLWithPath: path))
    }
    self.title = title
    do { gnuplot = try GnuplotPipe() } catch { stop("\(error)") }
  }

  /// Starts over with `unit`'s series.
  public func begin(unit name: String) {
    unit = name
    points.removeAll(keepingCapacity: true)
  }

  /// Adds `sample` when it is a new logged row, and draws when the last drawing is
  /// ``interval`` old.
  public func record(_ sample: LiveSample?) {
    guard gnuplot != nil, let sample, sample.envSteps > points.last?.envSteps ?? Int.min else { return }
    points.append(sample)
    if ContinuousClock.now - lastDraw >= Self.interval { draw() }
  }

  /// Something else wrote whole lines on stderr below the drawing: the next drawing
  /// starts below them instead of moving up over them (and over the lines).
  public func linesWritten() { height = 0 }

  /// Draws the unit's series now (its end: even a unit shorter than ``interval`` is drawn).
  public func endUnit() { draw() }

  /// Stops gnuplot.
  public func close() {
    gnuplot?.close()
    gnuplot = nil
  }

  /// Whether η changed along the series, so that γ and λ get their own panel.
  var showsEta: Bool {
    guard let first = points.first else { return false }
    return points.contains { $0.gamma != first.gamma || $0.lambda != first.lambda }
  }

  func draw() {
    guard let gnuplot, points.contains(where: { $0.episodeReturn.isFinite }) else { return }
    lastDraw = .now
    do {
      switch target {
      case .terminal(let progress):
        let text = try gnuplot.render(script(terminal: terminalSetting()))
        show(text, below: progress)
      case .file(let url):
        let partial = url.path + ".tmp"
        _ = try gnuplot.render(script(terminal: "set terminal pngcairo size 1000,\(showsEta ? 750 : 500) font 'sans,10' noenhanced\n"
                                        + "set output \(Self.quoted(partial))", closesOutput: true))
        guard rename(partial, url.path) == 0 else { return stop("cannot replace it: \(String(cString: strerror(errno)))") }
      }
    } catch {
      stop("\(error)")
    }
  }

  /// The `dumb` terminal at the width of stderr's terminal and a height that leaves
  /// the progress line and one more on screen.
  func terminalSetting() -> String {
    let rows = Terminal.size?.rows ?? 24
    let height = max(10, min(rows - 2, showsEta ? 32 : 18))
    return "set terminal dumb size \(min(Terminal.lineWidth, 160)),\(height) ansi"
  }

  /// The gnuplot script of one drawing: the series as a datablock, then one panel
  /// (episode return) or two (and γ, λ).
  func script(terminal: String, closesOutput: Bool = false) -> String {
    var lines = ["set encoding utf8", terminal, "$d << EOD"]
    for p in points {
      lines.append("\(p.envSteps) \(DataFile.format(p.episodeReturn)) \(DataFile.format(p.gamma)) \(DataFile.format(p.lambda))")
    }
    lines += [
      "EOD",
      "set datafile missing 'nan'",
      "set offsets 0, 0, graph 0.1, graph 0.1",
      "set autoscale xfix",
      "set multiplot layout \(showsEta ? 2 : 1),1 title \(Self.quoted("\(title)  \(unit)"))",
      "set title 'episode return'",
      "unset xlabel",
      showsEta ? "set format x ''" : "set xlabel 'environment steps'",
      "plot $d using 1:2 with lines notitle",
    ]
    if showsEta {
      lines += [
        "set title 'γ, λ'", "set xlabel 'environment steps'", "set format x '% h'", "set key outside right top",
        "plot $d using 1:3 with lines title 'γ', $d using 1:4 with lines title 'λ'",
      ]
    }
    lines.append("unset multiplot")
    if closesOutput { lines.append("unset output") }
    lines.append("reset")
    return lines.joined(separator: "\n")
  }

  /// Writes `text` (gnuplot's drawing) over the previous one, then the progress line below it.
  func show(_ text: String, below progress: Progress?) {
    // A form feed starts the page; after the last line's newline only a colour reset follows.
    let rows = text.replacingOccurrences(of: "\u{0C}", with: "").split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    var out = "\r" + (height > 0 ? "\u{1B}[\(height)A" : "")
    for row in rows { out += row + "\u{1B}[0m\u{1B}[K\n" }
    Terminal.write(out + "\u{1B}[J")
    height = rows.count
    progress?.redraw()
  }

  /// Stops the plot for the rest of the run, saying why on stderr (once: the plot is
  /// never drawn again).
  func stop(_ reason: String) {
    close()
    switch target {
    case .terminal(let progress):
      Terminal.write("\r\u{1B}[Klive plot off: \(reason)\n")
      progress?.redraw()
    case .file(let url):
      Terminal.write("live plot off (\(url.path)): \(reason)\n")
    }
  }

  /// `text` as a gnuplot single-quoted string ('' stands for ').
  static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
