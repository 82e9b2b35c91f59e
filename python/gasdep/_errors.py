"""_errors.py: exceptions carrying the library's status and messages."""
from . import _lib


class GasdepError(Exception):
    """A failed library call: `status` is the C status code, `messages` the
    lines of the message kept on the handle."""

    def __init__(self, status, message=""):
        self.status = status
        self.messages = [line for line in message.splitlines() if line]
        super().__init__(message or _lib.text(_lib.lib.gasdep_strerror(status)))


class ScenarioError(GasdepError):
    """Invalid scenario input. `messages` holds one "file:line: what is wrong"
    line per error, as the CLI prints them."""


class GasdepWarning(UserWarning):
    """Something the library found worth saying that is not an error: a
    scenario's warnings after init, a Monte Carlo with no random element
    (all runs identical). The CLI prints the same lines as "warning:"."""


def warn_lines(text, stacklevel=3):
    """Issue each line of a library warnings text as a GasdepWarning."""
    import warnings
    for line in (text or "").splitlines():
        if line.strip():
            warnings.warn(line, GasdepWarning, stacklevel=stacklevel)


def raise_for(status, message):
    if status in (_lib.OK, _lib.DONE):
        return
    if status == _lib.EINPUT:
        raise ScenarioError(status, message)
    if status == _lib.ENOMEM:
        raise MemoryError(message)
    raise GasdepError(status, message)
