import ArgumentParser
import Foundation

/// The settings shared by the experiments of the Table 1 analogue (Xu et al. 2018,
/// Table 1: fixed γ against meta-learned λ, γ and {γ, λ}), `table-1` and `outer-critic`,
/// so that their rows compare run for run:
///
/// - evaluation seeds 10, 11, …: disjoint from the tuning seeds 0–9 of `landscape` and
///   `baseline`, on which the held-out best fixed η is chosen (``HeldOutReference``);
/// - full profile: 10 seeds on every environment (rliable's minimum for intervals that
///   can be trusted, Agarwal et al. 2021), run in two rounds of 5 (``SweepUnit/round``)
///   so that an interrupted sweep leaves every row at 5 seeds rather than some at 10;
/// - MinAtar 3M environment steps per run (Young & Tian 2019 train 5M frames; 3M is what
///   fits ten seeds of every row on two cores: ≈ 13 core-hours), CartPole 1M and
///   Catch 200k as everywhere else; the quick profile's budgets otherwise.
public enum TableOneStudy {
  /// The first evaluation seed.
  public static let firstSeed = 10
  /// Full profile: seeds per environment, and per round.
  public static let fullSeeds = 10, seedsPerRound = 5
  /// Full profile: environment steps per MinAtar run.
  public static let minAtarSteps = 3_000_000
  /// The experiments whose fixed-η runs choose the held-out reference, in order of
  /// preference per environment: the 36-cell landscape where it was run (CartPole,
  /// Catch, Breakout, SpaceInvaders, Seaquest), else the baseline's 4-cell grid.
  public static let tuningExperiments = ["landscape", "baseline"]
  /// The name of the held-out best fixed η's variant.
  public static let heldOutVariant = "tuned-fixed-eta"

  /// A control experiment of the study: `variants` with the study's seeds and budgets.
  public static func experiment(title: String, variants: [ControlVariant], control: ControlOptions,
                                common: ExperimentOptions) throws -> ControlExperiment {
    var experiment = ControlExperiment(
      title: title, environments: try control.environments(), variants: variants, options: control, common: common)
    experiment.firstSeed = firstSeed
    if common.profile == .full {
      (experiment.budget.classicSeeds, experiment.budget.minAtarSeeds) = (fullSeeds, fullSeeds)
      experiment.budget.minAtarSteps = minAtarSteps
      experiment.seedsPerRound = seedsPerRound
    }
    return experiment
  }

  /// The tuning folders: `tuning` (comma-separated paths), or the ``tuningExperiments``
  /// beside `out`.
  public static func tuningFolders(_ tuning: String?, out: URL) -> [URL] {
    if let tuning { return tuning.split(separator: ",").map { URL(fileURLWithPath: String($0)) } }
    return tuningExperiments.map { out.deletingLastPathComponent().appendingPathComponent($0) }
  }

  /// The held-out best fixed η of every environment of `experiment`, chosen on the
  /// finished `folders`, as ``heldOutVariant`` on each (its choice in the header).
  ///
  /// - Throws: a `ValidationError` naming a folder that is missing or unfinished, or why
  ///   no choice could be made.
  public static func heldOutVariants(tuning folders: [URL], for experiment: ControlExperiment) throws -> [EnvironmentID: [ControlVariant]] {
    let read = try folders.map { url -> ExperimentFolder in
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
        throw ValidationError("tuning folder \(url.path) does not exist: run that experiment first (or pass --tuning)")
      }
      guard FileManager.default.fileExists(atPath: url.appendingPathComponent(CompletionMarker.name).path) else {
        throw ValidationError("tuning folder \(url.path) has no \(CompletionMarker.name) marker: run that experiment first (or pass --tuning)")
      }
      do { return try ExperimentFolder(url) } catch { throw ValidationError("tuning folder \(url.path): \(error)") }
    }
    let environments = experiment.environments
    let reference: HeldOutReference
    do { reference = try HeldOutReference(tuning: read, environments: environments.map(\.rawValue)) }
    catch { throw ValidationError("the held-out reference: \(error)") }
    for choice in reference.choices {
      let id = EnvironmentID(rawValue: choice.env)!
      let overlap = Set(choice.seeds).intersection(experiment.seedIndices(id))
      guard overlap.isEmpty || choice.baseSeed != "\(experiment.common.seed)" else {
        throw ValidationError("the evaluation seeds on \(choice.env) overlap the tuning seeds \(HeldOutReference.describe(choice.seeds)) of \(choice.folder)")
      }
    }
    return Dictionary(uniqueKeysWithValues: reference.choices.map { choice in
      (EnvironmentID(rawValue: choice.env)!,
       [ControlVariant(name: heldOutVariant, gamma: choice.gamma, lambda: choice.lambda, header: choice.header)])
    })
  }
}
