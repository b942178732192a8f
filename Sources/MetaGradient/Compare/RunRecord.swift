import Foundation

/// One seed's learning curve as ``ControlExperiment`` writes it,
/// `<folder>/<env>/<variant>/seedNN.dat`: the header's `env`, `variant`, `seed` and
/// `total_env_steps`, and the `env_steps` and `episode_return` columns
/// (``LearningCurve/columns``).
///
/// A run is *diverged* when its header has a `# diverged …` line (or `# diverged = …`);
/// its score is then never averaged in (see ``FinalScoreRule``).
public struct RunRecord: Sendable {
  /// The header key (or note prefix) marking a diverged run.
  public static let divergedKey = "diverged"

  /// The file's path, for messages.
  public let file: String
  /// The environment (`# env = …`).
  public let env: String
  /// The variant within its experiment (`# variant = …`).
  public let variant: String
  /// The seed index (`# seed = …`).
  public let seed: Int
  /// The environment steps the run was trained for (`# total_env_steps = …`).
  public let totalEnvSteps: Int
  /// Every `# key = value` header line.
  public let header: [String: String]
  /// The `env_steps` column: environment steps at each logging point.
  public let envSteps: [Double]
  /// The `episode_return` column: mean return of the episodes since the previous row
  /// (nan before the first episode ends).
  public let returns: [Double]
  /// The `# diverged` header line's text, if the run diverged.
  public let diverged: String?

  /// Parses a seed file; `env` and `variant`, when given, are the folders it lies in
  /// and must agree with its header.
  public init(contentsOf url: URL, env folderEnv: String? = nil, variant folderVariant: String? = nil) throws {
    try self.init(DataFileReader(contentsOf: url), env: folderEnv, variant: folderVariant)
  }

  /// Reads a run from parsed data.
  public init(_ data: DataFileReader, env folderEnv: String? = nil, variant folderVariant: String? = nil) throws {
    file = data.path
    env = try data.value("env")
    variant = try data.value("variant")
    seed = try data.integer("seed")
    totalEnvSteps = try data.integer("total_env_steps")
    header = data.values
    envSteps = try data.column("env_steps")
    returns = try data.column("episode_return")
    diverged = data.values[Self.divergedKey].map { "\(Self.divergedKey) = \($0)" }
      ?? data.notes.first { $0.text.hasPrefix(Self.divergedKey) }?.text
    for (what, folder, said) in [("env", folderEnv, env), ("variant", folderVariant, variant)] {
      if let folder, folder != said {
        throw CompareError.garbled(file: file, line: nil, reason: "`# \(what) = \(said)` but the file lies in the folder of \(what) '\(folder)'")
      }
    }
    guard totalEnvSteps > 0 else {
      throw CompareError.garbled(file: file, line: nil, reason: "total_env_steps = \(totalEnvSteps): must be positive")
    }
    guard diverged != nil || !envSteps.isEmpty else {
      throw CompareError.garbled(file: file, line: nil, reason: "no data rows")
    }
  }

  /// Whether η was fixed during the run (no `learn_gamma = true` or `learn_lambda = true`
  /// in the header, as ``MetaConfig`` writes for a meta-learning run).
  public var isFixedEta: Bool { header["learn_gamma"] != "true" && header["learn_lambda"] != "true" }

  /// The problem with an unfinished run: the last row must be at `total_env_steps`
  /// (diverged runs stop early and are exempt).
  public var incompleteness: CompareError? {
    guard diverged == nil, let last = envSteps.last, last != Double(totalEnvSteps) else { return nil }
    return .incompleteRun(file: file, lastEnvSteps: last, totalEnvSteps: totalEnvSteps)
  }
}
