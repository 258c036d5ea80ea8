//! How large each thing judging reads or writes may be, declared once.
//!
//! A score file travels: `export` and `push` write it, `collect` downloads it from the Hub, and
//! `merge` reads it. One limit serves all four, and the Hub's answers are allowed at least as
//! much, so that whatever `push` sends, `collect` can bring back and `merge` will take.

const MIB: u64 = 1024 * 1024;

/// The largest score file. One judge's scores, notes and stopwatch readings for 10,000 entries
/// fit many times over; far below a memory problem.
pub const SCORE_FILE_BYTES: u64 = 64 * MIB;

/// The largest answer taken from the Hub: a score file downloaded whole, or a page of a listing.
pub const HUB_ANSWER_BYTES: u64 = SCORE_FILE_BYTES;

/// The most pages one Hub listing (an org's Spaces, a repo's files) is followed for, and the most
/// bytes they may add up to: 100 Spaces a page, far past any org, and a listing that never ends
/// (a next page forever new) stops there.
pub const HUB_LISTING_PAGES: usize = 10_000;
pub const HUB_LISTING_BYTES: u64 = 256 * MIB;

/// The largest saved merge (`merge --format json`), which `results` reads back: every judge's
/// marks on every entry, so larger than any one score file.
pub const SAVED_MERGE_BYTES: u64 = 256 * MIB;

/// The largest organizers' file beside judging.toml: judging.toml itself, the assignments, the
/// decisions, a prize's values.
pub const EVENT_FILE_BYTES: u64 = 16 * MIB;

/// The largest spreadsheet of scores `import` reads.
pub const SCORE_SHEET_BYTES: u64 = 64 * MIB;

// What `collect` downloads, `merge` must take, and the reverse.
const _: () = assert!(HUB_ANSWER_BYTES >= SCORE_FILE_BYTES);

/// Whole MiB, for messages.
pub fn mib(bytes: u64) -> u64 {
    bytes / MIB
}

/// Whether a score file of `bytes` can travel: refused before it is written or sent, with what
/// would be right.
pub fn score_file_fits(bytes: u64) -> Result<(), String> {
    if bytes > SCORE_FILE_BYTES {
        return Err(format!(
            "the score file would be {} MiB, more than the {} MiB a score file can be (what merge and collect take): shorten the longest notes, then export again",
            bytes.div_ceil(MIB),
            mib(SCORE_FILE_BYTES)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_file_fits_up_to_the_limit_and_no_further() {
        assert!(score_file_fits(SCORE_FILE_BYTES).is_ok());
        let err = score_file_fits(SCORE_FILE_BYTES + 1).expect_err("one byte over");
        assert!(err.contains("65 MiB") && err.contains("64 MiB"), "{err}");
    }
}
