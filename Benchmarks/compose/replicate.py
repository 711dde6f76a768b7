#!/usr/bin/env python3
"""Copy a folder of collected articles N times with distinct ids, for the compose benchmark.

Usage: replicate.py SOURCE_ARTICLES_DIR TARGET_ARTICLES_DIR N

Copy k > 0 of each article gets the id `<id>r<k>`, its URL and GUID suffixed the same way, and its
content hash suffixed too, so the store treats every copy as a different item reporting the same
event: the composer has N times the articles to read, place and cluster.
"""
import json
import os
import sys


def main():
    source, target, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(target, exist_ok=True)
    for name in sorted(os.listdir(source)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(source, name), encoding="utf-8") as handle:
            article = json.load(handle)
        for copy in range(copies):
            clone = dict(article)
            if copy:
                suffix = f"r{copy}"
                clone["id"] = article["id"] + suffix
                clone["contentHash"] = article["contentHash"] + suffix
                if clone.get("url"):
                    clone["url"] = clone["url"] + "#" + suffix
                provenance = dict(clone["provenance"])
                if provenance.get("guid"):
                    provenance["guid"] = provenance["guid"] + suffix
                clone["provenance"] = provenance
            with open(os.path.join(target, clone["id"] + ".json"), "w", encoding="utf-8") as handle:
                json.dump(clone, handle, ensure_ascii=False)


if __name__ == "__main__":
    main()
