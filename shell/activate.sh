# Written by `tfgpu-setup apply`. Source it, from bash, zsh, dash or ksh:
#     . /path/to/venv/bin/activate-tfgpu
# It activates the virtualenv (its own bin/activate), then sets the variables TensorFlow needs
# to find the GPU libraries. `deactivate` (or `deactivate_tfgpu`) undoes both and restores every
# variable exactly: unset stays unset, empty stays empty. That matters: CUDA_VISIBLE_DEVICES=""
# hides every GPU, while an unset CUDA_VISIBLE_DEVICES shows them all.
#
# Our PATH folders go right after the virtualenv's bin folder, so its python stays first.
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
    deactivate_tfgpu nondestructive
fi

if [ ! -f __TFGPU_VENV_ACTIVATE__ ]; then
    printf 'activate-tfgpu: %s is missing; recreate the environment with: tfgpu-setup apply\n' \
        __TFGPU_VENV_ACTIVATE__ >&2
    return 1
fi
# _tfgpu_source_venv: source the virtualenv's activate script with `set -e` off, so that one
# failing command in it cannot end the shell halfway (dash applies -e inside a sourced file
# even when it is sourced in a condition); return its status.
_tfgpu_source_venv () {
    _tfgpu_flags=$-
    set +e
    # shellcheck source=/dev/null
    . __TFGPU_VENV_ACTIVATE__
    set -- "$?"
    case $_tfgpu_flags in *e*) set -e ;; esac
    unset _tfgpu_flags
    return "$1"
}

if ! _tfgpu_source_venv; then
    printf 'activate-tfgpu: activating the virtualenv failed: %s\n' __TFGPU_VENV_ACTIVATE__ >&2
    return 1
fi

# _tfgpu_save NAME: remember whether NAME is set (_tfgpu_had_NAME) and its value (_tfgpu_old_NAME).
_tfgpu_save () {
    if eval "[ -n \"\${$1+x}\" ]"; then
        eval "_tfgpu_old_$1=\$$1"
        eval "_tfgpu_had_$1=set"
    else
        eval "_tfgpu_had_$1=unset"
    fi
}

# _tfgpu_prepend NAME DIRS: put DIRS (':'-joined) in front of NAME, adding no empty entry.
_tfgpu_prepend () {
    if [ -n "$2" ]; then
        _tfgpu_save "$1"
        eval "$1=\$2\${$1:+:\$$1}"
        export "${1?}"
    fi
}

# _tfgpu_prepend_path DIRS: put DIRS (':'-joined) in PATH just after the virtualenv's bin folder.
_tfgpu_prepend_path () {
    if [ -n "$1" ]; then
        _tfgpu_save PATH
        case ${PATH-} in
            "${VIRTUAL_ENV-}/bin") PATH=$PATH:$1 ;;
            "${VIRTUAL_ENV-}/bin":*) PATH=${VIRTUAL_ENV-}/bin:$1:${PATH#"${VIRTUAL_ENV-}/bin":} ;;
            *) PATH=$1${PATH:+:$PATH} ;;
        esac
        export PATH
    fi
}

# _tfgpu_set NAME VALUE [NAME VALUE]...: set and export each NAME.
# shellcheck disable=SC2120 # the rendered call passes no pair when nothing is planned
_tfgpu_set () {
    while [ "$#" -gt 1 ]; do
        _tfgpu_save "$1"
        eval "$1=\$2"
        export "${1?}"
        shift 2
    done
}

# deactivate_tfgpu [nondestructive]: restore our variables; without the argument, deactivate
# the virtualenv too and remove these functions.
deactivate_tfgpu () {
    # shellcheck disable=SC2043 # the rendered list may hold a single name
    for _tfgpu_name in __TFGPU_NAMES__; do
        eval "_tfgpu_had=\${_tfgpu_had_$_tfgpu_name-}"
        # shellcheck disable=SC2154 # assigned by the eval above
        case $_tfgpu_had in
            set) eval "$_tfgpu_name=\$_tfgpu_old_$_tfgpu_name"; export "${_tfgpu_name?}" ;;
            unset) unset "$_tfgpu_name" ;;
        esac
        unset "_tfgpu_had_$_tfgpu_name" "_tfgpu_old_$_tfgpu_name"
    done
    unset _tfgpu_name _tfgpu_had
    if [ "${1-}" = nondestructive ]; then
        return 0
    fi
    unset -f deactivate_tfgpu
    if [ -f __TFGPU_VENV_ACTIVATE__ ] && _tfgpu_source_venv; then
        unset -f _tfgpu_source_venv
        # shellcheck disable=SC2119 # the virtualenv's deactivate, with no argument
        deactivate
    else
        unset -f deactivate _tfgpu_source_venv
        printf 'deactivate_tfgpu: cannot source %s to deactivate the virtualenv; %s\n' \
            __TFGPU_VENV_ACTIVATE__ "start a new shell" >&2
        return 1
    fi
}

_tfgpu_prepend LD_LIBRARY_PATH __TFGPU_LD_LIBRARY_PATH__
_tfgpu_prepend_path __TFGPU_PATH__
# shellcheck disable=SC2119
_tfgpu_set __TFGPU_VARIABLES__
unset -f _tfgpu_save _tfgpu_prepend _tfgpu_prepend_path _tfgpu_set

# shellcheck disable=SC2120 # virtualenv's activate calls it with 'nondestructive'
deactivate () {
    deactivate_tfgpu "$@"
}

# Forget remembered command locations, so the new PATH takes effect.
hash -r 2>/dev/null || true
