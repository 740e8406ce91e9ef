import Foundation
import Testing
import ImpactStore
import ImpactTestSupport

/// Runs `body` on a thread of its own and waits for it up to 20 seconds. A body still blocked
/// then (in an open of the named pipe `pipe`) is released by opening the pipe for writing, and
/// the test fails: a hang is a failure, not a blocked test run.
private func finishesPromptly(releasing pipe: String, _ body: @escaping @Sendable () -> Void) -> Bool {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        done.signal()
    }
    thread.start()
    if done.wait(timeout: .now() + 20) == .success { return true }
    let writer = open(pipe, O_WRONLY | O_NONBLOCK)
    if writer >= 0 { close(writer) }
    _ = done.wait(timeout: .now() + 20)
    return false
}

@Test func aRegularFileIsReadAndALinkToOneIsFollowed() throws {
    let folder = try makeTemporaryFolder()
    let file = folder.appendingPathComponent("data.csv").path
    try Data("a,b\n".utf8).write(to: URL(fileURLWithPath: file))
    let link = folder.appendingPathComponent("link.csv").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
    #expect(try RegularFile.contents(of: file) == Data("a,b\n".utf8))
    #expect(try RegularFile.contents(of: link) == Data("a,b\n".utf8))
    #expect(RegularFile.kind(at: link) == .symbolicLink)
    #expect(RegularFile.kindFollowingLinks(at: link) == .regular)
    #expect(RegularFile.linkTarget(of: link) == URL(fileURLWithPath: file).resolvingSymlinksInPath().path)
    #expect(RegularFile.linkTarget(of: file) == nil)
}

@Test func aNamedPipeIsRefusedWithoutWaitingForAWriter() throws {
    let folder = try makeTemporaryFolder()
    let pipe = folder.appendingPathComponent("pipe.csv").path
    try #require(mkfifo(pipe, 0o600) == 0)
    let link = folder.appendingPathComponent("link.csv").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: pipe)
    #expect(RegularFile.kind(at: pipe) == .namedPipe)
    for path in [pipe, link] {
        let finished = finishesPromptly(releasing: pipe) {
            #expect(throws: RegularFile.Refusal.notRegular(.namedPipe)) { try RegularFile.contents(of: path) }
        }
        #expect(finished, "reading \(path) waited for a writer")
    }
}

@Test(arguments: [
    ("/dev/zero", RegularFile.Kind.characterDevice),
    ("/dev/null", RegularFile.Kind.characterDevice),
    ("/", RegularFile.Kind.folder),
    ("/no/such/file", RegularFile.Kind.missing),
])
func anythingButARegularFileIsRefusedBeforeItIsRead(path: String, kind: RegularFile.Kind) {
    #expect(throws: RegularFile.Refusal.notRegular(kind)) { try RegularFile.openForReading(path) }
}

@Test func aRefusalSaysWhatThePathIsAndThatOnlyRegularFilesAreRead() {
    #expect(RegularFile.Refusal.notRegular(.namedPipe).description == "a named pipe (FIFO), not a regular file (the engine reads only regular files)")
    #expect(RegularFile.Refusal.notRegular(.missing).description == "no such file")
}
