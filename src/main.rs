use std::process::ExitCode;

// Thousands of small strings a pull or a load makes and frees: glibc's allocator took a sixth of
// their time, and the app's load of 10,000 entries half as much CPU again as with mimalloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options by their place in `mi_option_e` (mimalloc.h, v3, as libmimalloc-sys 0.1.49
/// builds it; the Rust bindings do not name them). Measured on a merge of 1.5 million scores:
/// - arena memory committed as it is used, not ahead: 109-116 MB at the peak against 139 MB;
/// - memory freed returned after 250 ms (arenas' too, not ten times later). Returned at once, the
///   merge returned and touched anew 1.2 GB of pages and took a third more CPU. After 1 ms (the
///   setting until the merge's memory was cut), it held 80 MB at the peak, and returning memory
///   it would soon take back again took 5-9% of its time: after 250 ms, 89 MB. `results --format
///   html` on 100,000 entries took 5.4-5.9 s and 406 MB, and takes 3.7-4.3 s and 434 MB; the
///   judge's app holds 40 MB after its first frame of 10,000 entries, where it held 38 MB.
/// - at the process's end, nothing returned piece by piece (`mi_option_destroy_on_exit` at 2
///   skips mimalloc's last collection): the kernel takes the memory back whole as the process
///   ends, and a merge of 1.5 million scores spent 1 ms at its end returning 60 MB first.
const OPTIONS: [(libmimalloc_sys::mi_option_t, std::ffi::c_long); 4] = [
    (4, 0),    // mi_option_arena_eager_commit
    (15, 250), // mi_option_purge_delay, in milliseconds
    (24, 1),   // mi_option_arena_purge_mult
    (22, 2),   // mi_option_destroy_on_exit
];

/// Sets mimalloc's options. They must be set before the first allocation, which the Rust runtime
/// makes before `main`: an arena reserved by then is committed ahead whatever is set later.
extern "C" fn allocator_options() {
    for (option, value) in OPTIONS {
        // SAFETY: setting an option is a plain store mimalloc reads on its next use; any value is
        // valid, and it needs nothing of the Rust runtime.
        unsafe { libmimalloc_sys::mi_option_set(option, value) };
    }
}

/// What must be done before the Rust runtime starts: the allocator's options, and noting a
/// closed standard output before the runtime hides it behind /dev/null.
#[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd"))]
extern "C" fn before_the_runtime() {
    allocator_options();
    judging::pipe::note_closed_output();
}

// Run by the C runtime before the Rust runtime starts (as the `ctor` crate does on these systems).
#[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd"))]
#[used]
#[unsafe(link_section = ".init_array")]
static BEFORE_THE_RUNTIME: extern "C" fn() = before_the_runtime;

fn main() -> ExitCode {
    // Elsewhere, as early as the program can: the options that act later still take.
    #[cfg(not(any(target_os = "linux", target_os = "android", target_os = "freebsd")))]
    allocator_options();
    // A bug must still end in one clear line, not a Rust panic message and a backtrace hint.
    std::panic::set_hook(Box::new(|info| {
        // Output nobody reads any more is not a bug: end quietly, as `ls | head` does.
        if judging::pipe::is_closed_output_panic(info) {
            judging::pipe::end_as_ls_does();
        }
        // A full disk or a broken terminal under `print!`: said as the error it is, not as a bug.
        // Written with no panic of its own should standard error be the one that failed.
        if let Some(why) = judging::pipe::failed_print(info) {
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "error: cannot write to {why}; what was printed before it may be incomplete"
            );
            std::process::exit(1);
        }
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("error: judging hit an internal error{place}; nothing more was written. Please report it.");
    }));
    // Every command prints, help and --version too: with nowhere to print, none runs.
    if let Some(why) = judging::pipe::closed_at_start() {
        eprintln!("error: {why}");
        return ExitCode::FAILURE;
    }
    let cli = judging::help::parse();
    match judging::commands::run(cli) {
        Ok(code) => code,
        Err(error) if judging::pipe::is_closed_output_error(&error) => judging::pipe::end_as_ls_does(),
        Err(error) => {
            // One clear line, then the causes that add something: a cause already said in the
            // lines above (wrapped errors often repeat their source) is not said again.
            // Whatever an error quotes from another machine's file, nothing in it reaches the
            // terminal: every message passes here (each source cleans what it quotes, too).
            // On a terminal each wraps between words, its next lines indented, as the warnings do.
            let mut said = error.to_string();
            judging::commands::say("error", &judging::sanitize::clean_block(&said));
            for cause in error.chain().skip(1).map(ToString::to_string) {
                if !said.contains(&cause) {
                    judging::commands::say("  because", &judging::sanitize::clean_block(&cause));
                    said.push_str(&cause);
                }
            }
            // A command line that cannot be done as asked ends as clap's usage errors do: with
            // the command's examples, and clap's exit status.
            if error.is::<judging::cli::UsageError>() {
                let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
                if let Some(examples) = judging::help::examples_for(&args) {
                    eprintln!("\n{examples}");
                }
                return ExitCode::from(judging::cli::USAGE_EXIT);
            }
            ExitCode::FAILURE
        }
    }
}
