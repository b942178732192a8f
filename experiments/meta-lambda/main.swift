// meta-lambda: A2C whose bootstrapping parameter λ is meta-learned online, γ held at
// γ₀ (Xu, van Hasselt & Silver 2018, §2 and the "λ" rows of Table 1), on every
// environment with the baseline's budgets and seeds, so the curves compare directly.
import MetaGradient

enum MetaLambda: LearnedEtaExperiment {
  static let name = "meta-lambda"
  static let learnsGamma = false, learnsLambda = true
}

BLASKernels.selectForThisCPU()
LearnedEtaCommand<MetaLambda>.main()
