import Testing
@testable import MetaGradient

/// Reports the concrete type and shape an ID dispatches to.
struct Describe: EnvironmentVisitor {
  func visit<E: Environment>(_ id: EnvironmentID, make: @escaping @Sendable (RandomStream) -> E) throws -> (String, [Int], Int) {
    let env = make(RandomStream(seed: 0))
    return ("\(E.self)", env.observationShape, env.actionCount)
  }
}

@Suite struct EnvironmentVisitorTests {
  @Test func everyIDDispatchesToItsType() throws {
    let expected: [EnvironmentID: (String, [Int])] = [
      .cartpole: ("CartPole", [4]), .catch: ("Catch", [10, 5]),
      .breakout: ("MinAtar<Breakout>", [10, 10, 4]), .spaceInvaders: ("MinAtar<SpaceInvaders>", [10, 10, 6]),
      .freeway: ("MinAtar<Freeway>", [10, 10, 7]), .asterix: ("MinAtar<Asterix>", [10, 10, 4]),
      .seaquest: ("MinAtar<Seaquest>", [10, 10, 10]),
    ]
    for id in EnvironmentID.allCases {
      let (type, shape, _) = try id.accept(Describe())
      #expect(type == expected[id]!.0)
      #expect(shape == expected[id]!.1)
    }
  }

  @Test func minAtarOptionsReachTheGame() throws {
    let (_, _, minimal) = try EnvironmentID.breakout.accept(Describe())
    let (_, _, full) = try EnvironmentID.breakout.accept(Describe(), options: .init(fullActionSet: true))
    #expect(minimal == 3 && full == 6)
  }
}
