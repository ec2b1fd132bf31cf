# bash completion for pydrill(1). Installed by `make install` into
# $(PREFIX)/share/bash-completion/completions/pydrill, where bash-completion
# loads it on first use; or source it from ~/.bashrc.

# The drills' ids or topics, from the catalog the line names (if any).
_pydrill_drills() {
    local what=$1 i src=()
    for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
        case ${COMP_WORDS[i]} in
        --catalog | --pack) src+=("${COMP_WORDS[i]}" "${COMP_WORDS[i + 1]}") ;;
        --catalog=* | --pack=*) src+=("${COMP_WORDS[i]}") ;;
        esac
    done
    "${COMP_WORDS[0]}" list "${src[@]}" --format json 2>/dev/null |
        sed -n "s/^[[:space:]]*\"$what\":[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p" | sort -u
}

_pydrill() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local cmds="quiz list show run grade report trace check new export help"
    local formats="text json jsonl junit tap html csv gradescope prairielearn"
    local cmd= i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -*) ;;
        *) case " $cmds " in *" ${COMP_WORDS[i]} "*) cmd=${COMP_WORDS[i]}; break ;; esac ;;
        esac
    done
    COMPREPLY=()
    case $prev in
    --catalog | --pack)
        COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur"))
        return ;;
    -o | --output | --code)
        COMPREPLY=($(compgen -f -- "$cur"))
        return ;;
    --format)
        if [ "$cmd" = list ] || [ "$cmd" = trace ]; then formats="text json"; fi
        if [ "$cmd" = export ]; then formats="text html json"; fi
        COMPREPLY=($(compgen -W "$formats" -- "$cur"))
        return ;;
    --mode)
        COMPREPLY=($(compgen -W "practice interview review" -- "$cur"))
        return ;;
    --topic)
        COMPREPLY=($(compgen -W "$(_pydrill_drills topic)" -- "$cur"))
        return ;;
    --drill)
        COMPREPLY=($(compgen -W "$(_pydrill_drills id)" -- "$cur"))
        return ;;
    --shard)
        COMPREPLY=($(compgen -W "auto 1/2 2/2 1/4 2/4 3/4 4/4" -- "$cur"))
        return ;;
    -j | --jobs | --count | --minutes)
        return ;;
    esac
    local common="--catalog --pack --help"
    local opts
    case $cmd in
    "") opts="--catalog --pack --mode --topic --count --minutes --help --version -h -V" ;;
    quiz) opts="$common --mode --topic --count --minutes" ;;
    list) opts="$common --format" ;;
    show) opts="$common --solution" ;;
    run) opts="$common --watch" ;;
    grade) opts="$common -j --jobs --format -o --output --shard --reveal-hidden -q --quiet --from --drill" ;;
    report) opts="$common --format -o --output" ;;
    trace) opts="$common --code --format" ;;
    check) opts="$common" ;;
    new) opts="--help" ;;
    export) opts="-o --output --interviews --interview --format --help" ;;
    help) opts="" ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    case $cmd in
    "") COMPREPLY=($(compgen -W "$cmds" -- "$cur")) ;;
    help) COMPREPLY=($(compgen -W "$cmds" -- "$cur")) ;;
    new) COMPREPLY=($(compgen -W "predict fix write choice explain" -- "$cur")) ;;
    show | trace) COMPREPLY=($(compgen -W "$(_pydrill_drills id)" -- "$cur")) ;;
    run)
        # the drill first, then the answer file
        local n=0
        for ((i = i + 1; i < COMP_CWORD; i++)); do
            case ${COMP_WORDS[i]} in
            --catalog | --pack) i=$((i + 1)) ;;
            -*) ;;
            *) n=$((n + 1)) ;;
            esac
        done
        if [ $n -eq 0 ]; then
            COMPREPLY=($(compgen -W "$(_pydrill_drills id)" -- "$cur"))
        else
            COMPREPLY=($(compgen -f -- "$cur"))
        fi ;;
    grade) COMPREPLY=($(compgen -f -- "$cur")) ;;
    report) COMPREPLY=($(compgen -f -X '!*.jsonl' -- "$cur") $(compgen -d -- "$cur")) ;;
    esac
}
complete -o filenames -F _pydrill pydrill
