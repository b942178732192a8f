# The paper's figure of η over training: the meta-learned γ (left axis) and λ (right
# axis) per environment, seeds' mean with a shaded 95% CI. Input: root (the data root).
load 'figures/style.gp'
set multiplot layout 2,4 title "Meta-learned η over training (mean and 95% CI over seeds; γ̄ = 0.995, λ̄ = 1; start γ = 0.99, λ = 0.9)"
ENVS = "cartpole catch breakout space_invaders freeway asterix seaquest"
TITLES = "CartPole-v1 Catch Breakout SpaceInvaders Freeway Asterix Seaquest"
set xlabel "environment steps"
set format x "%.0s%c"
set ylabel "γ"
set y2label "λ"
set ytics nomirror
set y2tics
set key bottom left box opaque
do for [e = 1:words(ENVS)] {
  env = word(ENVS, e)
  mg = sprintf("%s/meta-gamma/%s/meta-gamma/aggregate.dat", root, env)
  mgl = sprintf("%s/meta-gamma-lambda/%s/meta-gamma-lambda/aggregate.dat", root, env)
  set title word(TITLES, e)
  if (e == 1) { set key on } else { set key off }
  set xtics 0, (env eq "catch" ? 100000 : 500000)
  # aggregate columns: 1 env_steps, then mean/lo/hi per column; gamma is 14–16, lambda 17–19.
  plot mg using 1:15:16 with filledcurves lc rgb C[1], mg using 1:14 with lines lw 2 lc rgb C[1] title "γ (meta-γ)", \
       mgl using 1:15:16 with filledcurves lc rgb C[2], mgl using 1:14 with lines lw 2 lc rgb C[2] title "γ (meta-γ+λ)", \
       mgl using 1:18:19 axes x1y2 with filledcurves lc rgb C[3], mgl using 1:17 axes x1y2 with lines lw 2 dt 2 lc rgb C[3] title "λ (meta-γ+λ, right axis)"
}
unset multiplot
