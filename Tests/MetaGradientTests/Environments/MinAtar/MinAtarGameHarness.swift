import Foundation
@testable import MetaGradient

/// Checks shared by the MinAtar game suites: trajectories under fixed or random
/// actions through the ``MinAtar`` wrapper (sticky actions at MinAtar's default 0.1).
enum MinAtarGameHarness {
  /// One step's outcome, with the observation written after it.
  struct Step: Equatable {
    var observation: [Float]
    var transition: Transition
  }

  /// Runs `actions` (indices into the minimal action set, cycled) for `steps` steps,
  /// resetting after each episode end, and records every step.
  static func trajectory<Game: MinAtarGame>(
    _: Game.Type, seed: UInt64, actions: [Int], steps: Int
  ) -> [Step] {
    var env = MinAtar<Game>(rng: RandomStream(seed: seed))
    var observation = [Float](repeating: 0, count: env.observationSize)
    var record: [Step] = []
    observation.withUnsafeMutableBufferPointer { env.reset(observation: $0.baseAddress!) }
    for t in 0..<steps {
      let transition = observation.withUnsafeMutableBufferPointer {
        env.step(actions[t % actions.count], observation: $0.baseAddress!)
      }
      record.append(Step(observation: observation, transition: transition))
      if transition.done {
        observation.withUnsafeMutableBufferPointer { env.reset(observation: $0.baseAddress!) }
      }
    }
    return record
  }

  /// Whether every observation of a random-policy run through the wrapper is 0/1.
  static func observationsAreBinary<Game: MinAtarGame>(_: Game.Type, seed: UInt64, steps: Int) -> Bool {
    var env = MinAtar<Game>(rng: RandomStream(seed: seed))
    var policy = RandomStream(seed: seed).split("policy")
    var observation = [Float](repeating: 7, count: env.observationSize)
    var binary = true
    observation.withUnsafeMutableBufferPointer { buffer in
      env.reset(observation: buffer.baseAddress!)
      for _ in 0..<steps {
        binary = binary && buffer.allSatisfy { $0 == 0 || $0 == 1 }
        if env.step(policy.index(env.actionCount), observation: buffer.baseAddress!).done {
          env.reset(observation: buffer.baseAddress!)
        }
      }
    }
    return binary
  }

  /// Whether the same seed gives the same trajectory and another seed a different one.
  static func seedDeterminesTrajectory<Game: MinAtarGame>(_: Game.Type) -> Bool {
    let actions = [0, 2, 4, 1, 3]
    let a = trajectory(Game.self, seed: 11, actions: actions, steps: 400)
    return a == trajectory(Game.self, seed: 11, actions: actions, steps: 400)
      && a != trajectory(Game.self, seed: 12, actions: actions, steps: 400)
  }

  /// The observation of a game as a flat array.
  static func observation<Game: MinAtarGame>(of game: Game) -> [Float] {
    var observation = [Float](repeating: -1, count: 10 * 10 * Game.channelCount)
    observation.withUnsafeMutableBufferPointer { game.render(into: $0.baseAddress!) }
    return observation
  }

  /// How many cells of `channel` are on in a flat channels-last observation.
  static func count(_ observation: [Float], channel: Int, channels: Int) -> Int {
    stride(from: channel, to: observation.count, by: channels).filter { observation[$0] == 1 }.count
  }

  /// Whether `channel` is on at (row, column).
  static func isOn(_ observation: [Float], row: Int, column: Int, channel: Int, channels: Int) -> Bool {
    observation[(row * 10 + column) * channels + channel] == 1
  }

  /// The mean undiscounted return of a uniform random policy over the minimal action
  /// set, over `episodes` episodes.
  static func randomPolicyMeanReturn<Game: MinAtarGame>(
    _: Game.Type, seed: UInt64, episodes: Int
  ) -> Double {
    var env = MinAtar<Game>(rng: RandomStream(seed: seed))
    var policy = RandomStream(seed: seed).split("policy")
    var observation = [Float](repeating: 0, count: env.observationSize)
    var total = 0.0
    observation.withUnsafeMutableBufferPointer { buffer in
      for _ in 0..<episodes {
        env.reset(observation: buffer.baseAddress!)
        while true {
          let transition = env.step(policy.index(env.actionCount), observation: buffer.baseAddress!)
          total += Double(transition.reward)
          if transition.done { break }
        }
      }
    }
    return total / Double(episodes)
  }

  /// Whether a game survives a JSON round trip and then plays on identically.
  static func roundTripsThroughCodable<Game: MinAtarGame>(_ game: Game, actions: [MinAtarAction]) throws -> Bool {
    var copy = try JSONDecoder().decode(Game.self, from: JSONEncoder().encode(game))
    var original = game
    var rngA = RandomStream(seed: 99), rngB = RandomStream(seed: 99)
    for action in actions {
      let a = original.act(action, rng: &rngA), b = copy.act(action, rng: &rngB)
      if a != b || observation(of: original) != observation(of: copy) { return false }
    }
    return true
  }
}
