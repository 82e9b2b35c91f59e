# install.cmake: what `make install` (cmake --install) puts where, and the
# uninstall target. Paths follow GNUInstallDirs; PREFIX and DESTDIR apply.
include(CMakePackageConfigHelpers)
include(${CMAKE_CURRENT_LIST_DIR}/python.cmake)

# Programs and libraries; the CMake package exports gasdep::gasdep (shared)
# and gasdep::gasdep_static.
install(TARGETS gasdep_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS gasdep_shared gasdep EXPORT gasdepTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${CMAKE_SOURCE_DIR}/include/gasdep/gasdep.h
              ${CMAKE_SOURCE_DIR}/include/gasdep/batch.h
              ${CMAKE_BINARY_DIR}/include/gasdep/version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gasdep)

# CMake package: find_package(gasdep) then target_link_libraries(x gasdep::gasdep).
set(GASDEP_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/gasdep)
install(EXPORT gasdepTargets NAMESPACE gasdep:: DESTINATION ${GASDEP_CMAKEDIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/gasdepConfig.cmake.in
  ${CMAKE_BINARY_DIR}/gasdepConfig.cmake INSTALL_DESTINATION ${GASDEP_CMAKEDIR})
# 0.x: a new minor version may change the API, so only the same minor matches.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/gasdepConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/gasdepConfig.cmake
              ${CMAKE_BINARY_DIR}/gasdepConfigVersion.cmake
        DESTINATION ${GASDEP_CMAKEDIR})

# Files whose text holds the installation prefix are written at install time
# (so `cmake --install build --prefix P` is honoured) and recorded in
# install_manifest.txt for uninstall.
set(GASDEP_PC_PRIVATE_LIBS "-lglpk -lcsv -lpthread -lm")
if(GASDEP_MPI)
  set(GASDEP_PC_PRIVATE_REQUIRES "ompi-c")
endif()
function(gasdep_install_configured template destdir name)
  install(CODE "
    set(PROJECT_VERSION \"${PROJECT_VERSION}\")
    set(PROJECT_VERSION_MAJOR \"${PROJECT_VERSION_MAJOR}\")
    set(GASDEP_PC_PRIVATE_LIBS \"${GASDEP_PC_PRIVATE_LIBS}\")
    set(GASDEP_PC_PRIVATE_REQUIRES \"${GASDEP_PC_PRIVATE_REQUIRES}\")
    set(GASDEP_INCLUDEDIR \"${CMAKE_INSTALL_INCLUDEDIR}\")
    set(GASDEP_LIBDIR \"${CMAKE_INSTALL_LIBDIR}\")
    set(GASDEP_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
    set(dest \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${destdir}/${name}\")
    message(STATUS \"Installing: \${dest}\")
    configure_file(\"${template}\" \"\${dest}\" @ONLY)
    list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${dest}\")")
endfunction()
gasdep_install_configured(${CMAKE_CURRENT_LIST_DIR}/gasdep.pc.in
                          ${CMAKE_INSTALL_LIBDIR}/pkgconfig gasdep.pc)
# `pkg-config --static --libs gasdep` still says -lgasdep, which the linker
# resolves to the .so where both exist; gasdep-static names libgasdep.a.
gasdep_install_configured(${CMAKE_CURRENT_LIST_DIR}/gasdep-static.pc.in
                          ${CMAKE_INSTALL_LIBDIR}/pkgconfig gasdep-static.pc)

# Data: plot scripts, the scenario library, documentation, man pages.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/plots/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/gasdep/plots USE_SOURCE_PERMISSIONS)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/scenarios/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/gasdep/scenarios)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/LICENSE
              ${CMAKE_SOURCE_DIR}/CHANGELOG.md ${CMAKE_SOURCE_DIR}/scenarios/FORMAT.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
foreach(page gasdep.1 gasdep-scenario.5)
  configure_file(${CMAKE_SOURCE_DIR}/man/${page}.in ${CMAKE_BINARY_DIR}/man/${page} @ONLY)
  string(REGEX REPLACE ".*\\." "" section ${page})
  install(FILES ${CMAKE_BINARY_DIR}/man/${page}
          DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
endforeach()

# The Python package, next to the interpreter's other packages under PREFIX,
# with the path of the installed shared library written into it. Chosen at
# install time, since `cmake --install --prefix P` may differ from the
# configured prefix: PREFIX equal to the installing user's Python user base
# (`make install PREFIX=$HOME/.local`) gets the user site directory
# (lib/python3.X/site-packages, which Debian's python3 searches), any other
# PREFIX GASDEP_PYTHON_SITEDIR (dist-packages for Debian's interpreter).
if(GASDEP_PYTHON_SITEDIR)
  set(GASDEP_PY_FILES "")
  foreach(py __init__ _args _batch _errors _lib _maps _model _tables)
    list(APPEND GASDEP_PY_FILES ${CMAKE_SOURCE_DIR}/python/gasdep/${py}.py)
  endforeach()
  install(CODE "
    set(sitedir \"${GASDEP_PYTHON_SITEDIR}\")
    execute_process(COMMAND \"${GASDEP_PYTHON}\" -s -m site --user-base
                    OUTPUT_VARIABLE userbase OUTPUT_STRIP_TRAILING_WHITESPACE
                    ERROR_QUIET)
    execute_process(COMMAND \"${GASDEP_PYTHON}\" -s -m site --user-site
                    OUTPUT_VARIABLE usersite OUTPUT_STRIP_TRAILING_WHITESPACE
                    ERROR_QUIET)
    get_filename_component(pfx \"\${CMAKE_INSTALL_PREFIX}\" REALPATH)
    if(userbase AND IS_DIRECTORY \"\${userbase}\")
      get_filename_component(userbase \"\${userbase}\" REALPATH)
    endif()
    if(userbase AND pfx STREQUAL userbase AND usersite)
      file(RELATIVE_PATH sitedir \"\${userbase}\" \"\${usersite}\")
    endif()
    set(GASDEP_INSTALLED_SITEDIR \"\${sitedir}\")
    file(INSTALL ${GASDEP_PY_FILES}
         DESTINATION \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/\${sitedir}/gasdep\")")
  gasdep_install_configured(${CMAKE_CURRENT_LIST_DIR}/_libpath.py.in
                            "\${GASDEP_INSTALLED_SITEDIR}/gasdep" _libpath.py)
endif()

# make uninstall: remove what install_manifest.txt lists.
add_custom_target(uninstall
  COMMAND ${CMAKE_COMMAND} -DMANIFEST=${CMAKE_BINARY_DIR}/install_manifest.txt
          -P ${CMAKE_CURRENT_LIST_DIR}/uninstall.cmake
  COMMENT "Removing the files listed in install_manifest.txt")
