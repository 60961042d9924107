import Foundation
import Testing

@testable import LBSearchCore

/// Running out of open files is told apart from other failures to open: from the `errno` that
/// Foundation keeps in its errors, and by a probe where SQLite loses it.
struct OpenFileExhaustionTests {
    /// Foundation's error for a failed read: a Cocoa error holding the POSIX one.
    static func readError(_ underlying: Any) -> NSError {
        NSError(
            domain: NSCocoaErrorDomain, code: NSFileReadUnknownError,
            userInfo: [NSUnderlyingErrorKey: underlying])
    }

    @Test(arguments: [EMFILE, ENFILE])
    func anErrorHoldingEMFILEOrENFILEIsExhaustion(_ code: Int32) throws {
        let posix = try #require(POSIXErrorCode(rawValue: code))
        #expect(OpenFileLimit.exhaustion(in: Self.readError(POSIXError(posix))) == code)
        let nsError = NSError(domain: NSPOSIXErrorDomain, code: Int(code))
        #expect(OpenFileLimit.exhaustion(in: Self.readError(nsError)) == code)
    }

    @Test(arguments: [ENOENT, EACCES, EIO])
    func otherErrorsAreNot(_ code: Int32) throws {
        let posix = try #require(POSIXErrorCode(rawValue: code))
        #expect(OpenFileLimit.exhaustion(in: Self.readError(POSIXError(posix))) == nil)
        #expect(OpenFileLimit.exhaustion(in: CocoaError(.fileReadNoSuchFile)) == nil)
    }

    /// This test process has files to spare, so a failure to open is something else.
    @Test func aProcessWithFilesToSpareIsNotExhausted() {
        #expect(OpenFileLimit.exhausted() == nil)
        #expect(
            StorageFault.cannotOpen.error(path: "/tmp/x.db", writing: false)
                == .cannotOpenIndex(path: "/tmp/x.db", reason: .permissionDenied))
    }

    @Test func theErrorNamesTheSoftLimitForEMFILEOnly() {
        var limit = rlimit()
        #expect(getrlimit(OpenFileLimit.resource, &limit) == 0)
        #expect(
            OpenFileLimit.error(EMFILE, path: "/a")
                == .tooManyOpenFiles(path: "/a", limit: Int(clamping: limit.rlim_cur)))
        #expect(
            OpenFileLimit.error(ENFILE, path: "/a") == .tooManyOpenFiles(path: "/a", limit: nil))
    }
}
