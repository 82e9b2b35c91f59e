"""gen.py BUILD_MAN_DIR: write the generated pages of the documentation site
into docs/site/_gen/: the C API reference from the public headers (every
`/** ... */` comment with the declaration that follows it, in header
order, section comments as headings) and the man pages (as configured in
the build, rendered to text by groff)."""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(HERE, "_gen")


def c_api():
    lines = ["# C API reference", "",
             "From the comments of the public headers `include/gasdep/gasdep.h` and "
             "`include/gasdep/batch.h`, where each function is documented.", ""]
    for h in ("gasdep.h", "batch.h"):
        text = open(os.path.join(ROOT, "include", "gasdep", h)).read()
        lines += ["## `gasdep/%s`" % h, ""]
        # doc comments, section comments "/* ---- Title ---- */", declarations
        pat = re.compile(r"/\*\*(.*?)\*/\s*([^;{]*[;{])|/\* -+ (.*?) -+ \*/", re.S)
        for m in pat.finditer(text):
            if m.group(3):
                lines += ["### %s" % m.group(3).strip(), ""]
                continue
            doc = re.sub(r"^\s*\* ?", "", m.group(1).strip(), flags=re.M).strip()
            decl = " ".join(m.group(2).replace("GASDEP_API ", "").split()).rstrip("{").strip()
            lines += ["```c", decl, "```", "", doc, ""]
    return "\n".join(lines) + "\n"


def man(page, mandir):
    src = os.path.join(mandir, page)
    txt = subprocess.run(["groff", "-man", "-Tutf8", "-P-cbou", src],
                         capture_output=True, text=True, check=True).stdout
    title = {"gasdep.1": "gasdep(1): the command line",
             "gasdep-scenario.5": "gasdep-scenario(5): the scenario format"}[page]
    return "# %s\n\n```text\n%s```\n" % (title, txt)


def main():
    mandir = sys.argv[1]
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "c_api.md"), "w") as f:
        f.write(c_api())
    for page in ("gasdep.1", "gasdep-scenario.5"):
        text = man(page, mandir)  # before opening: a failure leaves no empty page
        with open(os.path.join(OUT, page + ".md"), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
