# Meta-gradient agents against the fixed-η baseline on the classic tasks.
load 'figures/style.gp'
set multiplot layout 1,2 title "Meta-learned η against fixed η: mean episode return and 95% CI over seeds"
ENVS = "cartpole catch"
TITLES = "CartPole-v1 Catch"
load 'figures/meta-panels.gp'
unset multiplot
