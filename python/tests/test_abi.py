"""The ctypes mirror of the public headers against the C compiler: every
ctypes Structure in the gasdep package has the size, field names, offsets
and field sizes of its C struct, and every status code constant its C
value, so the two cannot drift. The C side is measured by compiling a
small program with the system `cc` against include/ (and the build's
generated gasdep/version.h)."""
import ctypes
import os
import re
import shutil
import subprocess

import pytest

from gasdep import _lib

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
INCLUDE = os.path.join(ROOT, "include")

# the C struct each Python class mirrors
C_NAME = {"AreaDay": "gasdep_area_day", "AreaSummary": "gasdep_area_summary",
          "AreaCover": "gasdep_area_cover",
          "BatchOptions": "gasdep_batch_options",
          "BatchReport": "gasdep_batch_report"}


def structures():
    """Every ctypes Structure defined in the package's modules."""
    import gasdep
    found = {}
    for mod in (_lib, gasdep._model, gasdep._batch, gasdep._errors,
                gasdep._tables):
        for name, obj in vars(mod).items():
            if (isinstance(obj, type) and issubclass(obj, ctypes.Structure)
                    and obj.__module__ == mod.__name__):
                found[name] = obj
    return found


def c_fields(header_text, struct):
    """Field names of `typedef struct struct { ... } struct;` in a header."""
    m = re.search(r"typedef struct %s \{(.*?)\} %s;" % (struct, struct),
                  header_text, re.S)
    assert m, "no struct %s in the headers" % struct
    body = re.sub(r"/\*.*?\*/", "", m.group(1), flags=re.S)
    names = []
    for decl in body.split(";"):
        decl = decl.strip()
        if not decl:
            continue
        fn = re.search(r"\(\s*\*\s*(\w+)\s*\)", decl)  # function pointer
        if fn:
            names.append(fn.group(1))
            continue
        head = re.match(r"(.*?\b)(\w+)\s*(\[[^\]]*\])?\s*((,\s*\w+\s*(\[[^\]]*\])?\s*)*)$",
                        decl, re.S)
        assert head, "cannot read '%s' in %s" % (decl, struct)
        names.append(head.group(2))
        names += re.findall(r",\s*(\w+)", head.group(4) or "")
    return names


def status_codes(header_text):
    return re.findall(r"X\((GASDEP_\w+),\s*(\d+),", header_text)


@pytest.fixture(scope="module")
def headers():
    text = ""
    for h in ("gasdep.h", "batch.h"):
        with open(os.path.join(INCLUDE, "gasdep", h)) as f:
            text += f.read()
    return text


@pytest.fixture(scope="module")
def measured(tmp_path_factory, headers):
    """{(struct, field): (offset, size)}, {struct: size}, {CODE: value} from
    a C program."""
    cc = shutil.which(os.environ.get("CC", "cc")) or shutil.which("cc")
    if not cc:
        pytest.fail("no C compiler (cc) to measure the headers with")
    lines = ["#include <stddef.h>", "#include <stdio.h>",
             "#include \"gasdep/gasdep.h\"", "#include \"gasdep/batch.h\"",
             "int main(void) {"]
    for struct in C_NAME.values():
        lines.append('printf("S %s %%zu\\n", sizeof(%s));' % (struct, struct))
        for f in c_fields(headers, struct):
            lines.append('printf("F %s %s %%zu %%zu\\n", offsetof(%s, %s), '
                         'sizeof(((%s *)0)->%s));' % (struct, f, struct, f, struct, f))
    for code, _ in status_codes(headers):
        lines.append('printf("C %s %%d\\n", (int)%s);' % (code, code))
    lines.append("return 0; }")
    d = tmp_path_factory.mktemp("abi")
    src, exe = d / "abi.c", d / "abi"
    src.write_text("\n".join(lines) + "\n")
    inc = ["-I", INCLUDE]
    build = os.environ.get("GASDEP_BUILD")
    if build:
        inc += ["-I", os.path.join(build, "include")]
    subprocess.run([cc, "-std=c11", "-Wall", "-Werror"] + inc + ["-o", str(exe), str(src)],
                   check=True)
    out = subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout
    fields, sizes, codes = {}, {}, {}
    for row in out.split("\n"):
        p = row.split()
        if not p:
            continue
        if p[0] == "S":
            sizes[p[1]] = int(p[2])
        elif p[0] == "F":
            fields[(p[1], p[2])] = (int(p[3]), int(p[4]))
        else:
            codes[p[1]] = int(p[2])
    return fields, sizes, codes


def test_every_structure_is_known():
    """A new ctypes Structure must be added to C_NAME (and so checked)."""
    assert sorted(structures()) == sorted(C_NAME)


@pytest.mark.parametrize("py_name", sorted(C_NAME))
def test_structure_matches_c(py_name, measured, headers):
    fields, sizes, _ = measured
    cls = structures()[py_name]
    struct = C_NAME[py_name]
    py_fields = [f[0] for f in cls._fields_]
    # every Python field has a C counterpart and every C field is mirrored,
    # in the same order
    assert py_fields == c_fields(headers, struct), struct
    for name in py_fields:
        off, size = fields[(struct, name)]
        desc = getattr(cls, name)
        assert (desc.offset, desc.size) == (off, size), \
            "%s.%s: ctypes offset %d size %d, C offset %d size %d" % (
                py_name, name, desc.offset, desc.size, off, size)
    assert ctypes.sizeof(cls) == sizes[struct], py_name
    assert ctypes.alignment(cls) <= sizes[struct]


def test_status_codes_match_c(measured, headers):
    _, _, codes = measured
    assert codes, "no status codes measured"
    for code, value in codes.items():
        py = code[len("GASDEP_"):]
        assert hasattr(_lib, py), "gasdep._lib has no %s (C %s = %d)" % (py, code, value)
        assert getattr(_lib, py) == value, "%s: Python %d, C %d" % (
            code, getattr(_lib, py), value)
    # and the Python side has no status code C lacks: its codes are the
    # names of the first line of constants in _lib (enum gasdep_status)
    listed = {c[len("GASDEP_"):] for c in codes}
    src = open(_lib.__file__).read()
    m = re.search(r"# enum gasdep_status\n(.*?) = range\((\d+)\)", src, re.S)
    assert m, "no status code line in _lib.py"
    py_codes = [n.strip() for n in m.group(1).split(",")]
    assert set(py_codes) == listed
    assert int(m.group(2)) == len(py_codes)
