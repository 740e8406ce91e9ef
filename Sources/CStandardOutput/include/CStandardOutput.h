#ifndef C_STANDARD_OUTPUT_H
#define C_STANDARD_OUTPUT_H

/// Flushes C's stdout (where Swift's print writes) and returns 1 when it could not be written,
/// now or earlier (its error indicator), else 0. Swift 6 cannot name the mutable C global
/// `stdout` outside an isolated context, hence this one function in C.
int impact_flush_standard_output_failed(void);

#endif
