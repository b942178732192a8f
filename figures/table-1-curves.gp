# drawn by: table-1 outer-critic
# needs: table-1 outer-critic
# The Table 1 analogue's learning curves on its evaluation seeds, per environment: fixed
# γ with λ = 1 (thin), the held-out best fixed η (black), meta-λ, meta-γ and meta-γ+λ
# (conditioned on e_η, as in the paper), meta-γ+λ without e_η, and with the outer critic
# when outer-critic's data is there: seeds' mean and 95% band.
load 'figures/style.gp'
T1 = folder("table-1")
OC = folder("outer-critic")
ENVS = T1 ne "" ? envs_in(T1, ALL_ENVS, "") : OC ne "" ? envs_in(OC, ALL_ENVS, "") : ""
FIGTITLE = "Table 1 analogue on the evaluation seeds: mean episode return (band: 95% t-interval, clipped to the return's range; meta rows conditioned on e_η unless marked; η₀ = (0.99, 0.9))"
FIXED_BANDS = 0
META = "meta-lambda meta-gamma meta-gamma-lambda-unconditioned meta-gamma-lambda"
curves(env) = fixed_curves(T1, env) . variant_curve(T1, env, "tuned-fixed-eta") . \
  variant_curve(T1, env, word(META, 1)) . variant_curve(T1, env, word(META, 2)) . variant_curve(T1, env, word(META, 3)) . \
  variant_curve(T1, env, word(META, 4)) . variant_curve(OC, env, "meta-gamma-lambda-outer-critic")
random_of(env) = random_in(T1, env) ne "" ? random_in(T1, env) : random_in(OC, env)
load 'figures/curve-panels.gp'
