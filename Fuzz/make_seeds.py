#!/usr/bin/env python3
"""Makes seed inputs for a fuzz target from the shared data, at run time (publishers' text is never committed).

    make_seeds.py TARGET DATA_FOLDER OUT_FOLDER

FuzzFeedXML: each feed file cut to its channel and first items (whole feeds are too long to mutate well), and the
small ones whole. FuzzJSONFeed: the same items written as JSON Feeds, and news texts as JSON Feed items.
FuzzHTMLPage: the saved article pages, decompressed.
"""

import email.utils
import gzip
import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


def feed_files(data):
    return sorted((data / "feeds").rglob("*.xml"))


def cut_feed(text, items):
    """The feed up to the end of its `items`-th item (or entry), closed again."""
    closing = "</item>" if "<item" in text else "</entry>"
    end = 0
    for _ in range(items):
        found = text.find(closing, end)
        if found < 0:
            return text
        end = found + len(closing)
    if closing == "</entry>":
        tail = "\n</feed>\n"
    elif "<channel" in text[:end] and "</channel>" in text[end:]:
        tail = "\n</channel>\n</rss>\n"
    else:
        tail = "\n</rss>\n"
    return text[:end] + tail


def feed_seeds(data, out):
    for index, path in enumerate(feed_files(data)):
        text = path.read_text(encoding="utf-8", errors="replace")
        if len(text) < 32_768:
            (out / f"shared-{index:02d}-whole.xml").write_text(text, encoding="utf-8")
            continue
        for items in (1, 3):
            (out / f"shared-{index:02d}-{items}.xml").write_text(cut_feed(text, items), encoding="utf-8")


def iso(date_text):
    try:
        return email.utils.parsedate_to_datetime(date_text).isoformat()
    except (TypeError, ValueError):
        return date_text


def json_feed_seeds(data, out):
    for index, path in enumerate(feed_files(data)):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        channel = root.find("channel")
        if channel is None:
            continue
        items = []
        for item in channel.findall("item")[:3]:
            entry = {
                "id": item.findtext("guid") or item.findtext("link") or str(len(items)),
                "url": item.findtext("link"),
                "title": item.findtext("title"),
                "summary": (item.findtext("description") or "")[:1000],
                "date_published": iso(item.findtext("pubDate")),
            }
            content = item.findtext(CONTENT)
            if content:
                entry["content_html"] = content[:4000]
            else:
                entry["content_text"] = entry["summary"]
            creator = item.findtext(CREATOR)
            if creator:
                entry["authors"] = [{"name": creator}]
            items.append({key: value for key, value in entry.items() if value is not None})
        feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": channel.findtext("title"),
            "home_page_url": channel.findtext("link"),
            "language": channel.findtext("language"),
            "items": items,
        }
        text = json.dumps({key: value for key, value in feed.items() if value is not None}, ensure_ascii=False)
        (out / f"shared-feed-{index:02d}.json").write_text(text, encoding="utf-8")
    # News texts as items without markup.
    for path in sorted((data / "summarization").glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                if number >= 4:
                    break
                article = json.loads(line)
                feed = {
                    "version": "https://jsonfeed.org/version/1",
                    "title": path.stem,
                    "items": [
                        {
                            "id": str(article.get("id", number)),
                            "title": article.get("title") or "",
                            "content_text": (article.get("text") or "")[:6000],
                        }
                    ],
                }
                name = re.sub(r"[^a-z0-9]+", "-", path.stem.lower())
                (out / f"shared-{name}-{number}.json").write_text(json.dumps(feed), encoding="utf-8")


def page_seeds(data, out):
    for path in sorted((data / "extraction" / "html").glob("*.html.gz")):
        with gzip.open(path, "rb") as page:
            (out / ("shared-" + path.name[:16] + ".html")).write_bytes(page.read())


def main():
    target, data, out = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    if not data.is_dir():
        print(f"make_seeds.py: no shared data at {data}; only the committed fixtures are used", file=sys.stderr)
        return
    {"FuzzFeedXML": feed_seeds, "FuzzJSONFeed": json_feed_seeds, "FuzzHTMLPage": page_seeds}[target](data, out)


if __name__ == "__main__":
    main()
