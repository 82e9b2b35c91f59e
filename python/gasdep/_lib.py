"""_lib.py: load libgasdep.so with ctypes and declare the C prototypes.

Only the public API of include/gasdep/gasdep.h and batch.h is used; the
structures below mirror the ones declared there, field for field.
"""
import ctypes
import ctypes.util
import os

# enum gasdep_status
OK, DONE, EINPUT, EIO, ENOMEM, ESTATE, ESOLVER, ENUMERIC, EARG = range(9)
# enum gasdep_kind
(ORIGIN, SOURCE, NODE, REGION, PIPELINE, STORAGE, LNG, EVENT, AREA,
 ORIGIN_GROUP, CORRIDOR) = range(11)
# enum gasdep_batch_kind, enum gasdep_design
SWEEP, MONTECARLO, DEPENDENCE, CRITICALITY = range(4)


class AreaDay(ctypes.Structure):
    _fields_ = [("demand_mcm", ctypes.c_double),
                ("supplied_mcm", ctypes.c_double),
                ("unserved_mcm", ctypes.c_double),
                ("storage_mcm", ctypes.c_double),
                ("storage_fill", ctypes.c_double),
                ("storage_target_fill", ctypes.c_double),
                ("price_eur_mwh", ctypes.c_double),
                ("reduced_mcm", ctypes.c_double)]


class AreaSummary(ctypes.Structure):
    _fields_ = [("demand_mcm", ctypes.c_double),
                ("supplied_mcm", ctypes.c_double),
                ("unserved_mcm", ctypes.c_double),
                ("days_short", ctypes.c_int),
                ("min_storage_fill", ctypes.c_double),
                ("peak_price_eur_mwh", ctypes.c_double),
                ("n1_pct", ctypes.c_double),
                ("reduced_mcm", ctypes.c_double)]


class AreaCover(ctypes.Structure):
    _fields_ = [("storage_mcm", ctypes.c_double),
                ("gap_mcm", ctypes.c_double),
                ("days_of_cover", ctypes.c_double)]


PROGRESS_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)
# gasdep_progress_fn: (ctx, days_done, days_total)
RUN_PROGRESS_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_int, ctypes.c_int)


class BatchOptions(ctypes.Structure):
    _fields_ = [("threads", ctypes.c_int),
                ("outdir", ctypes.c_char_p),
                ("resume", ctypes.c_int),
                ("keep_series", ctypes.c_int),
                ("progress", ctypes.c_void_p),
                ("progress_ctx", ctypes.c_void_p)]


class BatchReport(ctypes.Structure):
    _fields_ = [("runs", ctypes.c_long),
                ("resumed", ctypes.c_long),
                ("executed", ctypes.c_long),
                ("failed", ctypes.c_long),
                ("first_failed_run", ctypes.c_long),
                ("first_error", ctypes.c_char * 512),
                ("threads", ctypes.c_int),
                ("ranks", ctypes.c_int),
                ("writer", ctypes.c_int),
                ("journal_discarded", ctypes.c_int),
                ("ranks_out_of_step", ctypes.c_int),
                ("seconds", ctypes.c_double),
                ("files", ctypes.c_char * 512),
                ("removed", ctypes.c_char * 512)]


def _candidates():
    """Where to look for the shared library, first match wins."""
    env = os.environ.get("GASDEP_LIBRARY")
    if env:
        yield env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    # `pip install .`: the library built by CMake ships inside the package
    yield os.path.join(here, "libgasdep.so")
    try:  # written by `make install`
        from ._libpath import LIBRARY
        yield LIBRARY
    except ImportError:
        pass
    # a source checkout: python/gasdep next to build/
    yield os.path.join(here, "..", "..", "build", "libgasdep.so")
    found = ctypes.util.find_library("gasdep")
    if found:
        yield found


def _load():
    tried = []
    for path in _candidates():
        if os.path.sep in path and not os.path.exists(path):
            tried.append(path)
            continue
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise ImportError("gasdep: libgasdep.so not found; build it (make install, "
                      "or cmake --build build) or set GASDEP_LIBRARY. Tried: "
                      + ", ".join(tried))


lib = _load()

_P = ctypes.c_void_p
_S = ctypes.c_char_p
_I = ctypes.c_int
_D = ctypes.c_double
_PD = ctypes.POINTER(ctypes.c_double)
_PI = ctypes.POINTER(ctypes.c_int)

_PROTOTYPES = {
    # gasdep.h
    "gasdep_version": (_S, []),
    "gasdep_strerror": (_S, [_I]),
    "gasdep_create": (_P, []),
    "gasdep_destroy": (None, [_P]),
    "gasdep_errmsg": (_S, [_P]),
    "gasdep_error_count": (_I, [_P]),
    "gasdep_load": (_I, [_P, _S]),
    "gasdep_load_string": (_I, [_P, _S, _S]),
    "gasdep_set": (_I, [_P, _S, _S]),
    "gasdep_init": (_I, [_P]),
    "gasdep_step": (_I, [_P]),
    "gasdep_finish": (_I, [_P]),
    "gasdep_restart": (_I, [_P]),
    "gasdep_run": (_I, [_P, _S]),
    "gasdep_set_progress": (_I, [_P, ctypes.c_void_p, _P]),
    "gasdep_thread_finish": (None, []),
    "gasdep_set_demand_factor": (_I, [_P, _I, _D]),
    "gasdep_set_capacity_factor": (_I, [_P, _I, _I, _D]),
    "gasdep_count": (_I, [_P, _I]),
    "gasdep_name": (_S, [_P, _I, _I]),
    "gasdep_find": (_I, [_P, _I, _S]),
    "gasdep_get": (_I, [_P, _S, _PD]),
    "gasdep_scenario_name": (_S, [_P]),
    "gasdep_horizon": (_I, [_P, _PI, _PI]),
    "gasdep_input_file": (_S, [_P, _I]),
    "gasdep_override": (_S, [_P, _I]),
    "gasdep_content_sha256": (_S, [_P]),
    "gasdep_foresight_used": (_S, [_P]),
    "gasdep_solver_used": (_S, [_P]),
    "gasdep_origin_group": (_I, [_P, _I]),
    "gasdep_area_is_group": (_I, [_P, _I]),
    "gasdep_pipeline_ends": (_I, [_P, _I, _PI, _PI]),
    "gasdep_n1_pct": (_D, [_P, _I]),
    "gasdep_day": (_I, [_P]),
    "gasdep_area_result": (_I, [_P, _I, ctypes.POINTER(AreaDay)]),
    "gasdep_area_origin_mcm": (_D, [_P, _I, _I]),
    "gasdep_area_group_mcm": (_D, [_P, _I, _I]),
    "gasdep_area_via_mcm": (_D, [_P, _I, _I]),
    "gasdep_area_via_share_stats": (_I, [_P, _I, _I, _PD, _PD, _PD]),
    "gasdep_corridor_members": (_I, [_P, _I, _I, ctypes.POINTER(_PI)]),
    "gasdep_pipeline_result": (_I, [_P, _I, _PD, _PD]),
    "gasdep_pipeline_capacity_value": (_D, [_P, _I]),
    "gasdep_mass_imbalance_mcm": (_D, [_P, _PD]),
    "gasdep_area_summary_get": (_I, [_P, _I, ctypes.POINTER(AreaSummary)]),
    "gasdep_area_group_share_stats": (_I, [_P, _I, _I, _PD, _PD, _PD]),
    "gasdep_area_cover_get": (_I, [_P, _I, ctypes.POINTER(AreaCover)]),
    "gasdep_disruption_count": (_I, [_P]),
    "gasdep_disruption": (_S, [_P, _I, _PI]),
    "gasdep_area_survival": (_I, [_P, _I, _I, _PI]),
    # batch.h
    "gasdep_batch_create": (_P, [_I]),
    "gasdep_batch_destroy": (None, [_P]),
    "gasdep_batch_errmsg": (_S, [_P]),
    "gasdep_batch_warnings": (_S, [_P]),
    "gasdep_batch_is_sweep_file": (_I, [_S]),
    "gasdep_batch_load_file": (_I, [_P, _S]),
    "gasdep_batch_set_scenario": (_I, [_P, _S]),
    "gasdep_batch_set": (_I, [_P, _S]),
    "gasdep_batch_vary": (_I, [_P, _S]),
    "gasdep_batch_set_design": (_I, [_P, _S]),
    "gasdep_batch_set_samples": (_I, [_P, ctypes.c_long]),
    "gasdep_batch_set_seed": (_I, [_P, ctypes.c_uint64]),
    "gasdep_batch_remove": (_I, [_P, _S]),
    "gasdep_batch_set_period": (_I, [_P, _I, _I]),
    "gasdep_batch_prepare": (_I, [_P]),
    "gasdep_batch_runs": (ctypes.c_long, [_P]),
    "gasdep_batch_parse_arg": (_I, [_I, _S, _S, ctypes.POINTER(ctypes.c_uint64),
                                    ctypes.POINTER(ctypes.c_uint64),
                                    ctypes.POINTER(ctypes.c_uint64),
                                    ctypes.c_char_p, ctypes.c_size_t]),
    "gasdep_batch_run": (_I, [_P, ctypes.POINTER(BatchOptions),
                              ctypes.POINTER(BatchReport)]),
}

for _name, (_res, _args) in _PROTOTYPES.items():
    _f = getattr(lib, _name)
    _f.restype = _res
    _f.argtypes = _args


def text(b):
    """A C string from the library as str ('' for NULL)."""
    return b.decode("utf-8", "replace") if b else ""


