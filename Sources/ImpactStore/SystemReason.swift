import Foundation

/// The system's own words for a file or stream error (`No space left on device`): Foundation
/// wraps the POSIX error (as "NSCocoaErrorDomain error 512"), so the underlying one is named.
public func systemReason(of error: any Error) -> String {
    let wrapped = error as NSError
    let cause = wrapped.userInfo[NSUnderlyingErrorKey] as? NSError ?? wrapped
    return cause.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32(cause.code))) : cause.localizedDescription
}
