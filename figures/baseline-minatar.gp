# drawn by: baseline
# needs: baseline
# A2C with fixed η = (γ, λ) on the five MinAtar games: learning curves of every fixed-η
# variant, seeds' mean and 95% band.
load 'figures/style.gp'
ENVS = envs_in(data, MINATAR_ENVS, "")
FIGTITLE = "MinAtar, A2C with fixed η = (γ, λ): mean episode return over seeds (band: 95% t-interval, clipped to the return's range)"
curves(env) = fixed_curves(data, env)
random_of(env) = random_in(data, env)
load 'figures/curve-panels.gp'
