# uninstall.cmake: remove every file of install_manifest.txt (cmake -P), the
# byte code Python wrote beside the installed modules (__pycache__: an
# import by any user leaves it), and the directories of gasdep's own that
# are then empty (include/gasdep, share/gasdep/..., the Python package), so
# `import gasdep` afterwards says "no module", not a half package. Shared
# directories (lib, lib/pkgconfig, share/man/man1, ...) are never removed.
if(NOT EXISTS "${MANIFEST}")
  message(FATAL_ERROR "${MANIFEST} not found: nothing was installed from this build")
endif()
file(STRINGS "${MANIFEST}" files)
set(dirs "")
foreach(f IN LISTS files)
  if(EXISTS "${f}" OR IS_SYMLINK "${f}")
    message(STATUS "Removing: ${f}")
    file(REMOVE "${f}")
  endif()
  get_filename_component(d "${f}" DIRECTORY)
  list(APPEND dirs "${d}")
  if(f MATCHES "\\.py$")
    get_filename_component(stem "${f}" NAME_WE)
    file(GLOB pyc "${d}/__pycache__/${stem}.*.pyc")
    if(pyc)
      file(REMOVE ${pyc})
    endif()
    list(APPEND dirs "${d}/__pycache__")
  endif()
endforeach()
# Deepest first: an empty directory at or under one of gasdep's own
# (include/gasdep, share/gasdep, share/doc/gasdep, lib/cmake/gasdep, the
# Python package) goes, and so do its empty parents up to that one.
list(REMOVE_DUPLICATES dirs)
list(SORT dirs ORDER DESCENDING)
foreach(d IN LISTS dirs)
  while(IS_DIRECTORY "${d}" AND d MATCHES "/(include|share|doc|cmake|dist-packages|site-packages)/gasdep(/|$)")
    file(GLOB left "${d}/*" "${d}/.*")
    if(left)
      break()
    endif()
    message(STATUS "Removing: ${d}/")
    file(REMOVE_RECURSE "${d}")
    get_filename_component(d "${d}" DIRECTORY)
  endwhile()
endforeach()
