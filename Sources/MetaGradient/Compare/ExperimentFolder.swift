import Foundation

/// One experiment's output folder as ``ControlExperiment`` writes it:
///
///     <folder>/<env>/<variant>/seedNN.dat    one run each (``RunRecord``)
///     <folder>/random/<env>.dat              the random policy (``randomScores``)
///     <folder>/COMPLETE                      written last, when the run finished
///
/// The experiment is named by the folder's last path component (`data/meta-gamma` →
/// `meta-gamma`). Reading never stops at the first bad file: every garbled file is
/// collected in ``problems``.
public struct ExperimentFolder: Sendable {
  /// The name of the folder of random-policy scores.
  public static let randomFolder = "random"

  /// The folder.
  public let url: URL
  /// The experiment's name, the folder's last path component.
  public let name: String
  /// Whether `COMPLETE` exists (a folder without it may still be being written).
  public let isComplete: Bool
  /// Every run read, in (env, variant, seed) order.
  public let runs: [RunRecord]
  /// The random policy's mean return per environment (`return_mean` of `random/<env>.dat`).
  public let randomScores: [String: Double]
  /// Every file that could not be read.
  public let problems: [CompareError]

  /// Reads `url`.
  ///
  /// - Throws: ``CompareError/notAFolder(_:)`` when `url` is not a folder and
  ///   ``CompareError/noRuns(folder:)`` when it holds no seed files at all.
  public init(_ url: URL) throws {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw CompareError.notAFolder(url.path)
    }
    self.url = url
    name = url.standardizedFileURL.lastPathComponent
    isComplete = fm.fileExists(atPath: url.appendingPathComponent(CompletionMarker.name).path)

    var runs: [RunRecord] = [], problems: [CompareError] = [], random: [String: Double] = [:]
    for env in Self.subfolders(of: url) where env != Self.randomFolder {
      let envURL = url.appendingPathComponent(env)
      for variant in Self.subfolders(of: envURL) {
        let variantURL = envURL.appendingPathComponent(variant)
        for file in Self.seedFiles(in: variantURL) {
          do { runs.append(try RunRecord(contentsOf: variantURL.appendingPathComponent(file), env: env, variant: variant)) }
          catch let error as CompareError { problems.append(error) }
        }
      }
    }
    let randomURL = url.appendingPathComponent(Self.randomFolder)
    for file in (try? fm.contentsOfDirectory(atPath: randomURL.path))?.sorted() ?? [] where file.hasSuffix(".dat") {
      do {
        let data = try DataFileReader(contentsOf: randomURL.appendingPathComponent(file))
        let returns = try data.column("return_mean")
        guard returns.count == 1, returns[0].isFinite else {
          throw CompareError.garbled(file: data.path, line: nil, reason: "expected one row with a finite return_mean, found \(returns.map(DataFile.format))")
        }
        random[String(file.dropLast(4))] = returns[0]
      } catch let error as CompareError { problems.append(error) }
    }
    guard !runs.isEmpty || !problems.isEmpty else { throw CompareError.noRuns(folder: url.path) }
    self.runs = runs.sorted { ($0.env, $0.variant, $0.seed) < ($1.env, $1.variant, $1.seed) }
    self.randomScores = random
    self.problems = problems
  }

  /// The sorted names of the visible subfolders of `url`.
  static func subfolders(of url: URL) -> [String] {
    let fm = FileManager.default
    return ((try? fm.contentsOfDirectory(atPath: url.path)) ?? []).filter { name in
      var isDirectory: ObjCBool = false
      return !name.hasPrefix(".")
        && fm.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory) && isDirectory.boolValue
    }.sorted()
  }

  /// The sorted `seedNN.dat` files of a variant folder.
  static func seedFiles(in url: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter {
      $0.hasPrefix("seed") && $0.hasSuffix(".dat") && Int($0.dropFirst(4).dropLast(4)) != nil
    }.sorted()
  }
}
