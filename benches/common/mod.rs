//! What the benchmarks share: a generated export of realistic size, and a head judge's workload.

pub mod store;
pub mod workload;

/// A realistic export: ids, titles, teams, links of both Space spellings, long descriptions.
pub fn export_csv(rows: usize) -> String {
    let mut out =
        String::from("id,title,team,members,space_url,video_url,post_url,description,track,tags,models,total_params\n");
    let words = ["small", "model", "garden", "helper", "offline", "story", "meter", "recipe", "bus", "lantern"];
    for i in 0..rows {
        let w = |k: usize| words[(i * 7 + k * 3) % words.len()];
        let space = if i % 5 == 0 {
            format!("https://build-small-hackathon-entry-{i}.hf.space")
        } else {
            format!("https://huggingface.co/spaces/build-small-hackathon/entry-{i}")
        };
        let description = format!(
            "\"A {} {} that helps with the {} and the {}, built on a {} {}. It runs on CPU, answers in seconds, \
             and was tested by a neighbour, a \"\"real\"\" user, for a week: entry {i}.\"",
            w(0),
            w(1),
            w(2),
            w(3),
            w(4),
            w(5)
        );
        out.push_str(&format!(
            "entry-{i:05},{} {} {i},Team {},\"Member {i}a; Member {i}b\",{space},https://www.youtube.com/watch?v=v{i:07},\
             https://x.com/team{i}/status/{},{description},{},\"track:{}, achievement:offgrid, sponsor:nvidia\",\
             \"HuggingFaceTB/SmolLM2-1.7B-Instruct; openbmb/MiniCPM-V-2_6\",{}.{}B\n",
            w(6), w(7), w(8), 1_800_000_000_000_000u64 + i as u64,
            if i % 2 == 0 { "backyard" } else { "wood" },
            if i % 2 == 0 { "backyard" } else { "wood" },
            i % 30, i % 10
        ));
    }
    out
}
