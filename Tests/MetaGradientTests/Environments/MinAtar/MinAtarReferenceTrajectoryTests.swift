import Testing
@testable import MetaGradient

/// Breakout, Freeway and Space Invaders replayed against trajectories of MinAtar 1.0.15's
/// own Python games.
///
/// Each record is `game start actions return terminal hash`, produced by running the
/// Python game (`minatar/environments/<game>.py`) with uniformly random actions after
/// sticky-action resolution: `start` is Breakout's starting ball column or Freeway's
/// cars as `column,row,timer,signedPeriod` (MinAtar's `[x, y, timer, speed]`); `actions`
/// are the MinAtar action codes actually applied, one digit per step; `return` is the
/// summed reward; `terminal` the last step's flag; and `hash` chains FNV-1a 64 over
/// every observation after a step, written as `0`/`1` characters in (row, column,
/// channel) order. The Freeway record stops after 200 steps, before any crossing (whose
/// car speeds are random). Replaying the actions here must give the same observations.
@Suite struct MinAtarReferenceTrajectoryTests {
  static let records = [
    "breakout 9 035123 0 1 8d26a59481af4381",
    "breakout 0 340145 0 1 8e35b97b51029809",
    "breakout 9 5123200045213431 1 1 eaaec4f535044ec1",
    "breakout 0 02204351500331101104041344 2 1 90ea0322a3402949",
    "breakout 0 32205222455113045252143340451334335112 3 1 7dca9d01e9dadd8e",
    "breakout 0 33142231512312020533105513004100232242 3 1 fc282f8c3f2c3c4e",
    "space_invaders - 33512334014551233050452133311220435150033110010404134533345353402532422343143334515353032154233245200540331114145213342400444331424302010414144123 6 1 aec51ab06d4a1533",
    "space_invaders - 43320344014442220 0 1 570ac2236d14342b",
    "space_invaders - 115220144111301155420000431351323411552230135114550503142224003522255002445225153531215000554010322010510503543234441522220300001444553335555422333022252440144324051104020155213520203254334243153034302422515312222220340131100242323434 9 1 46e916b7e2ff812f",
    "freeway 0,1,2,-2;0,2,1,-1;0,3,4,4;0,4,2,2;0,5,5,5;0,6,2,-2;0,7,3,3;0,8,1,1 33312334014451132050452134411220435150033330110404134535345353444532422343143514515353032155223245200540351014145213342400444331424302010411144423333223450144422201155201421113014504200004313513234115 0 0 7de4b1390f3722b1",
  ]

  /// FNV-1a 64 of an observation's `0`/`1` text, continuing from `hash`.
  static func chain(_ hash: UInt64, _ observation: [Float]) -> UInt64 {
    var h = hash
    for value in observation { h = (h ^ (value == 1 ? 0x31 : 0x30)) &* 0x100_0000_01B3 }
    return h
  }

  /// Replays `actions` on `game`, returning the return, the last terminal flag and the hash.
  static func replay<Game: MinAtarGame>(_ game: inout Game, _ actions: Substring) -> (Float, Bool, UInt64) {
    var rng = RandomStream(seed: 0)
    var total: Float = 0, terminal = false, hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for digit in actions {
      let step = game.act(MinAtarAction(rawValue: digit.wholeNumberValue!)!, rng: &rng)
      total += step.reward
      terminal = step.terminal
      hash = chain(hash, MinAtarGameHarness.observation(of: game))
    }
    return (total, terminal, hash)
  }

  @Test(arguments: records)
  func replayMatchesMinAtar(_ record: String) {
    let fields = record.split(separator: " ")
    let (game, start, actions) = (fields[0], fields[1], fields[2])
    let expected = (Float(Int(fields[3])!), fields[4] == "1", UInt64(fields[5], radix: 16)!)
    var rng = RandomStream(seed: 0)
    let result: (Float, Bool, UInt64)
    switch game {
    case "breakout":
      var b = Breakout(rng: &rng)
      let column = Int(start)!
      b.ballColumn = column
      b.previousBallColumn = column
      b.ballDirection = column == 0 ? .downRight : .downLeft
      result = Self.replay(&b, actions)
    case "freeway":
      var f = Freeway(rng: &rng)
      f.cars = start.split(separator: ";").map { car in
        let v = car.split(separator: ",").map { Int($0)! }
        return Freeway.Car(row: v[1], column: v[0], period: abs(v[3]), direction: v[3] > 0 ? .right : .left, moveTimer: v[2])
      }
      result = Self.replay(&f, actions)
    default:
      var s = SpaceInvaders(rng: &rng)
      result = Self.replay(&s, actions)
    }
    #expect(result.0 == expected.0, "return")
    #expect(result.1 == expected.1, "terminal")
    #expect(result.2 == expected.2, "observation hash")
  }
}
