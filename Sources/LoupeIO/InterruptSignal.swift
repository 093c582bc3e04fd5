import Glibc
import Synchronization

/// Ctrl-C (and SIGTERM) while `--follow` runs: the first asks the run to stop reading and print
/// its final results; a second one ends loupe at once, as usual.
package enum InterruptSignal {
    private static let received = Atomic<Bool>(false)

    package static func install() {
        // A parent may have started loupe with these blocked (some process launchers do);
        // then Ctrl-C would never reach the handler.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in [SIGINT, SIGTERM] {
            sigaddset(&unblock, number)
        }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for number in [SIGINT, SIGTERM] {
            _ = signal(number) { number in
                InterruptSignal.received.store(true, ordering: .relaxed)
                // Async-signal-safe: the next one takes the default action.
                _ = signal(number, SIG_DFL)
            }
        }
    }

    package static var isSet: Bool { received.load(ordering: .relaxed) }
}
