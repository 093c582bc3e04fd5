import Glibc
import LoupeIO

/// How the loupe process treats signals, set once before anything runs.
public enum ProcessSetup {
    public static func prepare() {
        // A closed pipe (`loupe ... | head`) must end loupe quietly through EPIPE, which the
        // output writer handles, not kill it with SIGPIPE (exit 141).
        _ = signal(SIGPIPE, SIG_IGN)
        // A mapped file cut short by another program: its name and exit 2, not "Bus error".
        MappedFile.reportFilesCutWhileRead()
    }
}
