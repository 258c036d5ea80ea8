//! One rule for names that become file names: a judge's store, score file and file in the
//! judges' repo, and an entry's feedback page.
//!
//! The rule is one-to-one: two different judges (or entries) never share a file, so one can never
//! overwrite the other. Lower-case letters and digits of any script are kept (José is `josé`), as
//! is `-`; a space becomes `_`; anything else, capitals of an entry id included, is written as
//! `~` and the hex of its UTF-8 bytes (`Ana.Lee` is `ana~2elee`). Nothing it writes can climb out
//! of a folder (no `/`, no `.`), hide (no leading `.`), or differ only by case, which a
//! case-blind file system would merge. A judge's name is first put in the form judging.toml
//! compares names in (`model::name_key`: case and spacing aside), so one judge has one file.

use sha2::{Digest, Sha256};

/// Longer stems are cut and end in a digest of the whole: file systems allow 255 bytes.
const LONGEST: usize = 160;

/// The file stem of a judge's name: `Ana Lee` is `ana_lee`.
pub fn judge_stem(name: &str) -> String {
    let stem = stem(&crate::model::name_key(name));
    if stem.is_empty() { "judge".into() } else { stem }
}

/// The file stem of an entry's id, exact: `Pantry.Poet` and `pantry-poet` are two files. The
/// feedback's `index.md` and `index.html` are not an entry's: an entry whose id is `index` gets
/// `index~` (no other id's stem ends in a bare `~`), where its page had been overwritten by the
/// index, which then linked to itself.
pub fn entry_stem(id: &str) -> String {
    let stem = stem(id);
    match stem.as_str() {
        "" => "~".into(),
        INDEX => format!("{INDEX}~"),
        // A page named `-rf.html` reads as an option to any command a shell glob hands it to:
        // its leading `-` is escaped as the rule escapes what it does not keep (one to one still:
        // no other id's stem starts `~2d`). A judge's stem keeps it: their store is named so.
        _ if stem.starts_with('-') => format!("~2d{}", &stem[1..]),
        _ => stem,
    }
}

/// The stem of the feedback's index pages, which no entry's page may take.
pub const INDEX: &str = "index";

/// Whether a character is written as itself: it reads the same in any case.
fn kept(c: char) -> bool {
    c == '-' || (c.is_alphanumeric() && c.to_lowercase().eq(std::iter::once(c)) && !c.is_uppercase())
}

fn stem(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Where the output stood after each whole character: a cut stem ends on one of these.
    let mut whole = Vec::with_capacity(text.len());
    for c in text.chars() {
        if kept(c) {
            out.push(c);
        } else if c == ' ' {
            out.push('_');
        } else {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("~{b:02x}"));
            }
        }
        whole.push(out.len());
    }
    if out.len() <= LONGEST {
        return out;
    }
    // `~~` never appears otherwise (an escape is `~` and two hex digits), so a cut stem cannot
    // equal an uncut one, and two cut ones differ by their digests.
    let cut = whole.into_iter().take_while(|end| *end <= LONGEST - 18).last().unwrap_or(0);
    let digest = crate::format::hex(&Sha256::digest(text.as_bytes()));
    format!("{}~~{}", &out[..cut], &digest[..16])
}

/// Whether `stem` is one that [`judge_stem`] or [`entry_stem`] can write: what `collect` accepts
/// from the repo is exactly what `push` writes there.
pub fn is_stem(stem: &str) -> bool {
    let (body, digest) = match stem.split_once("~~") {
        Some((body, digest)) => (body, Some(digest)),
        None => (stem, None),
    };
    if let Some(d) = digest
        && (d.len() != 16 || !d.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
    {
        return false;
    }
    let mut chars = body.chars();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if c == '~' {
            let hex: String = chars.by_ref().take(2).collect();
            if hex.len() != 2 || !hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
                return false;
            }
        } else if !(kept(c) || c == '_') {
            return false;
        }
    }
    any && stem.len() <= LONGEST
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_file_names_one_to_one() {
        let cases = [
            ("ada", "ada"),
            ("Ada  Lovelace", "ada_lovelace"),
            ("Ana.Lee", "ana~2elee"),
            ("ana_lee", "ana~5flee"),
            ("Jean-Luc", "jean-luc"),
            ("José", "josé"),
            ("Zoë", "zoë"),
            ("../../etc", "~2e~2e~2f~2e~2e~2fetc"),
            ("-rf", "-rf"),
            ("", "judge"),
        ];
        for (name, want) in cases {
            assert_eq!(judge_stem(name), want, "{name}");
            assert!(is_stem(want), "{want} is accepted back");
        }
        // One judge, one file, whatever the case and spacing.
        assert_eq!(judge_stem("ANA  lee"), judge_stem("Ana Lee"));
    }

    #[test]
    fn different_names_never_share_a_file() {
        let names = [
            "Ana Lee",
            "Ana.Lee",
            "ana-lee",
            "ana_lee",
            "Ana~Lee",
            "Ana~2eLee",
            "ana lee ",
            "Anna Lee",
            "José",
            "Jose",
            "Jose\u{301}",
            "Zoë",
            "Zoe",
        ];
        let mut seen = std::collections::HashMap::new();
        for n in names {
            let key = crate::model::name_key(n);
            if let Some(other) = seen.insert(judge_stem(n), key.clone()) {
                assert_eq!(other, key, "{n} shares a file with another judge");
            }
        }
        let ids =
            ["pantry-poet", "Pantry.Poet", "Pantry-Poet", "pantry.poet", "pantry_poet", "pantry poet", "-rf", "~2drf"];
        let stems: std::collections::HashSet<String> = ids.iter().map(|i| entry_stem(i)).collect();
        assert_eq!(stems.len(), ids.len(), "{stems:?}");
        // Case-blind file systems: no two stems differ only by case.
        let lower: std::collections::HashSet<String> = stems.iter().map(|s| s.to_lowercase()).collect();
        assert_eq!(lower.len(), ids.len());
    }

    #[test]
    fn long_names_are_cut_with_a_digest_and_still_differ() {
        let a = "名".repeat(64);
        let b = format!("{}x", "😀".repeat(63));
        let (sa, sb) = (judge_stem(&a), judge_stem(&b));
        assert!(sa.len() <= LONGEST && sb.len() <= LONGEST, "{sa} {sb}");
        assert_ne!(sa, sb);
        assert!(is_stem(&sb), "{sb}");
        assert_eq!(judge_stem(&b), sb, "the same name gives the same stem");
    }

    /// The feedback's index pages are no entry's: an entry `index` (any other spelling is
    /// escaped apart already) gets a page of its own beside them.
    #[test]
    fn no_entry_takes_the_index_pages_name() {
        for id in ["index", "Index", "INDEX", "index~", "index-", "indexes"] {
            assert_ne!(entry_stem(id), INDEX, "{id}");
        }
        assert_eq!(entry_stem("index"), "index~");
        assert_eq!(entry_stem("indexes"), "indexes");
        assert_ne!(entry_stem("index~"), entry_stem("index"));
    }

    /// No page's name starts with `-`, which a shell glob would hand a command as an option.
    #[test]
    fn no_entry_page_starts_with_a_dash() {
        assert_eq!(entry_stem("-rf"), "~2drf");
        assert_eq!(entry_stem("a-b-"), "a-b-");
        assert_eq!(judge_stem("-ana"), "-ana", "a judge's store keeps its name");
    }

    #[test]
    fn only_written_stems_are_accepted() {
        for bad in ["", ".hidden", "a/b", "a.b", "A", "a~2", "a~zz", "a~~12", "..", "a b"] {
            assert!(!is_stem(bad), "{bad:?}");
        }
    }
}
