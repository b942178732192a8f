# Accuracy of each approximation of dθ′/dη over training, measured on the host's runs
# against the exact K_ref-step trace on the same θ and data: 1 − cosine of the
# meta-gradient (dJ̄/dγ, dJ̄/dλ), its relative error, and 1 − cosine of the traces z
# themselves; seeds' mean with a shaded 95% CI. Input: data (the approximation-order folder).
load 'figures/style.gp'
load 'figures/approximation-panels.gp'
set multiplot layout 3, words(ENVS) title sprintf("Accuracy of the approximations of dθ′/dη against the reference exact, K = %s (on the %s agent's runs; mean and 95%% CI over seeds)", REFERENCE[7:], HOST)
set xlabel "environment steps"
set format x "%.0s%c"
set logscale y
set format y "10^{%L}"
set key bottom right font ',9'
# accuracy.dat: 1 env_steps, then mean/lo/hi per column; columns update, ref_gamma,
# ref_lambda, then per approximation i (0-based) cos, relerr, zcos.
mean(i, k) = 2 + 3 * (3 + 3 * i + k)
ROWS = "meta-gradient: 1 − cosine|meta-gradient: relative error|trace z: 1 − cosine"
do for [r = 0:2] {
  do for [e = 1:words(ENVS)] {
    env = word(ENVS, e)
    f = sprintf("%s/%s/accuracy.dat", data, env)
    set title sprintf("%s — %s", title_of(env), r == 0 ? "meta-gradient: 1 − cosine" : r == 1 ? "meta-gradient: ‖g − g*‖ / ‖g*‖" : "trace z: 1 − cosine")
    set ylabel (r == 1 ? "relative error" : "1 − cosine")
    if (e == 1 && r == 0) { set key on } else { set key off }
    if (r == 1) {
      plot for [i = 0:words(NAMES) - 1] f using 1:(column(mean(i, 1) + 1)):(column(mean(i, 1) + 2)) with filledcurves lc rgb C[i % 8 + 1], \
           for [i = 0:words(NAMES) - 1] f using 1:(column(mean(i, 1))) with linespoints lw width_of(word(NAMES, i + 1)) dt dash_of(word(NAMES, i + 1)) pt 7 ps 0.6 lc rgb C[i % 8 + 1] title label_of(word(NAMES, i + 1))
    } else {
      k = (r == 0 ? 0 : 2)
      plot for [i = 0:words(NAMES) - 1] f using 1:(1 - column(mean(i, k) + 2)):(1 - column(mean(i, k) + 1)) with filledcurves lc rgb C[i % 8 + 1], \
           for [i = 0:words(NAMES) - 1] f using 1:(1 - column(mean(i, k))) with linespoints lw width_of(word(NAMES, i + 1)) dt dash_of(word(NAMES, i + 1)) pt 7 ps 0.6 lc rgb C[i % 8 + 1] title label_of(word(NAMES, i + 1))
    }
  }
}
unset multiplot
