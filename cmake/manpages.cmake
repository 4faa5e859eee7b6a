# Writes one man page per cmksim command into MAN_DIR with Debian's help2man, from the --help text
# the binary prints: cmksim.1 for the top level, cmksim-COMMAND.1 for each command that
# `cmksim --help` lists under "Commands:" (so a new command gets its page without a change here).
#   cmake -DCMKSIM=... -DHELP2MAN=... -DMAN_DIR=... -DVERSION=... -P manpages.cmake
file(REMOVE_RECURSE ${MAN_DIR})
file(MAKE_DIRECTORY ${MAN_DIR})
execute_process(COMMAND ${CMKSIM} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "manpages: ${CMKSIM} --help failed")
endif()
string(REGEX MATCH "Commands:\n(  [^\n]+\n)+" listing "${help}")
string(REGEX MATCHALL "\n  [a-z]+" names "${listing}")

# page(NAME DESCRIPTION ARGS...): help2man on a two-line wrapper that runs `cmksim ARGS... "$@"`,
# so the page is titled NAME and help2man's `NAME --help` is `cmksim COMMAND --help`.
function(page name description)
  set(wrapper ${MAN_DIR}/.${name})
  string(REPLACE ";" " " args "${ARGN}")
  file(WRITE ${wrapper} "#!/bin/sh\nexec '${CMKSIM}' ${args} \"$@\"\n")
  file(CHMOD ${wrapper} PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  execute_process(COMMAND ${HELP2MAN} --no-info --no-discard-stderr --section=1 --source=cmksim
                          "--version-string=${VERSION}" "--name=${description}" --output=${MAN_DIR}/${name}.1 ${wrapper}
                  RESULT_VARIABLE rc)
  file(REMOVE ${wrapper})
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "manpages: help2man failed for ${name}")
  endif()
  # help2man titles the page after the wrapper's file name; give it the command's own.
  file(READ ${MAN_DIR}/${name}.1 text)
  string(REPLACE ".${name}" "${name}" text "${text}")
  string(TOUPPER "${name}" upper)
  string(REPLACE ".${upper}" "${upper}" text "${text}")
  file(WRITE ${MAN_DIR}/${name}.1 "${text}")
endfunction()

page(cmksim "discrete-event simulator of the MongoDB Atlas customer-managed-key lifecycle")
foreach(n IN LISTS names)
  string(STRIP "${n}" command)
  string(REGEX MATCH "\n  ${command} +([^\n]+)" line "${help}")
  page(cmksim-${command} "cmksim ${command}: ${CMAKE_MATCH_1}" ${command})
endforeach()
