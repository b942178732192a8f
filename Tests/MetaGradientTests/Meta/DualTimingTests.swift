import Foundation
import Testing
@testable import MetaGradient

/// Cost ratios of the dual-number machinery; run only with METAGRAD_TIMING=1, in a
/// release build (`swift build -c release --build-tests -Xswiftc -enable-testing`).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["METAGRAD_TIMING"] != nil))
struct DualTimingTests {
  func seconds(_ repeats: Int, _ body: () -> Void) -> Double {
    body()
    var best = Double.infinity
    for _ in 0..<5 {
      let start = DispatchTime.now().uptimeNanoseconds
      for _ in 0..<repeats { body() }
      best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(repeats))
    }
    return best
  }

  static let cases: [(String, ActorCriticArchitecture, Int, Int)] = [
    ("CartPole MLP 64x64, T=20 N=16", .init(observationSize: 4, actionCount: 2), 20, 16),
    ("MinAtar conv (4 ch), T=20 N=8", .minAtar(channels: 4, actionCount: 6), 20, 8),
  ]

  @Test func forwardAndTraceCosts() {
    for (name, arch, T, N) in Self.cases {
      var random = RandomStream(seed: 1)
      let batch = (T + 1) * N
      let theta = randomParameters(arch, &random), z = randomArray(theta.count, &random, scale: 0.01)
      let r = TestRollout(arch, steps: T, envs: N, &random)
      let net = ActorCritic<Double>(arch, maxBatch: batch)
      let jvp = DualActorCritic<Double>(arch, maxBatch: batch)
      let reps = 20
      func plain() -> Double {
        theta.withUnsafeBufferPointer { p in
          r.observations.withUnsafeBufferPointer { o in
            seconds(reps) { net.forward(parameters: p.baseAddress!, observations: o.baseAddress!, extra: nil, batch: batch) }
          }
        }
      }
      var tPlain = plain()
      let tDual = theta.withUnsafeBufferPointer { p in
        z.withUnsafeBufferPointer { dp in
          r.observations.withUnsafeBufferPointer { o in
            seconds(reps) {
              jvp.forward(parameters: p.baseAddress!, parameterTangent: dp.baseAddress!,
                          observations: o.baseAddress!, extra: nil, batch: batch)
            }
          }
        }
      }
      tPlain = min(tPlain, plain())
      // For contrast: the same forward called generically from outside the module
      // (ActorCritic.forward is not @inlinable, so this runs the unspecialised body).
      let dualTheta = zip(theta, z).map { Dual(value: $0, tangent: $1) }
      let dualObs = r.observations.map { Dual<Double>($0) }
      let generic = ActorCritic<Dual<Double>>(arch, maxBatch: batch)
      let tGeneric = seconds(1) { _ = generic.forward(parameters: dualTheta, observations: dualObs, batch: batch) }
      // One inner update: plain A2C, first-order trace, exact trace (z ≠ 0).
      let update = A2CUpdate(network: ActorCritic<Double>(arch, maxBatch: batch), steps: T, envs: N)
      var f = [Double](repeating: 0, count: theta.count)
      let tUpdate = seconds(reps) {
        update.compute(parameters: theta, observations: r.observations, extra: nil,
                       actions: r.actions, rewards: r.rewards, ends: r.ends, truncationValues: nil, gamma: 0.99,
                       lambda: 0.9, valueCoefficient: 0.5, entropyCoefficient: 0.01, into: &f)
      }
      func traceCost(_ approximation: TraceApproximation) -> Double {
        let trace = ExactMetaTrace<Double>(arch, steps: T, envs: N, approximation: approximation)
        return seconds(reps) {
          trace.advance(parameters: theta, observations: r.observations, extra: nil,
                        actions: r.actions, rewards: r.rewards, ends: r.ends, truncationValues: nil, gamma: 0.99,
                        lambda: 0.9, valueCoefficient: 0.5, entropyCoefficient: 0.01,
                        learningRate: 0.01, preconditioner: nil, f: &f)
        }
      }
      let tFirst = traceCost(.firstOrder), tExact = traceCost(.exact(horizon: nil))
      print(String(format: "%@: forward Double %.3f ms, Dual %.3f ms (×%.2f; unspecialised ×%.0f); update %.3f ms, "
                   + "first-order trace %.3f ms (×%.2f), exact trace %.3f ms (×%.2f update, ×%.2f first-order)",
                   name, tPlain * 1e3, tDual * 1e3, tDual / tPlain, tGeneric / tPlain, tUpdate * 1e3, tFirst * 1e3,
                   tFirst / tUpdate, tExact * 1e3, tExact / tUpdate, tExact / tFirst))
    }
  }
}
