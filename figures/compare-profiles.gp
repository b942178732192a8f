# Performance profiles (Agarwal et al., 2021, Fig. 5): the fraction of all runs (every
# environment and seed) whose normalised score exceeds τ, with 95% bootstrap bands.
# Input: data (a comparison's folder).
load 'figures/compare-panels.gp'
set yrange [0:1.02]
set offsets 0, 0, 0, 0
set ytics enhanced
set title sprintf("Performance profiles: normalised score (0 = random policy, 1 = %s), 95%% bootstrap bands", REF) noenhanced
set xlabel "normalised score τ"
set ylabel "fraction of runs with score > τ"
set key top right
f(i) = sprintf("%s/profiles/%s.dat", data, word(V, i))
plot for [i=1:N] f(i) using 1:3:4 with filledcurves lc rgb colour(word(V, i)), \
     for [i=1:N] f(i) using 1:2 with lines lw 2 lc rgb colour(word(V, i)) dt dash(word(V, i)) title label(word(V, i))
