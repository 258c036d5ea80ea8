//! Launch to first frame as a terminal sees it: the real binary started in a pseudo-terminal of
//! 200x50 with 10,000 submissions in its store, timed from the spawn until the terminal's
//! screen (a vt100 emulator fed every byte) shows the whole first frame, the list's title at the
//! top and the keys at the bottom. Beside it, in the same run and the same harness, the floor:
//! a process that prints the same two lines at once, which is what spawning and reading a
//! terminal cost by themselves. The target is under 50 ms (a 60 Hz frame is 16.7 ms).
//!
//! `cargo bench --bench launch` (a release build of the binary first: `cargo build --release`).

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

mod common;

const RUNS: usize = 21;
const TITLE: &str = "Submissions (10000)";
const KEYS: &str = "? keys";

/// How long from spawning `cmd` until the screen shows the title and, on its last row, the keys.
fn time_to_frame(cmd: CommandBuilder) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize { rows: 50, cols: 200, pixel_width: 0, pixel_height: 0 })
        .expect("a pseudo-terminal");
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let (seen, shown) = mpsc::channel();
    std::thread::spawn(move || {
        let size = |n| NonZeroU16::new(n).expect("non-zero");
        let mut screen = vt100::Parser::new(size(50), size(200), 0);
        let mut buf = vec![0u8; 65536];
        let mut told = false;
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            screen.process(&buf[..n]);
            let text = screen.screen().contents();
            let last = text.trim_end().lines().last().unwrap_or_default().to_owned();
            if !told && text.contains(TITLE) && last.contains(KEYS) {
                let _ = seen.send(start.elapsed());
                told = true;
            }
        }
    });
    let took = shown.recv_timeout(Duration::from_secs(20)).expect("the first frame within 20 s");
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    let _ = child.wait();
    drop(pair.master);
    took
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, db) = common::store::pulled(dir.path(), 10_000);
    let app = || {
        // JUDGING_BIN times another build of the binary instead, for A/B runs.
        let bin = std::env::var("JUDGING_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_judging").to_owned());
        let mut cmd = CommandBuilder::new(bin);
        cmd.args(["--db", &db.display().to_string(), "--judge", "bench"]);
        cmd.cwd(dir.path());
        cmd.env("HOME", dir.path());
        cmd.env("TERM", "xterm-256color");
        cmd
    };
    let floor = || {
        let mut cmd = CommandBuilder::new("printf");
        cmd.arg(format!("{TITLE}\\033[50;1H{KEYS}"));
        cmd.env("TERM", "xterm-256color");
        cmd
    };
    // One launch each to warm the page cache, then the runs, alternating.
    time_to_frame(app());
    time_to_frame(floor());
    let (mut apps, mut floors) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        apps.push(time_to_frame(app()));
        floors.push(time_to_frame(floor()));
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let (app, floor) = (median(apps.clone()), median(floors));
    println!("launch to first frame, 10,000 entries, 200x50, as a terminal sees it ({RUNS} runs, median):");
    println!("  judging:                         {:6.1} ms", ms(app));
    println!("  the floor (printf the same text): {:6.1} ms", ms(floor));
    println!("  one 60 Hz frame:                   16.7 ms; target < 50 ms");
    let (fastest, slowest) =
        (apps.iter().min().copied().unwrap_or_default(), apps.iter().max().copied().unwrap_or_default());
    println!("  judging's fastest and slowest:   {:6.1} / {:.1} ms", ms(fastest), ms(slowest));
}
