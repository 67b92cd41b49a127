#!/usr/bin/env python3
"""Maintains src/Kexie.Web/Resources/SharedResource.en.resx: the English of the UI texts (keys are the Chinese texts).

  scripts/resx.py missing          list keys used in .razor files (L["..."]) that have no English yet
  scripts/resx.py add FILE.tsv     add or replace entries from a tab-separated file: 中文<TAB>English
"""
import re, sys, pathlib, html
ROOT = pathlib.Path(__file__).resolve().parent.parent
RESX = ROOT / "src/Kexie.Web/Resources/SharedResource.en.resx"
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""

def load():
    text = RESX.read_text(encoding="utf-8") if RESX.exists() else ""
    return {html.unescape(m.group(1)): html.unescape(m.group(2))
            for m in re.finditer(r'<data name="([^"]*)" xml:space="preserve">\s*<value>(.*?)</value>', text, re.S)}

def save(entries):
    out = [HEADER]
    for k in sorted(entries):
        out.append(f'  <data name="{html.escape(k, quote=True)}" xml:space="preserve">\n    <value>{html.escape(entries[k], quote=False)}</value>\n  </data>\n')
    out.append("</root>\n")
    RESX.write_text("".join(out), encoding="utf-8")

def used():
    keys = set()
    for f in (ROOT / "src/Kexie.Web").rglob("*.razor"):
        keys.update(re.findall(r'L\["([^"]+)"\]', f.read_text(encoding="utf-8")))
    return keys

if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "missing"
    entries = load()
    if cmd == "missing":
        for k in sorted(used() - entries.keys()): print(k)
    elif cmd == "add":
        for line in pathlib.Path(sys.argv[2]).read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                zh, en = line.split("\t", 1)
                entries[zh.strip()] = en.strip()
        save(entries)
        print(f"{len(entries)} entries")
