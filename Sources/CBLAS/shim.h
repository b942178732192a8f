// Debian's OpenBLAS (`libopenblas-dev`) installs cblas.h on the default include path.
#include <cblas.h>
