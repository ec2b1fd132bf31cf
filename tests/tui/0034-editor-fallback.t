#!/bin/bash
# Ctrl-O with no $VISUAL or $EDITOR: Debian's sensible-editor, then its
# editor alternative, when on $PATH, else vi. An editor that is not there
# (exit 127) is named, with what to do, rather than "the editor failed".
. "$(dirname "$0")/../e2e/lib.sh"
. "$TOP/tests/tui/tui-lib.sh"

# mk_editor DIR NAME : an editor called NAME in DIR that writes its name
mk_editor() {
    mkdir -p "$1" && printf '#!/bin/sh\nprintf "def square(n):\\n    return n * n  # by %s\\n" >"$1"\n' "$2" >"$1/$2" &&
        chmod +x "$1/$2"
}
mk_editor "$TRASH/both" sensible-editor && mk_editor "$TRASH/both" editor && mk_editor "$TRASH/only" editor &&
    mkdir -p "$TRASH/none"

# open_square NAME VAR=VALUE... : the quiz on square-write, with a state of its own
open_square() {
    st=$1 && shift &&
    tui_start VISUAL= EDITOR= XDG_STATE_HOME="$TRASH/st-$st" "$@" -- --pack "$PACK" --topic basics &&
        tui_wait "Write square" && tui_keys Enter && tui_wait "1│ def square(n):"
}

test_expect_success 'no VISUAL, EDITOR, nor any editor on PATH: "vi: not found" and what to do' '
    open_square none PATH="$TRASH/none" && tui_keys C-o &&
    tui_wait "vi: not found; set VISUAL or EDITOR (the answer is unchanged)" && tui_lacks "the editor failed" &&
    tui_wait "2│     pass" && tui_keys Escape && tui_quit
'

test_expect_success 'sensible-editor comes first when it is on PATH' '
    open_square both PATH="$TRASH/both" && tui_keys C-o &&
    tui_wait "answer read back from sensible-editor" && tui_wait "# by sensible-editor" &&
    tui_keys Escape && tui_quit
'

test_expect_success 'then the editor alternative' '
    open_square only PATH="$TRASH/only" && tui_keys C-o &&
    tui_wait "answer read back from editor" && tui_wait "# by editor" && tui_keys Escape && tui_quit
'

test_expect_success 'a VISUAL that is not installed is named' '
    open_square visual VISUAL=no-such-editor-pydrill PATH="$TRASH/both" && tui_keys C-o &&
    tui_wait "no-such-editor-pydrill: not found; set VISUAL or EDITOR" && tui_wait "2│     pass" &&
    tui_keys Escape && tui_quit
'

test_expect_success 'an EDITOR that is not executable is named' '
    printf "#!/bin/sh\n" >"$TRASH/noexec" && chmod 644 "$TRASH/noexec" &&
    open_square noexec EDITOR="$TRASH/noexec" && tui_keys C-o &&
    tui_wait "noexec: cannot be run" && tui_keys Escape && tui_quit
'

test_done
