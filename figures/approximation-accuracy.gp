# drawn by: approximation-order
# needs: approximation-order
# Accuracy of each approximation of dθ′/dη, measured during the host agent's runs
# against the exact K_ref-step trace on the same θ and data: 1 − cosine of the
# meta-gradient (dJ̄/dγ, dJ̄/dλ), its relative error, and 1 − cosine of the traces z.
# One box per approximation over every measurement of every seed (median, quartiles,
# whiskers to 1.5 IQR, outliers as points), so the ranking reads at a glance; the
# reference itself is left out. Values below 10⁻⁶ are drawn at 10⁻⁶.
load 'figures/style.gp'
load 'figures/approximation-panels.gp'
eval terminal(words(ENVS) < 3 ? 1300 : 100 + 430 * words(ENVS), 1150)
set multiplot layout 3, words(ENVS) title sprintf("Accuracy of the approximations of dθ′/dη against the exact trace (K = %s), measured on the %s agent's runs from %s: boxes over all measurements and seeds", REFERENCE[7:], short_label(HOST), REGIME) noenhanced
set logscale y
set format y "10^{%L}"
set style fill solid 0.35 border -1
set style boxplot outliers pointtype 7 medianlinewidth 2.5
set pointsize 0.4
set boxwidth 0.6
set xtics rotate by -30 left noenhanced
set xrange [0.3:words(SHOWN) + 0.7]
floor_at(y) = y < 1e-6 ? 1e-6 : y
# accuracy-seedNN.dat columns: env_steps update ref_gamma ref_lambda, then per
# approximation i (0-based, NAMES order) cos, relerr, zcos.
col(a, k) = 5 + 3 * (index_of(a) - 1) + k
METRIC = "meta-gradient: 1 − cosine|meta-gradient: ‖g − g*‖ / ‖g*‖|trace z: 1 − cosine"
do for [r = 0:2] {
  do for [e = 1:words(ENVS)] {
    env = word(ENVS, e)
    pooled = sprintf("< cat '%s/%s'/accuracy-seed*.dat", data, env)
    set title sprintf("%s: %s", env_title(env), r == 0 ? "meta-gradient, 1 − cosine" : r == 1 ? "meta-gradient, relative error" : "trace z, 1 − cosine")
    set ylabel (r == 1 ? "‖g − g*‖ / ‖g*‖" : "1 − cosine")
    set xtics ()
    do for [i = 1:words(SHOWN)] { set xtics add (short_label(word(SHOWN, i)) i) }
    k = (r == 0 ? 0 : r == 1 ? 1 : 2)
    plot for [i = 1:words(SHOWN)] pooled using (i):(floor_at(r == 1 ? column(col(word(SHOWN, i), 1)) : 1 - column(col(word(SHOWN, i), k)))) \
         with boxplot lc rgb colour(word(SHOWN, i))
  }
}
unset multiplot
