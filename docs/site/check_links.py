"""check_links.py HTML_DIR: every internal link of the built site resolves:
each href and src that is not external (http:, https:, mailto:) names a
file that exists, and its #fragment an id in that file. Prints the broken
ones and "N passed, M failed"; exit 1 if any is broken."""
import os
import re
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for k in ("href", "src"):
            if a.get(k) and tag in ("a", "img", "link", "script"):
                self.links.append(a[k])


def parse(path, cache={}):
    if path not in cache:
        p = Links()
        with open(path, encoding="utf-8") as f:
            p.feed(f.read())
        cache[path] = p
    return cache[path]


def main(top):
    good = bad = 0
    for d, _, files in os.walk(top):
        for name in files:
            if not name.endswith(".html") or "_sources" in d:
                continue
            page = os.path.join(d, name)
            for link in parse(page).links:
                u = urlsplit(link)
                if u.scheme or link.startswith("//"):
                    continue  # external: not checked (no network)
                target = page if not u.path else os.path.normpath(
                    os.path.join(d, unquote(u.path)))
                if os.path.isdir(target):
                    target = os.path.join(target, "index.html")
                ok = os.path.isfile(target)
                if ok and u.fragment and target.endswith(".html"):
                    ok = unquote(u.fragment) in parse(target).ids
                if ok:
                    good += 1
                else:
                    bad += 1
                    print("broken link in %s: %s" % (os.path.relpath(page, top), link))
    print("%d passed, %d failed" % (good, bad))
    return 1 if bad or good == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
