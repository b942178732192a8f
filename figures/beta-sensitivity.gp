# drawn by: beta-sensitivity
# needs (once its data is committed): beta-sensitivity landscape compare/beta-classic compare/beta-minatar
# Sensitivity of meta-γ+λ to its meta learning rate β, from one η₀ (final-eta.dat):
# (a) the normalised IQM of final return over runs with its 95% stratified-bootstrap
#     interval, per group of environments (`make compare`: compare/beta-classic,
#     compare/beta-minatar; 0 = random policy, 1 = the landscape's best fixed η per
#     environment), the fixed η₀ cell's IQM dashed — drawn when the comparisons exist;
# (b) each environment's final return, normalised the same way (without the landscape
#     beside: 1 = the best β of the sweep), mean over seeds with its 95% t-interval;
# (c), (d) the final γ and λ (last row), mean over seeds with its 95% t-interval,
#     η₀ dotted.
load 'figures/style.gp'
ENVS = envs_in(data, ALL_ENVS, "/final-eta.dat")
if (words(ENVS) == 0) { exit }
LAND = folder("landscape")
FIRST = sprintf("%s/%s/final-eta.dat", data, word(ENVS, 1))
stats FIRST using 3:4 nooutput
GAMMA0 = STATS_min_x; LAMBDA0 = STATS_min_y
FIXED0 = sprintf("gamma%s-lambda%s", gprintf("%g", GAMMA0), gprintf("%g", LAMBDA0))
CMPS = root eq "" ? "" : system(sprintf("for c in beta-classic beta-minatar; do [ -e '%s/compare/'$c/COMPLETE ] && printf '%%s ' $c; done", root))
header(f, k) = system(sprintf("sed -n 's/^# %s = //p' '%s'", k, f))
group_label(c) = sprintf("%s (%d environment(s) × %d seeds)", c eq "beta-classic" ? "CartPole, Catch" : "MinAtar games", \
  words(header(sprintf("%s/compare/%s/aggregates.dat", root, c), "environments")), words(header(sprintf("%s/compare/%s/aggregates.dat", root, c), "seeds")))
group_colour(c) = c eq "beta-classic" ? "#0072B2" : "#D55E00"
beta_of(s) = s[1:4] eq "beta" ? real(s[5:]) : NaN

eval terminal(1500, 900)
set multiplot layout 2, 3 title sprintf("Meta-γ+λ against its meta learning rate β, from η₀ = (%g, %g) (final return: mean over the last 10%% of training)", GAMMA0, LAMBDA0)
set logscale x
set format x "10^{%L}"
set xrange [5e-5:6e-2]
set xlabel "β (meta learning rate, log scale)"
set key off

# (a) Normalised IQM per group.
# Environment i's points are shifted a little along x so that their intervals do not overlap.
shift(i) = exp(0.06 * (i - (words(ENVS) + 1) / 2.0))
set yrange [-0.5<*:*<1.5]
set title "(a) IQM of normalised final return (95% bootstrap CI)"
set ylabel "normalised score (1 = best fixed η of the landscape)"
if (words(CMPS) > 0) {
  PLOT = "1 with lines dt 1 lw 1.2 lc rgb '#000000' title 'best fixed η', "
  do for [i = 1:words(CMPS)] {
    c = word(CMPS, i); f = sprintf("%s/compare/%s/aggregates.dat", root, c)
    PLOT = PLOT . sprintf("'%s' using (beta_of(strcol(1))):9:10:11 with yerrorlines lw 2.5 pt 7 lc rgb '%s' title '%s', ", f, group_colour(c), group_label(c))
    FIXED_IQM = system(sprintf("awk '$1 == \"%s\" { print $9 }' '%s'", FIXED0, f))
    if (FIXED_IQM ne "") {
      PLOT = PLOT . sprintf("%s with lines dt 2 lw 1.5 lc rgb '%s' title 'fixed η₀, %s', ", FIXED_IQM, group_colour(c), c eq "beta-classic" ? "CartPole, Catch" : "MinAtar")
    }
  }
  set key below left
  eval "plot " . PLOT[1:strlen(PLOT) - 2]
  set key default
  set key off
} else {
  set label 1 "run make compare (with the landscape)\nto draw the normalised IQM" at graph 0.5, 0.5 center
  plot [:] [0:1.5] 1 with lines dt 1 lw 1.2 lc rgb '#000000' notitle
  unset label 1
}

# (b) Per environment, normalised final return.
RANDOM(e) = random_in(data, e)
best_of(e) = LAND ne "" && exists_path(sprintf("%s/%s/landscape.dat", LAND, e)) ? real(header(sprintf("%s/%s/landscape.dat", LAND, e), "best_final_mean")) : NaN
set yrange [-0.5<*:*<1.5]
set title sprintf("(b) Final return per environment, normalised (mean, 95%% CI)")
set ylabel LAND ne "" ? "normalised score (0 = random, 1 = best fixed η)" : "normalised score (0 = random, 1 = best β)"
PLOT = "1 with lines dt 1 lw 1.2 lc rgb '#000000' notitle, "
KEY = ""
do for [i = 1:words(ENVS)] {
  e = word(ENVS, i); f = sprintf("%s/%s/final-eta.dat", data, e)
  rnd = 0
  if (RANDOM(e) ne "") { stats RANDOM(e) using 2 nooutput; rnd = STATS_min }
  top = best_of(e)
  if (top != top) { stats f using 5 nooutput; top = STATS_max }
  PLOT = PLOT . sprintf("'%s' using ($2 * shift(%d)):(($5 - %.9g) / %.9g):(($6 - %.9g) / %.9g):(($7 - %.9g) / %.9g) with yerrorlines lw 2 pt 7 lc rgb '%s' notitle, ", \
    f, i, rnd, top - rnd, rnd, top - rnd, rnd, top - rnd, env_colour(e))
  KEY = KEY . sprintf("NaN with linespoints lw 2 pt 7 lc rgb '%s' title '%s', ", env_colour(e), env_title(e))
}
eval "plot " . PLOT[1:strlen(PLOT) - 2]
set autoscale y

# Legend of the environments.
set multiplot next

# (c), (d) Final γ and λ.
set tics nomirror out
do for [k = 0:1] {
  set title k == 0 ? "(c) Final γ (mean over seeds, 95% CI; η₀ dotted)" : "(d) Final λ (mean over seeds, 95% CI; η₀ dotted)"
  set ylabel k == 0 ? "γ (discount)" : "λ (bootstrapping)"
  PLOT = sprintf("%g with lines dt 3 lw 1.5 lc rgb '#555555' notitle, ", k == 0 ? GAMMA0 : LAMBDA0)
  do for [i = 1:words(ENVS)] {
    e = word(ENVS, i); f = sprintf("%s/%s/final-eta.dat", data, e)
    PLOT = PLOT . sprintf("'%s' using ($2 * shift(%d)):%d:%d:%d with yerrorlines lw 2 pt 7 lc rgb '%s' notitle, ", f, i, 8 + 3 * k, 9 + 3 * k, 10 + 3 * k, env_colour(e))
  }
  eval "plot " . PLOT[1:strlen(PLOT) - 2]
}
eval LEGEND_PANEL
eval "plot " . KEY[1:strlen(KEY) - 2]
unset multiplot
