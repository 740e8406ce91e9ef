#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include "CFolderExchange.h"

#if defined(__linux__)
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif
#endif

int impact_exchange_paths(const char *first, const char *second) {
#if defined(__APPLE__)
    return renamex_np(first, second, RENAME_SWAP) == 0 ? 0 : errno;
#elif defined(__linux__) && defined(SYS_renameat2)
    // The system call itself: C libraries before glibc 2.28 have no renameat2 wrapper.
    return syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE) == 0 ? 0 : errno;
#else
    (void)first;
    (void)second;
    return ENOSYS;
#endif
}
