# A2C with fixed η = (γ, λ) on the classic tasks: learning curves (mean and 95% CI
# over seeds). Input: data (the baseline experiment's folder).
load 'figures/style.gp'
set multiplot layout 1,2 title "A2C baseline, fixed (γ, λ): mean episode return and 95% CI over seeds"
ENVS = "cartpole catch"
TITLES = "CartPole-v1 Catch"
load 'figures/baseline-panels.gp'
unset multiplot
