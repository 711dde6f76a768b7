#!/usr/bin/env python3
"""Prints a composed issue's stories, each with the headlines of the reports it draws on.

    issue.py DIGEST.json ARTICLES_DIR
"""
import json
import os
import sys

issue = json.load(open(sys.argv[1]))
articles_dir = sys.argv[2]


def article(article_id):
    return json.load(open(os.path.join(articles_dir, article_id + ".json")))


top = issue.get("topStory") or {}
print(f"The composed issue {issue['week']}: top story {top.get('headline', '(none)')!r}")
for section in issue["sections"]:
    print(f"\n== {section['title']}")
    for story in section["stories"]:
        print(f"  * {story['headline']}  ({story.get('source') or '?'})")
        for article_id in story["articleIDs"]:
            a = article(article_id)
            mark = "lead" if article_id == story["id"] else "    "
            print(f"      {mark} {a.get('published', '')[:16]}  {a['title']}  [{a.get('source') or '?'}]")
        for sentence in story["summary"]:
            print(f"      > {sentence}")
