# drawn by: beta-sensitivity
# needs: beta-sensitivity landscape compare/beta-classic compare/beta-minatar
# Sensitivity of meta-γ+λ to its meta learning rate β, from one η₀:
# (a) the normalised IQM of final return over runs with its 95% stratified-bootstrap
#     interval, per group of environments (`make compare`: compare/beta-classic,
#     compare/beta-minatar; 0 = random policy, 1 = the landscape's best fixed η per
#     environment), the fixed η₀ cell's IQM dashed — drawn when the comparisons exist;
# (b) each environment's final return (the summary in COMPLETE: mean over seeds of the
#     last 10% of training, 95% t-interval), normalised the same way (without the
#     landscape beside: 1 = the best β of the sweep);
# (c), (d) the final γ and λ: the last row of each β's aggregate.dat (mean over seeds,
#     95% t-interval), η₀ dotted.
load 'figures/style.gp'
ENVS = system("for e in " . ALL_ENVS . "; do ls '" . data . "'/$e/beta*/aggregate.dat >/dev/null 2>&1 && printf '%s ' $e; done")
if (words(ENVS) == 0) { exit }
LAND = folder("landscape")
# Per environment: "β mean lo hi" of the final return, from the summary lines
# "<env> beta<β>: final return (last 10% of rows) <mean> [<lo>, <hi>] over <n> seeds".
# The summary is COMPLETE's, or the file a finishing run names as `summary`.
SUMMARY = exists("summary") ? summary : data . "/COMPLETE"
finals(e) = "< sed -n 's/^" . e . " beta\\([^:]*\\): final return (last 10% of rows) \\([^ ]*\\) \\[\\([^,]*\\), \\([^]]*\\)\\] over .*/\\1 \\2 \\3 \\4/p' '" . SUMMARY . "'"
# Per environment: "β" then the last row of each β's aggregate.dat (γ mean/lo/hi in 15–17, λ in 18–20).
last_rows(e) = "< for f in '" . data . "/" . e . "'/beta*/aggregate.dat; do b=${f%/aggregate.dat}; printf '%s ' ${b##*/beta}; tail -n 1 \"$f\"; done"
FIRST = system("ls '" . data . "/" . word(ENVS, 1) . "'/beta*/aggregate.dat | head -n 1")
header(f, k) = system(sprintf("sed -n 's/^# %s = //p' '%s'", k, f))
GAMMA0 = real(header(FIRST, "initial_gamma")); LAMBDA0 = real(header(FIRST, "initial_lambda"))
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
  e = word(ENVS, i)
  eval sprintf("FINALS_%d = finals(word(ENVS, %d))", i, i)
  f = value(sprintf("FINALS_%d", i))
  rnd = 0
  if (RANDOM(e) ne "") { stats RANDOM(e) using 2 nooutput; rnd = STATS_min }
  top = best_of(e)
  if (top != top) { stats f using 2 nooutput; top = STATS_max }
  PLOT = PLOT . sprintf("FINALS_%d using ($1 * shift(%d)):(($2 - %.9g) / %.9g):(($3 - %.9g) / %.9g):(($4 - %.9g) / %.9g) with yerrorlines lw 2 pt 7 lc rgb '%s' notitle, ", \
    i, i, rnd, top - rnd, rnd, top - rnd, rnd, top - rnd, env_colour(e))
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
    e = word(ENVS, i)
    eval sprintf("LAST_%d = last_rows(word(ENVS, %d))", i, i)
    PLOT = PLOT . sprintf("LAST_%d using ($1 * shift(%d)):%d:%d:%d with yerrorlines lw 2 pt 7 lc rgb '%s' notitle, ", i, i, 15 + 3 * k, 16 + 3 * k, 17 + 3 * k, env_colour(e))
  }
  eval "plot " . PLOT[1:strlen(PLOT) - 2]
}
eval LEGEND_PANEL
eval "plot " . KEY[1:strlen(KEY) - 2]
unset multiplot
