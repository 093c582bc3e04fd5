import Glibc

/// The terminal controls loupe sends besides colors: erasing the progress line and redrawing a
/// table in place. Only ever written to a file descriptor that is a terminal.
package enum TerminalControl {
    /// Back to the start of the line and erase it (the progress line's end).
    package static let eraseLine = "\r\u{1B}[K"

    /// Moves up `lines` lines to their start and erases everything below: the previous
    /// rendering of a table that is drawn again.
    package static func eraseLinesAbove(_ lines: Int) -> String {
        lines > 0 ? "\u{1B}[\(lines)F\u{1B}[J" : ""
    }

    /// Columns and rows of the terminal on `fd`, or nil when it is not a terminal.
    package static func size(of fd: Int32) -> (columns: Int, rows: Int)? {
        var window = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0 else { return nil }
        return (Int(window.ws_col), Int(window.ws_row))
    }
}
