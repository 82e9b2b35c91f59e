"""_args.py: the arguments of the Python layer checked before C sees them.

ctypes converts silently: a Python int wraps modulo 2**64 into a c_long or
c_uint64 (runs=2**64+2 ran 2 runs), a negative seed wraps, a str with a NUL
byte is cut there (and names another file). Every argument passes through
here first: types raise TypeError, values out of range ValueError. The
ranges and the words of the numeric batch arguments are the CLI's, from
the C library (gasdep_batch_parse_arg in include/gasdep/batch.h), so the
two cannot drift apart.
"""
import ctypes
import numbers
import os

from . import _lib

# enum gasdep_batch_arg
RUNS, SEED, THREADS = range(3)


def _type_name(value):
    return type(value).__name__


def path(value, what):
    """A filesystem path (str, bytes or os.PathLike) as bytes for C."""
    if not isinstance(value, (str, bytes, os.PathLike)):
        raise TypeError("%s must be a path (str, bytes or os.PathLike), not %s"
                        % (what, _type_name(value)))
    b = os.fsencode(value)
    if not isinstance(b, bytes):  # a PathLike returning something else
        raise TypeError("%s must be a path, not %s" % (what, _type_name(value)))
    if b"\0" in b:
        raise ValueError("%s %r contains a NUL byte" % (what, value))
    if not b:
        raise ValueError("%s is empty" % what)
    return b


def text(value, what, numbers_too=False):
    """A str (or, with numbers_too, an int or float written as str) as
    UTF-8 bytes for C; NUL bytes are refused, not cut at."""
    if isinstance(value, bool) or not (
            isinstance(value, str) or
            (numbers_too and isinstance(value, (numbers.Integral, numbers.Real)))):
        raise TypeError("%s must be %s, not %s"
                        % (what, "a str or a number" if numbers_too else "a str",
                           _type_name(value)))
    s = value if isinstance(value, str) else str(value)
    if "\0" in s:
        raise ValueError("%s %r contains a NUL byte" % (what, value))
    return s.encode("utf-8")


def bounds(which):
    """(lo, hi) of a batch argument, from the C library."""
    lo, hi = ctypes.c_uint64(), ctypes.c_uint64()
    _lib.lib.gasdep_batch_parse_arg(which, b"x", b"1", None, ctypes.byref(lo),
                                    ctypes.byref(hi), None, 0)
    return lo.value, hi.value


def batch_int(value, which, name):
    """A whole number within the CLI's bounds for `which` (RUNS, SEED,
    THREADS); the CLI's message otherwise, `name` in place of the option."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError("%s must be a whole number (int), not %s"
                        % (name, _type_name(value)))
    v = int(value)
    out = ctypes.c_uint64()
    msg = ctypes.create_string_buffer(256)
    rc = _lib.lib.gasdep_batch_parse_arg(which, name.encode(), str(v).encode(),
                                         ctypes.byref(out), None, None, msg,
                                         ctypes.sizeof(msg))
    if rc != _lib.OK:
        raise ValueError(_lib.text(msg.value))
    return out.value


def threads(value):
    """Worker threads: 0 (the available cores) or the CLI's -j range."""
    if not isinstance(value, bool) and isinstance(value, numbers.Integral) \
            and int(value) == 0:
        return 0
    return batch_int(value, THREADS, "threads")


def flag(value, name):
    """A bool (or 0/1)."""
    if isinstance(value, bool) or (isinstance(value, numbers.Integral)
                                   and int(value) in (0, 1)):
        return int(value)
    raise TypeError("%s must be True or False, not %r" % (name, value))
