# Shared flags for project code: warnings are errors, sanitizers on request.
add_library(driftless_flags INTERFACE)
target_compile_options(driftless_flags INTERFACE -Wall -Wextra -Werror -Wno-missing-field-initializers)
# GCC 12 reports a false -Wmismatched-new-delete on every Boost 1.74 Asio
# coroutine frame (awaitable_frame_base's operator new/delete pair, once inlined).
target_compile_options(driftless_flags INTERFACE $<$<CXX_COMPILER_ID:GNU>:-Wno-mismatched-new-delete>)
target_include_directories(driftless_flags INTERFACE ${PROJECT_SOURCE_DIR})
if(DRIFTLESS_SANITIZE)
  target_compile_options(driftless_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                   -fno-sanitize-recover=undefined)
  target_link_options(driftless_flags INTERFACE -fsanitize=address,undefined)
endif()

# driftless_module(NAME SOURCES_GLOB ... [DEPS ...]): a library of the files matching
# the globs (except EXCLUDE patterns), linked only to DEPS.
function(driftless_module name)
  cmake_parse_arguments(M "" "" "SOURCES_GLOB;DEPS;EXCLUDE" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${M_SOURCES_GLOB})
  foreach(pattern IN LISTS M_EXCLUDE)
    list(FILTER srcs EXCLUDE REGEX "${pattern}")
  endforeach()
  if(srcs)
    add_library(${name} STATIC ${srcs})
    target_link_libraries(${name} PUBLIC driftless_flags ${M_DEPS})
  else()
    # A module whose sources have not landed yet: headers only.
    add_library(${name} INTERFACE)
    target_link_libraries(${name} INTERFACE driftless_flags ${M_DEPS})
  endif()
endfunction()

# driftless_test(NAME GLOB ... LIBS ... [EXCLUDE regex ...] [UNIT]): one test binary
# from the files matching GLOB (less those matching EXCLUDE), registered with ctest
# as ONE test, so a peer started by the binary's global environment is started once
# per binary, not once per case. UNIT binaries are also built by the sanitizer build.
function(driftless_test name)
  cmake_parse_arguments(T "UNIT" "TIMEOUT" "GLOB;LIBS;EXCLUDE" ${ARGN})
  if(DRIFTLESS_UNIT_ONLY AND NOT T_UNIT)
    return()
  endif()
  file(GLOB srcs CONFIGURE_DEPENDS ${T_GLOB})
  foreach(pattern IN LISTS T_EXCLUDE)
    list(FILTER srcs EXCLUDE REGEX "${pattern}")
  endforeach()
  if(NOT srcs)
    return()
  endif()
  add_executable(${name} ${srcs})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gmock)
  add_test(NAME ${name} COMMAND ${name} --gtest_brief=1)
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 600)
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "DRIFTLESS_SOURCE_DIR=${PROJECT_SOURCE_DIR};DRIFTLESS_BINARY_DIR=${PROJECT_BINARY_DIR};DRIFTLESS_PYTHON=${DRIFTLESS_PYTHON}")
  if(T_UNIT)
    set_tests_properties(${name} PROPERTIES LABELS unit)
  else()
    set_tests_properties(${name} PROPERTIES LABELS integration)
  endif()
endfunction()

# driftless_link_allocator(TARGET): links the malloc DRIFTLESS_ALLOCATOR names into an
# executable (jemalloc, mimalloc, or glibc's: nothing to link) and tells
# controller/allocator.cpp which one it is. The sanitizer build keeps the sanitizers'
# malloc. A library that is missing fails the configure: scripts/deps installs it.
function(driftless_link_allocator target)
  if(DRIFTLESS_SANITIZE OR DRIFTLESS_ALLOCATOR STREQUAL "glibc")
    return()
  endif()
  if(DRIFTLESS_ALLOCATOR STREQUAL "jemalloc")
    find_path(JEMALLOC_INCLUDE_DIR jemalloc/jemalloc.h)
    find_library(JEMALLOC_LIBRARY jemalloc)
    if(NOT JEMALLOC_INCLUDE_DIR OR NOT JEMALLOC_LIBRARY)
      message(FATAL_ERROR "DRIFTLESS_ALLOCATOR=jemalloc: jemalloc not found (Debian: libjemalloc-dev, "
                          "installed by scripts/deps); or configure with -DDRIFTLESS_ALLOCATOR=glibc")
    endif()
    target_include_directories(${target} PRIVATE ${JEMALLOC_INCLUDE_DIR})
    target_link_libraries(${target} PRIVATE ${JEMALLOC_LIBRARY})
    target_compile_definitions(${target} PRIVATE DRIFTLESS_JEMALLOC=1)
  elseif(DRIFTLESS_ALLOCATOR STREQUAL "mimalloc")
    find_package(mimalloc 2.0 CONFIG QUIET)
    if(NOT mimalloc_FOUND)
      message(FATAL_ERROR "DRIFTLESS_ALLOCATOR=mimalloc: mimalloc not found (Debian: libmimalloc-dev); "
                          "or configure with -DDRIFTLESS_ALLOCATOR=glibc")
    endif()
    target_link_libraries(${target} PRIVATE mimalloc)
    target_compile_definitions(${target} PRIVATE DRIFTLESS_MIMALLOC=1)
  else()
    message(FATAL_ERROR "DRIFTLESS_ALLOCATOR must be jemalloc, mimalloc or glibc, not '${DRIFTLESS_ALLOCATOR}'")
  endif()
endfunction()
