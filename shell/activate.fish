# Written by `tfgpu-setup apply`. Source it from fish:
#     source /path/to/venv/bin/activate-tfgpu.fish
# It activates the virtualenv (its own bin/activate.fish), then sets the variables TensorFlow
# needs to find the GPU libraries. `deactivate` (or `deactivate_tfgpu`) undoes both and restores
# every variable exactly: unset stays unset, empty stays empty. That matters:
# CUDA_VISIBLE_DEVICES="" hides every GPU, while an unset CUDA_VISIBLE_DEVICES shows them all.
#
# Our PATH folders go right after the virtualenv's bin folder, so its python stays first.
#
# Another virtualenv may be active (the one tfgpu-setup itself is installed in, say): this
# script records it and every variable virtualenv's and venv's scripts touch, and `deactivate`
# sources that env's activate.fish again and puts each variable back exactly. When tfgpu-setup
# was on PATH only through that env, its folder is appended to PATH so that it still works.
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
    deactivate_tfgpu; or return 1
end

if not test -f __TFGPU_VENV_ACTIVATE__
    printf 'activate-tfgpu.fish: %s is missing; recreate the environment with: tfgpu-setup apply\n' \
        __TFGPU_VENV_ACTIVATE__ >&2
    return 1
end
# _tfgpu_save KIND NAME: remember whether NAME is unset, set, or set and exported
# (_tfgpu_KINDhad_NAME) and its value (_tfgpu_KINDold_NAME). KIND: o (the shell before this
# script), p (before our own changes).
function _tfgpu_save --argument-names kind name
    if set -q $name
        set -g _tfgpu_$kind"old_"$name $$name
        if set -qx $name
            set -g _tfgpu_$kind"had_"$name exported
        else
            set -g _tfgpu_$kind"had_"$name set
        end
    else
        set -g _tfgpu_$kind"had_"$name unset
    end
end

# _tfgpu_restore KIND NAME...: put each NAME back as _tfgpu_save found it.
function _tfgpu_restore --argument-names kind
    for name in $argv[2..-1]
        set -l had _tfgpu_$kind"had_"$name
        set -l old _tfgpu_$kind"old_"$name
        if set -q $had
            switch $$had
                case exported
                    set -gx $name $$old
                case set
                    set -gu $name $$old
                case unset
                    set -e -g $name
            end
        end
        set -e -g $had
        set -e -g $old
    end
end

# What virtualenv's and the venv module's activate.fish and deactivate change.
set -g _tfgpu_outer_names PATH PYTHONHOME TCL_LIBRARY TK_LIBRARY PKG_CONFIG_PATH VIRTUAL_ENV \
    VIRTUAL_ENV_PROMPT _OLD_VIRTUAL_PATH _OLD_VIRTUAL_PYTHONHOME _OLD_VIRTUAL_TCL_LIBRARY \
    _OLD_VIRTUAL_TK_LIBRARY _OLD_PKG_CONFIG_PATH _OLD_FISH_PROMPT_OVERRIDE
for name in $_tfgpu_outer_names
    _tfgpu_save o $name
end
# An active virtualenv (its deactivate function defined), brought back by `deactivate`.
set -g _tfgpu_outer_activate
if set -q VIRTUAL_ENV; and test -f "$VIRTUAL_ENV/bin/activate.fish"; and functions -q deactivate
    set _tfgpu_outer_activate "$VIRTUAL_ENV/bin/activate.fish"
end
set -l tool (command -v tfgpu-setup)

source __TFGPU_VENV_ACTIVATE__
functions -e _tfgpu_venv_deactivate
if not functions -q deactivate; or not functions -c deactivate _tfgpu_venv_deactivate
    printf 'activate-tfgpu.fish: activating the virtualenv failed: %s\n' __TFGPU_VENV_ACTIVATE__ >&2
    _tfgpu_restore o $_tfgpu_outer_names
    set -e -g _tfgpu_outer_names _tfgpu_outer_activate
    functions -e _tfgpu_save _tfgpu_restore
    return 1
end

# _tfgpu_prepend NAME DIR...: put the DIRs in front of NAME, adding no empty entry.
function _tfgpu_prepend --argument-names name
    set -l dirs $argv
    set -e dirs[1]
    if set -q dirs[1]
        _tfgpu_save p $name
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
        _tfgpu_save p PATH
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

# _tfgpu_append_flags NAME FLAGS: put FLAGS after the user's own exported NAME, separated by a
# space. XLA reads a repeated flag's last value: ours win while active, and every other flag
# the user set still applies.
function _tfgpu_append_flags --argument-names name flags
    if test -n "$flags"
        _tfgpu_save p $name
        if set -qx $name; and test -n "$$name"
            set -gx $name "$$name $flags"
        else
            set -gx $name $flags
        end
    end
end

# _tfgpu_set NAME VALUE [NAME VALUE]...: set and export each NAME.
function _tfgpu_set
    while set -q argv[2]
        _tfgpu_save p $argv[1]
        set -gx $argv[1] $argv[2]
        set -e argv[1..2]
    end
end

function deactivate_tfgpu -d 'Restore what activate-tfgpu.fish changed; without "nondestructive", deactivate the virtualenv too'
    _tfgpu_restore p __TFGPU_NAMES__
    if test "$argv[1]" = nondestructive
        return 0
    end
    functions -e deactivate_tfgpu
    # The virtualenv's deactivate erases `deactivate` (ours) as it finishes.
    _tfgpu_venv_deactivate
    functions -e _tfgpu_venv_deactivate
    if test -n "$_tfgpu_outer_activate"; and test -f "$_tfgpu_outer_activate"
        source "$_tfgpu_outer_activate"  # its deactivate function comes back
    end
    _tfgpu_restore o $_tfgpu_outer_names
    set -e -g _tfgpu_outer_names _tfgpu_outer_activate
    functions -e _tfgpu_restore
end

_tfgpu_prepend LD_LIBRARY_PATH __TFGPU_LD_LIBRARY_PATH__
_tfgpu_prepend_path __TFGPU_PATH__
_tfgpu_append_flags XLA_FLAGS __TFGPU_XLA_FLAGS__
_tfgpu_set __TFGPU_VARIABLES__
# tfgpu-setup found only through the env this one replaced: keep it reachable, last.
if string match -q -- '/*' "$tool"; and not command -q tfgpu-setup
    set -gx PATH $PATH (string replace -r '/[^/]*$' '' -- $tool)
end
functions -e _tfgpu_save _tfgpu_prepend _tfgpu_prepend_path _tfgpu_append_flags _tfgpu_set

function deactivate -d 'Deactivate the virtualenv and restore what activate-tfgpu.fish changed'
    deactivate_tfgpu $argv
end
