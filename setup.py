"""setup.py: the version (from CMakeLists.txt, where it is written once)
and the C library: build_py runs CMake on this tree and copies the shared
library into the package (gasdep/libgasdep.so), which _lib.py loads first.

GASDEP_CMAKE_BUILD_DIR=DIR reuses an existing, configured CMake build
directory (only `cmake --build DIR --target gasdep_shared`; the test suite
does this); otherwise the tree is configured in build/pip-cmake.
Everything else is in pyproject.toml."""
import os
import re
import shutil
import subprocess

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = os.path.dirname(os.path.abspath(__file__))


def version():
    with open(os.path.join(HERE, "CMakeLists.txt")) as f:
        return re.search(r"project\(gasdep VERSION ([0-9.]+)", f.read()).group(1)


class BuildWithLibrary(build_py):
    """build_py, then the shared library into the package directory."""

    def run(self):
        super().run()
        build = os.environ.get("GASDEP_CMAKE_BUILD_DIR")
        if not build:
            build = os.path.join(HERE, "build", "pip-cmake")
            subprocess.check_call(
                ["cmake", "-S", HERE, "-B", build, "-DCMAKE_BUILD_TYPE=Release",
                 "-DBUILD_TESTING=OFF", "-DGASDEP_BENCH=OFF"])
        jobs = str(os.cpu_count() or 2)
        subprocess.check_call(["cmake", "--build", build, "--target",
                               "gasdep_shared", "-j", jobs])
        lib = os.path.join(build, "libgasdep.so")
        dest = os.path.join(self.build_lib, "gasdep", "libgasdep.so")
        shutil.copyfile(os.path.realpath(lib), dest)


class BinaryDistribution(Distribution):
    """The wheel carries a compiled library: tag it for this platform."""

    def has_ext_modules(self):
        return True


setup(version=version(), cmdclass={"build_py": BuildWithLibrary},
      distclass=BinaryDistribution,
      options={"build": {"build_base": os.path.join("build", "pip-setuptools")}})
