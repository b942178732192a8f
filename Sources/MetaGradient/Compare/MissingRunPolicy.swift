import ArgumentParser

/// What a comparison does when variants were not run on the same environments and
/// seeds (runs are matched by environment and seed; see ``MatchedRuns``).
public enum MissingRunPolicy: String, CaseIterable, Sendable, ExpressibleByArgument {
  /// Fail, listing every missing run (the default: nothing is dropped unnoticed).
  case fail
  /// Compare on the environments and seeds every variant has, and list each dropped
  /// run in the report's notes and on stderr.
  case drop
}
