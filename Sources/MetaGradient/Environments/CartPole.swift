import Foundation

/// CartPole's two actions, in gymnasium's order.
public enum CartPoleAction: Int, CaseIterable, Codable, Sendable {
  /// Push the cart to the left with force −`forceMagnitude`.
  case pushLeft = 0
  /// Push the cart to the right with force +`forceMagnitude`.
  case pushRight = 1
}

/// The cart-pole balancing task exactly as gymnasium's `CartPole-v1`.
///
/// Source: gymnasium `gymnasium/envs/classic_control/cartpole.py` (`CartPoleEnv`),
/// registered as `CartPole-v1` with `max_episode_steps=500`; the physics are Barto,
/// Sutton & Anderson (1983) as corrected by Florian (2007), *Correct equations for the
/// dynamics of the cart-pole system*.
///
/// Rules:
/// - State s = (x, ẋ, θ, θ̇), kept in `Double` (gymnasium keeps it as float64 and only
///   casts the observation to float32). The observation is the state as four `Float`s.
/// - Reset: each of the four components is drawn from U(−0.05, 0.05).
/// - Action 0 pushes with F = −10 N, action 1 with F = +10 N (``CartPoleAction``).
/// - Dynamics, with M = m_c + m_p and half-length l:
///
///       temp = (F + m_p l θ̇² sin θ) / M
///       θ̈    = (g sin θ − cos θ · temp) / (l (4/3 − m_p cos²θ / M))
///       ẍ    = temp − m_p l θ̈ cos θ / M
///
///   then one explicit Euler step of τ = 0.02 s (gymnasium's default
///   `kinematics_integrator = "euler"`): x += τẋ, ẋ += τẍ, θ += τθ̇, θ̇ += τθ̈, each update
///   using the values from before the step.
/// - Terminated when x < −2.4 or x > 2.4 or θ < −12° or θ > 12° (12° = 12·2π/360 rad),
///   tested on the new state.
/// - Reward +1 on every step, including the terminating one.
/// - Truncated when the episode reaches `maxEpisodeSteps` (500 for v1, gymnasium's
///   `TimeLimit`) and did not terminate on that step. (Gymnasium's `TimeLimit` would
///   report both flags on a step that does both; here termination takes precedence, as
///   ``Transition`` requires.)
public struct CartPole: Environment {
  // MARK: Constants (gymnasium `CartPoleEnv.__init__`)

  /// g, gravitational acceleration (m/s²).
  public static let gravity = 9.8
  /// m_c, mass of the cart (kg).
  public static let massCart = 1.0
  /// m_p, mass of the pole (kg).
  public static let massPole = 0.1
  /// M = m_c + m_p (kg).
  public static let totalMass = massPole + massCart
  /// l, *half* the pole's length (m); gymnasium's `length`.
  public static let length = 0.5
  /// m_p · l, gymnasium's `polemass_length`.
  public static let poleMassLength = massPole * length
  /// |F|, the magnitude of the force of a push (N); gymnasium's `force_mag`.
  public static let forceMagnitude = 10.0
  /// τ, seconds between state updates; gymnasium's `tau`.
  public static let tau = 0.02
  /// The pole angle beyond which the episode terminates: 12 degrees in radians.
  public static let thetaThresholdRadians = 12 * 2 * Double.pi / 360
  /// The cart position beyond which the episode terminates (m).
  public static let xThreshold = 2.4
  /// The bound of the uniform reset distribution of every state component.
  public static let resetBound = 0.05
  /// The reward of every step.
  public static let rewardPerStep: Float = 1
  /// `CartPole-v1`'s time limit (gymnasium's registration, `max_episode_steps=500`).
  public static let defaultMaxEpisodeSteps = 500

  /// The physical state (x, ẋ, θ, θ̇) in float64, as gymnasium keeps it.
  public struct State: Codable, Equatable, Sendable {
    /// x, cart position (m).
    public var x: Double
    /// ẋ, cart velocity (m/s).
    public var xDot: Double
    /// θ, pole angle from upright (rad).
    public var theta: Double
    /// θ̇, pole angular velocity (rad/s).
    public var thetaDot: Double

    public init(x: Double, xDot: Double, theta: Double, thetaDot: Double) {
      self.x = x
      self.xDot = xDot
      self.theta = theta
      self.thetaDot = thetaDot
    }

    /// The number of components, (x, ẋ, θ, θ̇).
    public static let componentCount = 4

    /// Whether the state is outside the allowed region (gymnasium's `terminated`).
    public var isTerminal: Bool {
      x < -CartPole.xThreshold || x > CartPole.xThreshold
        || theta < -CartPole.thetaThresholdRadians || theta > CartPole.thetaThresholdRadians
    }

    /// Writes (x, ẋ, θ, θ̇) as Float32, as gymnasium's `np.array(state, dtype=np.float32)`.
    @inline(__always)
    public func write(to observation: UnsafeMutablePointer<Float>) {
      observation[0] = Float(x)
      observation[1] = Float(xDot)
      observation[2] = Float(theta)
      observation[3] = Float(thetaDot)
    }
  }

  /// The current physical state.
  public internal(set) var state = State(x: 0, xDot: 0, theta: 0, thetaDot: 0)
  /// The stream the reset states are drawn from.
  public var rng: RandomStream
  /// The time limit; the step that reaches it is truncated (unless it terminated).
  public let maxEpisodeSteps: Int
  /// Steps taken in the current episode.
  public internal(set) var elapsedSteps = 0
  /// True until the first reset and after every terminated or truncated step.
  public internal(set) var needsReset = true

  public func validateState() throws {
    let check = StateCheck("CartPole state")
    try check.require(maxEpisodeSteps > 0, "the time limit is \(maxEpisodeSteps)")
    try check.inRange("the episode's step count", elapsedSteps, 0...maxEpisodeSteps)
    try check.finite("the state", [state.x, state.xDot, state.theta, state.thetaDot])
  }

  /// A CartPole-v1 that draws its reset states from `rng`. Call
  /// ``reset(observation:)`` before the first step.
  public init(rng: RandomStream, maxEpisodeSteps: Int = CartPole.defaultMaxEpisodeSteps) {
    precondition(maxEpisodeSteps > 0, "CartPole maxEpisodeSteps must be positive, got \(maxEpisodeSteps)")
    self.rng = rng
    self.maxEpisodeSteps = maxEpisodeSteps
  }

  public var observationShape: [Int] { [State.componentCount] }
  public var actionCount: Int { CartPoleAction.allCases.count }

  public mutating func reset(observation: UnsafeMutablePointer<Float>) {
    let b = Self.resetBound
    // Drawn in gymnasium's order: x, ẋ, θ, θ̇.
    let x = rng.uniform(-b, b)
    let xDot = rng.uniform(-b, b)
    let theta = rng.uniform(-b, b)
    let thetaDot = rng.uniform(-b, b)
    state = State(x: x, xDot: xDot, theta: theta, thetaDot: thetaDot)
    elapsedSteps = 0
    needsReset = false
    state.write(to: observation)
  }

  public mutating func step(_ action: Int, observation: UnsafeMutablePointer<Float>) -> Transition {
    guard let push = CartPoleAction(rawValue: action) else {
      preconditionFailure("CartPole action \(action) outside 0..<\(actionCount)")
    }
    precondition(!needsReset, "CartPole.step called before reset(observation:) or after the episode ended")
    state = Self.eulerStep(state, action: push)
    elapsedSteps += 1
    state.write(to: observation)
    let terminated = state.isTerminal
    let truncated = !terminated && elapsedSteps >= maxEpisodeSteps
    needsReset = terminated || truncated
    return Transition(reward: Self.rewardPerStep, terminated: terminated, truncated: truncated)
  }

  /// One explicit Euler step of τ seconds of the cart-pole equations of motion under
  /// the push `action` (the rules above). Pure: no termination test, no counting.
  public static func eulerStep(_ s: State, action: CartPoleAction) -> State {
    let force = action == .pushRight ? forceMagnitude : -forceMagnitude
    let cosTheta = cos(s.theta)
    let sinTheta = sin(s.theta)
    // Squares first, then left to right, so float64 rounding matches gymnasium's.
    let thetaDotSquared = s.thetaDot * s.thetaDot
    let cosThetaSquared = cosTheta * cosTheta
    let temp = (force + poleMassLength * thetaDotSquared * sinTheta) / totalMass
    let thetaAcc = (gravity * sinTheta - cosTheta * temp)
      / (length * (4.0 / 3.0 - massPole * cosThetaSquared / totalMass))
    let xAcc = temp - poleMassLength * thetaAcc * cosTheta / totalMass
    return State(
      x: s.x + tau * s.xDot,
      xDot: s.xDot + tau * xAcc,
      theta: s.theta + tau * s.thetaDot,
      thetaDot: s.thetaDot + tau * thetaAcc
    )
  }
}
