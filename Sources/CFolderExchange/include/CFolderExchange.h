#ifndef C_FOLDER_EXCHANGE_H
#define C_FOLDER_EXCHANGE_H

/// Exchanges the two paths in one step (both must exist; each then names what the other
/// named): renameat2 with RENAME_EXCHANGE on Linux, renamex_np with RENAME_SWAP on macOS.
/// Returns 0, or the errno: EINVAL, ENOSYS or ENOTSUP where the kernel or file system cannot
/// exchange, ENOSYS on other systems. Swift's Glibc module does not declare renameat2, hence C.
int impact_exchange_paths(const char *first, const char *second);

#endif
