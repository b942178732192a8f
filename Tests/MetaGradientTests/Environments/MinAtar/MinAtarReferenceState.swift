@testable import MetaGradient

/// A game whose scalar state can be compared with MinAtar's Python game after a
/// replayed record: the record's `final` line, in MinAtar's attribute names.
protocol MinAtarReferenceState: MinAtarGame {
  /// The state's scalars under MinAtar's names (`asterix.py`'s `spawn_speed`, ...).
  var minatarScalars: [String: Int] { get }
}

extension Asterix: MinAtarReferenceState {
  var minatarScalars: [String: Int] {
    ["player_x": playerColumn, "player_y": playerRow, "spawn_speed": spawnInterval, "spawn_timer": spawnTimer,
     "move_speed": moveInterval, "move_timer": moveTimer, "ramp_timer": rampTimer, "ramp_index": rampIndex]
  }
}

extension Seaquest: MinAtarReferenceState {
  var minatarScalars: [String: Int] {
    ["sub_x": subColumn, "sub_y": subRow, "oxygen": oxygen, "diver_count": diverCount,
     "e_spawn_speed": enemySpawnInterval, "e_spawn_timer": enemySpawnTimer, "d_spawn_timer": diverSpawnTimer,
     "move_speed": moveInterval, "ramp_index": rampIndex, "shot_timer": shotTimer]
  }
}

extension Breakout: MinAtarReferenceState {
  var minatarScalars: [String: Int] {
    ["pos": paddleColumn, "ball_x": ballColumn, "ball_y": ballRow, "ball_dir": ballDirection.rawValue,
     "bricks": brickCount]
  }
}

extension Freeway: MinAtarReferenceState {
  var minatarScalars: [String: Int] {
    ["pos": chickenRow, "move_timer": moveTimer, "terminate_timer": timeRemaining]
  }
}

extension SpaceInvaders: MinAtarReferenceState {
  var minatarScalars: [String: Int] {
    ["pos": cannonColumn, "enemy_move_interval": alienMoveInterval, "alien_move_timer": alienMoveTimer,
     "alien_shot_timer": alienShotTimer, "ramp_index": rampIndex, "shot_timer": shotTimer]
  }
}
