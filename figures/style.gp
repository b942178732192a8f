# Shared look of every figure: loaded first by each script (paths come in via -e).
set encoding utf8
set border 3 lw 1.2
set tics nomirror out
set grid lc rgb '#dddddd' lw 1
set key noautotitle
set style fill transparent solid 0.18 noborder
# A colour-blind-safe palette (Okabe & Ito).
array C[8] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442']
