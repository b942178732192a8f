# drawn by: eta-conditioning
# needs: eta-conditioning
# The η-conditioning ablation: meta-learned γ and λ with and without conditioning the
# policy and value on e_η = W_η η, per environment: seeds' mean and 95% band, and the
# best of the fixed-η baseline's settings when its data is there.
load 'figures/style.gp'
ENVS = envs_in(data, ALL_ENVS, "")
FIGTITLE = "η-conditioning: meta-learned γ and λ with and without e_η (mean episode return over seeds; band: 95% t-interval, clipped to the return's range)"
FIXED_BANDS = 0
curves(env) = fixed_curves(folder("baseline"), env) . variant_curve(data, env, "conditioning-off") . variant_curve(data, env, "conditioning-on")
random_of(env) = random_in(data, env) ne "" ? random_in(data, env) : random_in(folder("baseline"), env)
load 'figures/curve-panels.gp'
