# What `cmake --install` and `cpack -G DEB` put on a machine (issue 15):
#   bin/cmksim
#   share/cmksim/{scenarios/, cmksim.schema.json, FORMAT.md}
#   share/doc/cmksim/{README.md, docs/...}
#   share/man/man1/cmksim.1, cmksim-COMMAND.1   (generated with help2man when it is installed)
#   share/bash-completion/completions/cmksim, share/zsh/vendor-completions/_cmksim
include(GNUInstallDirs)

install(TARGETS cmksim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/ DESTINATION ${CMAKE_INSTALL_DATADIR}/cmksim/scenarios)
install(FILES ${PROJECT_SOURCE_DIR}/scenario/cmksim.schema.json ${PROJECT_SOURCE_DIR}/scenario/FORMAT.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/cmksim)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(FILES ${PROJECT_SOURCE_DIR}/tools/completions/cmksim.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME cmksim)
install(FILES ${PROJECT_SOURCE_DIR}/tools/completions/_cmksim DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

# Man pages from --help at build time, only where Debian's help2man is installed.
find_program(HELP2MAN help2man)
if(HELP2MAN)
  set(MAN_DIR ${CMAKE_BINARY_DIR}/man)
  add_custom_command(OUTPUT ${MAN_DIR}/cmksim.1
    COMMAND ${CMAKE_COMMAND} -DCMKSIM=$<TARGET_FILE:cmksim> -DHELP2MAN=${HELP2MAN} -DMAN_DIR=${MAN_DIR}
            -DVERSION=${PROJECT_VERSION} -P ${PROJECT_SOURCE_DIR}/cmake/manpages.cmake
    DEPENDS cmksim ${PROJECT_SOURCE_DIR}/cmake/manpages.cmake
    COMMENT "man pages: help2man on every cmksim command")
  add_custom_target(cmksim_man ALL DEPENDS ${MAN_DIR}/cmksim.1)
  install(DIRECTORY ${MAN_DIR}/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 FILES_MATCHING PATTERN "*.1")
else()
  message(STATUS "help2man not found: no man pages (tools/install-deps installs it)")
endif()

# cpack -G DEB: a Debian package; dpkg-shlibdeps works out the library dependencies.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME cmksim)
set(CPACK_PACKAGE_CONTACT "cmksim maintainers <cmksim@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "discrete-event simulator of the MongoDB Atlas customer-managed-key lifecycle")
set(CPACK_PACKAGE_DESCRIPTION
    "Runs YAML scenarios (a key disabled, a secret expired, a private endpoint rejected, a KMS outage)\nagainst a model of Atlas Encryption at Rest with customer keys, and prints what the clusters do.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "graphviz, jq, parallel")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
include(CPack)
