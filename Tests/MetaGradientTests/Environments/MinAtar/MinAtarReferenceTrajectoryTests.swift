import Testing
@testable import MetaGradient

/// All five MinAtar games replayed, bit for bit, against long episodes of MinAtar
/// 1.0.15's own Python games (`minatar/environments/<game>.py`).
///
/// The records are in `Tests/MetaGradientTests/Fixtures/minatar/<game>.txt`, written by
/// `Fixtures/minatar/record_trajectories.py` (its top says how to run it and the
/// format). Each is one episode from `reset()`, played by a scripted policy that
/// survives (a game heuristic filtered by a look-ahead on copies of the game, mixed
/// with random and repeated actions), with every random draw of the game's numpy
/// `RandomState` logged. Here the Swift game starts from its own `reset` and plays the
/// same applied actions, taking its random numbers from those draws
/// (``RecordedDraws``, which fails on a draw of another kind or range than MinAtar's);
/// every step must give the same reward, terminal flag and observation (a running
/// FNV-1a 64 hash of the 0/1 observations, checked in its low 6 bits after every step
/// and in full after the last), every draw must be used, and the game's scalar state
/// after the last step must equal the Python game's.
///
/// What the records reach (the `reaches` line of each record):
/// - Asterix (3 records, 1000–1564 steps, ~800–2400 draws each): every one goes through
///   all nine difficulty ramps to spawn interval 1 and move interval 1 (ramping stops),
///   collects 47–149 gold; two end on an enemy.
/// - Seaquest (4 records): 1407 and 739 steps through all 19 surfacing ramps (enemy spawn
///   interval 1, move interval 2), 46 and 24 diver pickups, 4 surfacings with 6 divers
///   (and the free surfacings after them, at −1 divers) and 15–24 with fewer, ending on
///   a hit; 381 steps ending when the oxygen runs out; 11 steps ending on surfacing
///   with no diver.
/// - Breakout (3 records): two of 3000 steps with 3 and 4 brick-wall resets (102 and
///   137 bricks), from either starting side; one of 58 steps ending on a miss.
/// - Freeway (2 records): both whole 2501-step episodes ending on the time limit, with
///   20 and 7 crossings (each re-randomising every car's speed and direction), the
///   chicken sent back to the bottom by a car 143 and 120 times.
/// - Space Invaders (3 records, no random draws): 1340 steps clearing 6 waves, so the
///   alien move interval reaches its floor of 6; 712 steps clearing 3; 332 steps never
///   firing; all three end when the aliens come down.
@Suite struct MinAtarReferenceTrajectoryTests {
  /// FNV-1a 64 of an observation's `0`/`1` text, continuing from `hash`.
  static func chain(_ hash: UInt64, _ observation: [Float]) -> UInt64 {
    var h = hash
    for value in observation { h = (h ^ (value == 1 ? 0x31 : 0x30)) &* 0x100_0000_01B3 }
    return h
  }

  /// Replays `record` on a fresh `Game`; records a failure at the first step that
  /// differs and for anything else that does.
  static func replay<Game: MinAtarReferenceState>(_: Game.Type, _ record: MinAtarReferenceRecord) {
    var draws = RecordedDraws(record.draws, label: "\(record)")
    var game = Game(rng: &draws)
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    var total = 0
    for (t, action) in record.actions.enumerated() {
      let step = game.act(action, rng: &draws)
      hash = chain(hash, MinAtarGameHarness.observation(of: game))
      total += Int(step.reward)
      let expectTerminal = record.terminal && t == record.actions.count - 1
      var differences: [String] = []
      if step.reward != Float(record.rewards[t]) { differences.append("reward \(step.reward), MinAtar \(record.rewards[t])") }
      if step.terminal != expectTerminal { differences.append("terminal \(step.terminal), MinAtar \(expectTerminal)") }
      if UInt8(hash & 63) != record.checks[t] { differences.append("the observation differs") }
      if draws.failed { differences.append("the random draws differ") }
      if !differences.isEmpty {
        Issue.record("\(record): step \(t) (action \(action)): \(differences.joined(separator: "; ")); state \(game)")
        return
      }
    }
    #expect(hash == record.hash, "\(record): observation hash")
    #expect(total == record.rewards.reduce(0, +), "\(record): return")
    #expect(draws.remaining == 0, "\(record): \(draws.remaining) recorded draws left unused")
    let scalars = game.minatarScalars
    for (name, value) in record.final.sorted(by: { $0.key < $1.key }) {
      #expect(scalars[name] == value, "\(record): final \(name) \(scalars[name].map(String.init) ?? "missing"), MinAtar \(value)")
    }
  }

  static let games = ["asterix", "breakout", "freeway", "seaquest", "space_invaders"]

  @Test(arguments: games)
  func replayMatchesMinAtar(_ game: String) throws {
    let records = try MinAtarReferenceRecord.load(game)
    #expect(records.count >= 2, "\(game): \(records.count) records")
    for record in records {
      switch game {
      case "asterix": Self.replay(Asterix.self, record)
      case "breakout": Self.replay(Breakout.self, record)
      case "freeway": Self.replay(Freeway.self, record)
      case "seaquest": Self.replay(Seaquest.self, record)
      default: Self.replay(SpaceInvaders.self, record)
      }
    }
  }

  /// The fixture reader rejects a damaged record instead of replaying it.
  @Test func damagedRecordsAreRejected() throws {
    let good = "record r\nreaches x\nactions 01\nrewards 00\nterminal 0\nchecks 0A\nhash 0\nfinal pos=1\ndraws u1 i2:1\n"
    #expect(try MinAtarReferenceRecord.parse(good, game: "breakout").count == 1)
    for (bad, replacement) in [("actions 01", "actions 07"), ("rewards 00", "rewards 0"), ("draws u1 i2:1", "draws i2:2"),
                               ("draws u1 i2:1", "draws x1"), ("hash 0\n", "")] {
      let text = good.replacingOccurrences(of: bad, with: replacement)
      #expect(throws: MinAtarReferenceRecord.Invalid.self, "\(replacement)") {
        _ = try MinAtarReferenceRecord.parse(text, game: "breakout")
      }
    }
  }

  /// The replay source fails loudly on a draw of the wrong kind, range or count.
  @Test func recordedDrawsCatchAnotherDraw() {
    withKnownIssue {
      var draws = RecordedDraws([.index(n: 2, value: 1)], label: "kind")
      _ = draws.uniform()
    }
    withKnownIssue {
      var draws = RecordedDraws([.index(n: 2, value: 1)], label: "range")
      _ = draws.index(3)
    }
    withKnownIssue {
      var draws = RecordedDraws([.uniform(0.25)], label: "count")
      _ = draws.bernoulli(0.5)
      _ = draws.uniform()
    }
    var draws = RecordedDraws([.uniform(0.25), .index(n: 5, value: 4)], label: "match")
    #expect(draws.bernoulli(1.0 / 3.0) && draws.index(5) == 4 && draws.remaining == 0)
  }
}
