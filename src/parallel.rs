//! Independent pieces of work spread over the machine's cores: each worker takes the next job in
//! the order given, so that a core that finishes early takes what is left rather than wait while
//! another has two jobs queued. Callers give the longest first.

use std::sync::Mutex;

/// One piece of work, which leaves its result where its closure puts it.
pub type Job<'a> = Box<dyn FnOnce() + Send + 'a>;

/// Runs every job, on as many threads as there are cores (the calling thread one of them), and
/// returns when all are done. A panicking job is a bug: the panic hook reports it once, and the
/// panic resumes on the calling thread without being reported again.
pub fn run_all(jobs: Vec<Job<'_>>) {
    let workers = cores().min(jobs.len()).max(1);
    let queue = Mutex::new(jobs.into_iter());
    let work = || {
        // Jobs run with the queue unlocked, so a panicking job leaves it usable: the other workers
        // finish what is left, and the panic resumes on the caller once they have.
        while let Some(job) = queue.lock().ok().and_then(|mut jobs| jobs.next()) {
            job();
        }
    };
    std::thread::scope(|scope| {
        let others: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
        work();
        for other in others {
            if let Err(panic) = other.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
}

/// The cores this process may use, asked once: the standard library reads the cgroup's files
/// each time it is asked, and a merge asks a dozen times.
pub fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// Below this many items (marks, a few nanoseconds each), [`both`] runs its two pieces on one
/// thread: starting a second costs more than it saves.
const BOTH_FROM: usize = 100_000;

thread_local! {
    /// Set while this thread runs one of several pieces that already take every core (a refit
    /// of the chances' bootstrap, a merge without one judge): [`both`] then splits nothing.
    static CORES_TAKEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `work` as one of several pieces spread over every core: any [`both`] inside it runs its
/// two pieces one after the other, rather than start threads the cores have no room for.
pub fn with_cores_taken<T>(work: impl FnOnce() -> T) -> T {
    let before = CORES_TAKEN.replace(true);
    let done = work();
    CORES_TAKEN.set(before);
    done
}

/// Two pieces of work over `items` items, at once on two threads from [`BOTH_FROM`] items (unless
/// the cores are taken already: [`with_cores_taken`]), else one after the other; returns both
/// results.
pub fn both<A: Send, B: Send>(
    items: usize,
    first: impl FnOnce() -> A + Send,
    second: impl FnOnce() -> B + Send,
) -> (A, B) {
    if items < BOTH_FROM || CORES_TAKEN.get() {
        return (first(), second());
    }
    std::thread::scope(|scope| {
        let other = scope.spawn(second);
        let mine = first();
        match other.join() {
            Ok(theirs) => (mine, theirs),
            // A panic there is a bug: the panic hook has reported it; it goes on here.
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Where to cut items of these sizes into two runs of about equal work for [`both`]: the number
/// of leading items that leaves the larger run least (by size, not by count: one item may hold
/// most of the work).
pub fn half_way(sizes: impl Iterator<Item = usize> + Clone) -> usize {
    let total: usize = sizes.clone().sum();
    let ends = sizes.scan(0, |end, size| {
        *end += size;
        Some(*end)
    });
    // Cutting after `k` items leaves `end` before and the rest after; the first least wins.
    std::iter::once(0).chain(ends).enumerate().min_by_key(|(_, end)| (*end).max(total - end)).map_or(0, |(k, _)| k)
}

/// Below this many items, one thread writes them all: starting a second costs more than it saves.
const SPLIT_FROM: usize = 1000;

/// The text `write` gives each item, in the items' order. A long list is cut into one run a
/// core, each written on its own: 10,000 lines of a table took a tenth of a merge on one core.
pub fn text_of_each<T: Sync>(items: &[T], write: impl Fn(&mut String, &T) + Sync) -> String {
    let cores = cores();
    let runs = if items.len() < SPLIT_FROM { 1 } else { cores };
    let mut texts = vec![String::new(); runs];
    let write = &write;
    let jobs: Vec<Job> = items
        .chunks(items.len().div_ceil(runs).max(1))
        .zip(&mut texts)
        .map(|(run, text)| Box::new(move || run.iter().for_each(|item| write(text, item))) as Job)
        .collect();
    run_all(jobs);
    texts.concat()
}

/// The text `write` gives each item, in the items' order: each item is one job, the cores take
/// them in turn, the largest by `size` first. A report of several rankings wrote them one after
/// another, each ranking's lines split over the cores but its sentences on one.
pub fn text_of_each_part<T: Sync>(
    items: &[T],
    size: impl Fn(&T) -> usize,
    write: impl Fn(&T) -> String + Sync,
) -> String {
    let mut texts = vec![String::new(); items.len()];
    let mut jobs: Vec<(usize, Job)> = items
        .iter()
        .zip(&mut texts)
        .map(|(item, text)| {
            let write = &write;
            (size(item), Box::new(move || *text = write(item)) as Job)
        })
        .collect();
    jobs.sort_by_key(|(size, _)| std::cmp::Reverse(*size));
    run_all(jobs.into_iter().map(|(_, job)| job).collect());
    texts.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_runs_once_and_leaves_its_result() {
        let mut results = [0usize; 50];
        let jobs: Vec<Job> =
            results.iter_mut().enumerate().map(|(i, slot)| Box::new(move || *slot = i * i) as Job).collect();
        run_all(jobs);
        assert!(results.iter().enumerate().all(|(i, r)| *r == i * i), "{results:?}");
        run_all(Vec::new());
    }

    /// Each part's text in the parts' order, whatever order the jobs ran in.
    #[test]
    fn parts_are_written_in_their_order_whatever_ran_first() {
        let parts: Vec<usize> = vec![3, 50_000, 7, 20_000, 0];
        let text = text_of_each_part(&parts, |n| *n, |n| format!("[{n}:{}]", "x".repeat(*n % 5)));
        assert_eq!(text, parts.iter().map(|n| format!("[{n}:{}]", "x".repeat(n % 5))).collect::<String>());
        assert_eq!(text_of_each_part(&[] as &[usize], |n| *n, ToString::to_string), "");
    }

    /// The cut puts the items that start in the first half of the work before it.
    #[test]
    fn the_cut_halves_the_work_not_the_items() {
        let cases: [(&[usize], usize); 6] = [
            (&[], 0),
            (&[5], 0),
            (&[10, 10, 10, 10], 2),
            (&[90, 10, 0, 30], 1),
            (&[1, 1, 1, 100], 3),
            (&[0, 0, 4, 4], 3),
        ];
        for (sizes, want) in cases {
            assert_eq!(half_way(sizes.iter().copied()), want, "{sizes:?}");
        }
    }

    /// Small or big, both pieces run and their results come back in order.
    #[test]
    fn both_pieces_run_and_come_back_in_order() {
        for items in [0, BOTH_FROM] {
            let here = std::thread::current().id();
            let (a, b) = both(items, || (1, std::thread::current().id()), || (2, std::thread::current().id()));
            assert_eq!((a.0, b.0), (1, 2));
            assert_eq!(a.1, here);
            assert_eq!(b.1 == here, items < BOTH_FROM, "a thread of its own only for many items");
            // Inside a piece that already takes its core, never a thread of its own.
            let (a, b) = with_cores_taken(|| both(items, || 1, || std::thread::current().id()));
            assert_eq!((a, b), (1, here));
        }
        // The flag is this thread's, and ends with the piece.
        assert!(!CORES_TAKEN.get());
    }

    /// Long lists and short, the items' texts come out whole and in order.
    #[test]
    fn each_items_text_comes_out_in_order() {
        for count in [0, 1, 999, SPLIT_FROM, 5001] {
            let items: Vec<usize> = (0..count).collect();
            let text = text_of_each(&items, |out, i| out.push_str(&format!("{i}\n")));
            let expected: String = items.iter().map(|i| format!("{i}\n")).collect();
            assert_eq!(text, expected, "{count} items");
        }
    }

    /// A job's panic reaches the caller with its own message, whichever worker ran it.
    #[test]
    fn a_panicking_job_resumes_on_the_caller() {
        let jobs: Vec<Job> = (0..4).map(|i| Box::new(move || assert!(i != 2, "job {i}")) as Job).collect();
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_all(jobs)));
        let message = caught.err().and_then(|p| p.downcast_ref::<String>().cloned());
        assert_eq!(message.as_deref(), Some("job 2"));
    }
}
