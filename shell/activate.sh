# Written by `tfgpu-setup apply`. Source it, from bash, zsh, dash or ksh:
#     . /path/to/venv/bin/activate-tfgpu
# It activates the virtualenv (its own bin/activate), then sets the variables TensorFlow needs
# to find the GPU libraries. `deactivate` (or `deactivate_tfgpu`) undoes both and restores every
# variable exactly: unset stays unset, empty stays empty. That matters: CUDA_VISIBLE_DEVICES=""
# hides every GPU, while an unset CUDA_VISIBLE_DEVICES shows them all.
#
# Our PATH folders go right after the virtualenv's bin folder, so its python stays first.
#
# Another virtualenv may be active (the one tfgpu-setup itself is installed in, say). The
# virtualenv's activate would deactivate it and its deactivate would not bring it back, so this
# script records that env and every variable virtualenv's and venv's scripts touch (set,
# exported or unset), and `deactivate` sources that env's activate again and puts each variable
# back exactly. When tfgpu-setup was on PATH only through that env, its folder is appended to
# PATH (after everything else) so that `tfgpu-setup verify` still works once activated.
#
# How `deactivate` undoes both: the virtualenv's bin/activate defines `deactivate`; this script
# replaces it with one that restores our variables first (last set, first undone), then sources
# bin/activate again to get the virtualenv's own `deactivate` back and calls it. POSIX sh cannot
# copy a function under another name, and sourcing bin/activate while it is active changes
# nothing (it deactivates, then activates again), so this works alike in every shell and never
# duplicates the virtualenv's logic.
#
# Messages use printf: dash's echo would expand backslashes in a path.

# Rendered values are single-quoted data: a '$' or a final '\' in them is meant literally.
# shellcheck shell=sh disable=SC1003,SC2016

# Executed instead of sourced, nothing could reach the calling shell: say so and fail.
# zsh sets $0 to this file even when sourced; other shells set it to the caller's name.
if [ -n "${ZSH_VERSION-}" ]; then
    case ${ZSH_EVAL_CONTEXT-} in
        *:file*) _tfgpu_executed= ;;
        *) _tfgpu_executed=yes ;;
    esac
else
    case ${0##*/} in
        activate-tfgpu) _tfgpu_executed=yes ;;
        *) _tfgpu_executed= ;;
    esac
fi
if [ -n "$_tfgpu_executed" ]; then
    printf 'activate-tfgpu: this script must be sourced, not run: . %s\n' "$0" >&2
    exit 2
fi
unset _tfgpu_executed

# Sourcing again first undoes the previous activation, so twice is the same as once.
if command -v deactivate_tfgpu >/dev/null 2>&1; then
    deactivate_tfgpu || return 1
fi

if [ ! -f __TFGPU_VENV_ACTIVATE__ ]; then
    printf 'activate-tfgpu: %s is missing; recreate the environment with: tfgpu-setup apply\n' \
        __TFGPU_VENV_ACTIVATE__ >&2
    return 1
fi
# _tfgpu_source_venv FILE: source a virtualenv's activate script with `set -e` off, so that one
# failing command in it cannot end the shell halfway (dash applies -e inside a sourced file
# even when it is sourced in a condition); return its status.
_tfgpu_source_venv () {
    _tfgpu_flags=$-
    set +e
    # shellcheck source=/dev/null
    . "$1"
    set -- "$?"
    case $_tfgpu_flags in *e*) set -e ;; esac
    unset _tfgpu_flags
    return "$1"
}

# _tfgpu_save KIND NAME: remember whether NAME is unset, set, or set and exported
# (_tfgpu_KINDhad_NAME) and its value (_tfgpu_KINDold_NAME). KIND: o (the shell before this
# script), p (before our own changes). printenv sees only exported variables.
_tfgpu_save () {
    if eval "[ -n \"\${$2+x}\" ]"; then
        eval "_tfgpu_$1old_$2=\$$2"
        if command -p printenv "$2" >/dev/null 2>&1; then
            eval "_tfgpu_$1had_$2=exported"
        else
            eval "_tfgpu_$1had_$2=set"
        fi
    else
        eval "_tfgpu_$1had_$2=unset"
    fi
}

# _tfgpu_outer_vars CMD...: run CMD with the names of what virtualenv's and the venv module's
# activate and deactivate change appended (written out: zsh does not split a variable).
_tfgpu_outer_vars () {
    "$@" PATH PYTHONHOME TCL_LIBRARY TK_LIBRARY PKG_CONFIG_PATH PS1 VIRTUAL_ENV \
        VIRTUAL_ENV_PROMPT _OLD_VIRTUAL_PATH _OLD_VIRTUAL_PYTHONHOME _OLD_VIRTUAL_TCL_LIBRARY \
        _OLD_VIRTUAL_TK_LIBRARY _OLD_PKG_CONFIG_PATH _OLD_VIRTUAL_PS1 _OLD_VIRTUAL_PSVAR
}

# _tfgpu_save_all KIND NAME...
# shellcheck disable=SC2317 # called through _tfgpu_outer_vars
_tfgpu_save_all () {
    _tfgpu_kind=$1
    shift
    for _tfgpu_name in "$@"; do
        _tfgpu_save "$_tfgpu_kind" "$_tfgpu_name"
    done
    unset _tfgpu_kind _tfgpu_name
}

# _tfgpu_restore KIND NAME...: put each NAME back as _tfgpu_save found it.
_tfgpu_restore () {
    _tfgpu_kind=$1
    shift
    for _tfgpu_name in "$@"; do
        eval "_tfgpu_had=\${_tfgpu_${_tfgpu_kind}had_$_tfgpu_name-}"
        # shellcheck disable=SC2154 # assigned by the eval above
        case $_tfgpu_had in
            exported)
                eval "$_tfgpu_name=\$_tfgpu_${_tfgpu_kind}old_$_tfgpu_name"
                export "${_tfgpu_name?}"
                ;;
            set)
                # Set but not exported before: set it again without exporting it.
                # shellcheck disable=SC3044,SC3045 # bash's and zsh's own, guarded
                if [ -n "${BASH_VERSION-}" ]; then
                    export -n "${_tfgpu_name?}"
                elif [ -n "${ZSH_VERSION-}" ]; then
                    typeset -g +x "$_tfgpu_name"
                else
                    unset "$_tfgpu_name"
                fi
                eval "$_tfgpu_name=\$_tfgpu_${_tfgpu_kind}old_$_tfgpu_name"
                ;;
            unset) unset "$_tfgpu_name" ;;
        esac
        unset "_tfgpu_${_tfgpu_kind}had_$_tfgpu_name" "_tfgpu_${_tfgpu_kind}old_$_tfgpu_name"
    done
    unset _tfgpu_name _tfgpu_had _tfgpu_kind
}

_tfgpu_outer_vars _tfgpu_save_all o
# An active virtualenv (its deactivate function defined), brought back by `deactivate`.
_tfgpu_outer_activate=
if [ -n "${VIRTUAL_ENV-}" ] && [ -f "$VIRTUAL_ENV/bin/activate" ] &&
    command -v deactivate >/dev/null 2>&1; then
    _tfgpu_outer_activate=$VIRTUAL_ENV/bin/activate
fi
# _tfgpu_find_tool: the first absolute PATH folder with tfgpu-setup in it, in _tfgpu_tool
# (PATH walked by hand: `command -v` quotes a path with a space in ksh93).
_tfgpu_find_tool () {
    _tfgpu_tool=
    _tfgpu_rest=${PATH-}
    while [ -n "$_tfgpu_rest" ]; do
        _tfgpu_dir=${_tfgpu_rest%%:*}
        case $_tfgpu_rest in
            *:*) _tfgpu_rest=${_tfgpu_rest#*:} ;;
            *) _tfgpu_rest= ;;
        esac
        case $_tfgpu_dir in
            /*) if [ -f "$_tfgpu_dir/tfgpu-setup" ] && [ -x "$_tfgpu_dir/tfgpu-setup" ]; then
                    _tfgpu_tool=$_tfgpu_dir
                    break
                fi ;;
        esac
    done
    unset _tfgpu_rest _tfgpu_dir
}
_tfgpu_find_tool
_tfgpu_tool_dir=$_tfgpu_tool

if ! _tfgpu_source_venv __TFGPU_VENV_ACTIVATE__; then
    printf 'activate-tfgpu: activating the virtualenv failed: %s\n' __TFGPU_VENV_ACTIVATE__ >&2
    _tfgpu_outer_vars _tfgpu_restore o
    unset _tfgpu_outer_activate _tfgpu_tool _tfgpu_tool_dir
    unset -f _tfgpu_find_tool _tfgpu_save _tfgpu_save_all _tfgpu_outer_vars _tfgpu_restore \
        _tfgpu_source_venv
    return 1
fi

# _tfgpu_prepend NAME DIRS: put DIRS (':'-joined) in front of NAME, adding no empty entry.
_tfgpu_prepend () {
    if [ -n "$2" ]; then
        _tfgpu_save p "$1"
        eval "$1=\$2\${$1:+:\$$1}"
        export "${1?}"
    fi
}

# _tfgpu_prepend_path DIRS: put DIRS (':'-joined) in PATH just after the virtualenv's bin folder.
_tfgpu_prepend_path () {
    if [ -n "$1" ]; then
        _tfgpu_save p PATH
        case ${PATH-} in
            "${VIRTUAL_ENV-}/bin") PATH=$PATH:$1 ;;
            "${VIRTUAL_ENV-}/bin":*) PATH=${VIRTUAL_ENV-}/bin:$1:${PATH#"${VIRTUAL_ENV-}/bin":} ;;
            *) PATH=$1${PATH:+:$PATH} ;;
        esac
        export PATH
    fi
}

# _tfgpu_append_flags NAME FLAGS: put FLAGS after the user's own exported NAME, separated by a
# space. XLA reads a repeated flag's last value: ours win while active, and every other flag
# the user set still applies.
_tfgpu_append_flags () {
    if [ -n "$2" ]; then
        _tfgpu_save p "$1"
        if eval "[ \"\${_tfgpu_phad_$1-}\" = exported ] && [ -n \"\${$1-}\" ]"; then
            eval "$1=\"\$$1 \$2\""
        else
            eval "$1=\$2"
        fi
        export "${1?}"
    fi
}

# _tfgpu_set NAME VALUE [NAME VALUE]...: set and export each NAME.
# shellcheck disable=SC2120 # the rendered call passes no pair when nothing is planned
_tfgpu_set () {
    while [ "$#" -gt 1 ]; do
        _tfgpu_save p "$1"
        eval "$1=\$2"
        export "${1?}"
        shift 2
    done
}

# deactivate_tfgpu [nondestructive]: restore our variables; without the argument, deactivate
# the virtualenv too, bring back the one active before and remove these functions.
deactivate_tfgpu () {
    _tfgpu_restore p __TFGPU_NAMES__
    if [ "${1-}" = nondestructive ]; then
        return 0
    fi
    unset -f deactivate_tfgpu
    if [ -f __TFGPU_VENV_ACTIVATE__ ] && _tfgpu_source_venv __TFGPU_VENV_ACTIVATE__; then
        # shellcheck disable=SC2119 # the virtualenv's deactivate, with no argument
        deactivate
    else
        unset -f deactivate
        printf 'deactivate_tfgpu: cannot source %s to deactivate the virtualenv; %s\n' \
            __TFGPU_VENV_ACTIVATE__ "the variables are restored; its functions may remain" >&2
    fi
    if [ -n "$_tfgpu_outer_activate" ] && [ -f "$_tfgpu_outer_activate" ]; then
        _tfgpu_source_venv "$_tfgpu_outer_activate"  # its deactivate function comes back
    fi
    _tfgpu_outer_vars _tfgpu_restore o
    unset _tfgpu_outer_activate
    unset -f _tfgpu_source_venv _tfgpu_restore _tfgpu_outer_vars
    hash -r 2>/dev/null || true
}

_tfgpu_prepend LD_LIBRARY_PATH __TFGPU_LD_LIBRARY_PATH__
_tfgpu_prepend_path __TFGPU_PATH__
_tfgpu_append_flags XLA_FLAGS __TFGPU_XLA_FLAGS__
# shellcheck disable=SC2119
_tfgpu_set __TFGPU_VARIABLES__
# tfgpu-setup found only through the env this one replaced: keep it reachable, last.
_tfgpu_find_tool
if [ -n "$_tfgpu_tool_dir" ] && [ -z "$_tfgpu_tool" ]; then
    PATH=${PATH:+$PATH:}$_tfgpu_tool_dir
    export PATH
fi
unset _tfgpu_tool _tfgpu_tool_dir
unset -f _tfgpu_find_tool _tfgpu_save _tfgpu_save_all _tfgpu_prepend _tfgpu_prepend_path \
    _tfgpu_append_flags _tfgpu_set

# shellcheck disable=SC2120 # virtualenv's activate calls it with 'nondestructive'
deactivate () {
    deactivate_tfgpu "$@"
}

# Forget remembered command locations, so the new PATH takes effect.
hash -r 2>/dev/null || true
