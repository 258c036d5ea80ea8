"""The merge benchmark's baseline, as the issue describes it: a pandas script doing the plain
version of the merge (weighted totals, per-judge z-scores, the mean per entry) over the same
1.5 million scores as a long CSV.

    python3 compare_merge.py csv SCORES_DIR OUT.csv   # the judges' files as one long CSV (untimed)
    python3 compare_merge.py merge SCORES.csv         # the timed part
"""
import glob
import json
import sys


def to_csv(folder, out):
    with open(out, "w") as f:
        f.write("judge,submission,criterion,score\n")
        for path in sorted(glob.glob(f"{folder}/judge-*.json")):
            body = json.load(open(path))["body"]
            for sid, values, _ in body["scores"]:
                for criterion, value in zip(body["criteria"], values):
                    if value is not None:
                        f.write(f"{body['judge']},{sid},{criterion},{value}\n")


def merge(path):
    import pandas as pd

    weights = {"utility": 2.0, "latency": 1.0, "cost": 1.0}
    scores = pd.read_csv(path)
    scores["weighted"] = scores["score"] * scores["criterion"].map(weights)
    totals = scores.groupby(["judge", "submission"])["weighted"].sum() / sum(weights.values())
    totals = totals.reset_index(name="total")
    by_judge = totals.groupby("judge")["total"]
    totals["z"] = (totals["total"] - by_judge.transform("mean")) / by_judge.transform("std", ddof=0)
    merged = totals.groupby("submission")["z"].mean().sort_values(ascending=False)
    print(merged.head(3).to_string(), file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1] == "csv":
        to_csv(sys.argv[2], sys.argv[3])
    else:
        merge(sys.argv[2])
