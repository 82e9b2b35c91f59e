# python.cmake: the Python 3 interpreter for the Python package's tests and
# install directory. The first python3 on PATH that imports numpy and pandas
# wins, then /usr/bin/python3 (Debian's, where python3-pandas installs);
# GASDEP_PYTHON overrides.
set(GASDEP_PYTHON "" CACHE FILEPATH "Python 3 interpreter for the gasdep package")
if(NOT GASDEP_PYTHON)
  find_program(GASDEP_PYTHON_PATH NAMES python3)
  foreach(py ${GASDEP_PYTHON_PATH} /usr/bin/python3)
    if(EXISTS "${py}")
      execute_process(COMMAND ${py} -c "import numpy, pandas"
                      RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
      if(rc EQUAL 0)
        set(GASDEP_PYTHON ${py} CACHE FILEPATH "" FORCE)
        break()
      endif()
    endif()
  endforeach()
  if(NOT GASDEP_PYTHON AND GASDEP_PYTHON_PATH)
    set(GASDEP_PYTHON ${GASDEP_PYTHON_PATH} CACHE FILEPATH "" FORCE)
  endif()
endif()
set(GASDEP_PYTHON_SITEDIR "" CACHE PATH
    "Install directory of the Python package, relative to PREFIX")
if(GASDEP_PYTHON AND NOT GASDEP_PYTHON_SITEDIR)
  execute_process(COMMAND ${GASDEP_PYTHON} -c
                  "import sys; print('%d.%d' % sys.version_info[:2])"
                  OUTPUT_VARIABLE pyver OUTPUT_STRIP_TRAILING_WHITESPACE)
  # Debian's interpreters search PREFIX/lib/python3.X/dist-packages for
  # PREFIX /usr/local and /usr; other interpreters site-packages.
  execute_process(COMMAND ${GASDEP_PYTHON} -c
                  "import sys; print(any(p.endswith('dist-packages') for p in sys.path))"
                  OUTPUT_VARIABLE debian OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(debian STREQUAL "True")
    set(GASDEP_PYTHON_SITEDIR lib/python${pyver}/dist-packages)
  else()
    set(GASDEP_PYTHON_SITEDIR lib/python${pyver}/site-packages)
  endif()
endif()
