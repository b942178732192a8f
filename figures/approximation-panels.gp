# Shared by the approximation-* figures: the environments in `data` (folders with an
# accuracy.dat) and their titles, and the measured approximations' names (from the
# `# approximations = …` header line of the first environment's accuracy.dat).
ENVS = system(sprintf("cd '%s' && ls */accuracy.dat 2>/dev/null | cut -d/ -f1 | tr '\\n' ' '", data))
title_of(env) = env eq "cartpole" ? "CartPole-v1" : env eq "catch" ? "Catch" : env eq "breakout" ? "Breakout" : \
  env eq "space_invaders" ? "SpaceInvaders" : env eq "freeway" ? "Freeway" : env eq "asterix" ? "Asterix" : \
  env eq "seaquest" ? "Seaquest" : env
NAMES = system(sprintf("sed -n 's/^# approximations = //p' '%s/%s/accuracy.dat'", data, word(ENVS, 1)))
REFERENCE = system(sprintf("sed -n 's/^# reference = //p' '%s/%s/accuracy.dat'", data, word(ENVS, 1)))
HOST = system(sprintf("sed -n 's/^# host = //p' '%s/%s/accuracy.dat'", data, word(ENVS, 1)))
# Legend names as the paper would say them.
label_of(a) = a eq "first-order" ? "first order (paper)" : a[1:6] eq "trace-" ? sprintf("trace, μ = %s", a[7:]) : \
  a[1:6] eq "exact-" ? sprintf("exact, K = %s", a[7:]) : a
# Line style per approximation: first order bold, exact traces dashed (exact, K = 1
# coincides with first order), colour by position in NAMES.
width_of(a) = a eq "first-order" ? 3 : 2
dash_of(a) = a[1:6] eq "exact-" ? 2 : 1
# The 1-based position of approximation a in NAMES (0 if absent).
position_of(a) = strstrt(" ".NAMES." ", " ".a." ")
index_of(a) = position_of(a) > 0 ? words(NAMES[1:position_of(a) - 1]) + 1 : 0
