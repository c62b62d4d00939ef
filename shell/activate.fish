# Written by `tfgpu-setup apply`. Source it from fish:
#     source /path/to/venv/bin/activate-tfgpu.fish
# It activates the virtualenv (its own bin/activate.fish), then sets the variables TensorFlow
# needs to find the GPU libraries. `deactivate` (or `deactivate_tfgpu`) undoes both and restores
# every variable exactly: unset stays unset, empty stays empty. That matters:
# CUDA_VISIBLE_DEVICES="" hides every GPU, while an unset CUDA_VISIBLE_DEVICES shows them all.
#
# Our PATH folders go right after the virtualenv's bin folder, so its python stays first.
#
# How `deactivate` undoes both: the virtualenv's activate.fish defines `deactivate`; this script
# keeps a copy of it as `_tfgpu_venv_deactivate` and replaces `deactivate` with one that restores
# our variables first (last set, first undone), then calls the copy.

# Executed instead of sourced, nothing could reach the calling shell: say so and fail.
# Only a sourced file has a frame on the stack at its top level.
if not status stack-trace | string length -q
    printf 'activate-tfgpu.fish: this script must be sourced, not run: source %s\n' (status filename) >&2
    exit 2
end

# Sourcing again first undoes the previous activation, so twice is the same as once.
if functions -q deactivate_tfgpu
    deactivate_tfgpu nondestructive
end

if not test -f __TFGPU_VENV_ACTIVATE__
    printf 'activate-tfgpu.fish: %s is missing; recreate the environment with: tfgpu-setup apply\n' \
        __TFGPU_VENV_ACTIVATE__ >&2
    return 1
end
source __TFGPU_VENV_ACTIVATE__
functions -e _tfgpu_venv_deactivate
if not functions -q deactivate; or not functions -c deactivate _tfgpu_venv_deactivate
    printf 'activate-tfgpu.fish: activating the virtualenv failed: %s\n' __TFGPU_VENV_ACTIVATE__ >&2
    return 1
end

# _tfgpu_save NAME: remember whether NAME is set (_tfgpu_had_NAME) and its value (_tfgpu_old_NAME).
function _tfgpu_save --argument-names name
    if set -q $name
        set -g _tfgpu_old_$name $$name
        set -g _tfgpu_had_$name set
    else
        set -g _tfgpu_had_$name unset
    end
end

# _tfgpu_prepend NAME DIR...: put the DIRs in front of NAME, adding no empty entry.
function _tfgpu_prepend --argument-names name
    set -l dirs $argv
    set -e dirs[1]
    if set -q dirs[1]
        _tfgpu_save $name
        # Quoted, a list variable reads ':'-joined: empty means no entries worth keeping.
        if test -n "$$name"
            set -gx $name $dirs $$name
        else
            set -gx $name $dirs
        end
    end
end

# _tfgpu_prepend_path DIR...: put the DIRs in PATH just after the virtualenv's bin folder.
function _tfgpu_prepend_path
    if set -q argv[1]
        _tfgpu_save PATH
        set -l rest $PATH
        if test "$rest[1]" = "$VIRTUAL_ENV/bin"
            set -e rest[1]
            set -gx PATH $PATH[1] $argv $rest
        else if test -n "$PATH"
            set -gx PATH $argv $PATH
        else
            set -gx PATH $argv
        end
    end
end

# _tfgpu_set NAME VALUE [NAME VALUE]...: set and export each NAME.
function _tfgpu_set
    while set -q argv[2]
        _tfgpu_save $argv[1]
        set -gx $argv[1] $argv[2]
        set -e argv[1..2]
    end
end

function deactivate_tfgpu -d 'Restore what activate-tfgpu.fish changed; without "nondestructive", deactivate the virtualenv too'
    for name in __TFGPU_NAMES__
        set -l had _tfgpu_had_$name
        set -l old _tfgpu_old_$name
        if set -q $had
            if test "$$had" = set
                set -gx $name $$old
            else
                set -e -g $name
            end
        end
        set -e -g $had
        set -e -g $old
    end
    if test "$argv[1]" = nondestructive
        return 0
    end
    functions -e deactivate_tfgpu
    # The virtualenv's deactivate erases `deactivate` (ours) as it finishes.
    _tfgpu_venv_deactivate
    functions -e _tfgpu_venv_deactivate
end

_tfgpu_prepend LD_LIBRARY_PATH __TFGPU_LD_LIBRARY_PATH__
_tfgpu_prepend_path __TFGPU_PATH__
_tfgpu_set __TFGPU_VARIABLES__
functions -e _tfgpu_save _tfgpu_prepend _tfgpu_prepend_path _tfgpu_set

function deactivate -d 'Deactivate the virtualenv and restore what activate-tfgpu.fish changed'
    deactivate_tfgpu $argv
end
