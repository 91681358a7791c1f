# Packages: DEB and RPM through CPack, two of them:
#   fitbot      the daemon, fitbot-sandbox, the plugins, sql/, the systemd
#               unit, a commented /etc/fitbot/fitbot.conf, and maintainer
#               scripts creating the fitbot system user
#   fitbot-dev  the SDK: headers, libfitbot-sdk, pkg-config file, CMake
#               package (find_package(FitbotSDK), fitbot_sdk_add_plugin)
# Build them from a tree configured for the system prefix:
#   cmake -S . -B build/pkg -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_BUILD_TYPE=Release
#   cmake --build build/pkg && (cd build/pkg && cpack -G DEB)   # or -G RPM
# (the default plugin and sql folders compiled into fitbot follow the prefix.)
# Included from the top-level CMakeLists.txt after every area.

include(GNUInstallDirs)
find_package(PkgConfig QUIET)
set(FITBOT_PKG_DIR ${CMAKE_CURRENT_LIST_DIR})
get_filename_component(FITBOT_PKG_TOP ${FITBOT_PKG_DIR} DIRECTORY)
if(NOT FITBOT_SQL_DIR)
  set(FITBOT_SQL_DIR ${FITBOT_PKG_TOP}/sql)
endif()
set(FITBOT_BINDIR ${CMAKE_INSTALL_FULL_BINDIR})
set(FITBOT_DOCDIR ${CMAKE_INSTALL_FULL_DOCDIR})
set(FITBOT_DEFAULT_PLUGIN_DIR ${CMAKE_INSTALL_FULL_LIBDIR}/fitbot/plugins)
set(FITBOT_DEFAULT_SQL_DIR ${CMAKE_INSTALL_FULL_DATADIR}/fitbot/sql)

# ---- files only the package installs ---------------------------------------
if(PKG_CONFIG_FOUND)
  pkg_get_variable(FITBOT_SYSTEMD_DIR systemd systemdsystemunitdir)
endif()
if(NOT FITBOT_SYSTEMD_DIR OR NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(FITBOT_SYSTEMD_DIR ${CMAKE_INSTALL_PREFIX}/lib/systemd/system)
endif()
configure_file(${FITBOT_PKG_DIR}/fitbot.service.in
  ${CMAKE_BINARY_DIR}/packaging/fitbot.service @ONLY)
configure_file(${FITBOT_PKG_DIR}/fitbot.conf.in
  ${CMAKE_BINARY_DIR}/packaging/fitbot.conf @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/packaging/fitbot.service
  DESTINATION ${FITBOT_SYSTEMD_DIR} COMPONENT daemon)
install(FILES ${CMAKE_BINARY_DIR}/packaging/fitbot.conf
  DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/fitbot COMPONENT daemon)
install(DIRECTORY ${FITBOT_SQL_DIR}/
  DESTINATION ${CMAKE_INSTALL_DATADIR}/fitbot/sql COMPONENT daemon
  FILES_MATCHING PATTERN "*.sql")
install(FILES ${FITBOT_PKG_TOP}/README.md
  DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT daemon)

# ---- package metadata --------------------------------------------------------
set(CPACK_PACKAGE_NAME fitbot)
set(CPACK_PACKAGE_VENDOR "fitbot")
set(CPACK_PACKAGE_CONTACT "fitbot maintainers <maintainers@fitbot.example.org>")
# No CPACK_PACKAGE_DESCRIPTION_SUMMARY: each package's synopsis is the
# first line of its own description (DEB) or its summary (RPM).
set(FITBOT_SUMMARY "Telegram bot host with plugins, for fitness clubs")
set(FITBOT_DEV_SUMMARY "fitbot plugin SDK: headers, library, test kit")
set(CPACK_RPM_PACKAGE_SUMMARY "${FITBOT_SUMMARY}")
set(CPACK_RPM_RUNTIME_PACKAGE_SUMMARY "${FITBOT_SUMMARY}")
set(CPACK_RPM_DEV_PACKAGE_SUMMARY "${FITBOT_DEV_SUMMARY}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_GENERATOR DEB RPM)
set(CPACK_STRIP_FILES ON)

# Components -> two packages. The daemon, the plugins and the sandbox are
# installed without a component ("Unspecified"), libfitbot-sdk.so.<major> into
# "runtime"; the SDK (its .so link, headers, ...) installs into "sdk".
include(CPackComponent)
cpack_add_component_group(runtime)
cpack_add_component_group(dev)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
  "${FITBOT_SUMMARY}
fitbot runs a Telegram bot whose features come from plugins: members,
subscriptions, payments, invoices and more. One daemon (fitbot) holds the
Bot API client, the router, conversations, the PostgreSQL pool, the
scheduler and a durable outbox; fitbot-sandbox is a local Bot API for
trying it offline.")
set(CPACK_DEBIAN_DEV_DESCRIPTION
  "${FITBOT_DEV_SUMMARY}
Everything needed to write and test a fitbot plugin out of the tree: the
plugin ABI headers, libfitbot-sdk, its pkg-config and CMake files, the
test kit and the scenario runner.")
cpack_add_component(Unspecified GROUP runtime)
cpack_add_component(daemon GROUP runtime)
cpack_add_component(runtime GROUP runtime)
cpack_add_component(sdk GROUP dev)
set(CPACK_COMPONENTS_GROUPING ONE_PER_GROUP)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_RPM_COMPONENT_INSTALL ON)

# ---- DEB -----------------------------------------------------------------
# The maintainer scripts name the configuration folder as configured
# (/etc/fitbot for the /usr prefix packages are built with).
set(FITBOT_CONFDIR ${CMAKE_INSTALL_FULL_SYSCONFDIR}/fitbot)
set(FITBOT_PKG_SCRIPTS ${CMAKE_BINARY_DIR}/packaging/scripts)
foreach(s postinst prerm postrm)
  configure_file(${FITBOT_PKG_DIR}/scripts/${s} ${FITBOT_PKG_SCRIPTS}/${s} @ONLY)
endforeach()
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME fitbot)
set(CPACK_DEBIAN_DEV_PACKAGE_NAME fitbot-dev)
# libfitbot-sdk.so.<major> (needed by the daemon and every plugin) is in fitbot
# itself; fitbot-dev's libfitbot-sdk.so link, fitbot-scenario and the test
# kit need fitbot.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS
  "libc6 (>= 2.34), libcurl4, libcjson1, libpq5, libinih1, libmicrohttpd12, libqrencode4, libcairo2, libpangocairo-1.0-0, libcsv3, fonts-dejavu-core, passwd")
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libc6 (>= 2.34), fitbot (= ${PROJECT_VERSION}), libcjson1")
file(WRITE ${CMAKE_BINARY_DIR}/packaging/conffiles
  "${CMAKE_INSTALL_FULL_SYSCONFDIR}/fitbot/fitbot.conf\n")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA
  "${FITBOT_PKG_SCRIPTS}/postinst;${FITBOT_PKG_SCRIPTS}/prerm;${FITBOT_PKG_SCRIPTS}/postrm;${CMAKE_BINARY_DIR}/packaging/conffiles;${FITBOT_PKG_DIR}/triggers")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# shlibs and the ldconfig trigger for libfitbot-sdk.so.N
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
# copyright and a Debian changelog (gzip -9n: reproducible)
install(FILES ${FITBOT_PKG_DIR}/copyright
  DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/fitbot COMPONENT daemon)
install(FILES ${FITBOT_PKG_DIR}/copyright
  DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/fitbot-dev COMPONENT sdk)
configure_file(${FITBOT_PKG_DIR}/changelog.in
  ${CMAKE_BINARY_DIR}/packaging/changelog @ONLY)
execute_process(COMMAND gzip -9nc ${CMAKE_BINARY_DIR}/packaging/changelog
  OUTPUT_FILE ${CMAKE_BINARY_DIR}/packaging/changelog.gz)
install(FILES ${CMAKE_BINARY_DIR}/packaging/changelog.gz
  DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/fitbot COMPONENT daemon)
install(FILES ${CMAKE_BINARY_DIR}/packaging/changelog.gz
  DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/fitbot-dev COMPONENT sdk)

# ---- RPM -------------------------------------------------------------------
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "Proprietary")
set(CPACK_RPM_RUNTIME_PACKAGE_NAME fitbot)
set(CPACK_RPM_DEV_PACKAGE_NAME fitbot-dev)
set(CPACK_RPM_RUNTIME_PACKAGE_REQUIRES
  "libcurl, cjson, libpq, inih, libmicrohttpd, qrencode-libs, cairo, pango, libcsv, dejavu-sans-fonts, shadow-utils")
set(CPACK_RPM_DEV_PACKAGE_REQUIRES "fitbot = ${PROJECT_VERSION}, cjson")
set(CPACK_RPM_RUNTIME_POST_INSTALL_SCRIPT_FILE ${FITBOT_PKG_SCRIPTS}/postinst)
set(CPACK_RPM_RUNTIME_PRE_UNINSTALL_SCRIPT_FILE ${FITBOT_PKG_SCRIPTS}/prerm)
set(CPACK_RPM_RUNTIME_POST_UNINSTALL_SCRIPT_FILE ${FITBOT_PKG_SCRIPTS}/postrm)
set(CPACK_RPM_RUNTIME_USER_FILELIST
  "%config(noreplace) ${CMAKE_INSTALL_FULL_SYSCONFDIR}/fitbot/fitbot.conf")
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
  ${CMAKE_INSTALL_FULL_SYSCONFDIR} ${FITBOT_SYSTEMD_DIR}
  ${CMAKE_INSTALL_PREFIX}/lib/systemd)

include(CPack)

# ctest packaging_deb: cpack -G DEB into a scratch folder and check both
# packages' contents, dependencies and the unpacked daemon (about 10-20 s).
# The tree must be built first (ctest runs after the build).
if(BUILD_TESTING OR NOT DEFINED BUILD_TESTING)
  add_test(NAME packaging_deb COMMAND ${FITBOT_PKG_DIR}/check-deb.sh
    ${CMAKE_BINARY_DIR} ${CMAKE_INSTALL_PREFIX} ${CMAKE_INSTALL_LIBDIR}
    ${CMAKE_INSTALL_FULL_SYSCONFDIR})
  set_tests_properties(packaging_deb PROPERTIES TIMEOUT 120
    SKIP_RETURN_CODE 77 LABELS packaging)
  # ctest packaging_rpm: cpack -G RPM, inspected with rpm (contents,
  # %config, requires, scriptlets) and installed into a throwaway root.
  add_test(NAME packaging_rpm COMMAND ${FITBOT_PKG_DIR}/check-rpm.sh
    ${CMAKE_BINARY_DIR} ${CMAKE_INSTALL_PREFIX} ${CMAKE_INSTALL_LIBDIR}
    ${CMAKE_INSTALL_FULL_SYSCONFDIR})
  # ctest packaging_dpkg_root: install, upgrade, remove and purge in a
  # throwaway root with the maintainer scripts run; lintian explained.
  add_test(NAME packaging_dpkg_root COMMAND ${FITBOT_PKG_DIR}/check-dpkg-root.sh
    ${CMAKE_BINARY_DIR} ${CMAKE_INSTALL_PREFIX}
    ${CMAKE_INSTALL_FULL_SYSCONFDIR})
  # ctest packaging_unit: the unit's directives and its systemd-analyze
  # security exposure.
  add_test(NAME packaging_unit COMMAND ${FITBOT_PKG_DIR}/check-unit.sh
    ${CMAKE_BINARY_DIR}/packaging/fitbot.service 2.0)
  set_tests_properties(packaging_rpm packaging_dpkg_root PROPERTIES
    TIMEOUT 300 SKIP_RETURN_CODE 77 LABELS packaging RUN_SERIAL ON)
  set_tests_properties(packaging_unit PROPERTIES TIMEOUT 60
    SKIP_RETURN_CODE 77 LABELS packaging)
endif()
