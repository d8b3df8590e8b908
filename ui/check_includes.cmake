# Fails when a ui/ file includes LibTorch (or an engine internal that does): the studio
# talks to the engine through its torch-free headers only, which keeps UI builds fast and
# the engine free to change.
#   cmake -DFILES="a.cpp;b.h" [-DSTAMP=out.stamp] -P check_includes.cmake
set(_forbidden
    "^[ \t]*#[ \t]*include[ \t]*[<\"](torch|ATen|c10|caffe2)/"
    "^[ \t]*#[ \t]*include[ \t]*\"(models|sampler|weights|train)/"
    "^[ \t]*#[ \t]*include[ \t]*\"(pipeline/engine_internal|pipeline/tensor_image|util/device|util/autocast|util/gemm_peak)\\.h\"")
set(_allowed "models/registry.h")
set(_bad "")
foreach(_file IN LISTS FILES)
  file(STRINGS "${_file}" _lines REGEX "#[ \t]*include")
  foreach(_line IN LISTS _lines)
    set(_ok FALSE)
    foreach(_allow IN LISTS _allowed)
      string(FIND "${_line}" "\"${_allow}\"" _at)
      if(NOT _at EQUAL -1)
        set(_ok TRUE)
      endif()
    endforeach()
    if(_ok)
      continue()
    endif()
    foreach(_pattern IN LISTS _forbidden)
      if(_line MATCHES "${_pattern}")
        string(STRIP "${_line}" _line)
        string(APPEND _bad "\n  ${_file}: ${_line}")
      endif()
    endforeach()
  endforeach()
endforeach()
if(_bad)
  message(FATAL_ERROR "ui/ must not include LibTorch or the engine's internals "
                      "(use pipeline/engine.h and the other torch-free headers):${_bad}")
endif()
if(STAMP)
  file(WRITE "${STAMP}" "")
endif()
