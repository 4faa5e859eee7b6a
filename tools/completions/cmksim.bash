# bash completion for cmksim. Everything is asked of cmksim itself, so it never drifts from the
# binary: commands from `cmksim --help`, a command's options from `cmksim COMMAND --help`, machine
# names from `cmksim graph --help`, setting names (for --set and --vary) from `cmksim settings`.
# Installed as share/bash-completion/completions/cmksim.

# The commands `cmksim --help` lists under "Commands:".
_cmksim_commands() {
  "${1:-cmksim}" --help 2>/dev/null | awk '/^Commands:/ {f = 1; next} /^$/ {f = 0} f {print $1}'
}

# The long options of one command, from its --help.
_cmksim_options() {
  "$1" "$2" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u
}

# Setting names, first word of each unindented line of `cmksim settings`.
_cmksim_settings() {
  "$1" settings 2>/dev/null | awk '/^[a-z]/ {print $1}'
}

_cmksim() {
  local cur prev bin command
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  bin=${COMP_WORDS[0]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$(_cmksim_commands "$bin") help --help --version" -- "$cur"))
    return
  fi
  command=${COMP_WORDS[1]}
  case $prev in
    --set|--vary)
      compopt -o nospace 2>/dev/null
      COMPREPLY=($(compgen -W "$(_cmksim_settings "$bin" | sed 's/$/=/')" -- "$cur"))
      return ;;
    --cloud) COMPREPLY=($(compgen -W "aws azure gcp" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --format)
      COMPREPLY=($(compgen -W "$("$bin" "$command" --help 2>/dev/null | grep -oE -- '--format [a-z|]+' | head -1 | cut -d' ' -f2 | tr '|' ' ')" -- "$cur"))
      return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_cmksim_options "$bin" "$command")" -- "$cur"))
  elif [ "$command" = graph ]; then
    COMPREPLY=($(compgen -W "$("$bin" graph --help 2>/dev/null | sed -n 's/^MACHINE is one of \(.*\)\.$/\1/p' | tr '|' ' ')" -- "$cur"))
  elif [ "$command" = help ]; then
    COMPREPLY=($(compgen -W "$(_cmksim_commands "$bin")" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _cmksim cmksim
