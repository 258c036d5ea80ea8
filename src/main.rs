use std::process::ExitCode;

// Thousands of small strings a pull or a load makes and frees: glibc's allocator was a sixth of
// their time, mimalloc's thread-local pages a fraction of it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A bug must still end in one clear line, not a Rust panic message and a backtrace hint.
    std::panic::set_hook(Box::new(|info| {
        // Output nobody reads any more is not a bug: end quietly, as `ls | head` does.
        if judging::pipe::is_closed_output_panic(info) {
            judging::pipe::end_as_ls_does();
        }
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("error: judging hit an internal error{place}; nothing more was written. Please report it.");
    }));
    let cli = judging::help::parse();
    match judging::commands::run(cli) {
        Ok(code) => code,
        Err(error) if judging::pipe::is_closed_output_error(&error) => judging::pipe::end_as_ls_does(),
        Err(error) => {
            // One clear line, then the causes that add something: a cause already said in the
            // lines above (wrapped errors often repeat their source) is not said again.
            let mut said = error.to_string();
            eprintln!("error: {said}");
            for cause in error.chain().skip(1).map(ToString::to_string) {
                if !said.contains(&cause) {
                    eprintln!("  because: {cause}");
                    said.push_str(&cause);
                }
            }
            ExitCode::FAILURE
        }
    }
}
