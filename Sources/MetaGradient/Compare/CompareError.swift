/// Why a comparison cannot be made: each case names the file, run or value at fault
/// and what is allowed. A comparison collects every problem it finds before failing
/// (``CompareError/several(_:)``), so one run lists them all.
public enum CompareError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A path given on the command line is not a readable folder.
  case notAFolder(String)
  /// A folder holds no `<env>/<variant>/seedNN.dat` files.
  case noRuns(folder: String)
  /// A data file cannot be read as a data file: `line` (1-based) is the offending line,
  /// nil when the problem is the file as a whole (e.g. a missing header key).
  case garbled(file: String, line: Int?, reason: String)
  /// Two folders share a name, so `<experiment>/<variant>` would not tell them apart.
  case duplicateExperiment(name: String, folders: [String])
  /// A variant named by `--reference` or `--variants` is not in the data.
  case unknownVariant(String, available: [String])
  /// `--env` names an environment no folder has runs on.
  case unknownEnvironment(String, available: [String])
  /// The default reference (best fixed η) needs at least one fixed-η variant.
  case noFixedEtaVariant(available: [String])
  /// A variant has no runs for an environment (`seeds` empty) or for some seeds of it.
  case missingRuns(variant: String, env: String, seeds: [Int])
  /// The runs of one environment were trained for different numbers of environment
  /// steps: `budgets` lists `variant: total_env_steps` (seeds noted when they differ).
  case budgetMismatch(env: String, budgets: [String])
  /// A run's last row is not at its `total_env_steps` (an unfinished run).
  case incompleteRun(file: String, lastEnvSteps: Double, totalEnvSteps: Int)
  /// No folder has `random/<env>.dat`, the random policy's score (normalised score 0).
  case missingRandomScore(env: String, looked: [String])
  /// Every compared environment or seed was dropped, or every run of the reference diverged.
  case nothingToCompare(String)
  /// On `env`, the random policy and the reference have the same score, so scores
  /// cannot be normalised there.
  case degenerateReference(env: String, random: Double, reference: Double)
  /// Several problems at once.
  indirect case several([CompareError])

  /// Whether the problem is with the command line (exit 64) rather than the data (exit 1).
  public var isUsageError: Bool {
    switch self {
    case .notAFolder, .duplicateExperiment, .unknownVariant, .unknownEnvironment: return true
    case let .several(all): return all.allSatisfy(\.isUsageError)
    default: return false
    }
  }

  /// ``several(_:)`` flattened; a single problem as itself.
  public static func combine(_ problems: [CompareError]) -> CompareError? {
    let flat = problems.flatMap { problem -> [CompareError] in
      if case let .several(inner) = problem { return inner }
      return [problem]
    }
    return flat.isEmpty ? nil : flat.count == 1 ? flat[0] : .several(flat)
  }

  public var description: String {
    switch self {
    case let .notAFolder(path):
      return "\(path) is not a folder: pass experiment data folders such as data/baseline"
    case let .noRuns(folder):
      return "no runs in \(folder): expected \(folder)/<env>/<variant>/seedNN.dat (an experiment's output folder)"
    case let .garbled(file, line, reason):
      return line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)"
    case let .duplicateExperiment(name, folders):
      return "folders \(folders.joined(separator: ", ")) are all named '\(name)': pass each experiment once"
    case let .unknownVariant(name, available):
      return "no variant '\(name)' in the data; available: \(available.joined(separator: ", "))"
    case let .unknownEnvironment(name, available):
      return "no runs on environment '\(name)' in the data; available: \(available.joined(separator: ", "))"
    case let .noFixedEtaVariant(available):
      return "no fixed-η variant to take as the reference (best fixed η): include the baseline folder or pass --reference <variant>; variants: \(available.joined(separator: ", "))"
    case let .missingRuns(variant, env, seeds):
      return seeds.isEmpty
        ? "\(variant) has no runs on \(env), which other variants have"
        : "\(variant) on \(env) lacks seed\(seeds.count > 1 ? "s" : "") \(seeds.map(String.init).joined(separator: ", ")), which other variants have"
    case let .budgetMismatch(env, budgets):
      return "runs on \(env) have different budgets (total_env_steps): \(budgets.joined(separator: ", ")); compare runs of the same profile"
    case let .incompleteRun(file, last, total):
      return "\(file): last row at env_steps \(DataFile.format(last)) but total_env_steps = \(total): the run did not finish"
    case let .missingRandomScore(env, looked):
      return "no random-policy score for \(env): looked for \(looked.joined(separator: ", "))"
    case let .nothingToCompare(why):
      return "nothing to compare: \(why)"
    case let .degenerateReference(env, random, reference):
      return "on \(env) the reference scores \(DataFile.format(reference)) and the random policy \(DataFile.format(random)): the same, so scores cannot be normalised (choose another --reference)"
    case let .several(all):
      return "\(all.count) problems:\n" + all.map { "  - \($0)" }.joined(separator: "\n")
    }
  }
}
