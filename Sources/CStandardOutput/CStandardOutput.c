#include <stdio.h>
#include "CStandardOutput.h"

int impact_flush_standard_output_failed(void) {
    int failed = fflush(stdout) != 0;
    return failed || ferror(stdout) != 0;
}
