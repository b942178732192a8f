# One panel per environment in ENVS (titles in TITLES): the meta-gradient agents
# against the fixed-η baseline, seeds' mean with a shaded 95% CI; the four fixed-η
# variants thin and grey-dashed, meta-learned γ and γ+λ bold, the random policy dotted.
# Loaded after `set multiplot` by meta-curves-*.gp; input: root (the data root).
set xlabel "environment steps"
set ylabel "episode return"
set format x "%.0s%c"
set key bottom right
do for [e = 1:words(ENVS)] {
  env = word(ENVS, e)
  V = system(sprintf("cd '%s/baseline/%s' 2>/dev/null && ls -d gamma*-lambda* | sort", root, env))
  b(i) = sprintf("%s/baseline/%s/%s/aggregate.dat", root, env, word(V, i))
  mg = sprintf("%s/meta-gamma/%s/meta-gamma/aggregate.dat", root, env)
  mgl = sprintf("%s/meta-gamma-lambda/%s/meta-gamma-lambda/aggregate.dat", root, env)
  stats sprintf("%s/baseline/random/%s.dat", root, env) using 2 nooutput
  random = STATS_min
  set title word(TITLES, e)
  if (e == 1) { set key on } else { set key off }
  plot for [i=1:words(V)] b(i) using 1:2 with lines lw 1 dt 2 lc rgb '#999999' title (i == 1 ? "fixed γ ∈ (0.99, 0.995), λ ∈ (0.9, 1)" : ""), \
       mg using 1:3:4 with filledcurves lc rgb C[1], mg using 1:2 with lines lw 2.5 lc rgb C[1] title "meta-learned γ (λ = 0.9)", \
       mgl using 1:3:4 with filledcurves lc rgb C[2], mgl using 1:2 with lines lw 2.5 lc rgb C[2] title "meta-learned γ and λ", \
       random with lines dt 3 lw 1.5 lc rgb '#555555' title "random policy"
}
