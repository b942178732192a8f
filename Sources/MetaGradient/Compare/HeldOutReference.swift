import Foundation

/// The best fixed η per environment chosen on *tuning* runs, to be scored on
/// *evaluation* runs whose seeds are disjoint from them.
///
/// ``Reference/bestFixedEta`` picks the best fixed η on the very seeds it is then scored
/// on, which flatters it (the maximum of noisy means is biased upwards). A held-out
/// reference removes that bias: per environment m,
///
///     η*_m = argmax_η (1/|S_tune|) Σ_{n ∈ S_tune} x(η, m, n),
///
/// over the fixed-η cells of the tuning runs (x the final score, ``FinalScoreRule``),
/// and the reference's score on m is the mean of x(η*_m, m, n) over evaluation seeds
/// n ∈ S_eval, S_eval ∩ S_tune = ∅. An experiment that runs η*_m on its evaluation
/// seeds (`table-1`) records the choice in its files' headers (``headerKeys``), and
/// `compare` says, from those headers, which seeds chose the reference and which scored it.
public struct HeldOutReference: Sendable {
  /// The choice on one environment.
  public struct Choice: Sendable, Hashable {
    public var env: String
    /// η*_m.
    public var gamma: Double, lambda: Double
    /// The tuning experiment (its folder's name, so that headers do not depend on where
    /// the data lies) and the variant (cell) chosen in it.
    public var folder: String, variant: String
    /// S_tune: the seed indices of the chosen cell's runs, and their base seed.
    public var seeds: [Int], baseSeed: String
    /// The chosen cell's mean final score over S_tune, and how many cells competed.
    public var meanScore: Double, cells: Int

    /// The `key = value` lines a run of η*_m on evaluation seeds carries in its header.
    public var header: [(key: String, value: String)] {
      [(HeldOutReference.headerKeys.folder, folder), (HeldOutReference.headerKeys.variant, variant),
       (HeldOutReference.headerKeys.seeds, HeldOutReference.describe(seeds)),
       (HeldOutReference.headerKeys.baseSeed, baseSeed), (HeldOutReference.headerKeys.score, DataFile.format(meanScore)),
       (HeldOutReference.headerKeys.cells, "\(cells)")]
    }
  }

  /// The header keys of a held-out reference's runs.
  public static let headerKeys = (
    folder: "tuning_folder", variant: "tuning_variant", seeds: "tuning_seeds", baseSeed: "tuning_base_seed",
    score: "tuning_score", cells: "tuning_cells")

  /// Per environment, in the order asked.
  public let choices: [Choice]

  /// Chooses η*_m on every environment of `environments` from `folders`: on each, the
  /// first folder with fixed-η runs there supplies the cells (e.g. the 36-cell landscape
  /// where it was run, else the baseline's 4-cell grid); ties go to the first cell in
  /// the folder's (alphabetical) order; diverged runs are left out of a cell's mean.
  ///
  /// - Throws: ``CompareError/garbled(file:line:reason:)`` for a run without `gamma`
  ///   and `lambda` in its header, ``CompareError/nothingToCompare(_:)`` when no folder
  ///   has a fixed-η run (that did not diverge) on an environment.
  public init(tuning folders: [ExperimentFolder], environments: [String], rule: FinalScoreRule = .init()) throws {
    choices = try environments.map { env in
      guard let folder = folders.first(where: { $0.runs.contains { $0.env == env && $0.isFixedEta } }) else {
        throw CompareError.nothingToCompare("no tuning folder (\(folders.map(\.url.path).joined(separator: ", "))) has fixed-η runs on \(env)")
      }
      let cells = Dictionary(grouping: folder.runs.filter { $0.env == env && $0.isFixedEta }, by: \.variant)
      var best: (variant: String, mean: Double, runs: [RunRecord])?
      for (variant, runs) in cells.sorted(by: { $0.key < $1.key }) {
        let scores = runs.compactMap { rule.score($0).value }
        guard !scores.isEmpty else { continue }
        let mean = Statistics.mean(scores)
        if best == nil || mean > best!.mean { best = (variant, mean, runs) }
      }
      guard let best else { throw CompareError.nothingToCompare("every fixed-η run on \(env) in \(folder.url.path) diverged") }
      let first = best.runs[0]
      guard let gamma = first.header["gamma"].flatMap(Double.init), let lambda = first.header["lambda"].flatMap(Double.init) else {
        throw CompareError.garbled(file: first.file, line: nil, reason: "a fixed-η run needs `# gamma = …` and `# lambda = …` in its header")
      }
      return Choice(env: env, gamma: gamma, lambda: lambda, folder: folder.name, variant: best.variant,
                    seeds: best.runs.map(\.seed).sorted(), baseSeed: first.header["base_seed"] ?? "0",
                    meanScore: best.mean, cells: cells.count)
    }
  }

  /// The choice on `env`, if it was asked for.
  public subscript(env: String) -> Choice? { choices.first { $0.env == env } }

  /// Seeds as ranges, e.g. `0–9` or `0–2, 5`.
  public static func describe(_ seeds: [Int]) -> String {
    var parts: [String] = [], i = 0
    let s = seeds.sorted()
    while i < s.count {
      var j = i
      while j + 1 < s.count && s[j + 1] == s[j] + 1 { j += 1 }
      parts.append(j > i ? "\(s[i])–\(s[j])" : "\(s[i])")
      i = j + 1
    }
    return parts.joined(separator: ", ")
  }

  /// The seeds of a ``describe(_:)`` text, or nil when it is not one.
  public static func parse(_ text: String) -> [Int]? {
    var seeds: [Int] = []
    for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
      let ends = part.split(separator: "–").map { Int($0) }
      guard (1...2).contains(ends.count), ends.allSatisfy({ $0 != nil && $0! >= 0 }), ends.first!! <= ends.last!! else { return nil }
      seeds += Array(ends.first!!...ends.last!!)
    }
    return seeds.isEmpty ? nil : seeds
  }
}

extension HeldOutReference {
  /// Where a comparison's reference was chosen and where it is scored, read from its
  /// runs' headers (``Choice/header``): per environment the tuning experiment, cell and
  /// seeds, and the seeds of the compared runs. Checked: the two sets of seeds are
  /// disjoint (or have different base seeds), so the reference is truly held out.
  public struct Provenance: Sendable {
    public struct Entry: Sendable, Hashable {
      public var env: String
      public var gamma: String, lambda: String
      public var folder: String, variant: String, cells: String
      public var tuningSeeds: [Int], tuningBaseSeed: String
      public var scoringSeeds: [Int], scoringBaseSeed: String
    }
    public let entries: [Entry]

    /// Reads the reference's runs, `runs[m][n]` on environment `environments[m]`; nil
    /// when none carries a tuning header (a reference chosen in the comparison, or given).
    ///
    /// - Throws: ``CompareError/garbled(file:line:reason:)`` when only some runs carry
    ///   it, a seed list does not parse or the tuning and scoring seeds overlap.
    public init?(runs: [[RunRecord]], environments: [String]) throws {
      let keys = HeldOutReference.headerKeys
      let all = runs.flatMap { $0 }
      let tagged = all.filter { $0.header[keys.folder] != nil }
      guard !tagged.isEmpty else { return nil }
      if let untagged = all.first(where: { $0.header[keys.folder] == nil }) {
        throw CompareError.garbled(file: untagged.file, line: nil, reason: "other runs of this variant say where their η was tuned (`# \(keys.folder)`), this one does not")
      }
      entries = try zip(environments, runs).map { env, runs in
        let first = runs[0]
        func value(_ key: String) throws -> String {
          guard let v = first.header[key] else { throw CompareError.garbled(file: first.file, line: nil, reason: "missing `# \(key) = …`") }
          return v
        }
        guard let tuning = HeldOutReference.parse(try value(keys.seeds)) else {
          throw CompareError.garbled(file: first.file, line: nil, reason: "`# \(keys.seeds) = \(try value(keys.seeds))` is not a list of seeds such as 0–9")
        }
        let entry = Entry(
          env: env, gamma: try value("gamma"), lambda: try value("lambda"), folder: try value(keys.folder),
          variant: try value(keys.variant), cells: try value(keys.cells), tuningSeeds: tuning,
          tuningBaseSeed: try value(keys.baseSeed), scoringSeeds: runs.map(\.seed).sorted(), scoringBaseSeed: first.header["base_seed"] ?? "0")
        let overlap = Set(entry.tuningSeeds).intersection(entry.scoringSeeds)
        if entry.tuningBaseSeed == entry.scoringBaseSeed, let seed = overlap.min() {
          throw CompareError.garbled(file: first.file, line: nil, reason: "the reference is not held out on \(env): seed \(seed) both chose it (in \(entry.folder)) and scores it")
        }
        return entry
      }
    }

    /// One sentence per environment, e.g. "cartpole: γ = 0.99, λ = 0.8, the best of 36
    /// cells of landscape on seeds 0–9 (base seed 0), scored on seeds 10–19 (base seed 0)".
    public var sentences: [String] {
      entries.map { e in
        "\(e.env): γ = \(e.gamma), λ = \(e.lambda), the best of \(e.cells) fixed-η cells of \(e.folder) on seeds "
          + "\(HeldOutReference.describe(e.tuningSeeds)) (base seed \(e.tuningBaseSeed)), scored on seeds "
          + "\(HeldOutReference.describe(e.scoringSeeds)) (base seed \(e.scoringBaseSeed))"
      }
    }
  }
}
