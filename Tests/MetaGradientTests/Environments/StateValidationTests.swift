import Foundation
import Testing
@testable import MetaGradient

/// ``Environment/validateState()`` accepts every state the rules reach (so a real
/// checkpoint always resumes) and rejects the damaged ones a hostile checkpoint holds.
@Suite struct StateValidationTests {
  /// Random play, with resets, validating the state after every step.
  static func play<E: Environment>(_ make: (RandomStream) -> E, steps: Int = 20_000, seed: UInt64 = 11) throws -> Int {
    var env = make(RandomStream(seed: seed))
    var rng = RandomStream(seed: seed + 1)
    var observation = [Float](repeating: 0, count: env.observationSize)
    observation.withUnsafeMutableBufferPointer { env.reset(observation: $0.baseAddress!) }
    var episodes = 0
    for _ in 0..<steps {
      try env.validateState()
      let t = observation.withUnsafeMutableBufferPointer { env.step(rng.index(env.actionCount), observation: $0.baseAddress!) }
      if t.done {
        episodes += 1
        try env.validateState()
        observation.withUnsafeMutableBufferPointer { env.reset(observation: $0.baseAddress!) }
      }
    }
    try env.validateState()
    return episodes
  }

  @Test func everyReachedStateIsValid() throws {
    #expect(try Self.play { CartPole(rng: $0) } > 0)
    #expect(try Self.play { Catch(rng: $0) } > 0)
    #expect(try Self.play { MinAtar<Breakout>(rng: $0) } > 0)
    #expect(try Self.play { MinAtar<SpaceInvaders>(rng: $0) } > 0)
    #expect(try Self.play({ MinAtar<Freeway>(rng: $0) }, steps: 30_000) > 0)
    #expect(try Self.play { MinAtar<Asterix>(rng: $0) } > 0)
    #expect(try Self.play { MinAtar<Seaquest>(rng: $0) } > 0)
  }

  /// A state decoded from JSON with one field changed.
  static func damaged<E: Environment>(_ env: E, _ change: (inout [String: Any]) -> Void) throws -> E {
    var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(env)) as! [String: Any]
    change(&json)
    return try JSONDecoder().decode(E.self, from: JSONSerialization.data(withJSONObject: json))
  }

  @Test func damagedStatesAreRefusedNamingTheField() throws {
    let catchBoard = try Self.damaged(Catch(rng: RandomStream(seed: 1))) { $0["ballColumn"] = 7 }
    #expect(throws: CheckpointMismatch.self) { try catchBoard.validateState() }
    do { try catchBoard.validateState() } catch { #expect("\(error)".contains("Catch state: the ball at row 0, column 7 is off the 10×5 board")) }

    var breakout = MinAtar<Breakout>(rng: RandomStream(seed: 1))
    breakout = try Self.damaged(breakout) { json in
      var game = json["game"] as! [String: Any]
      game["ballRow"] = 10
      json["game"] = game
    }
    do { try breakout.validateState(); Issue.record("an off-board ball was accepted") } catch {
      #expect("\(error)".contains("Breakout state: the ball at row 10"), "\(error)")
    }

    let cartpole = try Self.damaged(CartPole(rng: RandomStream(seed: 1))) { $0["elapsedSteps"] = -3 }
    #expect(throws: CheckpointMismatch.self) { try cartpole.validateState() }
  }

  /// A vector environment whose buffers do not fit its copies is refused.
  @Test func vectorEnvironmentBuffersMustFitTheCopies() throws {
    let vector = VectorEnvironment(count: 3, rng: RandomStream(seed: 2)) { Catch(rng: $0) }
    try vector.validate()
    var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(vector)) as! [String: Any]
    json["rewards"] = [0, 0]
    let damaged = try JSONDecoder().decode(VectorEnvironment<Catch>.self, from: JSONSerialization.data(withJSONObject: json))
    do { try damaged.validate(); Issue.record("short rewards were accepted") } catch {
      #expect("\(error)".contains("vector environment: rewards has 2 entries; expected 3"), "\(error)")
    }
  }
}
