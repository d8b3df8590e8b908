# Fails when a program carries an absolute path of the checkout or the build folder: an
# installed binary must not look for anything where it was built.
#   cmake -DFILES="a;b" -DFORBIDDEN="/src;/build" -P no_build_paths.cmake
set(_bad "")
foreach(_file IN LISTS FILES)
  foreach(_path IN LISTS FORBIDDEN)
    string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" _pattern "${_path}")
    file(STRINGS "${_file}" _hits REGEX "${_pattern}" LIMIT_COUNT 3)
    foreach(_hit IN LISTS _hits)
      string(APPEND _bad "\n  ${_file}: ${_hit}")
    endforeach()
  endforeach()
endforeach()
if(_bad)
  message(FATAL_ERROR "programs carry paths of the build machine:${_bad}")
endif()
message(STATUS "no build paths in: ${FILES}")
