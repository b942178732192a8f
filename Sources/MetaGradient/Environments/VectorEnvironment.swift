/// One finished episode, as recorded by ``VectorEnvironment``.
public struct CompletedEpisode: Codable, Equatable, Sendable {
  /// Which copy (0..<count) played it.
  public var environmentIndex: Int
  /// The undiscounted return, the sum of its rewards (accumulated in Double).
  public var episodeReturn: Double
  /// The number of steps it lasted.
  public var length: Int
  /// It was cut by a time limit rather than terminated.
  public var truncated: Bool
  /// The vector environment's ``VectorEnvironment/totalSteps`` when it ended (this
  /// episode's last step included): the x-axis of a learning curve.
  public var endedAtTotalStep: Int

  public init(environmentIndex: Int, episodeReturn: Double, length: Int, truncated: Bool, endedAtTotalStep: Int) {
    self.environmentIndex = environmentIndex
    self.episodeReturn = episodeReturn
    self.length = length
    self.truncated = truncated
    self.endedAtTotalStep = endedAtTotalStep
  }
}

/// N copies of an environment stepped together, with automatic reset, on flat
/// Float32 buffers that are allocated once.
///
/// After ``reset()``, each ``step(actions:)`` steps every copy `i` with `actions[i]`
/// and fills, for every `i`:
/// - `rewards[i]`, `terminated[i]`, `truncated[i]` — copy `i`'s ``Transition``;
/// - row `i` of ``observations`` (`count × observationSize`, row-major) — the
///   observation the agent acts on next. If copy `i`'s episode ended on this step it
///   has already been reset, so the row holds the **first observation of the next
///   episode** (gymnasium's "same-step" autoreset);
/// - row `i` of ``finalObservations`` — only when the episode ended on this step
///   (terminated or truncated): the true last observation of that episode, from which
///   a learner bootstraps a truncated episode. Rows of copies that did not end are
///   left as they were and mean nothing.
///
/// Bookkeeping: ``episodeReturns`` and ``episodeLengths`` are the running return and
/// length of each copy's current episode; every finished episode is counted in
/// ``completedEpisodeCount`` and queued as a ``CompletedEpisode`` until
/// ``drainCompletedEpisodes()`` hands them over (oldest first). The queue is a ring of
/// fixed capacity: when it is full the oldest entry is dropped and counted in
/// ``droppedEpisodeCount``, so stepping never allocates. (The buffers are arrays
/// written in place; only a step right after the value was copied, e.g. into a
/// checkpoint, pays a one-off copy-on-write.)
///
/// Each copy owns its ``RandomStream``; ``init(count:rng:completedEpisodeCapacity:make:)``
/// gives copy `i` the stream `rng.split(i)`. The whole value is `Codable`, so a
/// checkpoint captures every copy mid-episode.
public struct VectorEnvironment<E: Environment>: Codable, Sendable {
  /// The copies, stepped in index order.
  public private(set) var environments: [E]
  /// The shape of one copy's observation.
  public let observationShape: [Int]
  /// The number of Floats in one copy's observation (the product of the shape).
  public let observationSize: Int
  /// The number of discrete actions of every copy.
  public let actionCount: Int

  /// `count × observationSize` Floats: the observation each copy's agent acts on next.
  public private(set) var observations: [Float]
  /// `count × observationSize` Floats: row `i` is the last observation of copy `i`'s
  /// episode when it ended on the latest step (see the type's description).
  public private(set) var finalObservations: [Float]
  /// R_{t+1} of each copy on the latest step.
  public private(set) var rewards: [Float]
  /// Whether each copy's episode terminated on the latest step.
  public private(set) var terminated: [Bool]
  /// Whether each copy's episode was truncated on the latest step.
  public private(set) var truncated: [Bool]

  /// The return so far of each copy's current episode.
  public private(set) var episodeReturns: [Double]
  /// The number of steps so far of each copy's current episode.
  public private(set) var episodeLengths: [Int]
  /// Environment steps taken, summed over copies (each ``step(actions:)`` adds `count`).
  public private(set) var totalSteps = 0
  /// Finished episodes not yet drained, and the counts of all finished and dropped ones.
  public private(set) var completedEpisodes: CompletedEpisodeQueue
  /// Whether ``reset()`` has been called.
  private var hasReset = false

  /// The number of copies.
  public var count: Int { environments.count }
  /// Episodes finished since creation.
  public var completedEpisodeCount: Int { completedEpisodes.totalCount }
  /// Finished episodes lost because the queue was full when they ended.
  public var droppedEpisodeCount: Int { completedEpisodes.droppedCount }

  /// Steps the given copies together. They must agree on observation shape and action
  /// count. `completedEpisodeCapacity` bounds the queue of finished episodes kept
  /// between calls of ``drainCompletedEpisodes()``.
  public init(environments: [E], completedEpisodeCapacity: Int = 1024) {
    precondition(!environments.isEmpty, "VectorEnvironment needs at least one environment")
    precondition(completedEpisodeCapacity > 0,
                 "completedEpisodeCapacity must be positive, got \(completedEpisodeCapacity)")
    let shape = environments[0].observationShape
    let actions = environments[0].actionCount
    for (i, e) in environments.enumerated() {
      precondition(e.observationShape == shape && e.actionCount == actions,
                   "environment \(i) has observation shape \(e.observationShape) and \(e.actionCount) actions; environment 0 has \(shape) and \(actions)")
    }
    let n = environments.count
    let size = shape.reduce(1, *)
    self.environments = environments
    observationShape = shape
    observationSize = size
    actionCount = actions
    observations = [Float](repeating: 0, count: n * size)
    finalObservations = [Float](repeating: 0, count: n * size)
    rewards = [Float](repeating: 0, count: n)
    terminated = [Bool](repeating: false, count: n)
    truncated = [Bool](repeating: false, count: n)
    episodeReturns = [Double](repeating: 0, count: n)
    episodeLengths = [Int](repeating: 0, count: n)
    completedEpisodes = CompletedEpisodeQueue(capacity: completedEpisodeCapacity)
  }

  /// Throws unless the buffers fit the copies (`count × observationSize` observations,
  /// `count` of everything else), every copy has the shared shape and action count, and
  /// every copy's state passes ``Environment/validateState()``: a vector environment
  /// read back from a checkpoint is stepped through unchecked pointers.
  public func validate() throws {
    let check = StateCheck("vector environment")
    let n = environments.count
    try check.require(n > 0, "no environment copies")
    try check.require(observationShape.allSatisfy { $0 > 0 } && observationShape.reduce(1, *) == observationSize
                        && observationSize <= 1 << 20, "observation shape \(observationShape) and size \(observationSize) disagree")
    for (i, e) in environments.enumerated() {
      try check.require(e.observationShape == observationShape && e.actionCount == actionCount,
                        "copy \(i) has observation shape \(e.observationShape) and \(e.actionCount) actions; the vector has \(observationShape) and \(actionCount)")
      try e.validateState()
    }
    try check.count("observations", observations.count, n * observationSize)
    try check.count("final observations", finalObservations.count, n * observationSize)
    for (name, size) in [("rewards", rewards.count), ("terminated flags", terminated.count), ("truncated flags", truncated.count),
                         ("episode returns", episodeReturns.count), ("episode lengths", episodeLengths.count)] {
      try check.count(name, size, n)
    }
    try check.require(totalSteps >= 0 && episodeLengths.allSatisfy { $0 >= 0 }, "negative step counts")
    for episode in completedEpisodes.queued { try check.inRange("a completed episode's copy", episode.environmentIndex, 0...n - 1) }
  }

  /// `count` copies built by `make`, copy `i` from the stream `rng.split(i)`.
  public init(count: Int, rng: RandomStream, completedEpisodeCapacity: Int = 1024,
              make: (RandomStream) throws -> E) rethrows {
    precondition(count > 0, "VectorEnvironment needs count > 0, got \(count)")
    let environments = try (0..<count).map { try make(rng.split(UInt64($0))) }
    self.init(environments: environments, completedEpisodeCapacity: completedEpisodeCapacity)
  }

  /// Starts a new episode in every copy (abandoning unfinished ones, which are not
  /// recorded) and writes their first observations. Flags and rewards are cleared;
  /// the queue of finished episodes and the counters are kept.
  public mutating func reset() {
    let size = observationSize
    observations.withUnsafeMutableBufferPointer { obs in
      for i in environments.indices {
        environments[i].reset(observation: obs.baseAddress! + i * size)
      }
    }
    for i in environments.indices {
      rewards[i] = 0
      terminated[i] = false
      truncated[i] = false
      episodeReturns[i] = 0
      episodeLengths[i] = 0
    }
    hasReset = true
  }

  /// Steps copy `i` with `actions[i]` for every `i` (`actions.count == count`), resets
  /// the copies whose episodes ended and records those episodes. Allocation-free.
  public mutating func step(actions: UnsafeBufferPointer<Int32>) {
    precondition(hasReset, "VectorEnvironment.step called before reset()")
    precondition(actions.count == count, "step needs \(count) actions, got \(actions.count)")
    let n = count, size = observationSize
    totalSteps += n
    observations.withUnsafeMutableBufferPointer { obsBuffer in
      finalObservations.withUnsafeMutableBufferPointer { finalBuffer in
        let obs = obsBuffer.baseAddress!, final = finalBuffer.baseAddress!
        for i in 0..<n {
          let row = obs + i * size
          let t = environments[i].step(Int(actions[i]), observation: row)
          rewards[i] = t.reward
          terminated[i] = t.terminated
          truncated[i] = t.truncated
          episodeReturns[i] += Double(t.reward)
          episodeLengths[i] += 1
          guard t.done else { continue }
          (final + i * size).update(from: row, count: size)
          completedEpisodes.append(CompletedEpisode(
            environmentIndex: i, episodeReturn: episodeReturns[i], length: episodeLengths[i],
            truncated: t.truncated, endedAtTotalStep: totalSteps))
          episodeReturns[i] = 0
          episodeLengths[i] = 0
          environments[i].reset(observation: row)
        }
      }
    }
  }

  /// ``step(actions:)`` from an array (no copy is made).
  public mutating func step(actions: [Int32]) {
    actions.withUnsafeBufferPointer { step(actions: $0) }
  }

  /// The finished episodes queued since the last drain, oldest first; empties the
  /// queue. (Allocates the returned array: call it at logging time, not per step.)
  public mutating func drainCompletedEpisodes() -> [CompletedEpisode] {
    completedEpisodes.drain()
  }

  /// Copy `i`'s row of a `count × observationSize` buffer, e.g.
  /// `vec.row(i, of: vec.finalObservations)`; for tests and inspection.
  public func row(_ i: Int, of buffer: [Float]) -> ArraySlice<Float> {
    precondition(i >= 0 && i < count, "row \(i) outside 0..<\(count)")
    return buffer[(i * observationSize)..<((i + 1) * observationSize)]
  }
}

/// A fixed-capacity ring of finished episodes: appending never allocates; when full,
/// the oldest entry is dropped and counted.
public struct CompletedEpisodeQueue: Codable, Sendable {
  private var storage: [CompletedEpisode]
  /// The index in `storage` of the oldest queued episode.
  private var start = 0
  /// The number of queued episodes.
  public private(set) var count = 0
  /// Episodes ever appended.
  public private(set) var totalCount = 0
  /// Episodes dropped because the ring was full.
  public private(set) var droppedCount = 0

  /// The most episodes the ring holds.
  public var capacity: Int { storage.count }

  public init(capacity: Int) {
    precondition(capacity > 0, "the completed-episode queue needs capacity > 0, got \(capacity)")
    storage = [CompletedEpisode](
      repeating: CompletedEpisode(environmentIndex: 0, episodeReturn: 0, length: 0, truncated: false, endedAtTotalStep: 0),
      count: capacity)
  }

  /// Queues `episode`, dropping the oldest one if the ring is full.
  public mutating func append(_ episode: CompletedEpisode) {
    totalCount += 1
    if count == capacity {
      start = (start + 1) % capacity
      count -= 1
      droppedCount += 1
    }
    storage[(start + count) % capacity] = episode
    count += 1
  }

  /// The queued episodes, oldest first, without removing them.
  public var queued: [CompletedEpisode] {
    (0..<count).map { storage[(start + $0) % capacity] }
  }

  /// The queued episodes, oldest first; empties the ring (the counters are kept).
  public mutating func drain() -> [CompletedEpisode] {
    let drained = queued
    start = 0
    count = 0
    return drained
  }
  // A checkpoint holds the queued episodes only (not the empty slots), and a decoded
  // queue is checked: a hostile file cannot set a zero capacity or an index past the ring.
  enum CodingKeys: String, CodingKey { case capacity, queued, totalCount, droppedCount }

  /// The largest capacity a checkpoint may ask for.
  public static let maximumCapacity = 1 << 20

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(capacity, forKey: .capacity)
    try c.encode(queued, forKey: .queued)
    try c.encode(totalCount, forKey: .totalCount)
    try c.encode(droppedCount, forKey: .droppedCount)
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let capacity = try c.decode(Int.self, forKey: .capacity)
    let queued = try c.decode([CompletedEpisode].self, forKey: .queued)
    let total = try c.decode(Int.self, forKey: .totalCount), dropped = try c.decode(Int.self, forKey: .droppedCount)
    guard (1...Self.maximumCapacity).contains(capacity), queued.count <= capacity, dropped >= 0, total >= queued.count + dropped else {
      throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription:
        "completed-episode queue: capacity \(capacity), \(queued.count) queued, \(total) appended, \(dropped) dropped is not a queue's state"))
    }
    self.init(capacity: capacity)
    for episode in queued { append(episode) }
    (totalCount, droppedCount) = (total, dropped)
  }
}
