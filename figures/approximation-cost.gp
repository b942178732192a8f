# Accuracy against cost: each approximation of dθ′/dη at its wall-clock cost per update
# relative to first order (x), against 1 − cosine of the meta-gradient, its median
# relative error and 1 − cosine of the trace z (y), all against the exact K_ref-step
# trace; per-seed summaries over the run's measurements, mean and 95% CI over seeds.
# Input: data (the approximation-order folder).
load 'figures/style.gp'
load 'figures/approximation-panels.gp'
set multiplot layout 3, words(ENVS) title sprintf("Accuracy against cost per update (reference: exact, K = %s; mean and 95%% CI over seeds)", REFERENCE[7:])
set xlabel "cost per update relative to first order"
set logscale xy
set format y "10^{%L}"
set offsets graph 0.1, graph 0.1, graph 0.1, graph 0.1
set key inside top left font ',9'
# cost.dat: index, cost_ratio mean/lo/hi (2–4), a2c_ratio (5–7), cosine (8–10),
# relerr_median (11–13), zcos (14–16); rows in NAMES order.
do for [r = 0:2] {
  do for [e = 1:words(ENVS)] {
    env = word(ENVS, e)
    f = sprintf("%s/%s/cost.dat", data, env)
    set title sprintf("%s — %s", title_of(env), r == 0 ? "meta-gradient: 1 − cosine" : r == 1 ? "meta-gradient: median relative error" : "trace z: 1 − cosine")
    set ylabel (r == 1 ? "relative error" : "1 − cosine")
    if (e == words(ENVS) && r == 0) { set key on } else { set key off }
    # Row i of cost.dat is approximation i of NAMES: one coloured point (and bars) each.
    if (r == 1) {
      plot for [i = 0:words(NAMES) - 1] f every ::i::i using 2:11:3:4:12:13 with xyerrorbars pt 7 ps 1.2 lw 1.5 lc rgb C[i % 8 + 1] title label_of(word(NAMES, i + 1))
    } else {
      c = (r == 0 ? 8 : 14)
      plot for [i = 0:words(NAMES) - 1] f every ::i::i using 2:(1 - column(c)):3:4:(1 - column(c + 2)):(1 - column(c + 1)) \
           with xyerrorbars pt 7 ps 1.2 lw 1.5 lc rgb C[i % 8 + 1] title label_of(word(NAMES, i + 1))
    }
  }
}
unset multiplot
