"""setup.py: only supplies the version, read from ../CMakeLists.txt (the one
place it is written); everything else is in pyproject.toml."""
import os
import re

from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))


def version():
    with open(os.path.join(HERE, "..", "CMakeLists.txt")) as f:
        return re.search(r"project\(gasdep VERSION ([0-9.]+)", f.read()).group(1)


setup(version=version())
