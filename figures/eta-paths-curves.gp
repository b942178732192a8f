# drawn by: eta-paths
# needs: eta-paths landscape
# Does meta-γ+λ from a poor start reach the best fixed η, and how fast? Per
# environment, the return of meta-γ+λ from each η₀ and β (seeds' mean and 95% band)
# against the landscape's best fixed η (black) when the landscape has data beside it.
load 'figures/style.gp'
ENVS = envs_in(data, ALL_ENVS, "")
FIGTITLE = "Meta-γ+λ from each start η₀ against the best fixed η (mean episode return over seeds; band: 95% t-interval, clipped to the return's range)"
paths(env) = system(sprintf("cd '%s/%s' && for v in $(ls -d from-* | sort -V); do printf '%%s %%s ' \"$PWD/$v/aggregate.dat\" $v; done", data, env))
# The landscape's best cell on env, as a curve of the landscape's own data.
best_of(env) = system(sprintf("f='%s/%s/landscape.dat'; [ -e \"$f\" ] && sed -n 's/^# best_gamma = //p; s/^# best_lambda = //p' \"$f\" | tr '\\n' ' '", folder("landscape"), env))
best_name(env) = sprintf("gamma%s-lambda%s", word(best_of(env), 1), word(best_of(env), 2))
best_file(env) = word(variant_curve(folder("landscape"), env, best_name(env)), 1)
best_curve(env) = folder("landscape") eq "" || words(best_of(env)) < 2 ? "" : best_file(env) eq "" ? "" : sprintf("%s best:%s ", best_file(env), best_name(env))
curves(env) = best_curve(env) . paths(env)
title_of(env) = best_curve(env) eq "" ? env_title(env) : sprintf("%s (best fixed η: γ = %s, λ = %s)", env_title(env), word(best_of(env), 1), word(best_of(env), 2))
random_of(env) = random_in(data, env) ne "" ? random_in(data, env) : random_in(folder("landscape"), env)
load 'figures/curve-panels.gp'
