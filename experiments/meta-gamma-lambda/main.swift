// meta-gamma-lambda: A2C whose γ and λ are both meta-learned online (Xu, van Hasselt &
// Silver 2018, §2 and the "γ, λ" rows of Table 1), on every environment with the
// baseline's budgets and seeds, so the curves compare directly.
import MetaGradient

enum MetaGammaLambda: LearnedEtaExperiment {
  static let name = "meta-gamma-lambda"
  static let learnsGamma = true, learnsLambda = true
}

BLASKernels.selectForThisCPU()
LearnedEtaCommand<MetaGammaLambda>.main()
