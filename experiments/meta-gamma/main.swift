// meta-gamma: A2C whose discount γ is meta-learned online, λ held at λ₀ (Xu, van
// Hasselt & Silver 2018, §2 and the "γ" rows of Table 1), on every environment with
// the baseline's budgets and seeds, so the curves compare directly.
import MetaGradient

enum MetaGamma: LearnedEtaExperiment {
  static let name = "meta-gamma"
  static let learnsGamma = true, learnsLambda = false
}

BLASKernels.selectForThisCPU()
LearnedEtaCommand<MetaGamma>.main()
