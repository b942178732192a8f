import Testing
@testable import MetaGradient

@Suite struct LearningCurveTests {
  @Test func rowsCarryTheLastMeanWhenNoEpisodeFinished() {
    var curve = LearningCurve()
    curve.log(envSteps: 10, episodes: EpisodeTally(), gamma: 0.99, lambda: 1)
    var tally = EpisodeTally()
    tally.add(episodeReturn: 2, length: 4)
    tally.add(episodeReturn: 4, length: 6)
    curve.log(envSteps: 20, episodes: tally, gamma: 0.98, lambda: 0.9)
    curve.log(envSteps: 30, episodes: EpisodeTally(), gamma: 0.97, lambda: 0.8)
    #expect(curve.rows[0][0] == 10 && curve.rows[0][1].isNaN && curve.rows[0][3] == 0)
    #expect(curve.rows[1] == [20, 3, 5, 2, 2, 0.98, 0.9])
    #expect(curve.rows[2] == [30, 3, 5, 0, 2, 0.97, 0.8])
    #expect(curve.finalReturn(fraction: 0.5) == 3)
  }

  @Test func scheduleRoundsUpToWholeRolloutsAndLogsAboutTargetRows() {
    let s = TrainingSchedule(budget: 1_000_000, stepsPerRollout: 320)
    #expect(s.rollouts == 3125 && s.totalSteps == 1_000_000)
    let rows = (1...s.rollouts).filter(s.logsAfter).count
    #expect((100...200).contains(rows))
    let small = TrainingSchedule(budget: 100, stepsPerRollout: 320)
    #expect(small.rollouts == 1 && small.totalSteps == 320 && small.logsAfter(1))
  }
}
