# fitbot_add_plugin(NAME [EXAMPLE] sources...): build NAME.so, linked against
# libfitbot-sdk alone (-z defs proves nothing else is needed).
#   default   into FITBOT_PLUGIN_OUT (the production plugin folder the demo
#             and the packages use), installed into <libdir>/fitbot/plugins
#   EXAMPLE   into FITBOT_EXAMPLE_PLUGIN_OUT, never installed: examples are
#             not loaded next to the production plugins
function(fitbot_add_plugin name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "EXAMPLE" "" "")
  set(out ${FITBOT_PLUGIN_OUT})
  if(arg_EXAMPLE)
    set(out ${FITBOT_EXAMPLE_PLUGIN_OUT})
  endif()
  add_library(${name} MODULE ${arg_UNPARSED_ARGUMENTS})
  set_target_properties(${name} PROPERTIES PREFIX "" OUTPUT_NAME ${name}
    LIBRARY_OUTPUT_DIRECTORY ${out})
  target_include_directories(${name} PRIVATE ${FITBOT_INCLUDE_DIR})
  target_link_libraries(${name} PRIVATE fitbot-sdk)
  if(NOT FITBOT_SANITIZE)
    target_link_options(${name} PRIVATE -Wl,-z,defs)
  endif()
  if(NOT arg_EXAMPLE)
    install(TARGETS ${name}
      LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/fitbot/plugins)
  endif()
endfunction()

# fitbot_use_pngbuf(TARGET): a plugin that draws with cairo writes its PNG
# bytes through sdk/util/pngbuf.c (not part of the plugin SDK).
function(fitbot_use_pngbuf target)
  target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/sdk/util/pngbuf.c)
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/sdk/util)
endfunction()

# fitbot_use_curlbuf(TARGET): the project's own programs that read libcurl
# response bodies share sdk/util/curlbuf.c (not part of the plugin SDK).
function(fitbot_use_curlbuf target)
  target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/sdk/util/curlbuf.c)
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/sdk/util)
endfunction()
