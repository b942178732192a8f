import Foundation
import Testing
@testable import MetaGradient

@Suite struct TraceAccuracyProbeTests {
  static let config = A2CConfig(optimizer: .rmsProp, learningRate: 3e-3, maxGradientNorm: 0.5, envs: 4, steps: 5,
                                network: .mlp(hidden: [16, 16]))
  static let meta = MetaConfig(learnGamma: true, learnLambda: true, initialGamma: 0.97, initialLambda: 0.8)
  static let compared: [TraceApproximation] = [.firstOrder, .accumulating(mu: 0.5), .accumulating(mu: 1), .exact(horizon: 1), .exact(horizon: 3)]
  static let measurement = TracedControlRun.Measurement(approximations: compared, referenceHorizon: 3, count: 4)

  func run(_ approximation: TraceApproximation, measuring: Bool, on id: EnvironmentID = .cartpole) throws -> TracedControlRun.Result {
    try TracedControlRun(config: Self.config, meta: Self.meta, approximation: approximation, budget: 40 * 20,
                         rng: RandomStream(seed: 11), measurement: measuring ? Self.measurement : nil).run(on: id)
  }

  /// Shadow traces read θ, τ, η and s·D but never write them: the learning curve (returns
  /// and η) is bit-for-bit the same with and without the measurement.
  @Test(arguments: [TraceApproximation.firstOrder, .exact(horizon: 3)])
  func shadowTracesDoNotChangeTraining(host: TraceApproximation) throws {
    let plain = try run(host, measuring: false), measured = try run(host, measuring: true)
    #expect(plain.measurements.isEmpty)
    #expect(measured.measurements.map(\.update) == TraceAccuracyProbe.schedule(rollouts: 40, count: 4, horizon: 3))
    #expect(measured.measurements.count == 4)
    let same = zip(plain.curve.rows.joined(), measured.curve.rows.joined()).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    #expect(plain.curve.rows.count == measured.curve.rows.count && same)
  }

  /// The reference against itself: cosine 1, relative error 0, trace cosine 1; exact-1 is
  /// first order; every cost is measured.
  @Test func referenceAgainstItselfIsExact() throws {
    let result = try run(.firstOrder, measuring: true, on: .catch)
    let exact3 = Self.compared.firstIndex(of: .exact(horizon: 3))!, exact1 = Self.compared.firstIndex(of: .exact(horizon: 1))!
    for m in result.measurements {
      #expect(m.metaGradients[exact3] == m.reference)
      #expect(abs(m.cosine[exact3] - 1) < 1e-12 && m.relativeError[exact3] == 0 && abs(m.traceCosine[exact3] - 1) < 1e-9)
      #expect(abs(m.cosine[exact1] - m.cosine[0]) < 1e-6 && abs(m.traceCosine[exact1] - m.traceCosine[0]) < 1e-5)
      #expect(m.relativeError[exact1] < 1e-3 + m.relativeError[0] && m.relativeError[0] < 1e-3 + m.relativeError[exact1])
      #expect(m.reference.allSatisfy(\.isFinite) && m.reference != [0, 0])
      #expect(m.seconds.allSatisfy { $0 > 0 } && m.innerUpdateSeconds > 0)
      #expect(m.cosine.allSatisfy { $0 >= -1 - 1e-12 && $0 <= 1 + 1e-12 })
    }
  }

  /// A shadow trace equals the host agent's own trace of the same approximation (the
  /// exact-2 and fd-2 hosts reset every 2 updates from the start, so at update 4 their window
  /// is the probe's: updates 3 and 4; the others run from the start in both).
  @Test(arguments: [TraceApproximation.accumulating(mu: 0.9), .exact(horizon: 2), .hybrid(every: 2, mu: 0.9),
                    .finiteDifference(horizon: 2), .curvature(every: 2), .diagonal(every: 2)])
  func shadowEqualsHostTrace(host: TraceApproximation) throws {
    let agent = MetaGradientAgent(config: Self.config, meta: Self.meta, strategy: .explicit(host),
                                  rng: RandomStream(seed: 3)) { CartPole(rng: $0) }
    let probe = TraceAccuracyProbe(agent.trainer.architecture, steps: 5, envs: 4, approximations: [host, .firstOrder],
                                   referenceHorizon: 2, measurementUpdates: [4])
    agent.observer = probe
    for _ in 0..<5 { try agent.iterate() }
    let m = try #require(probe.measurements.first)
    #expect(m.update == 4 && probe.measurements.count == 1)
    let own = [agent.lastMetaGradient.gamma, agent.lastMetaGradient.lambda]
    for (x, y) in zip(m.metaGradients[0], own) { #expect(abs(x - y) <= 1e-4 * max(abs(y), 1e-6), "shadow \(x) vs host \(y)") }
  }

  @Test func scheduleSpacesMeasurements() {
    #expect(TraceAccuracyProbe.schedule(rollouts: 40, count: 4, horizon: 3) == [9, 18, 27, 36])
    #expect(TraceAccuracyProbe.schedule(rollouts: 40, count: 20, horizon: 10) == [10, 20, 30])
    #expect(TraceAccuracyProbe.schedule(rollouts: 10, count: 5, horizon: 10).isEmpty)
  }

  @Test func agreementOfTwoVectors() {
    #expect(MetaGradientAgreement.cosine([1, 0], [2, 0]) == 1)
    #expect(abs(MetaGradientAgreement.cosine([1, 1], [1, -1])) < 1e-15)
    #expect(MetaGradientAgreement.relativeError([3, 4], [0, 5]) == MetaGradientAgreement.norm([3, -1]) / 5)
    #expect(MetaGradientAgreement.cosine([0, 0], [1, 0]).isNaN && MetaGradientAgreement.relativeError([1, 0], [0, 0]).isNaN)
  }
}
