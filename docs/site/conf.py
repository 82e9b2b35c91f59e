# conf.py: the documentation site (make docs). Sphinx reads the repository
# root as its source directory, but only the pages listed in
# include_patterns: the Markdown docs (MyST), and the pages gen.py writes
# into GASDEP_DOCS_GEN (the C API from the public headers' comments, the man
# pages). The Python reference comes from the docstrings (autodoc), which
# needs the package importable (PYTHONPATH=python, GASDEP_LIBRARY).
import os

project = "gasdep"
root_doc = "docs/site/index"
extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
include_patterns = ["docs/site/index.md", "docs/site/python.rst", "README.md",
                    "docs/*.md", "scenarios/*.md", "scenarios/sweeps/*.md",
                    "plots/README.md", "python/README.md", "CHANGELOG.md",
                    "docs/site/_gen/*.md"]
exclude_patterns = []
myst_heading_anchors = 4
myst_enable_extensions = []
html_theme = "alabaster"
html_theme_options = {"nosidebar": False}
html_title = "gasdep"
html_static_path = []
# build/docs/html/index.html forwards to the root document
html_extra_path = ["extra"]
# the repository's own files (LICENSE, python_example.py) are linked as
# downloads by MyST; the version comes from CMakeLists.txt
with open(os.path.join(os.path.dirname(__file__), "..", "..", "CMakeLists.txt")) as f:
    import re
    release = version = re.search(r"project\(gasdep VERSION ([0-9.]+)", f.read()).group(1)
autodoc_member_order = "bysource"
suppress_warnings = []
