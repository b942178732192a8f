# Shared look and vocabulary of every figure: loaded first by each script.
#
# Every figure script is called the same way, by the Makefile (`make figures`) and by
# an experiment for its own folder (`<out>/figures/`):
#
#   gnuplot -e "data='…'; root='…'; term='png'|'svg'; output='…'" figures/<figure>.gp
#
# data: the folder of the figure's own experiment; root: the folder holding sibling
# experiments (baseline, meta-gamma, …), whose finished ones (COMPLETE) are overlaid;
# term and output: the terminal kind and the file. The script picks its size from its
# panels (`eval terminal(w, h)`), and ends with `exit` before any output when it has
# nothing to draw.
set encoding utf8
# The axes' look of every panel. LEGEND_PANEL (below) unsets it: a script drawing more
# panels after its legend panel sets it again with `eval AXES` (after `unset tics`, a
# bare `set tics nomirror` turns the x and y tics back on mirrored, hence the per-axis
# nomirror).
AXES = "set border 3 lw 1.2; set tics nomirror out; set xtics nomirror; set ytics nomirror; set grid lc rgb '#dddddd' lw 1"
eval AXES
set key noautotitle
set style fill transparent solid 0.18 noborder
if (!exists("root")) { root = "" }
if (!exists("term")) { term = "png" }
if (!exists("output")) { output = "figure.png" }

# The terminal at w × h pixels, with the output file.
terminal(w, h) = sprintf("set terminal %s size %d,%d font 'sans,10'%s; set output '%s'", \
  term eq "svg" ? "svg" : "pngcairo", w, h, term eq "svg" ? " dynamic" : "", output)

# MARK: - Files

exists_path(p) = int(system(sprintf("test -e '%s' && echo 1 || echo 0", p)))
# A sibling experiment's folder under root, when it has finished ("" otherwise);
# `data` itself when e is the figure's own experiment.
sibling(e) = (root ne "" && exists_path(sprintf("%s/%s/COMPLETE", root, e))) ? sprintf("%s/%s", root, e) : ""

# MARK: - Environments

# The project's environments in its order, and their names as their papers write them.
ALL_ENVS = "cartpole catch breakout space_invaders freeway asterix seaquest"
CLASSIC_ENVS = "cartpole catch"
MINATAR_ENVS = "breakout space_invaders freeway asterix seaquest"
env_title(e) = e eq "cartpole" ? "CartPole-v1" : e eq "catch" ? "Catch" : e eq "breakout" ? "Breakout" : \
  e eq "space_invaders" ? "SpaceInvaders" : e eq "freeway" ? "Freeway" : e eq "asterix" ? "Asterix" : \
  e eq "seaquest" ? "Seaquest" : e
# One colour per environment, for figures that draw environments as series (Okabe–Ito).
env_colour(e) = e eq "cartpole" ? "#0072B2" : e eq "catch" ? "#E69F00" : e eq "breakout" ? "#009E73" : \
  e eq "space_invaders" ? "#CC79A7" : e eq "freeway" ? "#56B4E9" : e eq "asterix" ? "#F0E442" : \
  e eq "seaquest" ? "#D55E00" : "#777777"
# A panel's title (a script may redefine it after loading this file).
title_of(e) = env_title(e)
# The environments of `list` that have a folder (or file `suffix`) under `folder`, in order.
envs_in(folder, list, suffix) = system("for e in " . list . "; do [ -e '" . folder . "/'$e'" . suffix . "' ] && printf '%s ' $e; done")
# The range an episode return can take: CartPole-v1 0–500 (one per step, truncated at
# 500), Catch −1 or +1, MinAtar's rewards are non-negative. Bands are clipped to it.
return_min(e) = e eq "catch" ? -1 : 0
return_max(e) = e eq "cartpole" ? 500 : e eq "catch" ? 1 : 1e30
clip(y, e) = y < return_min(e) ? return_min(e) : y > return_max(e) ? return_max(e) : y
return_range(e) = return_max(e) < 1e29 ? sprintf("set yrange [%g:%g]", return_min(e) - 0.04 * (return_max(e) - return_min(e)), return_max(e) + 0.04 * (return_max(e) - return_min(e))) : "set yrange [0:*]"

# MARK: - Variants: one label, colour and line style each, across every figure

# A fixed-η folder name gammaG-lambdaL, read back.
is_fixed(v) = v[1:5] eq "gamma" && strstrt(v, "-lambda") > 0
fixed_gamma(v) = v[6:strstrt(v, "-lambda") - 1]
fixed_lambda(v) = v[strstrt(v, "-lambda") + 7:]
# eta-paths' from-gammaG-lambdaL-betaB.
is_path(v) = v[1:5] eq "from-"
path_start(v) = v[6:strstrt(v, "-beta") - 1]
path_beta(v) = v[strstrt(v, "-beta") + 5:]
# beta-sensitivity's betaB.
is_beta(v) = v[1:4] eq "beta" && v[5:5] ne "-"
# best:gammaG-lambdaL, a landscape's best cell shown as the reference.
is_best(v) = v[1:5] eq "best:"
# The legend text of a variant, in the paper's notation.
label(v) = is_best(v) ? "best fixed η of the landscape" : is_fixed(v) ? sprintf("fixed γ = %s, λ = %s", fixed_gamma(v), fixed_lambda(v)) : \
  v eq "best-fixed-eta" ? "best fixed η" : v eq "tuned-fixed-eta" ? "best fixed η, held out" : \
  v eq "meta-gamma" ? "meta-γ" : v eq "meta-lambda" ? "meta-λ" : \
  v eq "meta-gamma-lambda-unconditioned" ? "meta-γ+λ, without e_η" : v eq "meta-gamma-lambda-outer-critic" ? "meta-γ+λ, outer critic v̄" : \
  v eq "meta-gamma-lambda" ? "meta-γ+λ" : v eq "conditioning-on" ? "meta-γ+λ, with e_η" : \
  v eq "conditioning-off" ? "meta-γ+λ, without e_η" : v eq "first-order" ? "first order, dθ′/dη ≈ ∂f/∂η (paper)" : \
  v[1:6] eq "trace-" ? sprintf("accumulating trace, μ = %s", v[7:]) : v[1:6] eq "exact-" ? sprintf("exact trace, K = %s", v[7:]) : \
  is_hybrid(v) ? sprintf("hybrid: exact every %s, μ = %s", hybrid_k(v), hybrid_mu(v)) : \
  v[1:3] eq "fd-" ? sprintf("finite-difference HVP, K = %s", v[4:]) : \
  v[1:10] eq "curvature-" ? sprintf("curvature-scaled μ, every %s", v[11:]) : \
  v[1:9] eq "diagonal-" ? sprintf("Hutchinson diagonal, every %s", v[10:]) : \
  is_path(v) ? sprintf("from γ = %s, λ = %s; β = %s", fixed_gamma(path_start(v)), fixed_lambda(path_start(v)), path_beta(v)) : \
  is_beta(v) ? sprintf("meta-γ+λ, β = %s", v[5:]) : \
  v eq "random" ? "random policy" : v
# hybrid-k-μ, read back.
is_hybrid(v) = v[1:7] eq "hybrid-"
hybrid_k(v) = v[8:7 + strstrt(v[8:], "-") - 1]
hybrid_mu(v) = v[8 + strstrt(v[8:], "-"):]
# Colours: Okabe & Ito's colour-blind-safe eight, then Paul Tol's muted set. The
# paper's meta-γ+λ (and its first-order fast path and its conditioned form) is
# vermillion everywhere; fixed η are the light colours, the best fixed η black.
colour(v) = v eq "gamma0.99-lambda0.9" ? "#56B4E9" : v eq "gamma0.99-lambda1" ? "#009E73" : \
  v eq "gamma0.995-lambda0.9" ? "#E69F00" : v eq "gamma0.995-lambda1" ? "#CC79A7" : \
  v eq "best-fixed-eta" || v eq "tuned-fixed-eta" || is_best(v) ? "#000000" : v eq "meta-gamma" ? "#0072B2" : v eq "meta-lambda" ? "#882255" : \
  v eq "meta-gamma-lambda" || v eq "conditioning-on" || v eq "first-order" ? "#D55E00" : \
  v eq "conditioning-off" || v eq "meta-gamma-lambda-unconditioned" ? "#CC6677" : v eq "meta-gamma-lambda-outer-critic" ? "#DDAA33" : \
  v eq "trace-0.5" ? "#88CCEE" : v eq "trace-0.9" ? "#44AA99" : \
  v eq "trace-1.0" ? "#117733" : v eq "exact-1" ? "#DDCC77" : v eq "exact-3" ? "#AA4499" : \
  v eq "exact-10" ? "#332288" : v eq "hybrid-2-0.9" ? "#E69F00" : v eq "hybrid-5-0.9" ? "#CC79A7" : \
  v eq "hybrid-10-0.9" ? "#882255" : v eq "fd-10" ? "#0072B2" : v eq "curvature-5" ? "#009E73" : \
  v eq "curvature-10" ? "#117733" : v eq "diagonal-2" ? "#999933" : v eq "diagonal-10" ? "#661100" : is_path(v) ? path_colour(path_start(v)) : "#777777"
# A path's colour is its start's (four starts, then grey).
path_colour(s) = s eq "gamma0.99-lambda0.9" ? "#D55E00" : s eq "gamma0.9-lambda0.9" ? "#0072B2" : \
  s eq "gamma0.995-lambda1" ? "#009E73" : s eq "gamma0.99-lambda0" ? "#CC79A7" : "#777777"
# Line styles: the four baseline settings of fixed η one each (η₀ = (0.99, 0.9) solid), other fixed η dashed; the
# learned and the approximations solid, exact traces dashed; a path's larger β solid.
dash(v) = v eq "gamma0.99-lambda0.9" ? 1 : v eq "gamma0.99-lambda1" ? 2 : v eq "gamma0.995-lambda0.9" ? 4 : \
  v eq "gamma0.995-lambda1" ? 5 : is_fixed(v) ? 2 : v[1:6] eq "exact-" ? 2 : v eq "random" ? 3 : \
  is_path(v) ? (path_beta(v) + 0 >= 0.01 ? 1 : 2) : 1
# Point types by family of approximation: circles for first order, the accumulating and
# the exact traces, squares hybrid, triangles finite differences, diamonds curvature,
# inverted triangles diagonal.
point(v) = is_hybrid(v) ? 5 : v[1:3] eq "fd-" ? 9 : v[1:10] eq "curvature-" ? 13 : v[1:9] eq "diagonal-" ? 11 : 7
width(v) = is_fixed(v) ? 1.8 : v eq "random" ? 1.5 : v eq "first-order" ? 3 : 2.5

# MARK: - Panel grids with a legend panel

# A grid of n data panels plus one legend panel: columns and rows, and pixels.
grid_cols(n) = n + 1 <= 3 ? n + 1 : n + 1 <= 6 ? 3 : 4
grid_rows(n) = int(ceil((n + 1.0) / grid_cols(n)))
grid_terminal(n) = terminal(100 + 430 * grid_cols(n), 70 + 390 * grid_rows(n))
# Turns the current panel into the legend: the same plot with nothing in range, so
# only the key shows (plot after it without bands, then `unset multiplot`).
LEGEND_PANEL = "unset logscale; unset title; unset xlabel; unset ylabel; unset y2label; unset tics; unset border; unset grid; unset arrow; unset label; unset object; unset colorbox; set xrange [-2:-1]; set yrange [-2:-1]; set y2range [-2:-1]; set key on center center vertical Left reverse box opaque samplen 3 spacing 1.3 width 2"

# MARK: - The figure's own experiment and its siblings

# The experiment `data` holds: its MANIFEST's `experiment = …`, else the folder's name.
own = exists_path(data."/MANIFEST") ? system(sprintf("sed -n 's/^experiment = //p' '%s/MANIFEST'", data)) : system(sprintf("basename '%s'", data))
# Where experiment e's data is for this figure: `data` for its own, a finished sibling
# under root otherwise, "" when there is none.
folder(e) = e eq own ? data : sibling(e)

# MARK: - Curves

# The fixed-η variants (gammaG-lambdaL folders) of experiment folder f on env, as the
# "file variant …" list of curve-panels.gp, in numeric order.
fixed_curves(f, env) = f eq "" ? "" : system(sprintf("cd '%s/%s' 2>/dev/null && for v in $(ls -d gamma*-lambda* | sort -V); do printf '%%s %%s ' '%s/%s/'$v/aggregate.dat $v; done", f, env, f, env))
# Variant v of experiment folder f on env, if it has data ("" otherwise).
variant_curve(f, env, v) = f ne "" && exists_path(sprintf("%s/%s/%s/aggregate.dat", f, env, v)) ? sprintf("%s/%s/%s/aggregate.dat %s ", f, env, v, v) : ""
# Experiment e's own variant (its folder is named as the experiment) on env.
own_curve(e, env) = variant_curve(folder(e), env, e)
# The uniformly random policy's file for env in experiment folder f, or "".
random_in(f, env) = f ne "" && exists_path(sprintf("%s/random/%s.dat", f, env)) ? sprintf("%s/random/%s.dat", f, env) : ""

# MARK: - Axes

# A round tick step giving about five ticks up to x.
nice_step(x) = (m = x / 10**floor(log10(x)), 10**floor(log10(x)) * (m < 1.5 ? 0.2 : m < 3.5 ? 0.5 : m < 7.5 ? 1 : 2))
# A tick step for an axis of environment steps labelled "%.0s%c" (one significant
# digit): nice_step, but never a half step, whose labels would round (1.5M to "2M").
step_tick(x) = (tick_s = nice_step(x), tick_s / 10**floor(log10(tick_s)) == 5 ? 2 * tick_s : tick_s)
