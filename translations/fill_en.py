#!/usr/bin/env python3
"""Fills translations/inkwell_en.ts with the English singular and plural forms of the plural
messages (%n); run after `make translations`'s lupdate. The other messages stay untranslated: the
source texts are English. The catalogue is loaded for English and for any language without a
catalogue of its own, so that "%n post(s)" reads "1 post" and "3 posts". A plural message without
forms below is reported and the script fails."""
import sys
import xml.etree.ElementTree as ET

from fill_de import set_plural_forms

PLURALS = {
    "The server was restored from a backup: %n post(s) it had lost were sent again": [
        "The server was restored from a backup: %n post it had lost was sent again",
        "The server was restored from a backup: %n posts it had lost were sent again",
    ],
    "%n left": ["%n left", "%n left"],
    "Resolve the %n open conflict(s) first": [
        "Resolve the open conflict first",
        "Resolve the %n open conflicts first",
    ],
    "%n of your choices no longer apply; please check the result.": [
        "%n of your choices no longer applies; please check the result.",
        "%n of your choices no longer apply; please check the result.",
    ],
    "Search is catching up on %Ln post(s); some may be missing from the results.": [
        "Search is catching up on %Ln post; it may be missing from the results.",
        "Search is catching up on %Ln posts; some may be missing from the results.",
    ],
    "%n unreadable post(s) from the server skipped": [
        "%n unreadable post from the server skipped",
        "%n unreadable posts from the server skipped",
    ],
}


def main(path):
    tree = ET.parse(path)
    missing = []
    for context in tree.getroot().findall("context"):
        for message in context.findall("message"):
            if message.get("numerus") != "yes":
                continue
            source = message.find("source").text
            forms = PLURALS.get(source)
            if forms is None:
                missing.append(f"{context.find('name').text}: {source!r}")
                continue
            set_plural_forms(message.find("translation"), forms)
    if missing:
        print("no English plural forms for:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "translations/inkwell_en.ts"))
