import LoupeIO
import LoupeTestSupport

extension OpenedInput {
    /// An input over `text`, read `step` bytes at a time.
    static func memory(_ text: String, step: Int = 1 << 16) -> OpenedInput {
        OpenedInput(name: "(memory)", body: .stream(SteppedStream(Array(text.utf8), step: step)))
    }
}
