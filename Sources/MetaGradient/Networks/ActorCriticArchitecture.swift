/// The shared body of the actor-critic network: what turns an observation into the
/// feature vector both heads read.
public enum Torso: Codable, Sendable, Hashable {
  /// Fully connected layers with tanh, `hidden[l]` units each:
  /// h₁ = tanh(s W₁ + b₁), h₂ = tanh(h₁ W₂ + b₂), …
  /// An empty list gives linear heads on the raw observation.
  case mlp(hidden: [Int])

  /// MinAtar's torso (kenjyoung/MinAtar `examples/dqn.py`, `QNetwork`; the same
  /// layers as `AC_lambda.py`'s `ACNetwork`, which uses SiLU/dSiLU instead of ReLU):
  /// `filters` convolutions of `kernel`×`kernel`, stride 1, no padding (VALID) on a
  /// `height`×`width`×`channels` observation, ReLU, flattened, then a dense layer of
  /// `hidden` units with ReLU.
  ///
  /// Observations are laid out as MinAtar's `state()` returns them: row, column,
  /// channel (HWC), channel fastest. Convolution is im2col + gemm.
  case conv(height: Int, width: Int, channels: Int, filters: Int, kernel: Int, hidden: Int)

  /// Two tanh layers of 64 units: the default for CartPole and Catch.
  public static let defaultMLP = Torso.mlp(hidden: [64, 64])

  /// MinAtar's torso for a game with `channels` observation channels:
  /// 10×10×C → Conv 16@3×3 VALID, ReLU → 8×8×16 → Dense 128, ReLU.
  public static func minAtar(channels: Int) -> Torso {
    .conv(height: 10, width: 10, channels: channels, filters: 16, kernel: 3, hidden: 128)
  }
}

/// Shape of an actor-critic network: observation size, number of actions, torso and
/// the width of the optional extra input (the η-embedding e_η of the paper's
/// η-conditioned π([S; e_η]) and v([S; e_η])).
///
/// Both heads are linear in the concatenation x = [features; extra] of the torso's
/// output and the extra input:  logits = x W_π + b_π,  v = x W_v + b_v.
public struct ActorCriticArchitecture: Codable, Sendable, Hashable {
  /// Length of one (flattened) observation.
  public var observationSize: Int
  /// |A|, the number of discrete actions (logits per state).
  public var actionCount: Int
  /// The shared torso.
  public var torso: Torso
  /// Width of the extra input concatenated to the torso's features before the heads
  /// (0: none). Used for the η-embedding.
  public var extraFeatures: Int

  /// An architecture; `torso` defaults to ``Torso/defaultMLP`` (64×64 tanh).
  public init(
    observationSize: Int, actionCount: Int, torso: Torso = .defaultMLP, extraFeatures: Int = 0
  ) {
    precondition(observationSize > 0, "observationSize must be positive, got \(observationSize)")
    precondition(actionCount > 0, "actionCount must be positive, got \(actionCount)")
    precondition(extraFeatures >= 0, "extraFeatures must be ≥ 0, got \(extraFeatures)")
    switch torso {
    case .mlp(let hidden):
      precondition(hidden.allSatisfy { $0 > 0 }, "hidden sizes must be positive, got \(hidden)")
    case .conv(let h, let w, let c, let f, let k, let hid):
      precondition(h * w * c == observationSize,
                   "conv torso expects \(h)×\(w)×\(c) = \(h * w * c) inputs, got \(observationSize)")
      precondition(k >= 1 && k <= h && k <= w && f > 0 && hid > 0, "bad conv torso \(torso)")
    }
    self.observationSize = observationSize
    self.actionCount = actionCount
    self.torso = torso
    self.extraFeatures = extraFeatures
  }

  /// The MinAtar network for a game with `channels` channels and `actionCount` actions.
  public static func minAtar(channels: Int, actionCount: Int, extraFeatures: Int = 0) -> Self {
    .init(observationSize: 100 * channels, actionCount: actionCount,
          torso: .minAtar(channels: channels), extraFeatures: extraFeatures)
  }

  /// Width of the torso's output.
  public var featureCount: Int {
    switch torso {
    case .mlp(let hidden): hidden.last ?? observationSize
    case .conv(_, _, _, _, _, let hidden): hidden
    }
  }

  /// Width of the heads' input x = [features; extra].
  public var headInputCount: Int { featureCount + extraFeatures }

  /// Where each weight and bias sits in the flat parameter vector θ.
  ///
  /// Blocks, in order (every matrix row-major, `W[i][j]` maps input i to output j,
  /// i.e. the x W convention, so flat index = i · columns + j):
  ///
  /// - MLP: `W1` [obs, h₁], `b1` [h₁], `W2` [h₁, h₂], `b2`, …, `Wpi` [h_L + E, A],
  ///   `bpi` [A], `Wv` [h_L + E, 1], `bv` [1].
  /// - Conv: `W1` [k·k·C, F] (row (di·k + dj)·C + c: kernel row, column, channel),
  ///   `b1` [F], `W2` [OH·OW·F, H] (row (i·OW + j)·F + f), `b2` [H], then the heads.
  ///
  /// In the heads the first h_L rows read the torso's features, the last E rows the
  /// extra input. With hidden [8], E = 0 this is exactly the golden file's layout
  /// (W1, b1, Wpi, bpi, Wv, bv; P = 67 for 4 inputs and 2 actions).
  public var layout: ParameterLayout {
    var blocks: [(String, [Int])] = []
    switch torso {
    case .mlp(let hidden):
      var fanIn = observationSize
      for (l, h) in hidden.enumerated() {
        blocks.append(("W\(l + 1)", [fanIn, h]))
        blocks.append(("b\(l + 1)", [h]))
        fanIn = h
      }
    case .conv(let h, let w, let c, let f, let k, let hid):
      let (oh, ow) = (h - k + 1, w - k + 1)
      blocks.append(("W1", [k * k * c, f]))
      blocks.append(("b1", [f]))
      blocks.append(("W2", [oh * ow * f, hid]))
      blocks.append(("b2", [hid]))
    }
    blocks.append(("Wpi", [headInputCount, actionCount]))
    blocks.append(("bpi", [actionCount]))
    blocks.append(("Wv", [headInputCount, 1]))
    blocks.append(("bv", [1]))
    return ParameterLayout(blocks)
  }
}
