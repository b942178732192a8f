# Shared setup of the compare-*.gp figures. Input: data (a comparison's folder, as
# written by `compare`). Defines V, the compared entries in table order (the first
# column of aggregates.dat), REF, the reference's name (in the paper's notation), and
# linetype i in the colour of entry i.
load 'figures/style.gp'
eval terminal(1200, 600)
agg = sprintf("%s/aggregates.dat", data)
V = system(sprintf("awk '!/^#/ {print $1}' '%s'", agg))
REF = label(system(sprintf("awk '/^# reference = / {print $4}' '%s'", agg)))
N = words(V)
do for [i = 1:N] { set linetype i lc rgb colour(word(V, i)) lw 2 }
# Interval rows: entry k (0-based, column 2) drawn at y = k, the first at the top;
# a little room left and right of the intervals.
set yrange [N - 0.4:-0.6]
set ytics noenhanced nomirror
set offsets graph 0.04, graph 0.04, 0, 0
set key noenhanced
# Row labels in the paper's notation.
row_label(k) = label(word(V, int(k) + 1))
