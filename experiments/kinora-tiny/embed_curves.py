#!/usr/bin/env python3
"""Puts the loss curves of the shipped model's training runs into its model.json
(training.history[i].curve), as `kinora-cli train` now does for every run it exports, so
the studio plots them from the installed model. Run once from the repository root; the
runs before dit-more (vae, dit, decoder) and the GPU run have no committed log.
Same picking and rounding as core/train/training_curve.cpp."""
import json
import sys

MODEL = "resources/models/kinora-tiny/model.json"
LOGS = "experiments/kinora-tiny/logs/"
# history index -> the log of that run (recipe order, resources/models/kinora-tiny/recipe)
RUNS = {3: "train-dit-more", 4: "train-dit-more2", 5: "train-decoder2", 6: "train-dit-more3",
        7: "train-decoder3", 9: "train-dit-direction", 10: "train-dit-direction2",
        11: "train-decoder-text"}


def six(v):
    return float("%.6g" % v) if v else v


def curve(path, stage, max_points=200):
    points = []
    with open(path) as f:
        for line in f:
            try:
                j = json.loads(line)
            except ValueError:
                continue
            if j.get("stage") != stage or "step" not in j or "loss" not in j:
                continue
            points.append((j["step"], j["loss"], j.get("lr", 0.0)))
    n = len(points)
    keep = min(n, max(2, max_points))
    out = []
    for i in range(keep):
        at = i if keep < 2 else int(round(i * (n - 1) / (keep - 1)))
        s, l, r = points[at]
        out.append([int(s), six(l), six(r)])
    return out


def main():
    with open(MODEL) as f:
        model = json.load(f)
    history = model["training"]["history"]
    for index, log in RUNS.items():
        entry = history[index]
        entry["curve"] = curve(LOGS + log + ".jsonl", entry["stage"])
        last = entry["curve"][-1][0]
        if abs(last - entry["steps"]) > 10:
            sys.exit("%s ends at step %d, history %d says %d" % (log, last, index, entry["steps"]))
    with open(MODEL, "w") as f:
        json.dump(model, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
