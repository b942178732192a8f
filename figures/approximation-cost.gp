# drawn by: approximation-order
# needs: approximation-order
# Accuracy against cost: each approximation of dθ′/dη at its wall-clock cost per update
# relative to first order (x), against 1 − cosine of the meta-gradient, its median
# relative error and 1 − cosine of the trace z (y), all against the exact K_ref-step
# trace; per-seed summaries over the run's measurements, mean and 95% CI over seeds.
# Input: data (the approximation-order folder).
load 'figures/style.gp'
load 'figures/approximation-panels.gp'
eval terminal(100 + 470 * (words(ENVS) + 1), 1150)
set multiplot layout 3, words(ENVS) + 1 \
  title sprintf("Accuracy against cost per update from %s (reference: exact trace, K = %s; mean over seeds, 95%% t-interval clipped at 10^{-6})", REGIME, REFERENCE[7:])
set xlabel COST_LABEL
set logscale xy
set format y "10^{%L}"
set xrange [0.8:12]
set offsets 0, 0, graph 0.1, graph 0.1
floor_at(y) = y < 1e-6 ? 1e-6 : y
# cost.dat: index, cost_ratio mean/lo/hi (2–4), a2c_ratio (5–7), cosine (8–10),
# relerr_median (11–13), zcos (14–16); rows in NAMES order. The reference (exact
# agreement with itself) is left out; the legend has the last column's first panel.
do for [r = 0:2] {
  do for [e = 1:words(ENVS)] {
    env = word(ENVS, e)
    f = sprintf("%s/%s/cost.dat", data, env)
    set title sprintf("%s: %s", env_title(env), r == 0 ? "meta-gradient, 1 − cosine" : r == 1 ? "meta-gradient, median relative error" : "trace z, 1 − cosine")
    set ylabel (r == 1 ? "‖g − g*‖ / ‖g*‖" : "1 − cosine")
    set key off
    # Row index_of(a) − 1 of cost.dat is approximation a: one coloured point and bars each.
    if (r == 1) {
      plot for [i = 1:words(SHOWN)] f every ::(index_of(word(SHOWN, i)) - 1)::(index_of(word(SHOWN, i)) - 1) using 2:11:3:4:(floor_at($12)):13 \
           with xyerrorbars pt 7 ps 1.2 lw 1.5 lc rgb colour(word(SHOWN, i)) title label(word(SHOWN, i))
    } else {
      c = (r == 0 ? 8 : 14)
      plot for [i = 1:words(SHOWN)] f every ::(index_of(word(SHOWN, i)) - 1)::(index_of(word(SHOWN, i)) - 1) \
           using 2:(floor_at(1 - column(c))):3:4:(floor_at(1 - column(c + 2))):(floor_at(1 - column(c + 1))) \
           with xyerrorbars pt 7 ps 1.2 lw 1.5 lc rgb colour(word(SHOWN, i)) title label(word(SHOWN, i))
    }
  }
  if (r == 0) {
    eval LEGEND_PANEL
    plot for [i = 1:words(SHOWN)] NaN with points pt 7 ps 1.2 lc rgb colour(word(SHOWN, i)) title label(word(SHOWN, i))
    unset key; eval AXES; set xlabel COST_LABEL; set xrange [0.8:12]; set autoscale y; set logscale xy
  } else { set multiplot next }
}
unset multiplot
