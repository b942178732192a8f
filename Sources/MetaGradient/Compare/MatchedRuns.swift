import Foundation

/// The runs of several experiments' variants matched by environment and seed: the
/// rectangular layout every statistic needs, `runs[v][m][n]` = the run of variant v on
/// environment m with seed `seeds[n]`.
///
/// Matching checks, and reports rather than hides:
/// - every file parses (``CompareError/garbled(file:line:reason:)``);
/// - every run finished (its last row at `total_env_steps`);
/// - all runs on one environment share `total_env_steps` (``CompareError/budgetMismatch(env:budgets:)``);
/// - every variant has every environment and, on it, every seed another variant has
///   (``CompareError/missingRuns(variant:env:seeds:)``; with ``MissingRunPolicy/drop``
///   the unshared environments and seeds are dropped and each is listed in ``notes``);
/// - every environment has a random-policy score (the first folder given that has
///   `random/<env>.dat` supplies it).
///
/// Score matrices need the same runs on every task, so when environments were run with
/// different numbers of seeds by every variant alike (the full profile: 5 on the classic
/// tasks, 3 on MinAtar) only the seeds common to all environments are used, and the
/// others are listed in ``notes``.
public struct MatchedRuns: Sendable {
  /// The variants, in the order given (folders, then variant names).
  public let variants: [ComparedVariant]
  /// The environments (in ``EnvironmentID`` order, then alphabetically).
  public let environments: [String]
  /// The seeds used on every environment.
  public let seeds: [Int]
  /// `runs[v][m][n]`: variant v, environment m, seed `seeds[n]`.
  public let runs: [[[RunRecord]]]
  /// The random policy's mean return per environment, and the file it came from.
  public let randomScores: [Double], randomFiles: [String]
  /// What was dropped or left unused.
  public let notes: [String]
  /// The folders without a `COMPLETE` marker (their experiments may still be running).
  public let incompleteFolders: [String]

  /// Matches the runs of `folders`, restricted to the variants named in `only` (by
  /// name or `experiment/variant`, in that order) and to the environments named in
  /// `environments` when given. Restricting the environments lets a comparison keep
  /// every seed of the environments that have more (10 on CartPole and Catch, where
  /// the MinAtar games have 3, say).
  public init(folders: [ExperimentFolder], only: [String]? = nil, environments onlyEnvironments: [String]? = nil,
              missing: MissingRunPolicy = .fail) throws {
    var problems = folders.flatMap(\.problems)
    var notes: [String] = []
    incompleteFolders = folders.filter { !$0.isComplete }.map(\.url.path)
    let byName = Dictionary(grouping: folders, by: \.name)
    for (name, group) in byName.sorted(by: { $0.key < $1.key }) where group.count > 1 {
      problems.append(.duplicateExperiment(name: name, folders: group.map(\.url.path)))
    }
    if let error = CompareError.combine(problems) { throw error }

    // Variants, named; then restricted to `only`.
    var found: [(experiment: String, variant: String, isFixedEta: Bool)] = []
    for folder in folders {
      var seen = Set<String>()
      for run in folder.runs.sorted(by: { $0.variant < $1.variant }) where seen.insert(run.variant).inserted {
        found.append((folder.name, run.variant, run.isFixedEta))
      }
    }
    var variants = ComparedVariant.naming(found)
    if let only {
      var chosen: [ComparedVariant] = []
      for name in only {
        guard let v = variants.first(where: { $0.isNamed(name) }) else {
          problems.append(.unknownVariant(name, available: variants.map(\.name)))
          continue
        }
        if !chosen.contains(v) { chosen.append(v) }
      }
      if let error = CompareError.combine(problems) { throw error }
      variants = chosen
    }

    // Index the runs: variant → env → seed.
    var table: [[String: [Int: RunRecord]]] = Array(repeating: [:], count: variants.count)
    for folder in folders {
      for run in folder.runs {
        guard let v = variants.firstIndex(where: { $0.experiment == folder.name && $0.variant == run.variant }) else { continue }
        table[v][run.env, default: [:]][run.seed] = run
        if let problem = run.incompleteness { problems.append(problem) }
      }
    }
    var allEnvironments = Self.ordered(Set(table.flatMap(\.keys)))
    if let onlyEnvironments {
      for env in onlyEnvironments where !allEnvironments.contains(env) {
        problems.append(.unknownEnvironment(env, available: allEnvironments))
      }
      if let error = CompareError.combine(problems) { throw error }
      allEnvironments = allEnvironments.filter(onlyEnvironments.contains)
    }

    // Budgets agree per environment.
    for env in allEnvironments {
      var budgets: [String] = []
      var distinct = Set<Int>()
      for (v, variant) in variants.enumerated() {
        let steps = Set(table[v][env]?.values.map(\.totalEnvSteps) ?? [])
        distinct.formUnion(steps)
        if steps.count == 1 { budgets.append("\(variant.name): \(steps.first!)") }
        for s in steps.sorted() where steps.count > 1 {
          let seeds = table[v][env]!.values.filter { $0.totalEnvSteps == s }.map(\.seed).sorted()
          budgets.append("\(variant.name) seed\(seeds.count > 1 ? "s" : "") \(seeds.map(String.init).joined(separator: ",")): \(s)")
        }
      }
      if distinct.count > 1 { problems.append(.budgetMismatch(env: env, budgets: budgets)) }
    }

    // Every variant has every environment and seed another variant has.
    var environments: [String] = []
    var seedsByEnv: [String: [Int]] = [:]
    for env in allEnvironments {
      let union = Set(table.flatMap { $0[env].map { Array($0.keys) } ?? [] })
      var common = union
      var complete = true
      for (v, variant) in variants.enumerated() {
        let have = Set(table[v][env]?.keys.map { $0 } ?? [])
        common.formIntersection(have)
        let lacking = have.isEmpty ? [] : union.subtracting(have).sorted()
        guard have.isEmpty || !lacking.isEmpty else { continue }
        let problem = CompareError.missingRuns(variant: variant.name, env: env, seeds: lacking)
        if missing == .fail { problems.append(problem) } else { notes.append("dropped: \(problem)") }
        if have.isEmpty { complete = false }
      }
      if complete && !common.isEmpty {
        environments.append(env)
        seedsByEnv[env] = common.sorted()
      } else if missing == .drop {
        notes.append("dropped: environment \(env) (not run by every variant)")
      }
    }

    // Random-policy scores: the first folder that has one.
    var randomScores: [Double] = [], randomFiles: [String] = []
    for env in environments {
      if let folder = folders.first(where: { $0.randomScores[env] != nil }) {
        randomScores.append(folder.randomScores[env]!)
        randomFiles.append(folder.url.appendingPathComponent("\(ExperimentFolder.randomFolder)/\(env).dat").path)
      } else {
        problems.append(.missingRandomScore(
          env: env, looked: folders.map { $0.url.appendingPathComponent("\(ExperimentFolder.randomFolder)/\(env).dat").path }))
      }
    }
    if let error = CompareError.combine(problems) { throw error }
    guard !environments.isEmpty else {
      throw CompareError.nothingToCompare("no environment was run by every variant (\(variants.map(\.name).joined(separator: ", ")))")
    }

    // The seeds every environment has.
    let seeds = environments.dropFirst().reduce(Set(seedsByEnv[environments[0]]!)) { $0.intersection(seedsByEnv[$1]!) }.sorted()
    guard !seeds.isEmpty else {
      throw CompareError.nothingToCompare("no seed was run on every environment (\(environments.joined(separator: ", ")))")
    }
    for env in environments {
      let unused = seedsByEnv[env]!.filter { !seeds.contains($0) }
      if !unused.isEmpty {
        notes.append("\(env): seeds \(unused.map(String.init).joined(separator: ", ")) not used: score matrices need the same seeds on every environment (\(seeds.map(String.init).joined(separator: ", ")))")
      }
    }

    self.variants = variants
    self.environments = environments
    self.seeds = seeds
    self.runs = variants.indices.map { v in environments.map { env in seeds.map { table[v][env]![$0]! } } }
    self.randomScores = randomScores
    self.randomFiles = randomFiles
    self.notes = notes
  }

  /// Environment names in ``EnvironmentID`` order, unknown names after, alphabetically.
  static func ordered(_ names: Set<String>) -> [String] {
    let known = EnvironmentID.allCases.map(\.rawValue)
    return names.sorted { a, b in
      switch (known.firstIndex(of: a), known.firstIndex(of: b)) {
      case let (i?, j?): return i < j
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return a < b
      }
    }
  }
}
