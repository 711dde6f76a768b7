#!/usr/bin/env python3
"""Turn a dataset file of ../shared/data/summarization into the summarizer's batch input.

  prepare_input.py DATASET.jsonl OUT.jsonl

Writes one {"id", "text"[, "title"]} line per article (the reference `summary` and other fields are
left out, so the summarizer never sees them). Nothing from the dataset is kept in the repository:
the output goes to a scratch folder of the benchmark run.
"""
import json
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as source, open(sys.argv[2], "w", encoding="utf-8") as out:
        for line in source:
            if not line.strip():
                continue
            row = json.loads(line)
            item = {"id": row["id"], "text": row["text"]}
            if row.get("title"):
                item["title"] = row["title"]
            out.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
