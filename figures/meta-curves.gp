# drawn by: meta-gamma meta-lambda meta-gamma-lambda
# needs: baseline meta-gamma meta-lambda meta-gamma-lambda
# The meta-gradient agents (meta-γ, meta-λ, meta-γ+λ, whichever have data) against the
# four fixed-η baselines (thin), per environment: seeds' mean and 95% band.
load 'figures/style.gp'
LEARNED = "meta-gamma meta-lambda meta-gamma-lambda"
ENVS = ""
do for [k = 1:words(LEARNED)] {
  if (folder(word(LEARNED, k)) ne "") { ENVS = ENVS . envs_in(folder(word(LEARNED, k)), ALL_ENVS, "") }
}
# Each environment once, in the project's order.
ENVS = system(sprintf("for e in %s; do case ' %s ' in *\" $e \"*) printf '%%s ' $e;; esac; done", ALL_ENVS, ENVS))
FIGTITLE = "Meta-learned η against fixed η: mean episode return over seeds (band: 95% t-interval, clipped to the return's range; η₀ = (0.99, 0.9))"
FIXED_BANDS = 0
curves(env) = fixed_curves(folder("baseline"), env) . own_curve("meta-gamma", env) . own_curve("meta-lambda", env) . own_curve("meta-gamma-lambda", env)
random_of(env) = random_in(data, env) ne "" ? random_in(data, env) : random_in(folder("baseline"), env)
load 'figures/curve-panels.gp'
