/// One independent unit of an experiment's work, e.g. one seed of one variant on one
/// environment (`cartpole/meta-gamma/seed03`), or the random policy on one environment
/// (`random/cartpole`). Units share nothing while they run: each writes its own data
/// files and its own checkpoint (``RunCheckpoint``), so any executor — one process,
/// one process per core (``LocalExecutor``), a Slurm job array (``SlurmExecutor``) —
/// may run them in any order and the files come out the same.
public struct SweepUnit: Sendable, Hashable, Codable {
  /// The unit's name: a relative path, no spaces (`<env>/<variant>/seedNN`).
  public var name: String
  /// Its work in the experiment's progress unit (environment steps, episodes).
  public var work: Int
  /// Its estimated cost relative to one CartPole A2C step (for scheduling the longest
  /// units first, and for the ETA): `work` × ``EnvironmentID/relativeCost`` × the
  /// agent's factor.
  public var cost: Double
  /// Its round: an executor starts every unit of a round before any of a later one (and
  /// within a round the longest first), so a plan whose first rounds are useful on
  /// their own — 5 seeds of every row, then 5 more — is usable when it is interrupted.
  /// Default 0: one round.
  public var round: Int

  public init(name: String, work: Int, cost: Double, round: Int = 0) {
    precondition(!name.isEmpty && !name.contains(where: \.isWhitespace), "a unit's name is a path without spaces, got '\(name)'")
    precondition(round >= 0, "a unit's round is non-negative, got \(round)")
    self.name = name; self.work = work; self.cost = cost; self.round = round
  }

  /// `seedNN`, the file stem of seed `seed`.
  public static func seedName(_ seed: Int) -> String { "seed\(seed < 10 ? "0" : "")\(seed)" }
}
