import Glibc

/// libFuzzer's entry point for programs that have their own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// Runs libFuzzer on `callback` with the process's arguments.
///
/// SwiftPM links an executable target's `main` to a renamed Swift entry point (so that tests
/// can link executables), which leaves libFuzzer's own `main` out; each target therefore has a
/// `@main` that hands over to libFuzzer's driver here.
package enum FuzzDriver {
    package static func run(_ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
    }
}
