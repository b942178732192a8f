# drawn by: approximation-order
# needs: approximation-order
# Episode return of meta-learned γ and λ with each approximation of dθ′/dη, per
# environment: seeds' mean and 95% band, the random policy dotted; NAMES' order first,
# then any other trained variant.
load 'figures/style.gp'
load 'figures/approximation-panels.gp'
FIGTITLE = "Meta-learned γ and λ with each approximation of dθ′/dη (mean episode return over seeds; band: 95% t-interval, clipped to the return's range)"
FIXED_BANDS = 1
curves(env) = system(sprintf("cd '%s/%s' && { for a in %s; do [ -f $a/aggregate.dat ] && printf '%%s %%s ' \"$PWD/$a/aggregate.dat\" $a; done; for d in */aggregate.dat; do a=$(dirname $d); case ' %s ' in *\" $a \"*) ;; *) printf '%%s %%s ' \"$PWD/$a/aggregate.dat\" $a;; esac; done; }", data, env, NAMES, NAMES))
random_of(env) = random_in(data, env)
load 'figures/curve-panels.gp'
