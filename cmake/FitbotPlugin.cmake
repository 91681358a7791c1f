# fitbot_add_plugin(NAME sources...): build NAME.so into FITBOT_PLUGIN_OUT,
# linked against libfitbot-sdk alone (-z defs proves nothing else is needed).
function(fitbot_add_plugin name)
  add_library(${name} MODULE ${ARGN})
  set_target_properties(${name} PROPERTIES PREFIX "" OUTPUT_NAME ${name}
    LIBRARY_OUTPUT_DIRECTORY ${FITBOT_PLUGIN_OUT})
  target_include_directories(${name} PRIVATE ${FITBOT_INCLUDE_DIR})
  target_link_libraries(${name} PRIVATE fitbot-sdk)
  if(NOT FITBOT_SANITIZE)
    target_link_options(${name} PRIVATE -Wl,-z,defs)
  endif()
  install(TARGETS ${name} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/fitbot/plugins)
endfunction()
