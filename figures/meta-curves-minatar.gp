# Meta-gradient agents against the fixed-η baseline on the five MinAtar games.
load 'figures/style.gp'
set multiplot layout 2,3 title "MinAtar: meta-learned η against fixed η (mean episode return and 95% CI over seeds)"
ENVS = "breakout space_invaders freeway asterix seaquest"
TITLES = "Breakout SpaceInvaders Freeway Asterix Seaquest"
load 'figures/meta-panels.gp'
unset multiplot
