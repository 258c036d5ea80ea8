//! What the process does when the reader of its output goes away (`judging list | head -n 1`).
//!
//! Rust starts every program with SIGPIPE ignored, so a write to a closed pipe returns EPIPE,
//! and `println!` turns that into a panic: "internal error", exit 101, or an abort (134) when
//! the panic message cannot be written either. Two ways out were weighed. Mapping EPIPE to a
//! quiet exit at each write would need every `println!`, `eprintln!`, clap's help and csv's
//! writer to go through one wrapper, and a single missed site brings the panic back. Giving
//! SIGPIPE its default action again, as C programs have it, fixes every command at once: the
//! process ends at its first write to the closed pipe, silently, with the status `ls | head`
//! gives (killed by SIGPIPE, 141 in a shell), and nothing half-done follows, because each
//! durable write is already whole or absent. Sockets are not affected: the standard library
//! sends on them with MSG_NOSIGNAL (or SO_NOSIGPIPE), so a dropped connection stays an error,
//! and spawned programs (the browser) get the default action anyway.
//!
//! The full-screen apps are the exception: they own the terminal, and being killed mid-frame
//! would leave it in raw mode. They ignore SIGPIPE again, so that a failed write is an error
//! that ends the screen through its usual path, which restores the terminal.

/// SIGPIPE's default action: the process ends quietly at its first write to a closed pipe.
/// Call it first thing in `main`, before anything is printed.
pub fn end_quietly_when_the_reader_leaves() {
    // SAFETY: setting a signal's disposition to SIG_DFL installs no handler; it runs before any
    // thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// SIGPIPE ignored, as Rust sets it: a write to a closed pipe is an `Err` the caller handles.
pub fn report_a_closed_pipe_as_an_error() {
    // SAFETY: as above; SIG_IGN installs no handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
}
