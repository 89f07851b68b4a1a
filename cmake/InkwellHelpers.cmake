# Shared build settings for every Inkwell target. Target-scoped only: nothing here touches the
# global include path or compile flags.

# Compiler warnings, Qt string-safety defines and sanitizers for one target.
function(inkwell_target_settings target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_TO_ASCII
        QT_RESTRICTED_CAST_FROM_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_USE_QSTRINGBUILDER
        QT_NO_CONTEXTLESS_CONNECT
        QT_NO_FOREACH
        QT_NO_KEYWORDS
        QT_DISABLE_DEPRECATED_UP_TO=0x060400
    )
    if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        # No -Wnull-dereference: with optimisation GCC 12 reports it inside Qt's and Asio's
        # inlined container code, where system-header suppression no longer applies.
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
            -Wnon-virtual-dtor -Woverloaded-virtual -Wcast-align)
        if(INKWELL_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    endif()
    if(INKWELL_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=address,undefined
            -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
    if(TARGET inkwell_pch AND NOT target STREQUAL "inkwell_pch")
        target_precompile_headers(${target} REUSE_FROM inkwell_pch)
    endif()
endfunction()

# The precompiled header of Qt Core and the standard library (cmake/pch/inkwell_pch.h), built
# once per build tree and reused by every target that takes inkwell_target_settings. GCC only:
# GCC accepts a precompiled header in a compile that defines more macros than the one that built
# it (QT_SQL_LIB, QT_WIDGETS_LIB, QT_TESTCASE_BUILDDIR...), so one header serves every target; the
# header is therefore built with Qt Core alone and the project's own definitions.
function(inkwell_add_precompiled_header)
    if(NOT INKWELL_PRECOMPILED_HEADERS OR NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        return()
    endif()
    add_library(inkwell_pch STATIC "${PROJECT_SOURCE_DIR}/cmake/pch/inkwell_pch.cpp")
    target_link_libraries(inkwell_pch PRIVATE Qt6::Core)
    set_target_properties(inkwell_pch PROPERTIES POSITION_INDEPENDENT_CODE ON AUTOMOC OFF)
    inkwell_target_settings(inkwell_pch)
    target_precompile_headers(inkwell_pch PRIVATE
        "$<$<COMPILE_LANGUAGE:CXX>:${PROJECT_SOURCE_DIR}/cmake/pch/inkwell_pch.h>")
endfunction()

# inkwell_add_library(<name> SOURCES ... [PUBLIC_LIBS ...] [PRIVATE_LIBS ...])
# One static library per core/ folder; its headers are included as "<folder>/<file>.h".
function(inkwell_add_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
    add_library(${name} STATIC ${ARG_SOURCES})
    add_library(Inkwell::${name} ALIAS ${name})
    target_include_directories(${name} PUBLIC "${PROJECT_SOURCE_DIR}" "${PROJECT_SOURCE_DIR}/core")
    target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
    set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    inkwell_target_settings(${name})
endfunction()

# inkwell_add_test(<name> SOURCES ... LIBS ... [LABELS ...] [TIMEOUT s] [ENVIRONMENT ...]
#                  [OPTIMISED_TOO] [NEEDS_GUI])
# A Qt Test executable registered with ctest. Labels select groups: core, server, ui, e2e, slow.
# `make test` runs the core and server tests in the asan preset; they also get the label asan-only,
# which the ci preset leaves out, unless OPTIMISED_TOO says the test checks something that only
# an optimised build shows (latency, memory), or NEEDS_GUI that it links Qt GUI, which the asan
# preset does not build.
function(inkwell_add_test name)
    cmake_parse_arguments(ARG "OPTIMISED_TOO;NEEDS_GUI" "TIMEOUT" "SOURCES;LIBS;LABELS;ENVIRONMENT"
        ${ARGN})
    if(NOT INKWELL_BUILD_TESTS)
        return()
    endif()
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}/tests")
    inkwell_target_settings(${name})
    add_test(NAME ${name} COMMAND ${name})
    if("core" IN_LIST ARG_LABELS OR "server" IN_LIST ARG_LABELS)
        set_property(GLOBAL APPEND PROPERTY INKWELL_CORE_SERVER_TESTS ${name})
        if(NOT ARG_OPTIMISED_TOO AND NOT ARG_NEEDS_GUI)
            list(APPEND ARG_LABELS asan-only)
            if(NOT INKWELL_ASAN_ONLY_TESTS_IN_ALL)
                set_target_properties(${name} PROPERTIES EXCLUDE_FROM_ALL ON)
            endif()
        endif()
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES
        LABELS "${ARG_LABELS}"
        TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=inkwell.*.debug=false;INKWELL_SOURCE_DIR=${PROJECT_SOURCE_DIR};INKWELL_BINARY_DIR=${PROJECT_BINARY_DIR};${ARG_ENVIRONMENT}")
endfunction()

# inkwell_add_benchmark(<name> SOURCES ... LIBS ...): built with the tests, run by `make bench`.
function(inkwell_add_benchmark name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    if(NOT INKWELL_BUILD_BENCHMARKS)
        return()
    endif()
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_LIBS})
    target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}/tests")
    inkwell_target_settings(${name})
    # All in one folder: `make bench` (scripts/bench.sh) runs every bench_* found there.
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/tests/bench")
    set_property(GLOBAL APPEND PROPERTY INKWELL_BENCHMARKS ${name})
endfunction()
