# drawn by: approximation-frontier
# needs: approximation-frontier
# The accuracy–cost frontier of dθ′/dη (the notes' second question): every approximation
# at its wall-clock cost per update relative to first order (x, timed on the same updates)
# against its agreement with the exact K_ref-step meta-gradient on the same θ and data —
# 1 − the median cosine (top) and the median relative error (bottom), log scales, per
# environment. Per-seed medians over the run's measurements, mean and 95% CI over seeds
# (clipped at 10^-6). The shaded corner is the issue's goal: median cosine ≥ 0.9 at
# ≤ 1.5× first order's cost.
# Input: data (the approximation-frontier folder).
load 'figures/style.gp'
load 'figures/approximation-panels.gp'
eval terminal(100 + 470 * (words(ENVS) + 1), 820)
set multiplot layout 2, words(ENVS) + 1 \
  title sprintf("Accuracy against cost of dθ′/dη on %s's runs, %s (reference: exact trace, K = %s; per-seed medians, mean and 95%% t-interval over seeds, clipped at 10^{-6})", HOST, REGIME, REFERENCE[7:])
set xlabel COST_LABEL
set logscale xy
set xrange [0.8:6]
set xtics (1, 1.5, 2, 3, 4, 6)
set format y "10^{%L}"
set ytics nomirror
set mytics 10
set offsets 0, 0, graph 0.05, graph 0.05
floor_at(y) = y < 1e-6 ? 1e-6 : y
GOAL_COST = 1.5
GOAL_COSINE = 0.9
# cost.dat: index, cost_ratio mean/lo/hi (2–4), a2c_ratio (5–7), cosine (8–10),
# relerr_median (11–13), zcos (14–16), cosine_median (17–19); rows in NAMES order.
do for [r = 0:1] {
  do for [e = 1:words(ENVS)] {
    env = word(ENVS, e)
    f = sprintf("%s/%s/cost.dat", data, env)
    set key off
    unset object
    if (r == 0) {
      set title sprintf("%s: meta-gradient, 1 − median cosine", env_title(env))
      set ylabel "1 − cosine to the exact trace"
      set yrange [*:2.5]
      set object 1 rect from graph 0, graph 0 to first GOAL_COST, first (1 - GOAL_COSINE) behind fc rgb "#D9EFD9" fs solid 1.0 noborder
      plot for [i = 1:words(SHOWN)] f every ::(index_of(word(SHOWN, i)) - 1)::(index_of(word(SHOWN, i)) - 1) \
           using 2:(floor_at(1 - $17)):3:4:(floor_at(1 - $19)):(floor_at(1 - $18)) with xyerrorbars pt point(word(SHOWN, i)) \
           ps 1.4 lw 1.5 lc rgb colour(word(SHOWN, i)) title label(word(SHOWN, i))
    } else {
      set title sprintf("%s: meta-gradient, median relative error", env_title(env))
      set ylabel "‖g − g*‖ / ‖g*‖"
      set autoscale y
      plot for [i = 1:words(SHOWN)] f every ::(index_of(word(SHOWN, i)) - 1)::(index_of(word(SHOWN, i)) - 1) \
           using 2:11:3:4:(floor_at($12)):13 with xyerrorbars pt point(word(SHOWN, i)) ps 1.4 lw 1.5 \
           lc rgb colour(word(SHOWN, i)) title label(word(SHOWN, i))
    }
  }
  if (r == 0) {
    unset logscale
    eval LEGEND_PANEL
    plot for [i = 1:words(SHOWN)] NaN with points pt point(word(SHOWN, i)) ps 1.4 lc rgb colour(word(SHOWN, i)) \
         title label(word(SHOWN, i)), \
         NaN with boxes fs solid 1.0 noborder fc rgb "#D9EFD9" title "goal: cosine ≥ 0.9 at ≤ 1.5× first order"
    unset key; eval AXES; set xlabel COST_LABEL
    set xrange [0.8:6]; set logscale xy; set xtics (1, 1.5, 2, 3, 4, 6); set autoscale y
  } else { set multiplot next }
}
unset multiplot
