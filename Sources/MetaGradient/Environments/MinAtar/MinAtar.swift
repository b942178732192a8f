/// MinAtar's full action set, in MinAtar's order (`['n','l','u','r','d','f']`).
///
/// Young & Tian (2019), *MinAtar: An Atari-Inspired Testbed for Thorough and
/// Reproducible Reinforcement Learning Experiments*; rules from MinAtar 1.0.x.
public enum MinAtarAction: Int, CaseIterable, Codable, Sendable {
  case noop = 0, left, up, right, down, fire
}

/// One MinAtar game's rules on its 10×10 grid, without sticky actions or action-set
/// mapping (``MinAtar`` adds those).
///
/// A game draws every random number it needs from the source it is handed (a
/// ``RandomStream`` in every run; see ``MinAtarRandomSource``), so the whole
/// environment is determined by its seed.
public protocol MinAtarGame: Codable, Sendable {
  /// The observation channels, in order (e.g. paddle, ball, trail, brick).
  static var channelNames: [String] { get }
  /// The game's minimal action set, in MinAtar's order (`minimal_action_set()`).
  static var minimalActionSet: [MinAtarAction] { get }
  /// A game in its initial state.
  init(rng: inout some MinAtarRandomSource)
  /// Starts a new episode.
  mutating func reset(rng: inout some MinAtarRandomSource)
  /// Applies one action; returns the reward and whether the game ended.
  mutating func act(_ action: MinAtarAction, rng: inout some MinAtarRandomSource) -> (reward: Float, terminal: Bool)
  /// Writes the 10×10×channels boolean observation (channels-last, row-major) as 0/1.
  func render(into observation: UnsafeMutablePointer<Float>)
  /// Throws unless every position is on the 10×10 grid and every count in range
  /// (a state read back from a checkpoint; see ``StateCheck``).
  func validate() throws
}

extension MinAtarGame {
  public static var channelCount: Int { channelNames.count }
}

/// A MinAtar game as an ``Environment``: sticky actions and the action set.
///
/// - Sticky actions: with probability `stickyActionProbability` (MinAtar's default
///   0.1) the previous action is repeated instead of the chosen one.
/// - The action set is the game's minimal one by default, or all six MinAtar actions.
public struct MinAtar<Game: MinAtarGame>: Environment {
  /// MinAtar's grid is 10×10.
  public static var gridSize: Int { 10 }
  public private(set) var game: Game
  public var rng: RandomStream
  /// Probability of repeating the previous action (MinAtar default 0.1).
  public let stickyActionProbability: Double
  /// The actions the agent chooses from; agent action `i` is `actionSet[i]`.
  public let actionSet: [MinAtarAction]
  /// The previous action, repeated by a sticky step. As in MinAtar's `Environment`,
  /// it starts as no-op and is kept across resets.
  private var lastAction: MinAtarAction = .noop

  public func validateState() throws {
    let check = StateCheck("MinAtar state")
    try check.require((0...1).contains(stickyActionProbability), "the sticky-action probability is \(stickyActionProbability)")
    try check.require(!actionSet.isEmpty, "the action set is empty")
    try game.validate()
  }

  public init(rng: RandomStream, stickyActionProbability: Double = 0.1, fullActionSet: Bool = false) {
    precondition((0...1).contains(stickyActionProbability), "sticky action probability must be in [0, 1]")
    var rng = rng
    self.game = Game(rng: &rng)
    self.rng = rng
    self.stickyActionProbability = stickyActionProbability
    self.actionSet = fullActionSet ? MinAtarAction.allCases : Game.minimalActionSet
  }

  public var observationShape: [Int] { [Self.gridSize, Self.gridSize, Game.channelCount] }
  public var actionCount: Int { actionSet.count }

  public mutating func reset(observation: UnsafeMutablePointer<Float>) {
    game.reset(rng: &rng)
    game.render(into: observation)
  }

  public mutating func step(_ action: Int, observation: UnsafeMutablePointer<Float>) -> Transition {
    precondition(action >= 0 && action < actionSet.count, "action \(action) outside 0..<\(actionSet.count)")
    var chosen = actionSet[action]
    if rng.uniform() < stickyActionProbability { chosen = lastAction }
    lastAction = chosen
    let (reward, terminal) = game.act(chosen, rng: &rng)
    game.render(into: observation)
    return Transition(reward: reward, terminated: terminal)
  }
}
