/// The environments an experiment can name (`--env <rawValue>`).
public enum EnvironmentID: String, CaseIterable, Codable, Sendable {
  /// gymnasium `CartPole-v1`: balance a pole on a cart, 500-step limit (``CartPole``).
  case cartpole
  /// bsuite `catch`: catch a falling ball on a 10×5 board (``Catch``).
  case `catch`
  /// MinAtar Breakout: bounce a ball to break a wall of bricks.
  case breakout
  /// MinAtar Space Invaders: shoot down a descending formation of aliens.
  case spaceInvaders = "space_invaders"
  /// MinAtar Freeway: cross a road of moving cars.
  case freeway
  /// MinAtar Asterix: collect treasure and dodge enemies moving across lanes.
  case asterix
  /// MinAtar Seaquest: rescue divers and shoot enemies from a submarine with limited oxygen.
  case seaquest

  /// Whether the environment is one of the five MinAtar games (Young & Tian, 2019).
  public var isMinAtar: Bool {
    switch self {
    case .cartpole, .catch: false
    case .breakout, .spaceInvaders, .freeway, .asterix, .seaquest: true
    }
  }

  /// The cost of one training step here relative to one on CartPole, for scheduling
  /// units longest first and for ETAs (``SweepUnit/cost``), not for results. From the
  /// A2C speeds in ``ControlBudget`` (CartPole ≈ 1M steps/s, Breakout ≈ 43k, Seaquest
  /// ≈ 28k on the 2-core development machine): ≈ 25× for the conv net, 35× for
  /// Seaquest; Catch's larger observation ≈ 2×.
  public var relativeCost: Double {
    switch self {
    case .cartpole: 1
    case .catch: 2
    case .breakout, .spaceInvaders, .freeway, .asterix: 25
    case .seaquest: 35
    }
  }

  /// The ID named by `name`, or an error that names it and lists the allowed values.
  public static func parse(_ name: String) throws -> EnvironmentID {
    guard let id = EnvironmentID(rawValue: name) else { throw EnvironmentError.unknown(name) }
    return id
  }

  /// A fresh instance drawing its randomness from `rng`, with the environment's
  /// defaults (CartPole-v1's 500-step limit, Catch's 10×5 board).
  ///
  /// Throws ``EnvironmentError/notAvailable(_:)`` for the MinAtar games, which are
  /// built through ``MinAtar`` with their game type.
  public func make(rng: RandomStream) throws -> any Environment {
    switch self {
    case .cartpole: return CartPole(rng: rng)
    case .catch: return Catch(rng: rng)
    case .breakout, .spaceInvaders, .freeway, .asterix, .seaquest:
      throw EnvironmentError.notAvailable(self)
    }
  }
}

/// A bad environment name or a request this factory cannot serve.
public enum EnvironmentError: Error, Equatable, CustomStringConvertible {
  /// No environment has this name.
  case unknown(String)
  /// The environment exists but ``EnvironmentID/make(rng:)`` cannot build it.
  case notAvailable(EnvironmentID)

  public var description: String {
    let allowed = EnvironmentID.allCases.map(\.rawValue).joined(separator: ", ")
    switch self {
    case .unknown(let name):
      return "unknown environment '\(name)'; allowed: \(allowed)"
    case .notAvailable(let id):
      return "environment '\(id.rawValue)' cannot be built by EnvironmentID.make(rng:); build it as MinAtar<Game>"
    }
  }
}
