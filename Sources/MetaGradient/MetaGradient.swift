/// MetaGradient: the core library of MetaGradientRL, a reproduction of
/// *Meta-Gradient Reinforcement Learning* (Xu, van Hasselt & Silver, NeurIPS 2018).
///
/// The library holds all maths (λ-returns with exact η-derivatives, networks,
/// optimisers, the A2C update f(τ, θ, η) and its meta-gradient), the environments,
/// and the experiment plumbing (configs, seeding, data files, progress). The
/// executables under `experiments/` are thin scripts over it.
public enum MetaGradientRL {
  /// The package version written into every data file's header.
  public static let version = "0.1.0"
}
