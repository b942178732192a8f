# A2C with fixed η = (γ, λ) on the five MinAtar games: learning curves (mean and 95%
# CI over seeds). Input: data (the baseline experiment's folder).
load 'figures/style.gp'
set multiplot layout 2,3 title "A2C baseline on MinAtar, fixed (γ, λ): mean episode return and 95% CI over seeds"
ENVS = "breakout space_invaders freeway asterix seaquest"
TITLES = "Breakout Space\\_Invaders Freeway Asterix Seaquest"
load 'figures/baseline-panels.gp'
unset multiplot
