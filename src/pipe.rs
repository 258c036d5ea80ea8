//! What the process does when the reader of its output goes away (`judging list | head -n 1`):
//! it ends at once, saying nothing, killed by SIGPIPE as `ls | head` is (141 in a shell).
//!
//! Rust starts every program with SIGPIPE ignored, so a write to a closed pipe returns EPIPE,
//! and `println!` turns that into a panic ("internal error", exit 101; an abort, 134, when the
//! panic's own message cannot be written either). Giving SIGPIPE back its default action would
//! fix every command at once, but not only for the output: the Hub and export clients write to
//! sockets with `writev`, which takes no MSG_NOSIGNAL, so a write on a connection the Hub has
//! already broken (EPIPE; usually the first error is ECONNRESET, but not always) would kill
//! `push` silently instead of saying "not sent" and where the file is kept. So SIGPIPE stays
//! ignored, as Rust sets it, and a failed write is recognised where it surfaces: the panic of a
//! `print!` (every command prints with the `print!` family), and an error from a write that
//! returns one. Either way it counts only when standard output or error really is a pipe nobody
//! reads, so a socket's broken pipe stays an error with its message. The full-screen apps are
//! not touched: they end through their own path, which restores the terminal, before this runs.

use std::os::fd::RawFd;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether standard output was closed when the process started (`judging list >&-`).
static OUTPUT_CLOSED_AT_START: AtomicBool = AtomicBool::new(false);

/// Notes whether standard output is closed. To be called before the Rust runtime starts (from
/// the binary's `.init_array`): the runtime puts /dev/null in the place of a closed standard
/// stream, after which every write "succeeds" into nothing and the command ends 0, its caller
/// never told. Allocates nothing and needs nothing of the runtime.
pub extern "C" fn note_closed_output() {
    // SAFETY: F_GETFD reads the descriptor's flags; on a closed descriptor it fails with EBADF.
    let closed = unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) } == -1
        && std::io::Error::last_os_error().raw_os_error() == Some(libc::EBADF);
    OUTPUT_CLOSED_AT_START.store(closed, Ordering::Relaxed);
}

/// The error for a process started with standard output closed, or `None`. Every command
/// prints there (its results, help, or what it wrote where), so none runs: better refused before
/// anything is done than a score saved and its caller told nothing. Where the runtime gives no
/// hook before it starts (not Linux, Android or FreeBSD), the closed output is not seen.
pub fn closed_at_start() -> Option<&'static str> {
    OUTPUT_CLOSED_AT_START.load(Ordering::Relaxed).then_some(
        "standard output is closed (as `>&-` leaves it), so nothing judging says could be read; \
         nothing was done. Give it a file (`> out.txt`), or `> /dev/null` to discard what it prints",
    )
}

/// Whether `fd` is a pipe whose reader has gone: the kernel reports it as an error to poll.
fn reader_gone(fd: RawFd) -> bool {
    let mut probe = libc::pollfd { fd, events: libc::POLLOUT, revents: 0 };
    // SAFETY: poll reads the descriptor's state into `probe`, which lives across the call; a
    // zero timeout never blocks.
    let ready = unsafe { libc::poll(&raw mut probe, 1, 0) };
    ready > 0 && probe.revents & libc::POLLERR != 0
}

/// Whether standard output or standard error is a pipe no one reads any more.
pub fn output_closed() -> bool {
    reader_gone(libc::STDOUT_FILENO) || reader_gone(libc::STDERR_FILENO)
}

/// Whether a panic is a `print!` that could not write because its reader left.
pub fn is_closed_output_panic(info: &std::panic::PanicHookInfo) -> bool {
    let payload = info.payload();
    let message =
        payload.downcast_ref::<String>().map(String::as_str).or_else(|| payload.downcast_ref::<&str>().copied());
    message.is_some_and(|m| m.starts_with("failed printing to")) && output_closed()
}

/// What a `print!` that could not write says, where its reader did not leave (a full disk):
/// "failed printing to stdout: No space left on device (os error 28)" gives "standard output:
/// No space left on device (os error 28)". `None` for any other panic.
pub fn failed_print(info: &std::panic::PanicHookInfo) -> Option<String> {
    let payload = info.payload();
    let message =
        payload.downcast_ref::<String>().map(String::as_str).or_else(|| payload.downcast_ref::<&str>().copied())?;
    let rest = message.strip_prefix("failed printing to ")?;
    let (stream, why) = rest.split_once(": ").unwrap_or((rest, "the write failed"));
    let stream = if stream == "stderr" { "standard error" } else { "standard output" };
    Some(format!("{stream}: {why}"))
}

/// Whether an error is a write whose reader left (an EPIPE in its causes, with an output closed).
pub fn is_closed_output_error(error: &anyhow::Error) -> bool {
    let epipe = error.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    });
    epipe && output_closed()
}

/// Ends the process as a program with SIGPIPE's default action would: killed by it, silently.
pub fn end_as_ls_does() -> ! {
    // SAFETY: setting SIGPIPE's disposition to its default installs no handler; raising it then
    // ends the process, as the write to the closed pipe would have in a C program.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        libc::raise(libc::SIGPIPE);
    }
    // Not reached; the status a shell would show, should the signal be blocked.
    std::process::exit(128 + libc::SIGPIPE)
}
