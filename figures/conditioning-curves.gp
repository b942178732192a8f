# η-conditioning ablation: meta-learned γ and λ with and without conditioning π and v
# on e_η = W_η η, per environment (seeds' mean and 95% CI). Input: data (the
# eta-conditioning experiment's folder), root (the data root).
load 'figures/style.gp'
set multiplot layout 2,4 title "η-conditioning: meta-learned γ and λ with and without e_η (mean episode return and 95% CI over seeds)"
ENVS = "cartpole catch breakout space_invaders freeway asterix seaquest"
TITLES = "CartPole-v1 Catch Breakout SpaceInvaders Freeway Asterix Seaquest"
set xlabel "environment steps"
set ylabel "episode return"
set format x "%.0s%c"
set key bottom right
do for [e = 1:words(ENVS)] {
  env = word(ENVS, e)
  on = sprintf("%s/%s/conditioning-on/aggregate.dat", data, env)
  off = sprintf("%s/%s/conditioning-off/aggregate.dat", data, env)
  set title word(TITLES, e)
  if (e == 1) { set key on } else { set key off }
  set xtics 0, (env eq "catch" ? 100000 : 500000)
  plot off using 1:3:4 with filledcurves lc rgb C[2], off using 1:2 with lines lw 2 lc rgb C[2] title "without conditioning", \
       on using 1:3:4 with filledcurves lc rgb C[4], on using 1:2 with lines lw 2 lc rgb C[4] title "with e_η"
}
unset multiplot
