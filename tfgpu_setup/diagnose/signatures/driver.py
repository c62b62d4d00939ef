"""Signatures: the driver, the device and the container: nothing above them works until these do."""

from __future__ import annotations

import re

from ...doc_urls import CONTAINER_TOOLKIT as CONTAINER_TOOLKIT_URL
from ...doc_urls import DRIVER_GUIDE as DRIVER_GUIDE_URL
from ...findings import Severity
from .model import (
    CUDA_ENV_VARS_URL,
    CUDA_ERROR_CODES_URL,
    CUINIT,
    CUINIT_DRIVER_FIX,
    DLOPEN_NEEDLES,
    DRIVER_ROOTS,
    FOR_THIS_GPU,
    HOSTED_GPU_RUNTIME_FIX,
    HOSTED_GPU_RUNTIME_SOURCE,
    Signature,
    Variant,
    compiled,
)

DOCKER_HAS_NO_GPU_RUNTIME = compiled(
    r"could not select device driver \"[^\"]*\" with capabilities: \[\[gpu\]\]"
    r"|unknown or invalid runtime name: nvidia|Unknown runtime specified nvidia"
)
"""Docker's daemon saying it has no runtime that gives containers a GPU."""

HOOK_SETUP_FAILED = r"nvidia-container-cli: (?:initialization|detection) error: "
"""The container hook failing as it sets the GPU up: libnvidia-container names that stage
'initialization' before 1.10 and 'detection' from it (pop-os/pop#888, nvidia-docker#1348)."""

PLUGIN_DEVICE_LIST = r"/(?:var/)?run/nvidia-container-devices\b"
"""Where the Kubernetes device plugin's volume-mount strategy lists the GPUs it allotted."""
_CUDA_STUBS = r"/[^\s\"':;]{0,200}cuda[^\s\"':;]{0,200}/stubs"
"""A CUDA toolkit's stubs folder: /usr/local/cuda/lib64/stubs, .../targets/*/lib/stubs."""

VISIBLE_DEVICES_CHECK = (
    'Check `echo "$CUDA_VISIBLE_DEVICES"` and any os.environ["CUDA_VISIBLE_DEVICES"] in the'
    " code: an empty value, -1 or an index the machine does not have hides every GPU."
)
"""The first check where CUDA finds no device though its driver loaded."""

CUDNN_NEEDS_LIBCUDA_SOURCE = "https://github.com/facebookresearch/nougat/issues/105"
"""cuDNN asking for the unversioned libcuda.so: WSL 2's loader path, unless WSL 2 is ruled
out."""
IMAGE_DRIVER_LIBRARIES = (
    "In a container, an image that carries driver libraries of its own (libnvidia-ml, libcuda)"
    " mismatches the host's driver: rebuild it without them."
)
"""The container's own cause of NVML's mismatch (biop-desktop#27): first where one is known."""
MODULE_MISMATCH_FIX = (
    "Reboot (or reload the nvidia kernel modules) so that the module and the libraries are the"
    " same version; in a container, use the host's driver libraries (NVIDIA container toolkit)"
    " instead of installing a driver in the image."
)
NVML_UNKNOWN = "nvml-unknown-error-in-container"
NVML_UNKNOWN_TITLE = (
    "NVML cannot reach the GPU (Unknown Error): in a container, its device cgroup does not (or"
    " no longer) let it open /dev/nvidia*"
)
NVML_UNKNOWN_FIX = (
    "If it worked before, systemd reloading its units took the devices from the running"
    " container: recreate it (a restart is not enough), and to keep it from recurring run the"
    " containers with the cgroupfs driver or pass the /dev/nvidia* device nodes explicitly"
    " (NVIDIA's notice). If it never worked: the NVIDIA Container Toolkit set not to manage"
    " cgroups ('no-cgroups = true' in /etc/nvidia-container-runtime/config.toml) needs the"
    " devices passed by hand, and under Kubernetes' static CPU manager policy the device plugin"
    " must pass the device specs (PASS_DEVICE_SPECS=true)."
)
NVML_UNKNOWN_SOURCE = "https://github.com/NVIDIA/nvidia-docker/issues/1730"

XLA_DEVICE_FAILURES = frozenset(
    {
        "compute-capability-unsupported",
        "gpu-out-of-memory",
        "driver-too-old",
        "driver-library-mismatch",
        "gpu-kernel-failed",
        "cuda-version-mismatch",
        "cuda-libs-not-found",
        "ptxas-newer-than-driver",
    }
)
"""What keeps XLA from starting a GPU it found, which its 'no supported devices' then follows."""

SMI_MISSING_IN_A_POSIX_SHELL = "nvidia-smi-missing-in-a-posix-shell"
NO_DEVICE_WITHOUT_SMI_TITLE = (
    "CUDA's library loaded and found no GPU, and nvidia-smi is not installed: most likely this"
    " machine has no NVIDIA GPU (a hosted notebook's CPU runtime, a cloud CPU instance)"
)
NO_DEVICE_WITHOUT_SMI_FIX = (
    "Run on a machine with an NVIDIA GPU (a GPU runtime or instance type: Colab: Runtime >"
    " Change runtime type > GPU; Kaggle: Settings > Accelerator). On a machine that has one,"
    " install its NVIDIA driver, which brings nvidia-smi; 'lspci | grep -i nvidia' shows"
    " whether the GPU is there."
)
"""cuInit's 'no CUDA-capable device' (libcuda loaded) beside the shell not finding nvidia-smi."""
SMI_MISSING_BESIDE_NO_DEVICE = Variant(
    finding_id="no-nvidia-gpu",
    title=NO_DEVICE_WITHOUT_SMI_TITLE,
    fix=NO_DEVICE_WITHOUT_SMI_FIX,
    source=HOSTED_GPU_RUNTIME_SOURCE,
    with_signatures=frozenset({"cuinit-no-device", SMI_MISSING_IN_A_POSIX_SHELL}),
)
NVIDIA_SMI_MISSING_TITLE = (
    "nvidia-smi, which comes with the NVIDIA driver, is not installed: most likely the driver is"
    " not either"
)
NVIDIA_SMI_MISSING_FIX = (
    FOR_THIS_GPU + " (Linux: the distribution's driver package or"
    " NVIDIA's installer; Windows: NVIDIA's driver, which puts nvidia-smi in System32) and"
    " reboot; in a container, start it with '--gpus all' so the runtime mounts the driver"
    " and nvidia-smi. On Windows, older drivers put it in C:\\Program Files\\NVIDIA"
    " Corporation\\NVSMI, which is not on PATH: look there first."
)


DOCKER_DESKTOP = "docker-desktop-shown"
DOCKER_DESKTOP_LINUX = "docker-desktop-for-linux"
DOCKER_DESKTOP_MAC = "docker-desktop-on-macos"
APT_WITHOUT_NVIDIA_REPOSITORY = "apt-without-nvidia-container-repository"
KERNEL_MODULE_NOT_FOUND = "kernel-module-not-found"
DRIVER: tuple[Signature, ...] = (
    # --- The driver and the device: nothing above them works until these do. ---
    Signature(
        # The open kernel module's words for a GPU without a GSP (before Turing): the same
        # release's proprietary module drives it; a newer or legacy branch is not the fix.
        name="open-module-needs-gsp",
        needles=("not supported by open",),
        pattern=compiled(r"in this system is not supported by open\b"),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title=(
            "The open NVIDIA kernel module (nvidia-open) drives only GPUs with a GSP (Turing and"
            " newer): this GPU needs the proprietary module"
        ),
        fix=(
            "Install the proprietary kernel module of the same driver release instead of the open"
            " one (Ubuntu: 'sudo apt install nvidia-driver-NNN' in place of"
            " 'nvidia-driver-NNN-open'; NVIDIA's .run installer: choose the proprietary flavor"
            " when it asks), then reboot."
        ),
        source="https://download.nvidia.com/XFree86/Linux-x86_64/560.35.03/README/kernel_open.html",
    ),
    Signature(
        # The kernel module's own words (dmesg, nvidia-installer.log) when it will not drive the
        # GPU: a GPU newer than the release (an RTX 40 under 470), an old one its branch dropped,
        # or, with the open modules, one without a GSP (before Turing).
        name="nvrm-gpu-not-supported",
        needles=(
            "in this system is not supported by",
            "Legacy drivers",
            "legacy Linux graphics drivers",
        ),
        # and the wording for a GPU a legacy branch still drives: 'is supported through the
        # NVIDIA 580.xx Legacy drivers ... The 595.58.03 NVIDIA driver will ignore this GPU'
        pattern=compiled(
            r"in this system is not supported by(?: the)?(?P<open> open)?"
            r"(?:[ \t]+(?:NVIDIA )?(?P<driver>\d{3}\.\d{1,3}(?:\.\d{1,3})?))?"
            r"|supported through the NVIDIA (?P<branch>\d{3}(?:\.xx)?)"
            r" (?:Legacy drivers|legacy Linux graphics drivers)"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="The installed NVIDIA driver release does not support this GPU, so it drives none",
        fix=(
            "Install a driver release whose README lists this GPU ('Appendix A - Supported NVIDIA"
            " GPU Products'): a newer branch for a new GPU; {legacy_branch} for an old one. With"
            " the open kernel modules (nvidia-open), a GPU older than Turing needs the proprietary"
            " module instead."
        ),
        source="https://github.com/NVIDIA/open-gpu-kernel-modules/issues/393",
    ),
    Signature(
        # The proprietary module refusing a GPU only the open modules drive (Blackwell on 570+):
        # the module's own words, https://github.com/NVIDIA/open-gpu-kernel-modules/issues/1332
        name="nvrm-needs-open-modules",
        needles=("requires use of the NVIDIA open kernel modules",),
        pattern=compiled(r"requires use of the NVIDIA open kernel modules"),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="This GPU needs NVIDIA's open kernel modules; the proprietary module drives none",
        fix=(
            "Install the open flavour of the same driver release (Ubuntu: nvidia-driver-<branch>"
            "-open; the .run installer: '-m=kernel-open'; other distributions' nvidia-open"
            " package) and reboot."
        ),
        source="https://github.com/NVIDIA/open-gpu-kernel-modules/issues/1332",
    ),
    Signature(
        # nv-pci.c: the firmware left the GPU's PCI memory region unassigned (laptops' dGPUs,
        # Thunderbolt eGPUs), so the module will not bind it:
        # https://github.com/h8d13/archinstoo/issues/244 ('pci=realloc'),
        # https://github.com/Dunedan/mbp-2016-linux/issues/60
        name="nvrm-bar-unassigned",
        needles=("PCI I/O region assigned to your NVIDIA device is invalid",),
        pattern=compiled(r"PCI I/O region assigned to your NVIDIA device is invalid"),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title=(
            "The NVIDIA driver cannot use the GPU: the firmware left its PCI memory region (BAR)"
            " unassigned"
        ),
        fix=(
            "Let the kernel reassign PCI resources: boot with 'pci=realloc' (add it to"
            " GRUB_CMDLINE_LINUX and run update-grub); enable 'Above 4G decoding' in the BIOS where"
            " it has it; for a Thunderbolt eGPU, connect it before boot."
        ),
        source="https://github.com/h8d13/archinstoo/issues/244",
    ),
    Signature(
        # nouveau (or another framebuffer driver) owns the GPU, so the NVIDIA module cannot:
        # lspci -k, lsmod, nvidia-installer, and the module's own probe message say so. Before the
        # symptoms (nvidia-smi, cuInit), so its title and fix name the group they share.
        name="nouveau-owns-the-gpu",
        needles=("nouveau", "Nouveau", "probe routine was not called"),
        pattern=compiled(
            r"Kernel driver in use: nouveau\b"
            r"|The Nouveau kernel driver is currently in use"
            r"|NVRM: The NVIDIA probe routine was not called for \d+ device"
            r"|NVRM: GPU [0-9a-fA-F:.]{7,16} is already bound to nouveau"
            # the kernel's own lines as nouveau binds the GPU ('nouveau 0000:01:00.0: NVIDIA
            # GM204 (124020a1)', negativo17/nvidia-driver#73) and DRM's once it serves it
            r"|\bnouveau [0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.\d:"
            r" NVIDIA [A-Z]{2}\d{2,3}[A-Z]?\b"
            r"|\[drm\] Initialized nouveau \d"
            # lsmod's row for it (name, size, users): NVIDIA's install guide's own test
            r"|^[ \t]*nouveau[ \t]+\d{4,9}[ \t]+\d{1,3}\b"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="The open-source nouveau driver holds the GPU, so the NVIDIA driver cannot use it",
        fix=(
            "Disable nouveau (blacklist it: /etc/modprobe.d/blacklist-nouveau.conf with"
            " 'blacklist nouveau' and 'options nouveau modeset=0', then 'sudo update-initramfs"
            " -u' and reboot), then install the NVIDIA driver; distribution packages"
            " ('ubuntu-drivers install') do this for you."
        ),
        source=(
            "https://docs.nvidia.com/cuda/cuda-installation-guide-linux/index.html#runfile-nouveau"
        ),
    ),
    Signature(
        # The kernel refuses a module without a signature it trusts: Secure Boot is on.
        name="module-key-rejected",
        needles=(
            "Key was rejected by service",
            "Required key not available",
            "Operation not permitted",
            "unsigned module loading is restricted",
            "kernel module failed to load",
        ),
        # kernel lockdown under Secure Boot words it 'Operation not permitted', and dmesg says
        # 'Lockdown: modprobe: unsigned module loading is restricted'; nvidia-installer (and
        # CUDA's .run, which runs it) says the module it built or signed failed to load because
        # 'Secure boot is enabled on this system' (luckyyyyy/blog#72)
        pattern=compiled(
            r"could not insert '?nvidia[\w-]*'?: (?:Key was rejected by service"
            r"|Required key not available|Operation not permitted)"
            r"|Lockdown: modprobe: unsigned module loading is restricted"
            # nvidia-installer's own lines (as ERROR:, '-> ', or a numbered list's), not another
            # installer's module (VirtualBox's vboxdrv) in a sentence
            r"|^[ \t│|]{0,8}(?:nvidia-installer: |\d{1,2}\.[ \t]{1,4}|-> )?(?:ERROR: |Error: )?"
            r"(?:The signed kernel module failed to load(?![^\n]{0,200}\bvbox)"
            r"|The kernel module failed to load\. Secure [Bb]oot is enabled on this system)"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="Secure Boot refuses the NVIDIA kernel module: it is not signed with a key it trusts",
        fix=(
            "Enroll the key the module was signed with (the driver installer or DKMS offers it:"
            " 'sudo mokutil --import' the key, then confirm at the next boot), or use the"
            " distribution's signed driver packages, or turn Secure Boot off in the firmware."
        ),
        source="https://github.com/NVIDIA/gpu-driver-container/issues/44",
    ),
    Signature(
        # nvidia-installer could not load the module it built; or no module for the running
        # kernel at all (built for an older kernel, without DKMS).
        name="nvidia-module-not-loadable",
        needles=(
            "Unable to load the kernel module",
            "Module nvidia",
            "could not insert 'nvidia",
            "version magic",
        ),
        pattern=compiled(
            r"Unable to load the kernel module '?nvidia\.ko'?"
            r"|modprobe: FATAL: Module nvidia(?:[-_]uvm)? not found"
            # a module built for another kernel (a stale copy after an upgrade):
            # https://github.com/negativo17/nvidia-driver/issues/97; one a leftover driver
            # package supplies beside the running one's (keras#3043: 'nvidia_361_uvm': Invalid
            # argument under 367), or one missing symbols of this kernel
            # (only the driver's own modules: nvidia_peermem failing without InfiniBand, or
            # nvidia_drm, leaves CUDA working)
            r"|could not insert 'nvidia(?:[-_]\d+)?(?:[-_]uvm)?': (?:Exec format error"
            r"|Invalid argument|Unknown symbol in module)"
            r"|nvidia(?:[-_]\w+)?: version magic '[^'\n]{1,200}' should be '"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="The NVIDIA kernel module cannot be loaded for the running kernel",
        fix=(
            "Reinstall the driver for the running kernel with DKMS (distribution packages:"
            " 'sudo ubuntu-drivers install', or the CUDA repository's driver), so that kernel"
            " updates rebuild it; with Secure Boot on, enroll its signing key. Then reboot and"
            " check nvidia-smi."
        ),
        source="https://github.com/NVIDIA/ansible-role-nvidia-driver/issues/6",
    ),
    Signature(
        # The module loads and its probe finds no GPU it drives: the kernel answers ENODEV
        # ('No such device'). No NVIDIA GPU on the bus (the wrong instance type, a VM without
        # passthrough), nouveau holding it, or a GPU the branch no longer drives
        # (starcluster#67: an EC2 instance without a GPU; cbio-cluster#81).
        name="nvidia-module-found-no-gpu",
        needles=("No such device",),
        pattern=compiled(
            r"Error inserting nvidia(?:[-_]\d+)? \([^)\n]{1,200}\): No such device"
            r"|could not insert '?nvidia(?:[-_]\d+)?'?: No such device"
            r"|insmod: ERROR: could not insert module [^\n]{0,200}nvidia(?:[-_]\d+)?\.ko:"
            r" No such device"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title=(
            "The NVIDIA kernel module found no GPU it drives ('No such device'), so no driver is"
            " loaded"
        ),
        fix=(
            "Check what is on the bus: 'lspci -nnk | grep -A3 -i nvidia'. No NVIDIA device: the"
            " machine or instance type has no GPU (or a VM was given none: attach it by"
            " passthrough). 'Kernel driver in use: nouveau': disable nouveau. A GPU listed with"
            " no driver in use: install a driver branch that supports it ('dmesg | grep NVRM'"
            " names a GPU the branch does not drive), then reboot."
        ),
        source="https://github.com/jtriley/StarCluster/issues/67",
    ),
    Signature(
        # DKMS failing to build the NVIDIA module for a kernel (a driver older than the kernel):
        # https://github.com/damentz/liquorix-package/issues/198
        name="dkms-nvidia-build-failed",
        needles=("failed for nvidia", "Building DKMS module 'nvidia", "/var/lib/dkms/nvidia/"),
        pattern=compiled(
            r"dkms autoinstall on (?P<kernel>[\w.+~-]{1,80})/\w+ failed for nvidia"
            r"|Building DKMS module 'nvidia[^']{0,40}' for kernel-(?P<old_kernel>[\w.+~-]{1,80})"
            r"\.\.\. FAILED"
            r"|Consult /var/lib/dkms/nvidia/[^\s/]{1,40}/build/make\.log"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="DKMS could not build the NVIDIA kernel module{for_kernel}",
        fix=(
            "Install a driver release that supports this kernel (a new kernel needs a recent"
            " driver; make.log names the error) or boot the previous kernel; then 'sudo dkms"
            " autoinstall' and reboot, and check nvidia-smi."
        ),
        source="https://github.com/damentz/liquorix-package/issues/198",
    ),
    Signature(
        # NVIDIA's .run installer failing to build its module (no headers, a compiler or kernel
        # too new for the release): it installs no driver (microsoft/pai#2040)
        name="nvidia-installer-build-failed",
        needles=("kernel module failed to build", "kernel module was not created"),
        pattern=compiled(
            r"ERROR: The (?P<module>nvidia(?:-uvm|-drm|-modeset)?) kernel module (?:failed to"
            r" build|was not created)"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title=(
            "The NVIDIA installer could not build the {module} kernel module: no driver is"
            " installed"
        ),
        fix=(
            "Install the running kernel's headers and the compiler it was built with, or a driver"
            " release that supports this kernel (/var/log/nvidia-installer.log names the error);"
            " the distribution's packages ('sudo ubuntu-drivers install') build it with DKMS."
            " Then reboot and check nvidia-smi."
        ),
        source="https://github.com/microsoft/pai/issues/2040",
        subject="{module}",
    ),
    Signature(
        # A kernel installed without its headers: DKMS builds no module for it, so after a reboot
        # into it no NVIDIA driver loads: https://github.com/dkms-project/dkms/issues/521
        name="dkms-kernel-headers-missing",
        needles=("kernel headers for",),
        pattern=compiled(
            r"autoinstall for kernel (?P<kernel>[\w.+~-]{1,80}) was skipped since the kernel"
            r" headers for this kernel do not seem to be installed"
            r"|Your kernel headers for kernel (?P<old_kernel>[\w.+~-]{1,80}) cannot be found"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.WARNING,
        title=(
            "DKMS built no kernel modules (the NVIDIA driver's among them){for_kernel}: its"
            " headers are not installed"
        ),
        fix=(
            "Install the headers of that kernel ('sudo apt install linux-headers-$(uname -r)', or"
            " the distribution's headers meta-package that follows kernel updates), then 'sudo"
            " dkms autoinstall' and reboot."
        ),
        source="https://github.com/dkms-project/dkms/issues/521",
    ),
    Signature(
        name="kernel-dso-mismatch",
        needles=("DSO",),
        pattern=compiled(
            r"kernel version (?P<kernel>\d+(?:\.\d+)+) does not match DSO version"
            r" (?P<dso>\d+(?:\.\d+)+)"
        ),
        finding_id="driver-library-mismatch",
        severity=Severity.ERROR,
        title="The NVIDIA kernel module is {kernel} but the driver library libcuda is {dso}",
        fix="{halves_fix}",
        source="https://github.com/tensorflow/tensorflow/issues/4768",
    ),
    Signature(
        # Drivers before R450 shipped libnvidia-fatbinaryloader.so.<version> beside libcuda.so.
        # <version>: libcuda asking for one that is gone belongs to another driver install than
        # the one present (an upgrade half done), whatever the kernel module is.
        name="fatbinaryloader-missing",
        needles=("libnvidia-fatbinaryloader.so.",),
        pattern=compiled(
            r"libnvidia-fatbinaryloader\.so\.(?P<userspace>\d+\.\d+(?:\.\d+)?)"
            # the loader's error, or ldd's listing of libcuda ('=> not found')
            r"(?::? cannot open shared object file| (?:=> )?not found)"
        ),
        finding_id="driver-library-mismatch",
        severity=Severity.ERROR,
        title=(
            "libcuda of driver {userspace} cannot load: its"
            " libnvidia-fatbinaryloader.so.{userspace} is gone, so parts of two driver installs"
            " are mixed"
        ),
        fix=(
            "Reinstall the NVIDIA driver so that libcuda, its companion libraries and the kernel"
            " module are one version (remove stale libcuda copies from the loader path), then"
            " reboot."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/9071",
    ),
    Signature(
        name="nvrm-api-mismatch",
        needles=("API mismatch",),
        pattern=compiled(
            r"API mismatch: the client "
            # drivers from about R430 name the client and go on on the next line of the kernel
            # log ("... the client 'kwin_wayland' (pid 1005)" / "NVRM: has the version 595.84")
            r"(?:'[^'\n]{1,80}' \(pid \d{1,9}\)[ \t]{0,8}\n?[^\n]{0,80}?(?:NVRM:[ \t]{0,4})?)?"
            r"has the version (?P<client>\d+(?:\.\d+)+)"
        ),
        spans_lines=1,
        finding_id="driver-library-mismatch",
        severity=Severity.ERROR,
        title=(
            "The NVIDIA kernel module does not match the driver libraries (client {client}): the"
            " driver was updated without a reboot, or a container brings its own driver"
        ),
        fix=MODULE_MISMATCH_FIX,
        source="https://github.com/NVIDIA/nvidia-docker/issues/182",
    ),
    Signature(
        # The same kernel message from its second line on, as pastes often start there ('NVRM:
        # this kernel module has the version 375.39.  Please / make sure that this kernel module
        # and all NVIDIA driver components have the same version': mattshma/bigdata#105)
        name="nvrm-module-version-tail",
        needles=("this kernel module has the version",),
        pattern=compiled(
            r"this kernel module has the version (?P<module>\d+(?:\.\d+)+)\.?[ \t]{0,8}Please"
        ),
        finding_id="driver-library-mismatch",
        severity=Severity.ERROR,
        title=(
            "The NVIDIA kernel module ({module}) does not match the driver libraries: the driver"
            " was updated without a reboot, or a container brings its own driver"
        ),
        fix=MODULE_MISMATCH_FIX,
        source="https://github.com/NVIDIA/nvidia-docker/issues/182",
    ),
    Signature(
        # nvidia-smi calling an NVML entry point the libnvidia-ml it loaded lacks: the two are of
        # different driver releases (a partial upgrade, a stale copy or link on the loader path)
        name="nvml-function-not-found",
        needles=("Failed to initialize NVML: Function Not Found",),
        pattern=compiled(r"Failed to initialize NVML: Function Not Found"),
        finding_id="driver-library-mismatch",
        severity=Severity.ERROR,
        title=(
            "nvidia-smi and the libnvidia-ml it loaded are of different driver releases (NVML:"
            " Function Not Found)"
        ),
        fix=(
            "Find the libnvidia-ml the loader picks ('ldconfig -p | grep nvidia-ml', and the links"
            " in the driver's library folder) and remove or repoint copies of an older release,"
            " or reinstall the driver so that every component is one version; then reboot."
        ),
        source="https://github.com/NVIDIA/nvidia-docker/issues/584",
    ),
    Signature(
        name="nvml-version-mismatch",
        # (needles are matched as written: the cases people retype the message in)
        needles=(
            "ibrary version mismatch",
            "ibrary Version Mismatch",
            "IBRARY VERSION MISMATCH",
            "NVML/RM version mismatch",
            "LIB_RM_VERSION_MISMATCH",
            "LibRmVersionMismatch",
        ),
        # nvidia-smi's and the container hook's words ('nvml error: driver/library version
        # mismatch'), the kernel's 'RM has detected an NVML/RM version mismatch', and NVML's
        # code as its bindings name it (nvml.h NVML_ERROR_LIB_RM_VERSION_MISMATCH)
        pattern=compiled(
            # (NVML's own string, whichever client prints it: nvtop's 'Impossible to initialize
            # nvidia nvml : Driver/library version mismatch', nvtop#95)
            r"Driver/library version mismatch"
            r"|RM has detected an NVML/RM version mismatch"
            r"|NVML_ERROR_LIB_RM_VERSION_MISMATCH|NVMLError_LibRmVersionMismatch",
            re.I,
        ),
        finding_id="driver-library-mismatch",
        severity=Severity.ERROR,
        title="NVML reports a driver/library version mismatch",
        fix=(
            "The NVIDIA driver was upgraded but the old kernel module is still loaded: reboot (or"
            " unload and reload the nvidia kernel modules). If a reboot does not help, the new"
            " module was never built or installed: 'dkms status' shows it, and 'sudo apt"
            " --fix-broken install' (or reinstalling the driver package) finishes the upgrade;"
            " where the new module is installed and a reboot still loads the old one, the boot"
            " image carries it: rebuild that ('sudo update-initramfs -u', or 'sudo dracut"
            " --regenerate-all --force') and reboot. " + IMAGE_DRIVER_LIBRARIES
        ),
        source="https://github.com/tensorflow/tensorflow/issues/4349",
    ),
    Signature(
        name="cuinit-driver-mismatch",
        needles=("DRIVER_MISMATCH", "(803)", "display driver /", "SystemDriverMismatch"),
        pattern=compiled(
            r"(?P<code>CUDA_ERROR_SYSTEM_DRIVER_MISMATCH|cudaErrorSystemDriverMismatch"
            r"|UNKNOWN ERROR \(803(?:\)|[ \t\r]*$)"
            r"|system has unsupported display driver / cuda driver combination)"
        ),
        finding_id="driver-library-mismatch",
        severity=Severity.ERROR,
        title="CUDA reports a mismatch between the display driver and the CUDA driver ({code})",
        fix=(
            "libcuda does not belong to the loaded kernel module: reboot after a driver update, and"
            " remove stale libcuda copies (CUDA compat packages, a driver inside a container image)"
            " from the loader path."
        ),
        source="https://github.com/NVIDIA/nvidia-docker/issues/1256",
    ),
    Signature(
        name="docker-no-gpu-runtime",
        needles=(
            "capabilities: [[gpu]]",
            "unknown or invalid runtime name: nvidia",
            "Unknown runtime specified nvidia",
        ),
        pattern=DOCKER_HAS_NO_GPU_RUNTIME,
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "Docker cannot give the container a GPU: the NVIDIA Container Toolkit is not installed"
            " or not configured on the host"
        ),
        fix=(
            "Install the NVIDIA Container Toolkit on the host, run 'sudo nvidia-ctk runtime"
            " configure --runtime=docker' and restart Docker, then start the container with"
            " '--gpus all'."
        ),
        source=CONTAINER_TOOLKIT_URL,
        variants=(
            Variant(
                # Docker Desktop on Windows: no Linux host to install the toolkit on; its WSL 2
                # engine passes the Windows driver's GPU through (its Hyper-V engine never does)
                finding_id="container-gpu-not-exposed",
                title=(
                    "Docker Desktop cannot give the container a GPU: only its WSL 2 engine does,"
                    " with the Windows NVIDIA driver"
                ),
                fix=(
                    "In Docker Desktop, Settings > General > 'Use the WSL 2 based engine'; install"
                    " the current NVIDIA driver on Windows (it carries WSL 2 support) and run"
                    " 'wsl --update'; then 'docker run --gpus all ...'. There is no Linux host to"
                    " install the NVIDIA Container Toolkit on."
                ),
                source="https://docs.docker.com/desktop/features/gpu/",
                with_any_signature=frozenset({DOCKER_DESKTOP}),
                unless_signatures=frozenset({DOCKER_DESKTOP_LINUX, DOCKER_DESKTOP_MAC}),
            ),
            Variant(
                # Docker Desktop on a Mac: no container gets a GPU there
                finding_id="macos-no-cuda",
                title="Docker on macOS gives containers no GPU (macOS has no CUDA)",
                fix=(
                    "Run TensorFlow natively: on Apple silicon its GPU works through Apple's"
                    " tensorflow-metal plug-in ('tfgpu-setup plan' pairs them); for CUDA, use a"
                    " Linux or Windows machine with an NVIDIA GPU."
                ),
                source="https://developer.apple.com/metal/tensorflow-plugin/",
                with_any_signature=frozenset({DOCKER_DESKTOP_MAC}),
            ),
            Variant(
                # Docker Desktop for Linux: its containers run in a VM that has no GPU
                finding_id="container-gpu-not-exposed",
                title=(
                    "Docker Desktop for Linux runs containers in its own virtual machine, which"
                    " gets no GPU"
                ),
                fix=(
                    "Use Docker Engine on the host instead ('docker context use default'), with"
                    " the NVIDIA Container Toolkit ('sudo nvidia-ctk runtime configure"
                    " --runtime=docker', then restart docker), and 'docker run --gpus all ...'."
                    " Docker Desktop passes a GPU through only on Windows, with its WSL 2 engine."
                ),
                source="https://docs.docker.com/desktop/features/gpu/",
                with_any_signature=frozenset({DOCKER_DESKTOP_LINUX}),
            ),
            Variant(
                # apt finding no such package: NVIDIA's repository was never added (review 97)
                finding_id="container-gpu-not-exposed",
                title=(
                    "Docker cannot give the container a GPU, and the package manager cannot"
                    " install the NVIDIA Container Toolkit: NVIDIA's package repository is not"
                    " set up on the host"
                ),
                fix=(
                    "Add NVIDIA's package repository as its install guide shows (apt: its signing"
                    " key and nvidia-container-toolkit.list from"
                    " nvidia.github.io/libnvidia-container, then 'sudo apt-get update'; dnf:"
                    " 'sudo curl -s -L https://nvidia.github.io/libnvidia-container/stable/rpm/"
                    "nvidia-container-toolkit.repo -o /etc/yum.repos.d/nvidia-container-toolkit"
                    ".repo'), then install nvidia-container-toolkit (it replaces nvidia-docker2);"
                    " then 'sudo nvidia-ctk runtime configure --runtime=docker', restart Docker"
                    " and start the container with '--gpus all'."
                ),
                source=CONTAINER_TOOLKIT_URL,
                with_any_signature=frozenset({APT_WITHOUT_NVIDIA_REPOSITORY}),
            ),
        ),
    ),
    Signature(
        # apt's answer where NVIDIA's repository was never added: no such package known
        name=APT_WITHOUT_NVIDIA_REPOSITORY,
        needles=(
            "Unable to locate package nvidia-",
            "Unable to find a match: nvidia-",
            "No match for argument: nvidia-",
            "has no installation candidate",
            "No provider of 'nvidia-",
        ),
        pattern=compiled(
            # apt's words, dnf's (review 98) and zypper's (review 99), for the toolkit or its
            # older names
            r"(?:E: Unable to locate package|Unable to find a match:|No match for argument:)"
            r" (?:nvidia-container-(?:toolkit|runtime)|nvidia-docker2)\b"
            r"|E: Package '(?:nvidia-container-(?:toolkit|runtime)|nvidia-docker2)' has no"
            r" installation candidate|No provider of '(?:nvidia-container-(?:toolkit|runtime)"
            r"|nvidia-docker2)' found"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="apt knows no NVIDIA Container Toolkit package (NVIDIA's repository is not set up)",
        fix="",
        source=CONTAINER_TOOLKIT_URL,
    ),
    Signature(
        # Docker Desktop for Linux named: its docker context
        # (its context is named desktop-linux on Windows and macOS too: the client's OS/Arch
        # line just above it tells them apart; review 96)
        name=DOCKER_DESKTOP_LINUX,
        needles=("OS/Arch:", "desktop-linux *"),
        pattern=compiled(
            r"OS/Arch:[ \t]+linux/\w{1,20}[ \t]*\r?\n[ \t]*Context:[ \t]+desktop-linux\b"
            # 'docker context ls' with it current, its socket in a Linux home (review 97)
            r"|^[ \t]*desktop-linux \*[^\n]{0,200}unix:///home/[^\n]{0,200}/\.docker/desktop/"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="Docker Desktop for Linux (its docker context)",
        fix="",
        source="https://docs.docker.com/desktop/setup/install/linux/",
        spans_lines=1,
    ),
    Signature(
        name=DOCKER_DESKTOP_MAC,
        needles=("darwin/",),
        pattern=compiled(r"^[ \t]*OS/Arch:[ \t]+darwin/\w{1,20}"),
        finding_id=None,
        severity=Severity.INFO,
        title="Docker on macOS (its client's OS/Arch)",
        fix="",
        source="https://docs.docker.com/desktop/features/gpu/",
    ),
    Signature(
        # Docker Desktop shown: its name in 'docker info' or 'docker version', or docker run
        # from a Windows prompt
        name=DOCKER_DESKTOP,
        needles=("Docker Desktop", "docker"),
        pattern=compiled(
            r"\bDocker Desktop \d|Operating System: Docker Desktop\b"
            r"|^(?:PS )?[A-Za-z]:\\[^>\n]{0,200}>[ \t]*docker(?:\.exe)? "
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="Docker Desktop (docker run from Windows)",
        fix="",
        source="https://docs.docker.com/desktop/features/gpu/",
    ),
    Signature(
        # The shell's own words when a project's 'nvidia-docker run' meets a host without
        # NVIDIA's container tooling (the wrapper came with nvidia-docker 1/2; the toolkit
        # replaced it with 'docker run --gpus').
        name="nvidia-docker-wrapper-missing",
        needles=("nvidia-docker",),
        pattern=compiled(
            r"nvidia-docker: (?:command )?not found"
            r"|'nvidia-docker' is not recognized as an internal or external command"
            r"|docker: 'nvidia-docker' is not a docker command"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "The host has no nvidia-docker: NVIDIA's container tooling is not installed, so no"
            " container started from here gets the GPU"
        ),
        fix=(
            "On the host, check the driver with 'nvidia-smi'; if it works, install the NVIDIA"
            " Container Toolkit, run 'sudo nvidia-ctk runtime configure --runtime=docker' and"
            " restart Docker, then start the container with 'docker run --gpus all ...' (the"
            " nvidia-docker wrapper is retired: replace it with that). On Windows, Docker Desktop"
            " with its WSL 2 backend and NVIDIA's Windows driver gives '--gpus all' the GPU; there"
            " is nothing to install in Linux for it."
        ),
        source=CONTAINER_TOOLKIT_URL,
    ),
    Signature(
        name="container-cli-no-driver",
        needles=("nvidia-container-cli",),
        pattern=compiled(
            HOOK_SETUP_FAILED + r"(?P<why>nvml error:"
            r" driver not loaded|nvml error: unknown error|load library failed:"
            r" libnvidia-ml\.so\.1|driver error: failed to process request)"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="The host has no working NVIDIA driver for the container to use ({why})",
        fix=(
            "Install the NVIDIA driver on the host (not in the image) and check it with"
            " 'nvidia-smi' on the host; on WSL2 or Docker Desktop, install the Windows driver. If"
            " 'nvidia-smi' works on the host, the container runtime cannot reach its libraries:"
            " Docker from snap, Docker Desktop for Linux (a VM without the GPU) and a"
            " distribution's repackaged toolkit do not; use Docker Engine from Docker's or the"
            " distribution's repository with the NVIDIA Container Toolkit from NVIDIA's"
            " (docker-snap#148, pop-os/pop#888)."
        ),
        source="https://github.com/NVIDIA/nvidia-docker/issues/1393",
    ),
    Signature(
        # The hook's driver RPC (its helper process talking to the driver) got no answer in
        # time: a driver busy initialising the GPU on every call (no persistence mode, many
        # GPUs) or stuck after a GPU fault (Xid). Older releases say 'driver error: timed out'
        # (nvidia-docker#723, an Azure VM fixed by persistence mode; nvidia-container-toolkit#202,
        # its maintainer's advice).
        name="container-cli-driver-rpc-timeout",
        needles=("error: timed out",),
        pattern=compiled(
            HOOK_SETUP_FAILED + r"driver (?:rpc )?error:"
            r" timed out"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title=(
            "The host's NVIDIA driver did not answer the container hook in time (its driver"
            " call timed out): the container did not start with the GPU"
        ),
        fix=(
            "On the host, turn persistence mode on ('sudo nvidia-smi -pm 1', or the"
            " nvidia-persistenced service) so the driver stays initialised between calls, check"
            " 'nvidia-smi' answers promptly and 'dmesg' shows no Xid errors (a GPU that faulted"
            " needs a reset or a reboot), then start the container again."
        ),
        source="https://github.com/NVIDIA/nvidia-container-toolkit/issues/202",
    ),
    Signature(
        # Any other failure of NVIDIA's container hook: the container never started with the
        # GPU, whatever the stage. Set aside where a reading of the same lines names the cause.
        name="container-cli-other-error",
        needles=("nvidia-container-cli",),
        pattern=compiled(
            r"nvidia-container-cli(?:\.real)?: (?P<stage>[a-z]{3,20}) error: [^\n]{1,200}"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "NVIDIA's container hook failed ({stage} error), so the container did not start with"
            " the GPU"
        ),
        fix=(
            "On the host, check 'nvidia-smi' (it must list the GPU) and run 'nvidia-container-cli"
            " -k -d /dev/tty info' for the hook's own account of the failure; update the NVIDIA"
            " Container Toolkit ('nvidia-container-cli -V' shows its release) and restart the"
            " container engine."
        ),
        source=CONTAINER_TOOLKIT_URL,
        subject="hook",
        explained_by=frozenset(
            {
                "container-gpu-not-exposed",
                "no-nvidia-driver",
                "driver-too-old",
                "driver-library-mismatch",
                "no-nvidia-gpu",
                "wsl-libcuda-missing",
            }
        ),
    ),
    Signature(
        # The container hook's NVML lacking a function it calls: the host's driver is older
        # than the NVIDIA Container Toolkit supports (nvidia-container-toolkit#293: a 340
        # driver; the toolkit needs R418.81.07 or newer).
        name="container-cli-nvml-function-not-found",
        needles=("nvml error: function not found",),
        pattern=compiled(
            HOOK_SETUP_FAILED + r"nvml error: function not"
            r" found"
        ),
        finding_id="driver-too-old",
        severity=Severity.ERROR,
        title=(
            "The host's NVIDIA driver is older than the NVIDIA Container Toolkit supports (its"
            " NVML lacks a function the container hook calls)"
        ),
        fix=(
            "Update the host's NVIDIA driver (the toolkit needs R418.81.07 or newer; 'nvidia-smi'"
            " on the host prints the version) and reboot; a GPU that newer drivers no longer"
            " drive needs an older toolkit release instead."
        ),
        source="https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/install-guide.html",
    ),
    Signature(
        # libnvidia-container before 1.1 called cuInit on the host while setting the container
        # up: a host driver that CUDA cannot start (often after an upgrade without a reboot).
        name="container-cli-cuda-unknown-error",
        needles=("initialization error: cuda error", "detection error: cuda error"),
        pattern=compiled(
            HOOK_SETUP_FAILED + r"cuda error:"
            r" (?P<why>(?!no cuda-capable)[\w ]{1,40})"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="CUDA could not start on the host while the container was set up ({why})",
        fix=(
            "Reboot the host (a driver upgraded without one leaves CUDA unusable), check"
            " 'nvidia-smi' there, and upgrade the NVIDIA Container Toolkit (libnvidia-container 1.1"
            " and later no longer start CUDA on the host)."
        ),
        source="https://github.com/NVIDIA/libnvidia-container/issues/103",
    ),
    Signature(
        # The same host check finding the driver working and no GPU (CUDA_ERROR_NO_DEVICE): the
        # node or VM has none, or a scheduler gave it to another container (minikube without the
        # GPU passed through: katib#1112; an EKS node group's device plugin: kubeflow#3617).
        name="container-cli-no-device",
        needles=(
            "initialization error: cuda error: no cuda-capable",
            "detection error: cuda error: no cuda-capable",
        ),
        pattern=compiled(
            HOOK_SETUP_FAILED + r"cuda error: no cuda-capable"
            r" device"
        ),
        finding_id="no-nvidia-gpu",
        severity=Severity.ERROR,
        title=(
            "The host's driver sees no NVIDIA GPU where the container was started (cuda error:"
            " no cuda-capable device is detected)"
        ),
        fix=(
            "Run it on a machine (or node) with an NVIDIA GPU, and check 'nvidia-smi' there; a VM"
            " (minikube, a cloud instance) needs the GPU passed through to it, and a GPU lost from"
            " the bus ('dmesg | grep -i xid') needs the machine rebooted. Where nvidia-smi does"
            " list a GPU: a MIG-enabled GPU needs MIG instances made ('nvidia-smi mig -cgi ..."
            " -C') or MIG turned off, and an empty CUDA_VISIBLE_DEVICES in the runtime's or the"
            " daemon's environment hides every GPU."
        ),
        source="https://github.com/kubeflow/katib/issues/1112",
    ),
    Signature(
        # Singularity 2.x/3.x and Apptainer with --nv, on a host where nvliblist.conf's libraries
        # are not found (a login or CPU node, or a driver outside the standard paths):
        # https://github.com/sylabs/singularity/issues/776
        name="singularity-no-driver-libraries",
        needles=("Could not find any NVIDIA libraries on this host", "Could not find any nv files"),
        pattern=compiled(
            r"Could not find any (?:NVIDIA libraries|nv files) on this host",
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="Singularity/Apptainer's --nv found no NVIDIA driver libraries on this host",
        fix=(
            "Run the container on a machine with an NVIDIA GPU and its driver (on a cluster, in a"
            " GPU job rather than on a login or CPU node; 'nvidia-smi' there shows it). A driver"
            " installed outside the standard paths needs its libraries listed in nvliblist.conf."
        ),
        source="https://github.com/sylabs/singularity/issues/776",
    ),
    Signature(
        # Open MPI (CUDA-aware builds, which TensorFlow's Horovod and EasyBuild toolchains load)
        # failing to dlopen libcuda: help-mpi-common-cuda.txt, [dlopen failed]
        name="open-mpi-libcuda-failed",
        needles=("CUDA-aware support is disabled",),
        pattern=compiled(r"but each of them failed\.\s+CUDA-aware support is disabled"),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="Open MPI could not load the NVIDIA driver library libcuda on this machine",
        fix=(
            "libcuda comes with the NVIDIA driver: run on a machine (or cluster node) with an"
            " NVIDIA GPU and its driver ('nvidia-smi' there shows it), or put the driver's"
            " library folder on LD_LIBRARY_PATH where it is installed outside the standard paths."
        ),
        source=(
            "https://github.com/open-mpi/ompi/blob/main/opal/mca/common/cuda/"
            "help-mpi-common-cuda.txt"
        ),
    ),
    Signature(
        # The runtime asked for a device that does not exist: a stale UUID, or a MIG device in
        # the pre-R470 'MIG-GPU-<uuid>/<gi>/<ci>' form that newer drivers do not accept:
        # https://github.com/NVIDIA/nvidia-container-toolkit/issues/203
        name="container-cli-unknown-device",
        needles=("unknown device",),
        pattern=compiled(
            # (any path but the device plugin's list, e.g. '/dev/nvidia0', is a value of
            # NVIDIA_VISIBLE_DEVICES the runtime does not take either)
            r"nvidia-container-cli(?:\.real)?: device error:"
            rf" (?P<device>(?!{PLUGIN_DEVICE_LIST})[\w:./-]{{1,120}}): unknown device"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title="The container runtime was asked for GPU {device}, which this host does not have",
        fix=(
            "Name the GPU in NVIDIA_VISIBLE_DEVICES (or --gpus '\"device=...\"') by an index or a"
            " UUID that 'nvidia-smi -L' lists on the host now; since driver R470 a MIG device is"
            " 'MIG-<uuid>', not 'MIG-GPU-<uuid>/<gi>/<ci>'."
        ),
        source="https://github.com/NVIDIA/nvidia-container-toolkit/issues/203",
    ),
    Signature(
        # The device plugin's volume-mount strategy (DEVICE_LIST_STRATEGY=volume-mounts) names
        # the GPUs in files under this path; a runtime that does not accept that list (the
        # setting off, or toolkit 1.14.0, which ignored config.toml) takes the path for a name:
        # https://github.com/NVIDIA/nvidia-container-toolkit/issues/108
        name="container-cli-volume-mount-list",
        needles=("unknown device",),
        pattern=compiled(
            r"nvidia-container-cli(?:\.real)?: device error:"
            rf" (?P<device>{PLUGIN_DEVICE_LIST}[\w:./-]{{0,120}}): unknown device"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "The NVIDIA runtime did not read the device plugin's list of GPUs ({device}): the"
            " container started without them"
        ),
        fix=(
            "On the node, set accept-nvidia-visible-devices-as-volume-mounts = true in"
            " /etc/nvidia-container-runtime/config.toml (or switch the device plugin to"
            " DEVICE_LIST_STRATEGY=envvar); toolkit 1.14.0 ignored config.toml, so upgrade it to"
            " 1.14.1 or later ('nvidia-container-cli -V' shows the release)."
        ),
        source="https://github.com/NVIDIA/nvidia-container-toolkit/issues/108",
    ),
    Signature(
        # The hook runs the ldconfig config.toml names ('@/sbin/ldconfig.real' is Ubuntu's,
        # '@/sbin/ldconfig' the others'): one the host does not have fails to open or exits 127
        # (nvidia-docker#587, fixed by the setting). Other ldconfig failures are not read here.
        name="container-cli-ldconfig-missing",
        needles=("ldcache error",),
        pattern=compiled(
            r"nvidia-container-cli(?:\.real)?: ldcache error: (?:open failed: (?P<ldconfig>/[\w/.]"
            r"{1,60}?ldconfig(?:\.real)?): no such file or directory|process (?P<ldconfig2>/[\w/.]"
            r"{1,60}?ldconfig(?:\.real)?) failed with error code: 127)"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "The NVIDIA container hook could not run {ldconfig}{ldconfig2}, the ldconfig its"
            " config.toml names: the container did not start with the GPU"
        ),
        fix=(
            "On the host, set ldconfig in /etc/nvidia-container-runtime/config.toml to the one"
            " the host has ('ls /sbin/ldconfig*'): ldconfig = \"@/sbin/ldconfig.real\" on Ubuntu,"
            ' "@/sbin/ldconfig" on Debian, Fedora, RHEL, Arch and openSUSE; then run the'
            " container again."
        ),
        source="https://github.com/NVIDIA/nvidia-docker/issues/587",
    ),
    Signature(
        # libnvidia-container before 1.8.0 knows cgroup v1 only: on a cgroup v2 host (Ubuntu
        # 21.10+, Fedora 31+, Debian 11+) its hook fails:
        # https://github.com/NVIDIA/libnvidia-container/issues/111
        name="container-cli-cgroup-v2",
        needles=("cgroup subsystem devices not found",),
        pattern=compiled(
            r"nvidia-container-cli: container error: cgroup subsystem devices not found"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "The host's NVIDIA container library predates cgroup v2 (before 1.8.0), so no"
            " container gets the GPU"
        ),
        fix=(
            "Upgrade the NVIDIA Container Toolkit on the host (libnvidia-container 1.8.0 or"
            " newer), then restart the container engine."
        ),
        source="https://github.com/NVIDIA/libnvidia-container/issues/111",
    ),
    Signature(
        # The image ships NVIDIA driver libraries of its own (a package such as nvidia-opencl-dev
        # pulled libnvidia-compute-*, or the image was committed with them mounted): the hook
        # cannot mount the host's over them and the container does not start.
        name="container-cli-driver-file-exists",
        needles=("mount error: file creation failed",),
        pattern=compiled(
            r"nvidia-container-cli: mount error: file creation failed: [^\n]{0,300}?/"
            r"(?P<lib>lib(?:nvidia|cuda|dxcore)[\w-]{0,40}\.so(?:\.[\d.]{1,20})?"
            r"|nvidia-(?:smi|debugdump|persistenced)): file exists"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "The container did not start: its image ships a driver file of its own ({lib}), where"
            " the NVIDIA runtime mounts the host's"
        ),
        fix=(
            "Rebuild the image without NVIDIA driver packages (libnvidia-compute-*, or what pulls"
            " them in), or delete those files in it (e.g. 'RUN rm"
            " /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1 /usr/lib/x86_64-linux-gnu/libcuda.so.1');"
            " an image must not contain the driver."
        ),
        source="https://github.com/NVIDIA/nvidia-container-toolkit/issues/371",
        subject="{lib}",
    ),
    Signature(
        # The GPU's device files are reachable only through a group the container drops
        # (rootless Podman's user namespace, a non-root user): NVML cannot open them.
        name="container-cli-nvml-permissions",
        needles=("nvml error: insufficient permissions",),
        pattern=compiled(
            HOOK_SETUP_FAILED + r"nvml error: insufficient"
            r" permissions"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title="The container cannot open the GPU's device files (NVML: insufficient permissions)",
        fix=(
            "Keep the device files' group in the container: Podman's '--group-add keep-groups'"
            " (rootless), or a user in the group owning /dev/nvidia*; with SELinux, 'setsebool -P"
            " container_use_devices true'."
        ),
        source="https://github.com/NVIDIA/nvidia-container-toolkit/issues/210",
    ),
    Signature(
        # The engine looked up the CDI device name in its spec directories and found no spec
        # defining it (never generated, unreadable to a rootless engine, or another name).
        name="cdi-device-unresolvable",
        needles=("unresolvable CDI devices",),
        pattern=compiled(r"unresolvable CDI devices (?P<device>[\w./=:-]{1,120})"),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title="The container engine found no CDI spec for {device}, so the GPU was not passed in",
        fix=(
            "Generate the spec on the host ('sudo nvidia-ctk cdi generate --output"
            "=/etc/cdi/nvidia.yaml'; regenerate after a driver update), check the names with"
            " 'nvidia-ctk cdi list', and let a rootless engine read it (Podman '--cdi-spec-dir',"
            " Docker 'cdi-spec-dirs')."
        ),
        source="https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/cdi-support.html",
        subject="{device}",
    ),
    Signature(
        # NVIDIA's device plugin prints this hint when NVML does not load in its own pod: the
        # node's engine (often containerd) does not run pods with the NVIDIA runtime.
        name="k8s-device-plugin-no-nvml",
        # Before that hint (plugin 1.8 to 1.10) it logged only NVML's failure to load.
        needles=("did you set the docker default runtime to", "Failed to start nvml with error"),
        pattern=compiled(
            r"If this is a GPU node, did you set the docker default runtime to"
            r"|Failed to start nvml with error: +could not load NVML library"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "The NVIDIA device plugin finds no driver in its pod: the node's container runtime"
            " does not use the NVIDIA runtime, so the node offers no GPU"
        ),
        fix=(
            "On the GPU nodes, configure the engine Kubernetes uses ('sudo nvidia-ctk runtime"
            " configure --runtime=containerd' or '--runtime=docker', as the default runtime),"
            " restart it, or install the GPU Operator, which does this."
        ),
        source="https://github.com/NVIDIA/k8s-device-plugin/issues/509",
    ),
    Signature(
        # A RuntimeClass 'nvidia' whose handler the node's containerd never loaded (the toolkit
        # wrote a config file this containerd does not read).
        name="k8s-no-nvidia-runtime-handler",
        needles=('no runtime for "nvidia" is configured',),
        pattern=compiled(r'no runtime for "nvidia" is configured'),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=("The node's containerd has no 'nvidia' runtime, so no pod that asks for it starts"),
        fix=(
            "Point the NVIDIA Container Toolkit (or the GPU Operator's CONTAINERD_CONFIG) at the"
            " config file this containerd loads (k3s, k0s and others keep their own), in the"
            " format it reads, and restart containerd."
        ),
        source="https://github.com/NVIDIA/gpu-operator/issues/415",
    ),
    Signature(
        # The scheduler's reason: no node advertises a free nvidia.com/gpu. Usually the device
        # plugin advertises none (the runtime above); otherwise every GPU is taken.
        name="k8s-insufficient-gpu",
        needles=("Insufficient nvidia.com/gpu",),
        pattern=compiled(r"(?<!\d)\d{1,6} Insufficient nvidia\.com/gpu"),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "No Kubernetes node offers a free nvidia.com/gpu: the device plugin advertises none"
            " (or every GPU is already allocated)"
        ),
        fix=(
            "'kubectl describe node' shows nvidia.com/gpu under Allocatable: if it is missing,"
            " make the device plugin's pods run with the NVIDIA runtime (see its log); if it is"
            " there, free GPUs held by other pods."
        ),
        source="https://github.com/NVIDIA/k8s-device-plugin/issues/100",
    ),
    Signature(
        # libnvidia-container in WSL counts the DirectX adapters that have NVIDIA's libraries
        # (src/dxcore.c): none when the machine has no NVIDIA GPU, or its Windows driver
        # predates WSL support (WDDM 2.8), or this is WSL1.
        name="container-cli-wsl-no-adapters",
        needles=("WSL environment detected but no adapters were found",),
        pattern=compiled(r"WSL environment detected but no adapters were found"),
        finding_id="no-nvidia-gpu",
        severity=Severity.ERROR,
        title=(
            "WSL shows the container runtime no NVIDIA GPU adapter: the machine has none, its"
            " Windows driver predates WSL support, or this is WSL1"
        ),
        fix=(
            "On a machine with an NVIDIA GPU, install the current Windows NVIDIA driver and use"
            " WSL2 ('wsl -l -v'); on one without, run the CPU image."
        ),
        source="https://github.com/AbdBarho/stable-diffusion-webui-docker/issues/117",
    ),
    Signature(
        name="container-cli-driver-too-old",
        needles=("unsatisfied condition: cuda",),
        # A paste often keeps the error without the program's name before it.
        pattern=compiled(
            r"requirement error: unsatisfied condition: (?P<condition>cuda\s*>=\s*\d+\.\d+)"
        ),
        finding_id="driver-too-old",
        severity=Severity.ERROR,
        title="The image needs {condition} but the host's NVIDIA driver is older",
        fix=(
            "Update the host's NVIDIA driver to one supporting that CUDA version, or use an image"
            " (and a TensorFlow) built for an older CUDA."
        ),
        source="https://github.com/NVIDIA/nvidia-docker/issues/1442",
    ),
    Signature(
        # The host's libnvidia-container older than the image's NVIDIA_REQUIRE_CUDA syntax
        # (a beta or early 1.0 release before the 'brand=' terms): it cannot parse the
        # requirement, and the container does not start (serving#1299, nvidia-docker#1044)
        name="container-cli-requirement-unparsed",
        needles=("requirement error: invalid expression",),
        pattern=compiled(r"requirement error: invalid expression"),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "The host's NVIDIA container runtime (libnvidia-container) is too old to read this"
            " image's CUDA requirement (NVIDIA_REQUIRE_CUDA): the container did not start"
        ),
        fix=(
            "Upgrade the NVIDIA Container Toolkit (libnvidia-container) on the host and restart"
            " Docker; until then 'docker run -e NVIDIA_DISABLE_REQUIRE=1 ...' skips that check"
            " (the driver must still run the image's CUDA)."
        ),
        source="https://github.com/NVIDIA/nvidia-docker/issues/1044",
    ),
    Signature(
        # NVIDIA_REQUIRE_CUDA reads 'cuda>=10.0 brand=tesla,driver>=384,driver<385': the image's
        # CUDA, or else an older Tesla driver branch. The CLI names the last condition it tried,
        # one of that exception's, so the CUDA condition failed first.
        name="container-cli-driver-branch-refused",
        needles=("unsatisfied condition: brand", "unsatisfied condition: driver"),
        pattern=compiled(
            r"requirement error: unsatisfied condition: (?P<condition>brand = tesla"
            r"|driver [<>]=? ?\d{3})"
        ),
        finding_id="driver-too-old",
        severity=Severity.ERROR,
        title=(
            "The host's NVIDIA driver meets neither the image's CUDA requirement nor its"
            " exception for older Tesla driver branches ({condition})"
        ),
        fix=(
            "Update the host's NVIDIA driver to one supporting the image's CUDA version (its"
            " NVIDIA_REQUIRE_CUDA, 'docker inspect' shows it), or use an image (and a TensorFlow)"
            " built for an older CUDA."
        ),
        source="https://github.com/lmb-freiburg/netdef-docker/issues/6",
    ),
    Signature(
        # nvidia-docker 1.0's own check; 'driver 0.0' is a driver it could not read (a stale
        # driver volume, the plugin not restarted after an update), not an old one.
        name="nvidia-docker1-driver-too-old",
        needles=("unsupported CUDA version: driver",),
        pattern=compiled(
            r"Error: unsupported CUDA version: driver (?P<driver_cuda>[1-9]\d?\.\d)"
            r" < image (?P<image_cuda>\d+\.\d+)"
        ),
        finding_id="driver-too-old",
        severity=Severity.ERROR,
        title=(
            "The host's NVIDIA driver supports CUDA {driver_cuda}, older than the image's CUDA"
            " {image_cuda}"
        ),
        fix=(
            "Update the host's NVIDIA driver to one supporting CUDA {image_cuda}, or use an image"
            " built for CUDA {driver_cuda} or older."
        ),
        source="https://github.com/h2oai/h2o4gpu/issues/298",
    ),
    Signature(
        # A Jetson's GPU is reached through /dev/nvmap and the board's Tegra libraries, which
        # NVIDIA's runtime passes into a container: without it, or on the board as a user
        # outside the video group, the memory manager is refused (survey 11u: the settled
        # threads were containers).
        name="jetson-nvmap-refused",
        needles=("NvRmMemInitNvmap failed", "libnvrm_gpu.so"),
        # libnvrm_gpu is the board's own (L4T's), which a JetPack 4 container takes from it
        pattern=compiled(
            r"NvRmMemInitNvmap failed with Permission denied"
            r"|libnvrm_gpu\.so: cannot open shared object file"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.WARNING,
        title=(
            "This process cannot reach the Jetson's GPU (/dev/nvmap, or the board's libnvrm_gpu):"
            " most likely a container started without NVIDIA's runtime"
        ),
        fix=(
            "Start the container with NVIDIA's runtime ('docker run --runtime nvidia', or"
            " default-runtime nvidia in /etc/docker/daemon.json for docker compose), from an"
            " l4t image of the board's JetPack release; on the board itself, add the user to the"
            " video group ('sudo usermod -aG video $USER')."
        ),
        source="https://github.com/dusty-nv/jetson-containers/issues/93",
    ),
    Signature(
        # A rootless Docker (or Podman) engine cannot set the device cgroup the GPU hook asks
        # for (cgroup v2's BPF filter, cgroup v1's devices.allow): its config needs
        # no-cgroups = true.
        name="container-cli-rootless-cgroups",
        needles=("nvidia-container-cli: mount error",),
        pattern=compiled(
            r"nvidia-container-cli: mount error: (?:failed to add device rules:[^\n]{0,200}?"
            r"bpf_prog_query\(BPF_CGROUP_DEVICE\) failed: operation not permitted"
            r"|open failed: /sys/fs/cgroup/devices/[^\n]{0,200}?devices\.allow: permission denied)"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "The container runtime runs rootless and cannot set the GPU's device cgroup: the"
            " container did not start with the GPU"
        ),
        fix=(
            "For a rootless engine set no-cgroups = true in /etc/nvidia-container-runtime/"
            "config.toml (sudo nvidia-ctk config --set nvidia-container-cli.no-cgroups"
            " --in-place), or use CDI (--device nvidia.com/gpu=all). Where it is set already,"
            " the toolkit's release is at fault: 'nvidia-container-cli -V' shows it."
        ),
        source="https://github.com/NVIDIA/libnvidia-container/issues/154",
        variants=(
            Variant(
                # enroot's hook (and LXC's) passes --no-cgroups itself and never reads
                # config.toml: the release that still touched the cgroup is at fault
                finding_id="container-gpu-not-exposed",
                title=(
                    "NVIDIA's container hook failed on the GPU's device cgroup, though its"
                    " caller (enroot, pyxis, LXC) tells it to leave cgroups alone: the"
                    " toolkit's release is at fault"
                ),
                fix=(
                    "Check the NVIDIA Container Toolkit's release on the node"
                    " ('nvidia-container-cli -V'): 1.17.7 broke enroot and LXC this way; pin"
                    " 1.17.6 or take a later release, then restart the job."
                ),
                source="https://github.com/NVIDIA/nvidia-container-toolkit/issues/1093",
                with_signatures=frozenset({"container-hook-skips-cgroups"}),
            ),
        ),
    ),
    Signature(
        # The callers that run NVIDIA's hook with --no-cgroups themselves: enroot's
        # 98-nvidia.sh (under Slurm's pyxis) and LXC's nvidia hook
        name="container-hook-skips-cgroups",
        needles=("98-nvidia.sh", "pyxis:", "--no-cgroups"),
        pattern=compiled(
            r"/enroot/hooks\.d/98-nvidia\.sh|\bpyxis: |nvidia-container-cli\b[^\n]{0,200}"
            r" --no-cgroups\b"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="NVIDIA's container hook is run with --no-cgroups",
        fix="",
        source="https://github.com/NVIDIA/enroot/blob/master/conf/hooks/98-nvidia.sh",
    ),
    Signature(
        # The hook could not install the GPU's device rule for another reason than rights:
        # libnvidia-container before 1.8.1 on kernels without BPF_F_REPLACE (before 5.6), or
        # a kernel that refuses its eBPF program (JIT hardening): the container never started
        name="container-cli-device-rules",
        needles=("failed to add device rules",),
        pattern=compiled(
            r"nvidia-container-cli: mount error: failed to add device rules:"
            r"(?![^\n]{0,200}?(?:bpf_prog_query\(BPF_CGROUP_DEVICE\) failed: operation not"
            r" permitted|devices\.allow: permission denied))"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "NVIDIA's container hook could not add the GPU's device rule to the container's"
            " cgroup: the container did not start with the GPU"
        ),
        fix=(
            "Upgrade the NVIDIA Container Toolkit on the host ('nvidia-container-cli -V' shows"
            " it; 1.8.1 fixed the cgroup v2 attach on kernels before 5.6), or run a newer"
            " kernel; then restart the container engine."
        ),
        source="https://github.com/NVIDIA/libnvidia-container/issues/151",
    ),
    Signature(
        # The GPU hook could not change its capabilities: an unprivileged LXC, Singularity's
        # --nvccli without CAP_NET_ADMIN, enroot under SELinux.
        name="container-cli-capability-denied",
        needles=("capability change failed",),
        pattern=compiled(
            r"nvidia-container-cli: permission error: capability change failed: operation not"
            r" permitted"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "NVIDIA's container hook lacks the capabilities it needs, so the container got no"
            " GPU (unprivileged LXC, rootless runtime, SELinux)"
        ),
        fix=(
            "Run the hook with the capabilities it needs: Singularity/Apptainer's --nv without"
            " --nvccli (or as a user with CAP_NET_ADMIN), a privileged LXC with"
            " no-cgroups = true, or an SELinux policy that allows it (enroot)."
        ),
        source="https://github.com/sylabs/singularity/issues/641",
    ),
    Signature(
        # A Docker client older than 19.03 does not know --gpus (even beside a newer daemon);
        # Podman before 6.0 refuses or ignores it.
        name="docker-gpus-flag-unknown",
        needles=("unknown flag: --gpus",),
        pattern=compiled(r"unknown flag: --gpus\b"),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title="The container was never started: this docker (or podman) does not know --gpus",
        fix=(
            "Update the Docker client to 19.03 or newer (docker-ce-cli), or use"
            " --runtime=nvidia; with Podman pass the GPU through CDI:"
            " --device nvidia.com/gpu=all."
        ),
        source="https://github.com/NVIDIA/nvidia-docker/issues/1199",
    ),
    Signature(
        # docker-compose before 1.27 (or a v3 file) rejects the GPU runtime key.
        name="compose-runtime-key-unsupported",
        needles=("Unsupported config option for services.",),
        pattern=compiled(r"Unsupported config option for services\.[\w.-]{1,80}: 'runtime'"),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "docker-compose rejected the service's 'runtime' key, so nothing started with the"
            " GPU (docker-compose before 1.27, or a version 3 file)"
        ),
        fix=(
            "Update docker-compose (Compose v2: docker compose) and ask for the GPU with"
            " deploy.resources.reservations.devices (driver: nvidia, capabilities: [gpu])."
        ),
        source="https://github.com/docker/compose/issues/6691",
    ),
    Signature(
        # A CDI spec written for the previous driver names its files: after a driver update
        # crun cannot find them and the container does not start.
        name="cdi-spec-stale",
        needles=("OCI runtime attempted to invoke a command that was not found",),
        pattern=compiled(
            r"crun: (?:cannot stat `|error stat'ing file )[^\n]{0,200}?nvidia[^\n]{0,80}?\.so"
            r"[^\n]{0,200}?OCI runtime attempted to invoke a command that was not found"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "The CDI spec names NVIDIA driver files that are gone (it was generated for the"
            " previous driver): the container does not start"
        ),
        fix=(
            "Regenerate it after every driver update: sudo nvidia-ctk cdi generate"
            " --output=/etc/cdi/nvidia.yaml (or enable nvidia-cdi-refresh)."
        ),
        source="https://github.com/NVIDIA/nvidia-container-toolkit/issues/692",
    ),
    Signature(
        # Podman's and crun's words for the NVIDIA OCI hook failing, without its reason: the
        # container does not start with the GPU. A line giving the reason (nvidia-container-cli's
        # own) names the deeper cause and replaces this one.
        name="nvidia-hook-failed",
        needles=("error executing hook",),
        pattern=compiled(
            r"error executing hook `?[^\s`']{0,200}?nvidia-container-(?:toolkit|runtime-hook)`?"
            r" \(exit code: \d{1,3}\)"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title="The NVIDIA container hook failed, so the container did not start with the GPU",
        fix=(
            "Run the hook's own check on the host, 'nvidia-container-cli -k -d /dev/tty info', to"
            " see why (no driver loaded, missing /dev/nvidia* nodes, cgroups); rootless podman"
            " needs no-cgroups = true in /etc/nvidia-container-runtime/config.toml, or CDI"
            " instead ('sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml', then"
            " 'podman run --device nvidia.com/gpu=all')."
        ),
        source="https://github.com/NVIDIA/nvidia-container-runtime/issues/142",
        explained_by=frozenset({"no-nvidia-driver", "no-nvidia-gpu", "driver-library-mismatch"}),
    ),
    Signature(
        # 'docker run --gpus device=0,1': Docker reads --gpus as CSV, so the comma splits it into
        # 'device=0' and a bare '1' (a count), and the daemon refuses to start the container.
        name="docker-gpus-unquoted-list",
        needles=("cannot set both Count and DeviceIDs",),
        pattern=compiled(r"cannot set both Count and DeviceIDs on device request"),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "Docker did not start the container: a '--gpus' value with a comma, unquoted, reads"
            " as two options (devices and a count)"
        ),
        fix=(
            "Quote the list so the comma stays inside one value: --gpus '\"device=0,1\"' (or pass"
            " NVIDIA_VISIBLE_DEVICES=0,1 with --runtime=nvidia)."
        ),
        source="https://github.com/docker/docs/pull/12406",
    ),
    Signature(
        # A Linux driver's packages or its libcuda in the system library folder: on a Linux
        # host the normal driver; inside WSL 2 (where the Windows driver's libcuda comes from
        # /usr/lib/wsl/lib) the cause of CUDA finding no device (evidence.py judges it there).
        name="linux-driver-installed",
        needles=(
            "libnvidia-compute-",
            "nvidia-driver-",
            "nvidia-utils-",
            "x86_64-linux-gnu/libcuda",
        ),
        # only output that says the package is there ('dpkg -l', 'dpkg --get-selections', apt's
        # '[installed]', its 'Setting up'), or ldconfig resolving libcuda to the system folder:
        # 'not installed', 'can be installed with' and 'Removing' say the opposite (an install
        # typed says only that it was tried: WSL#5265's, before WSL had GPU support at all)
        pattern=compiled(
            r"^[> \t]*(?:ii\s+|Setting up |Unpacking )"
            r"(?:libnvidia-compute|nvidia-driver|nvidia-utils)-\d{3}"
            r"|^[> \t]*(?:libnvidia-compute|nvidia-driver|nvidia-utils)-\d{3}(?:-server|-open)?"
            r"(?::amd64)?[ \t]+install[ \t]*$"
            r"|(?:libnvidia-compute|nvidia-driver|nvidia-utils)-\d{3}[^\n\[]{0,120}\[installed"
            r"|libcuda\.so\.1 \(libc6[^)\n]{0,40}\) =>"
            r" /(?:usr/)?lib/x86_64-linux-gnu/libcuda\.so\.1",
            re.MULTILINE,
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="A Linux NVIDIA driver is installed",
        fix="",
        source="https://docs.nvidia.com/cuda/wsl-user-guide/index.html",
    ),
    Signature(
        # WSL 1 runs Linux programs on the Windows kernel: its kernel string is Windows' build
        # ('4.4.0-19041-Microsoft'); only WSL 2's real kernel ('...-microsoft-standard-WSL2')
        # gives CUDA the GPU.
        name="wsl1-kernel",
        needles=("-Microsoft",),
        pattern=compiled(r"\b4\.4\.0-\d{5}-Microsoft\b"),
        finding_id="wsl-libcuda-missing",
        severity=Severity.ERROR,
        title="This Linux runs under WSL 1, which gives programs no GPU",
        fix=(
            "Convert the distribution to WSL 2 ('wsl --set-version <distro> 2' in Windows, 'wsl -l"
            " -v' lists the versions), with the current NVIDIA driver installed on Windows; install"
            " no Linux driver inside it."
        ),
        source="https://github.com/microsoft/WSL/issues/5554",
    ),
    Signature(
        # 'wsl -l -v' marking the default distribution ('*') as VERSION 1: plain 'wsl' opens
        # it under WSL 1, which gives programs no GPU (its STATE is in Windows' language)
        name="wsl1-default-distribution",
        needles=("*",),
        pattern=compiled(
            r"^[ \t]*\*[ \t]+(?P<distro>[\w.-]{1,60})[ \t]+\S{1,30}(?:[ \t]\S{1,30}){0,2}"
            r"[ \t]+1[ \t]*\r?$"
        ),
        finding_id="wsl-libcuda-missing",
        severity=Severity.ERROR,
        title=(
            "The default WSL distribution ({distro}) runs under WSL 1, which gives programs no GPU"
        ),
        fix=(
            "Convert it to WSL 2 ('wsl --set-version {distro} 2' in Windows), with the current"
            " NVIDIA driver installed on Windows; install no Linux driver inside it."
        ),
        source="https://github.com/microsoft/WSL/issues/5554",
        spans_lines=0,
    ),
    Signature(
        # RPM Fusion's nvidia-fallback.service: at boot, no /sys/module/nvidia after akmods ran
        # (an unsigned module under Secure Boot, or an akmod not built for the running kernel).
        name="nvidia-fallback-to-nouveau",
        needles=("Falling back to nouveau", "Fallback to nouveau"),
        pattern=compiled(
            r"NVIDIA kernel module missing\. Falling back to nouveau"
            r"|Fallback to nouveau as nvidia did not load"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="The NVIDIA kernel module did not load at boot (RPM Fusion fell back to nouveau)",
        fix=(
            "With Secure Boot on ('mokutil --sb-state'), sign the akmod"
            " (/usr/share/doc/akmods/README.secureboot) or turn Secure Boot off; otherwise rebuild"
            " it for the running kernel ('sudo akmods --force --rebuild') and reboot."
        ),
        source="https://github.com/rpmfusion/xorg-x11-drv-nvidia",
    ),
    Signature(
        # NVML's NVML_ERROR_DRIVER_NOT_LOADED as its Python (pynvml) and Rust bindings name it.
        name="nvml-driver-not-loaded",
        needles=("NVMLError_DriverNotLoaded", "nvml: DriverNotLoaded"),
        pattern=compiled(r"NVMLError_DriverNotLoaded|Failed to initialize nvml: DriverNotLoaded"),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="NVML finds no NVIDIA driver loaded (NVML_ERROR_DRIVER_NOT_LOADED)",
        fix=(
            "Install the NVIDIA driver, or load its kernel module ('sudo modprobe nvidia'; after a"
            " kernel update, rebuild it with DKMS and reboot); in a container, start it with the"
            " GPU ('--gpus all')."
        ),
        source="https://docs.nvidia.com/deploy/nvml-api/group__nvmlDeviceEnumvs.html",
    ),
    Signature(
        # PyTorch beside TensorFlow, when libcuda reports no driver at all
        # (torch/cuda/__init__.py: _cuda_getDriverVersion() == 0).
        name="torch-no-driver",
        needles=("Found no NVIDIA driver on your system",),
        pattern=compiled(r"Found no NVIDIA driver on your system"),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="PyTorch in the same environment finds no NVIDIA driver (libcuda reports none)",
        fix=(
            FOR_THIS_GPU + " and reboot; on a hosted notebook, choose a GPU"
            " runtime; in a container, start it with '--gpus all'."
        ),
        source="https://github.com/pytorch/pytorch/blob/main/torch/cuda/__init__.py",
        needs_no_gpu=True,
    ),
    Signature(
        # PyTorch's check that the driver runs its CUDA: the number is the CUDA version the
        # driver supports (cuDriverGetVersion: 1000 * major + 10 * minor). Whether that is too
        # old for TensorFlow too depends on the release's CUDA: the driver fact decides that.
        name="torch-driver-too-old",
        needles=("The NVIDIA driver on your system is too old",),
        pattern=compiled(
            r"The NVIDIA driver on your system is too old \(found version (?P<driver_api>\d{4,5})\)"
        ),
        finding_id=None,
        severity=Severity.WARNING,
        title=(
            "PyTorch in the same environment finds the NVIDIA driver too old: it supports CUDA"
            " {driver_supports} only"
        ),
        fix=(
            "Update the NVIDIA driver to one supporting the CUDA the installed wheels were built"
            " for (nvidia-smi shows the CUDA version a driver supports), or install wheels built"
            " for CUDA {driver_supports} or older."
        ),
        source="https://github.com/pytorch/pytorch/blob/main/torch/cuda/__init__.py",
    ),
    Signature(
        # Colab's paths (the driver folder on its LD_LIBRARY_PATH, its module, its file tree),
        # Kaggle's notebook tree and SageMaker Studio Lab's home: services that put the NVIDIA
        # driver on their GPU runtimes only.
        name="hosted-notebook-path",
        needles=("/usr/lib64-nvidia", "google.colab", "/content/", "/kaggle/", "/studio-lab-user/"),
        pattern=compiled(
            r"/usr/lib64-nvidia\b|\bgoogle\.colab\b|(?<![\w/.])/content/(?:drive|sample_data)(?:/|\b)"
            r"|(?<![\w/.])/kaggle/(?:input|working|lib)\b|(?<![\w/.])/home/studio-lab-user/"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="A hosted notebook (Colab, Kaggle, Studio Lab)",
        fix="",
        source="https://research.google.com/colaboratory/faq.html",
    ),
    Signature(
        # Colab's dialog when it cannot attach a GPU; the notebook then runs on a CPU VM.
        name="colab-gpu-usage-limits",
        needles=("Cannot connect to GPU backend", "connect to a GPU due to usage limits"),
        pattern=compiled(
            r"Cannot connect to GPU backend|You cannot currently connect to a GPU due to usage"
            r" limits in Colab"
        ),
        finding_id="no-nvidia-gpu",
        severity=Severity.ERROR,
        title="Colab attached no GPU (its usage limits): the runtime has none",
        fix=(
            "Wait until Colab offers a GPU again (Runtime > Change runtime type > GPU), use a paid"
            " tier, or connect the notebook to a local runtime on a machine with a GPU."
        ),
        source="https://research.google.com/colaboratory/faq.html#usage-limits",
    ),
    Signature(
        name="dev-nvidia0-missing",
        needles=("/dev/nvidia0 does not exist",),
        pattern=compiled(r"no NVIDIA GPU device is present: /dev/nvidia0 does not exist"),
        finding_id="no-nvidia-gpu",
        severity=Severity.ERROR,
        # (the driver's proc file is there when TensorFlow says so: the machine may well have
        # a GPU that this container or job was not given)
        title=(
            "This process sees no NVIDIA GPU device (/dev/nvidia0 does not exist): the machine"
            " has none, or the container or job was not given it"
        ),
        fix=(
            "Check that nvidia-smi lists a GPU on this machine. In a container, start it with GPU"
            " access (docker run --gpus all, with the NVIDIA container toolkit installed on the"
            " host); on a cluster, request a GPU from the scheduler."
        ),
        source="https://github.com/deepmedic/deepmedic/issues/128",
    ),
    Signature(
        # The same line from a cluster's login (or submit) node, which has no GPU: HPC sites
        # run GPU work on compute nodes only (OSG's TensorFlow tutorial: "This is expected as we
        # do not have GPUs attached to our login nodes").
        name="kernel-driver-not-running-on-login-node",
        needles=("does not appear to be running on this host (",),
        pattern=compiled(
            r"kernel driver does not appear to be running on this host"
            r" \((?P<host>(?:[\w-]{0,40}-)?(?:login|submit)\d{0,4}(?![\w.-]{0,40}gpu)"
            r"(?:[.-][^)\s]{0,200})?)\)"
        ),
        finding_id="no-nvidia-gpu",
        severity=Severity.ERROR,
        title="TensorFlow ran on {host}, a cluster login node: it has no GPU",
        fix=(
            "Run it on a GPU node: submit it as a job that asks for a GPU (Slurm: sbatch or srun"
            " --gres=gpu:1; HTCondor: request_gpus = 1), or open an interactive session on one"
            " (srun --gres=gpu:1 --pty bash)."
        ),
        source=("https://github.com/jade-hpc-gpu/jade-hpc-gpu.github.io/issues/63"),
    ),
    Signature(
        name="kernel-driver-not-running",
        # cuda_diagnostics.cc; on macOS (TF <= 1.1) also '... to be installed' and 'kernel
        # driver is installed, but does not appear to be running' (the CUDA kext)
        needles=("kernel driver does not appear to be", "does not appear to be running on this"),
        pattern=compiled(
            r"kernel driver (?:does not appear to be (?:running|installed)|is installed, but does"
            r" not appear to be running) on this host \((?P<host>[^)]{0,255})\)"
            r"(?:: (?P<path>\S+) does not exist)?"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="The NVIDIA kernel driver is not running on {host}",
        fix=(
            FOR_THIS_GPU + " and reboot (check with nvidia-smi and"
            " cat /proc/driver/nvidia/version). In a container, the host's driver must be exposed:"
            " docker run --gpus all with the NVIDIA container toolkit."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/44869",
        variants=(
            Variant(
                # Docker Desktop's containers run in its own VM, which never has the NVIDIA
                # module: its GPU comes from the Windows driver through WSL 2 (review 95)
                finding_id="wsl-libcuda-missing",
                title=(
                    "Docker Desktop's container got no GPU ({host}): only its WSL 2 engine passes"
                    " one in, from the Windows NVIDIA driver"
                ),
                fix=(
                    "In Docker Desktop, Settings > General > 'Use the WSL 2 based engine'; install"
                    " the current NVIDIA driver on Windows and run 'wsl --update'; then check with"
                    " 'docker run --rm --gpus all nvidia/cuda:12.3.2-base-ubuntu22.04"
                    " nvidia-smi'. No Linux driver or container toolkit is installed for it."
                ),
                source="https://docs.docker.com/desktop/features/gpu/",
                with_any_signature=frozenset({DOCKER_DESKTOP}),
                unless_signatures=frozenset({DOCKER_DESKTOP_LINUX, DOCKER_DESKTOP_MAC}),
            ),
        ),
    ),
    Signature(
        # The same answer from a Linux shell (bash, zsh, Ubuntu's command-not-found): there the
        # driver package brings nvidia-smi, while Windows' drivers before R418 left it off PATH
        # (C:\Program Files\NVIDIA Corporation\NVSMI), so cmd.exe's answer says less.
        name=SMI_MISSING_IN_A_POSIX_SHELL,
        needles=("nvidia-smi",),
        pattern=compiled(
            r"nvidia-smi: (?:command )?not found|Command 'nvidia-smi' not found"
            r"|command not found: nvidia-smi\b"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="",
        fix="",
        source="https://docs.nvidia.com/deploy/nvidia-smi/index.html",
    ),
    Signature(
        # The shell's answer when nvidia-smi, which the driver package installs, is not there:
        # bash, Ubuntu's command-not-found, cmd.exe and PowerShell.
        name="nvidia-smi-missing",
        needles=("nvidia-smi",),
        pattern=compiled(
            r"nvidia-smi: (?:command )?not found"
            r"|Command 'nvidia-smi' not found|nvidia-smi: Command not found\."
            r"|command not found: nvidia-smi\b"
            # typed by its path, or a path the shell remembered from before it was removed
            r"|^(?:ba|z|da|k)?sh: (?:line \d{1,6}: )?(?:/[\w.-]{1,60}){0,8}/?nvidia-smi:"
            r" No such file or directory|^zsh: no such file or directory: (?:/[\w.-]{1,60}){0,8}"
            r"/nvidia-smi\b"
            r"|'nvidia-smi' is not recognized as an internal or external command"
            r"|The term 'nvidia-smi' is not recognized"
            # the same answers in the languages reports come in: bash's, cmd.exe's and
            # PowerShell's own translations
            r"|nvidia-smi ?: (?:Befehl nicht gefunden|no se encontró la orden|orden no encontrada"
            r"|commande introuvable|comando não encontrado|comando non trovato|komut bulunamadı"
            r"|команда не найдена|未找到命令|コマンドが見つかりません|명령어를 찾을 수 없음)"
            r"|Der Befehl [\"']nvidia-smi[\"'] wurde nicht gefunden"
            r"|El término [\"']nvidia-smi[\"'] no se reconoce"
            r"|找不到命令 [\"']nvidia-smi[\"']"
            r"|[\"']nvidia-smi[\"'] (?:不是内部或外部命令|不是內部或外部命令"
            r"|n'est pas reconnu en tant que commande interne"
            r"|no se reconoce como un comando interno o externo"
            r"|não é reconhecido como um comando interno"
            r"|non è riconosciuto come comando interno"
            r"|は、内部コマンドまたは外部コマンド)"
            r"|'nvidia-smi'은\(는\) 내부 또는 외부 명령"
            r"|'nvidia-smi' iç ya da dış komut|'nvidia-smi' nie jest rozpoznawane jako polecenie"
            # PowerShell's error record, in every language it speaks
            r"|ObjectNotFound: \(nvidia-smi(?:\.exe)?:String\)"
            r"|\"nvidia-smi\" не является внутренней или внешней"
            r"|Der Befehl \"nvidia-smi\" ist entweder falsch geschrieben"
            r"|Die Benennung \"nvidia-smi\" wurde nicht als Name"
            r"|无法将\"nvidia-smi\"项识别为"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.WARNING,
        title=NVIDIA_SMI_MISSING_TITLE,
        fix=NVIDIA_SMI_MISSING_FIX,
        source="https://docs.nvidia.com/deploy/nvidia-smi/index.html",
        variants=(SMI_MISSING_BESIDE_NO_DEVICE,),
    ),
    Signature(
        # cmd.exe's answer in any language it speaks: the name, quoted, on the line under the
        # prompt that typed it ('nvidia-smi' není názvem vnitřního ani vnějšího příkazu, ...)
        name="nvidia-smi-missing-any-language",
        needles=(">nvidia-smi",),
        pattern=compiled(
            r"^[A-Za-z]:\\[^\n>]{0,200}>[ \t]*nvidia-smi[ \t]*\r?\n'nvidia-smi' [^\n]{10,200}"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.WARNING,
        title=NVIDIA_SMI_MISSING_TITLE,
        fix=NVIDIA_SMI_MISSING_FIX,
        source="https://docs.nvidia.com/deploy/nvidia-smi/index.html",
        spans_lines=1,
        variants=(SMI_MISSING_BESIDE_NO_DEVICE,),
    ),
    Signature(
        name="nvidia-smi-no-driver",
        needles=("couldn't communicate with the NVIDIA driver",),
        pattern=compiled(
            r"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="nvidia-smi cannot talk to the NVIDIA driver",
        fix=(
            "The driver is not installed or its kernel module is not loaded (often after a kernel"
            " update without a driver rebuild, or with Secure Boot rejecting the module). Reinstall"
            " the driver for the running kernel (DKMS) and reboot."
        ),
        source="https://github.com/NVIDIA/nvidia-docker/issues/365",
    ),
    Signature(
        # nvidia-smi runs but finds no libnvidia-ml: the driver's user-space part is missing on
        # a host, or the container runtime did not make the host's libraries resolvable.
        name="nvidia-smi-no-nvml-library",
        needles=("couldn't find libnvidia-ml.so library",),
        pattern=compiled(r"NVIDIA-SMI couldn't find libnvidia-ml\.so library in your system"),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="nvidia-smi finds no libnvidia-ml: the driver's libraries are not where it looks",
        fix=(
            "On a host, reinstall the NVIDIA driver (its user-space libraries are missing). In a"
            " container, the runtime did not inject the host's libraries: update the NVIDIA"
            " Container Toolkit, or run 'ldconfig' in the container so libnvidia-ml.so.1 and"
            " libcuda.so.1 resolve."
        ),
        source="https://github.com/NVIDIA/nvidia-docker/issues/859",
    ),
    Signature(
        # The header's CUDA field comes from libcuda: 'N/A' means nvidia-smi (NVML) works while
        # libcuda is absent. In a container the runtime then mounted only the 'utility'
        # libraries (NVIDIA_DRIVER_CAPABILITIES without 'compute').
        name="nvidia-smi-cuda-not-available",
        needles=("CUDA Version: N/A",),
        pattern=compiled(r"Driver Version: ?[\d.]{2,12}\s+CUDA Version: N/A"),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title=(
            "nvidia-smi works but reports no CUDA version: the driver's CUDA library (libcuda) is"
            " not there"
        ),
        fix=(
            "In a container, ask the runtime for the compute libraries too:"
            " NVIDIA_DRIVER_CAPABILITIES=compute,utility (NVIDIA's CUDA images set it). On a host,"
            " install the driver's CUDA library (libnvidia-compute / the full driver package)."
        ),
        source="https://github.com/AbdBarho/stable-diffusion-webui-docker/issues/348",
    ),
    Signature(
        # NVML cannot open /dev/nvidia*: the device files belong to a group (often video, mode
        # 0660) this user is not in, or that a rootless container dropped.
        name="nvml-insufficient-permissions",
        needles=("Failed to initialize NVML: Insufficient Permissions",),
        pattern=compiled(r"Failed to initialize NVML: Insufficient Permissions"),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="NVML cannot open the GPU's device files (/dev/nvidia*): this user lacks permission",
        fix=(
            "Add the user to the group owning /dev/nvidia* ('ls -l /dev/nvidia*'), or let the"
            " driver create them world-accessible (NVreg_DeviceFileMode); in rootless Podman keep"
            " the group with '--group-add keep-groups'. In a container on an SELinux host, the"
            " container's label is what is refused: '--security-opt=label=disable' (NVIDIA's"
            " container toolkit troubleshooting; it turns SELinux's separation off for that"
            " container)."
        ),
        source="https://github.com/NVIDIA/nvidia-container-toolkit/issues/210",
    ),
    Signature(
        # NVML refused the GPU's device files by the system itself: a container's device cgroup
        # ('no-cgroups = true' in the NVIDIA runtime's config.toml with no devices passed:
        # nvidia-container-toolkit#85), or under WSL 2 a GPU Windows runs in TCC mode.
        name="nvml-access-blocked",
        needles=("GPU access blocked by the operating system",),
        pattern=compiled(r"Failed to initialize NVML: GPU access blocked by the operating system"),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title=(
            "NVML is refused the GPU by the operating system: its device files are blocked to"
            " this process"
        ),
        fix=(
            "In a container: the NVIDIA runtime set up no device access. With 'no-cgroups ="
            " true' in /etc/nvidia-container-runtime/config.toml, pass the devices yourself"
            " ('--device /dev/nvidia0 --device /dev/nvidiactl --device /dev/nvidia-uvm') or set"
            " it to false; on a cgroup v2 host use a current NVIDIA Container Toolkit. Under WSL"
            " 2: only GPUs Windows runs in WDDM mode reach WSL ('nvidia-smi.exe -q' on Windows"
            " shows the driver model)."
        ),
        source="https://github.com/NVIDIA/nvidia-container-toolkit/issues/85",
    ),
    Signature(
        # The kernel module is loaded but cannot bring the GPU up: a missing GSP firmware file
        # of the driver's version (open modules need it), the open modules failing on a GPU the
        # proprietary one drives, or the hardware.
        name="nvrm-init-adapter-failed",
        needles=("RmInitAdapter failed", "rm_init_adapter failed", "GSP firmware", "/gsp"),
        pattern=compiled(
            r"RmInitAdapter failed!|rm_init_adapter failed|Cannot initialize GSP firmware RM"
            r"|Direct firmware load for nvidia/[\d.]{2,12}/gsp\w{0,20}\.bin failed"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="The NVIDIA kernel module is loaded but cannot initialise the GPU (RmInitAdapter)",
        fix=(
            "Look at 'sudo dmesg | grep -i -e nvrm -e gsp': a GSP firmware file missing for this"
            " driver version means installing the driver's firmware package (or reinstalling the"
            " driver); with the open kernel modules, try the proprietary ones for this GPU."
        ),
        source="https://github.com/NVIDIA/open-gpu-kernel-modules/issues/116",
    ),
    Signature(
        name="libcuda-not-loaded",
        # absl's status codes print as NOT_FOUND in newer builds
        needles=(
            "libcuda reported version is: Not found",
            "libcuda reported version is: NOT_FOUND",
        ),
        pattern=compiled(r"libcuda reported version is: (?:Not found|NOT_FOUND): (?P<reason>.+)"),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="The driver library libcuda.so is not loaded ({reason})",
        fix=(
            "The kernel driver runs but its user-space library libcuda.so.1 is not visible to this"
            " process: install the driver's user-space part (or, in a container, use the NVIDIA"
            " container toolkit so the host's libcuda is mounted)."
        ),
        source="https://github.com/ai4d-iasc/trixie/issues/41",
        explained_by=frozenset({"ld-library-path-shadows"}),
        variants=(
            Variant(
                # TensorFlow's next diagnostic line says no kernel module either: nothing of the
                # driver is installed or loaded (review 99)
                "no-nvidia-driver",
                "No NVIDIA driver is loaded: neither its library libcuda.so ({reason}) nor its"
                " kernel module is found",
                "Install the NVIDIA driver for this GPU (the distribution's nvidia-driver-NNN"
                " package, 'sudo ubuntu-drivers install', or NVIDIA's installer) and reboot;"
                " 'nvidia-smi' then lists the GPU. In a container, the host's driver is mounted"
                " by the NVIDIA container toolkit instead.",
                DRIVER_GUIDE_URL,
                with_any_signature=frozenset({KERNEL_MODULE_NOT_FOUND}),
            ),
        ),
    ),
    Signature(
        # WSL 2's folder of the Windows driver's libraries missing: the Windows driver with WSL
        # support is not installed (or WSL is not WSL 2) (review 99)
        name="wsl-lib-folder-missing",
        needles=("/usr/lib/wsl/lib",),
        pattern=compiled(
            r"(?:ls|stat): cannot (?:access|stat) '?/usr/lib/wsl/lib/?'?: No such file or directory"
        ),
        finding_id="wsl-libcuda-missing",
        severity=Severity.ERROR,
        title=(
            "WSL 2 has no /usr/lib/wsl/lib: the Windows NVIDIA driver's libraries for WSL are not"
            " there"
        ),
        fix=(
            "Install the current NVIDIA driver on Windows (it carries WSL 2's libraries) and"
            " update WSL ('wsl --update', then 'wsl --shutdown' and reopen); check that the"
            " distribution is WSL 2 ('wsl -l -v'). No pip wheel or Linux driver provides"
            " libcuda there."
        ),
        source="https://docs.nvidia.com/cuda/wsl-user-guide/index.html",
    ),
    Signature(
        # cuda_diagnostics' kernel line without a version: no NVIDIA kernel module loaded
        name=KERNEL_MODULE_NOT_FOUND,
        needles=("kernel reported version is: N",),
        pattern=compiled(r"kernel reported version is: (?:Not found|NOT_FOUND)\b"),
        finding_id=None,
        severity=Severity.INFO,
        title="No NVIDIA kernel module found (TensorFlow's CUDA diagnostics)",
        fix="",
        source="https://github.com/ai4d-iasc/trixie/issues/41",
    ),
    Signature(
        name="dlopen-driver",
        needles=DLOPEN_NEEDLES,
        # TF 1.x before 1.13 said "Couldn't open CUDA library libcuda.so.1. LD_LIBRARY_PATH: ..."
        pattern=compiled(
            r"(?:Could not (?:load dynamic|dlopen) library '(?P<lib>libcuda\.so[.\d]*|nvcuda\.dll)'"
            r"|could not dlopen DSO: (?P<dso_lib>libcuda\.so[.\d]*)(?=; dlerror: ))"
            r"(?:; dlerror: (?P<dlerror>[^;\r\n]*))?"
            r"|Couldn't open CUDA library (?P<old_lib>libcuda\.so(?:\.\d+)*)\.? LD_LIBRARY_PATH"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="The NVIDIA driver library {lib}{dso_lib}{old_lib} could not be loaded{because}",
        fix=(
            "libcuda comes with the NVIDIA driver, not with CUDA or pip: install the driver (check"
            " with nvidia-smi). On WSL2 it lives in /usr/lib/wsl/lib and comes from the Windows"
            " driver."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/45930",
        variants=(
            Variant(
                # Nix's TensorFlow finds libcuda through its RUNPATH, and NixOS keeps the
                # driver's in /run/opengl-driver/lib (nixpkgs#65515)
                "no-nvidia-driver",
                "The NVIDIA driver library {lib}{old_lib} could not be loaded{because}: Nix's"
                " TensorFlow looks for it where the system's driver is not",
                (
                    "On NixOS the driver's libcuda is in /run/opengl-driver/lib (with the NVIDIA"
                    " driver enabled in configuration.nix): run with"
                    " LD_LIBRARY_PATH=/run/opengl-driver/lib, or use a nixpkgs TensorFlow whose"
                    " RUNPATH includes it. With Nix on another distribution, nixGL or"
                    " LD_LIBRARY_PATH pointing at the system driver's libcuda does it."
                ),
                "https://github.com/NixOS/nixpkgs/issues/77834",
                with_signatures=frozenset({"nix-store-python"}),
            ),
        ),
    ),
    Signature(
        # A Python or TensorFlow from the Nix store ('/nix/store/<hash>-python3.7-tensorflow-...')
        name="nix-store-python",
        needles=("/nix/store/",),
        pattern=compiled(r"/nix/store/[0-9a-z]{32}-python3"),
        finding_id=None,
        severity=Severity.INFO,
        title="Python from the Nix store",
        fix="",
        source="https://github.com/NixOS/nixpkgs/issues/65515",
    ),
    Signature(
        name="cudnn-needs-libcuda",
        needles=("Error: libcuda.so",),
        pattern=compiled(
            r"Could not load library (?P<lib>libcudnn\w*\.so[.\d]*)\. Error: libcuda\.so:"
            r" cannot open shared object file"
        ),
        finding_id="wsl-libcuda-missing",
        severity=Severity.ERROR,
        title=(
            "cuDNN ({lib}) cannot load the driver library libcuda.so: on WSL2 it lives in"
            " /usr/lib/wsl/lib, which is not on the loader path"
        ),
        fix=(
            "On WSL2: export LD_LIBRARY_PATH=/usr/lib/wsl/lib:$LD_LIBRARY_PATH (the activate"
            " script of 'tfgpu-setup apply' does this). On native Linux, the driver's libcuda.so"
            " link is missing: reinstall the NVIDIA driver's compute libraries."
        ),
        source=CUDNN_NEEDS_LIBCUDA_SOURCE,
        # cuDNN opens its sub-libraries at the first convolution on a GPU device (review 120)
        at_work=True,
    ),
    Signature(
        name="libcuda-stub-resolved",
        needles=("stubs/libcuda",),
        # ldd's 'libcuda.so.1 => PATH', or ls -l of a libcuda.so.1 link made to the stub
        # (https://github.com/tensorflow/serving/issues/646)
        pattern=compiled(
            r"libcuda\.so(?:\.1)?\s*(?:=>|->)\s*(?P<path>\S*/stubs/libcuda\.so[.\d]*)"
        ),
        finding_id="ld-library-path-shadows",
        severity=Severity.ERROR,
        title="libcuda resolves to the CUDA toolkit's stub library {path}, not the driver's",
        fix=(
            "The stub is only for linking: remove .../cuda/lib64/stubs from LD_LIBRARY_PATH and"
            " from /etc/ld.so.conf.d (then run ldconfig); in a container, the NVIDIA container"
            " toolkit mounts the host's real libcuda.so.1."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/14224",
    ),
    Signature(
        name="cuda-stubs-on-library-path",
        needles=("/stubs",),
        # The loader's path as a log shows it: 'LD_LIBRARY_PATH=...', a dlerror's
        # 'LD_LIBRARY_PATH: ...', or what 'echo $LD_LIBRARY_PATH' printed (a line of nothing but
        # two or more absolute folders joined by ':'), with a CUDA toolkit's stubs folder in it
        pattern=compiled(
            r"LD_LIBRARY_PATH[=:] ?[\"']?(?:[^\s\"';]{0,1000}?:)?"
            rf"(?P<path>{_CUDA_STUBS})/?(?:[:\"';\s]|$)"
            rf"|^[> \t]*(?:(?:/[^\s:]{{0,200}}:){{1,30}}(?P<listed>{_CUDA_STUBS})/?"
            r"(?::/[^\s:]{0,200}){0,30}"
            rf"|(?P<first>{_CUDA_STUBS})/?(?::/[^\s:]{{0,200}}){{1,30}})[ \t]*$"
        ),
        finding_id="ld-library-path-shadows",
        severity=Severity.WARNING,
        title=(
            "A CUDA toolkit's stubs folder is on the loader's path ({path}{listed}{first}): where"
            " it holds a libcuda.so.1, as TensorFlow's devel images make it, that stub loads in"
            " place of the driver's"
        ),
        fix=(
            "Remove the .../stubs folder from LD_LIBRARY_PATH (it is only for linking a build);"
            " 'ldconfig -p | grep libcuda' should then name the driver's libcuda.so.1."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/36974",
        # A line showing the driver missing outranks it (the stub is then only what was left to
        # load), unless that line's own reading names the stub too (libcuda not loaded): then
        # both stay. A GPU at work shows the driver's libcuda loaded.
        explained_by=frozenset({"no-nvidia-driver"}),
        needs_no_gpu=True,
    ),
    Signature(
        name="cuinit-stub-library",
        needles=("cuInit", "cudaErrorStubLibrary"),
        pattern=compiled(
            # -1 is no CUDA error code: it is what CUDA's stubs/libcuda.so returns from every
            # call (tensorflow#14224, #41748, serving#646; numba#8985)
            CUINIT + r"(?P<code>CUDA_ERROR_STUB_LIBRARY|UNKNOWN ERROR \((?:34|-1)(?:\)|[ \t\r]*$)"
            r"|CUresult\(-1\))"
            # XLA's cuDNN start-up finding the runtime already failed on the stub
            r"|error before creating cudnn handle \(34\): (?P<runtime>cudaErrorStubLibrary)"
        ),
        finding_id="ld-library-path-shadows",
        severity=Severity.ERROR,
        title="CUDA loaded the driver stub library instead of the real driver ({code}{runtime})",
        fix=(
            "A toolkit's stubs/libcuda.so (only meant for linking) is found before the driver's"
            " libcuda.so.1: remove .../cuda/lib64/stubs from LD_LIBRARY_PATH. Without an NVIDIA"
            " driver on the machine there is no GPU to use."
        ),
        source="https://github.com/cms-sw/cmssw/issues/42657",
        # where the driver itself is missing, the stub is only what was left to load
        explained_by=frozenset({"no-nvidia-driver", "no-nvidia-gpu", "container-gpu-not-exposed"}),
    ),
    Signature(
        name="driver-insufficient",
        needles=("nsufficient", "NSUFFICIENT", "340.XX+ driver"),
        # TF 1.x's cuDNN start-up, on a driver before R340: 'cudnn library is only supported
        # on 340.XX+ driver versions' (cuda_dnn.cc)
        pattern=compiled(
            r"(?P<what>CUDA driver version is insufficient for CUDA runtime version"
            r"|cudaErrorInsufficientDriver|CUDA_ERROR_INSUFFICIENT_DRIVER"
            r"|cudnn library is only supported on 340\.XX\+ driver versions)"
        ),
        finding_id="driver-too-old",
        severity=Severity.ERROR,
        title="The NVIDIA driver is older than the CUDA runtime TensorFlow loads",
        fix=(
            "Update the NVIDIA driver to one that supports the CUDA version of this TensorFlow"
            " build (nvidia-smi shows the highest CUDA version the driver supports), or install a"
            " TensorFlow built for an older CUDA. `tfgpu-setup plan` picks a TensorFlow that fits"
            " the driver."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/31319",
    ),
    Signature(
        # The CUDA runtime's cudaErrorInitializationError, as TF 2.x on Windows words it.
        name="cudart-initialization-error",
        needles=("Status: initialization error",),
        pattern=compiled(r"cudaGetDevice\(\) failed\. Status: initialization error"),
        finding_id="driver-too-old",
        severity=Severity.ERROR,
        title=(
            "The CUDA runtime could not initialise the driver: the driver is older than the CUDA"
            " this TensorFlow (or the application's bundled CUDA) needs, or broken"
        ),
        fix=(
            "Update the NVIDIA driver to one that supports this CUDA (nvidia-smi shows the"
            " highest CUDA a driver supports), then reboot; or use a build made for an older"
            " CUDA."
        ),
        source="https://github.com/iperov/DeepFaceLab/issues/5242",
    ),
    Signature(
        # The driver is older than the CUDA the allocator was built against (XLA's 'stale
        # driver' when linking ptxas's code is ptxas's: cubin-link-refused).
        name="driver-older-than-toolkit",
        needles=("unsupported by NVIDIA driver", "cuda_malloc_async"),
        pattern=compiled(
            r"CUDA version unsupported by NVIDIA driver version"
            r"|update your CUDA driver to a version compatible with CUDA (?P<needed>\d+\.\d+)"
        ),
        finding_id="driver-too-old",
        severity=Severity.ERROR,
        title="The NVIDIA driver is older than the CUDA this TensorFlow uses",
        fix=(
            "Update the NVIDIA driver to one that supports this TensorFlow's CUDA (nvidia-smi"
            " shows the highest CUDA a driver supports), then reboot."
        ),
        source="https://docs.nvidia.com/deploy/cuda-compatibility/",
    ),
    Signature(
        name="driver-jit-too-old",
        needles=("Invoking the PTX->SASS JIT from driver version",),
        pattern=compiled(
            r"Invoking the PTX->SASS JIT from driver version (?P<driver>\d+(?:\.\d+)*), which is"
            r" older than (?P<needed>\d+(?:\.\d+)*)"
        ),
        finding_id="driver-too-old",
        severity=Severity.WARNING,
        title=(
            "The driver ({driver}) compiles XLA's PTX but is older than {needed}, which is known"
            " to miscompile it"
        ),
        fix=(
            "Update the NVIDIA driver, or give XLA a ptxas so the driver need not compile: a"
            " CUDA toolkit's, 9.2.88 or newer"
            " (XLA_FLAGS=--xla_gpu_cuda_data_dir=/usr/local/cuda-X.Y names its folder), or from"
            " TensorFlow 2.14 the nvidia-cuda-nvcc wheel."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v1.15.2/tensorflow/compiler/xla/"
            "service/gpu/nvptx_compiler.cc"
        ),
    ),
    Signature(
        name="cuda-device-count-failed",
        needles=("could not retrieve CUDA device count",),
        pattern=compiled(
            r"could not retrieve CUDA device count: (?P<code>CUDA_ERROR_(?!NOT_INITIALIZED)\w+)"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="CUDA could not count the GPUs ({code}): the driver did not initialise",
        fix=CUINIT_DRIVER_FIX,
        source=CUDA_ERROR_CODES_URL,
        explained_by=frozenset({"container-gpu-not-exposed", "driver-library-mismatch"}),
    ),
    Signature(
        name="cuinit-compat-not-supported",
        # TensorFlow names the code first; NGC images' banner ('[[ ... (error 804) ]]'),
        # Triton and PyTorch print only CUDA's words for it.
        needles=("cuInit", "orward compatibility was attempted on non supported HW"),
        pattern=compiled(
            CUINIT
            + r"(?:CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE|UNKNOWN ERROR \(804(?:\)|[ \t\r]*$))"
            r"|[Ff]orward compatibility was attempted on non supported HW"
        ),
        finding_id="driver-too-old",
        severity=Severity.ERROR,
        title="CUDA tried forward compatibility on a GPU that does not support it (error 804)",
        fix=(
            "If the driver was just updated, reboot first: a libcuda newer than the loaded"
            " kernel module reads as this too. Otherwise a newer libcuda (a CUDA"
            " forward-compatibility package, e.g. /usr/local/cuda/compat) is loaded on a GPU"
            " where only data-center cards support it. Remove it from the loader path and update"
            " the host driver instead, or use a CUDA the driver supports."
        ),
        source=CUDA_ERROR_CODES_URL,
        explained_by=frozenset({"driver-library-mismatch"}),
    ),
    Signature(
        name="cuinit-system-not-ready",
        # the same in NGC images' banner: '[[ System not yet initialized (error 802) ]]'
        needles=("cuInit", "ystem not yet initialized"),
        pattern=compiled(
            CUINIT + r"(?:CUDA_ERROR_SYSTEM_NOT_READY|UNKNOWN ERROR \(802(?:\)|[ \t\r]*$))"
            r"|[Ss]ystem not yet initialized"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="CUDA reports the system is not ready (error 802)",
        fix=(
            "On NVSwitch systems (HGX/DGX, cloud instances with 8 SXM GPUs) the NVIDIA Fabric"
            " Manager must run with the same version as the driver: systemctl enable --now"
            " nvidia-fabricmanager (journalctl -u nvidia-fabricmanager shows why it stopped)."
        ),
        source=CUDA_ERROR_CODES_URL,
    ),
    Signature(
        # CUDA_ERROR_UNKNOWN needs the driver's libcuda loaded: the host's driver could not
        # start (nvidia-uvm not loaded is the usual reason), even inside a container whose
        # runtime passed the GPU in.
        name="cuinit-unknown",
        needles=("cuInit",),
        pattern=compiled(
            CUINIT + r"(?P<code>CUDA_ERROR_UNKNOWN|UNKNOWN ERROR \(999(?:\)|[ \t\r]*$))"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title=(
            "CUDA could not initialise the driver (cuInit failed with {code}): usually the"
            " nvidia_uvm module is not loaded"
        ),
        fix=CUINIT_DRIVER_FIX,
        source="https://github.com/google/deepvariant/issues/619",
        explained_by=frozenset(
            {
                "no-nvidia-gpu",
                "driver-library-mismatch",
                "container-gpu-not-exposed",
                "ld-library-path-shadows",
            }
        ),
    ),
    Signature(
        name="cuinit-driver-init",
        needles=("cuInit",),
        pattern=compiled(
            CUINIT + r"(?P<code>CUDA_ERROR_NOT_INITIALIZED"
            r"|CUDA_ERROR_SHARED_OBJECT_INIT_FAILED|CUDA_ERROR_OPERATING_SYSTEM"
            r"|CUDA_ERROR_INVALID_VALUE|UNKNOWN ERROR \((?:303|304|3)(?:\)|[ \t\r]*$))"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="{cuinit_title}",
        fix="{cuinit_fix}",
        source="https://github.com/tensorflow/tensorflow/issues/32623",
        variants=(
            # TensorFlow's CUDA stub answers 303 when libcuda could not be loaded at all; with
            # nvidia-smi missing too, no driver is installed (not one that failed to start)
            Variant(
                finding_id="no-nvidia-driver",
                title=(
                    "No NVIDIA driver is installed: cuInit failed with {code} and nvidia-smi is"
                    " not there either"
                ),
                fix=(
                    FOR_THIS_GPU + " (Ubuntu: 'sudo ubuntu-drivers"
                    " install'; WSL 2: the current Windows driver on the host, then 'wsl"
                    " --shutdown', never a Linux driver inside WSL), reboot, and check with"
                    " 'nvidia-smi'."
                ),
                source="https://github.com/tensorflow/tensorflow/issues/32623",
                with_any_signature=frozenset(
                    {"nvidia-smi-missing", "nvidia-smi-missing-any-language"}
                ),
            ),
        ),
        explained_by=frozenset(
            {
                "no-nvidia-gpu",
                "driver-library-mismatch",
                "container-gpu-not-exposed",
                "ld-library-path-shadows",  # a stub libcuda loaded instead of the driver's
            }
        ),
    ),
    Signature(
        name="cuinit-invalid-device",
        needles=("cuInit", "cuDevicePrimaryCtxRetain: CUDA_ERROR_INVALID_DEVICE"),
        # The same answer when the context of a listed ordinal is asked for (XLA-era builds).
        pattern=compiled(
            r"(?:" + CUINIT + r"|failed call to (?P<call>cuDevicePrimaryCtxRetain): )"
            r"(?P<code>CUDA_ERROR_INVALID_DEVICE|UNKNOWN ERROR \(101(?:\)|[ \t\r]*$))"
        ),
        finding_id="cuda-visible-devices-hides-gpus",
        severity=Severity.ERROR,
        title=(
            "CUDA rejected a device ordinal before any GPU was used ({call}: {code}):"
            " CUDA_VISIBLE_DEVICES names a device twice or one that does not exist"
        ),
        fix=(
            'Check `echo "$CUDA_VISIBLE_DEVICES"` and what sets it (the code, a launcher such as'
            " Ray or SLURM): each entry must be a distinct index or UUID that 'nvidia-smi -L'"
            " lists ('0,0' or an index past the last GPU is invalid). Unset it to use every GPU."
        ),
        source="https://github.com/ray-project/ray/issues/14542",
        explained_by=DRIVER_ROOTS - {"cuda-visible-devices-hides-gpus"},
    ),
    Signature(
        # TensorFlow's own check of the same list (GPUOptions.visible_device_list, or what
        # tf.config.set_visible_devices and Horovod's local rank set) against the GPUs CUDA shows.
        name="visible-device-list-invalid",
        needles=("'visible_device_list' listed an invalid",),
        pattern=compiled(
            r"'visible_device_list' listed an invalid GPU id '(?P<id>-?\d+)' but visible device"
            r" count is (?P<count>\d+)"
        ),
        finding_id="cuda-visible-devices-hides-gpus",
        severity=Severity.ERROR,
        title=(
            "TensorFlow was told to use GPU {id}, but this process sees {count} GPU(s)"
            " (visible_device_list)"
        ),
        fix=(
            "The GPU index in the session config, tf.config.set_visible_devices or a launcher"
            " (Horovod's local rank) counts among the GPUs CUDA_VISIBLE_DEVICES leaves visible,"
            " from 0: with CUDA_VISIBLE_DEVICES=1 the only GPU is 0. Use an index below the"
            " count, or widen CUDA_VISIBLE_DEVICES."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v2.4.0/tensorflow/core/common_runtime/"
            "gpu/gpu_device.cc"
        ),
        explained_by=DRIVER_ROOTS - {"cuda-visible-devices-hides-gpus"},
    ),
    Signature(
        # cuInit's code, or the CUDA runtime's cudaErrorNoDevice where TF 1.x and 2.x report
        # it (session creation, a tensor's first placement).
        name="cuinit-no-device",
        needles=("cuInit", "no CUDA-capable device is detected"),
        pattern=compiled(
            # 100 is CUDA_ERROR_NO_DEVICE where TensorFlow has no name for the code
            CUINIT + r"(?P<code>CUDA_ERROR_NO_DEVICE|UNKNOWN ERROR \(100(?:\)|[ \t\r]*$))"
            r"|Status: (?P<status>no CUDA-capable device is detected)"
        ),
        finding_id="cuda-visible-devices-hides-gpus",
        severity=Severity.ERROR,
        title=(
            "CUDA found no GPU ({code}{status}) although the driver library loaded: most often"
            " the GPUs are hidden from this process (CUDA_VISIBLE_DEVICES, a scheduler, a"
            " container)"
        ),
        fix=(
            VISIBLE_DEVICES_CHECK + " Unset it, or set it to UUIDs from nvidia-smi -L (or to"
            " indices, with"
            " CUDA_DEVICE_ORDER=PCI_BUS_ID: CUDA numbers the GPUs fastest first, nvidia-smi by"
            " PCI bus). Under a batch scheduler"
            " (SLURM: --gres=gpu:1), Ray or a container, the job must be given the GPU. If"
            " nvidia-smi lists no GPU either, the machine has none, or the GPU fell off the bus"
            " ('dmesg | grep -i xid'); an A100 or H100 in MIG mode needs MIG instances created"
            " ('nvidia-smi -L' lists them)."
        ),
        source=CUDA_ENV_VARS_URL,
        explained_by=DRIVER_ROOTS - {"cuda-visible-devices-hides-gpus"},
        variants=(
            # a hosted notebook's CPU runtime still has libcuda: no GPU was attached
            Variant(
                finding_id="no-nvidia-gpu",
                title=(
                    "CUDA found no GPU ({code}{status}) in a hosted notebook: this runtime has no"
                    " GPU attached"
                ),
                fix=HOSTED_GPU_RUNTIME_FIX,
                source=HOSTED_GPU_RUNTIME_SOURCE,
                with_signatures=frozenset({"hosted-notebook-path"}),
            ),
            # the driver's own tool absent where its library answered: an image that ships
            # libcuda on a machine with no GPU (a hosted notebook's CPU runtime, a CPU instance)
            Variant(
                finding_id="no-nvidia-gpu",
                title=NO_DEVICE_WITHOUT_SMI_TITLE,
                fix=NO_DEVICE_WITHOUT_SMI_FIX,
                source=HOSTED_GPU_RUNTIME_SOURCE,
                with_signatures=frozenset({SMI_MISSING_IN_A_POSIX_SHELL}),
                severity=Severity.WARNING,
            ),
        ),
    ),
    Signature(
        # XLA's device check finding no CUDA device in this process (TensorFlow 1.13 to 2.3
        # stop on it): the same as cuInit's CUDA_ERROR_NO_DEVICE, unless a GPU below XLA's
        # minimum compute capability was set aside first, or failed to start (tensorflow#30594:
        # out of memory), which those lines name.
        name="xla-no-cuda-devices",
        needles=("no supported devices found for platform CUDA",),
        # (not JAX's 'Unable to initialize backend 'cuda': ...', which is jaxlib's own)
        pattern=compiled(
            r"^(?![^\n]{0,300}Unable to initialize backend)[^\n]{0,300}?no supported devices"
            r" found for platform CUDA",
            re.MULTILINE,
        ),
        finding_id="cuda-visible-devices-hides-gpus",
        severity=Severity.WARNING,
        title=(
            "XLA found no CUDA device in this process (no supported devices found for platform"
            " CUDA): the GPUs are hidden from it, or it was given none"
        ),
        fix=(
            VISIBLE_DEVICES_CHECK + " Under a batch scheduler or launcher (SLURM: --gres=gpu:1;"
            " Horovod or MPI across nodes: each rank's node must give it a GPU), the process must"
            " be given the GPU. If nvidia-smi lists no GPU either, the machine has none."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/29216",
        # (and after a device XLA could not start, which its own line names: out of memory,
        # a driver or CUDA failure)
        explained_by=(DRIVER_ROOTS | XLA_DEVICE_FAILURES) - {"cuda-visible-devices-hides-gpus"},
    ),
    Signature(
        # Ray Tune's status: trials granted no GPU of the cluster's. Ray sets
        # CUDA_VISIBLE_DEVICES to the GPUs a task or trial asked for: none, so TensorFlow sees
        # none (ray-project/ray#3362).
        name="ray-trials-without-gpus",
        needles=("Resources requested:", "Logical resource usage:"),
        pattern=compiled(
            # trials running (CPUs in use) with none of the GPUs: a status with nothing running
            # (all trials done, or pending) says nothing
            r"(?:Resources requested|Logical resource usage): (?!0(?:\.0)?/)[\d.]{1,10}/"
            r"[\d.]{1,10} CPUs, 0(?:\.0)?/(?P<gpus>[1-9]\d{0,3}(?:\.0)?) GPUs"
        ),
        finding_id="cuda-visible-devices-hides-gpus",
        severity=Severity.WARNING,
        title=(
            "The trials Ray ran were given none of its {gpus} GPUs: Ray hides the GPUs from"
            " tasks that ask for none (CUDA_VISIBLE_DEVICES), so TensorFlow sees none"
        ),
        fix=(
            "Ask for the GPU per trial or task: tune.with_resources(trainable, {{'gpu': 1}}) (or"
            " resources_per_trial={{'gpu': 1}} in older Tune), @ray.remote(num_gpus=1) for a task"
            " or actor, or ScalingConfig(use_gpu=True) for Ray Train."
        ),
        source=(
            "https://github.com/ray-project/ray/blob/releases/0.7.0/doc/source/"
            "using-ray-with-gpus.rst"
        ),
        needs_no_gpu=True,
    ),
    Signature(
        # The code as a reporter quotes it, alone: in backticks, or starting a line with its
        # message ('it returns `CUDA_ERROR_NO_DEVICE`', tensorflow#808; a Ray actor's line
        # pasted alone, flybody#16). The same reading as the logged line, a warning: a quote
        # says neither who printed it nor whether it still happens.
        name="cuinit-no-device-quoted",
        # CUDA's message alone, as programs on the runtime print it ('no CUDA-capable device
        # is detected', R2CNN_Faster-RCNN_Tensorflow#28; 'CUDA error: ...' from PyTorch)
        needles=("CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected"),
        pattern=compiled(
            r"`CUDA_ERROR_NO_DEVICE(?:: no CUDA-capable device is detected)?`"
            r"|^[ \t>]*(?:CUDA_ERROR_NO_DEVICE: |cudaErrorNoDevice: |(?:RuntimeError: )?CUDA"
            r" error: )?no CUDA-capable device is detected\b"
        ),
        finding_id="cuda-visible-devices-hides-gpus",
        severity=Severity.WARNING,
        title=(
            "CUDA found no GPU ('no CUDA-capable device is detected', as quoted): most often the"
            " GPUs are hidden from the process"
        ),
        fix=(
            VISIBLE_DEVICES_CHECK + " Under a batch scheduler, Ray or a container, the job must"
            " be given the GPU. If"
            " nvidia-smi lists no GPU either, the machine has none. Paste TensorFlow's own lines"
            " around it to tell which."
        ),
        source=CUDA_ENV_VARS_URL,
        explained_by=DRIVER_ROOTS - {"cuda-visible-devices-hides-gpus"},
    ),
    Signature(
        # nvidia-smi's answer when the driver is loaded but it can reach no GPU.
        name="nvidia-smi-no-devices",
        needles=("No devices were found",),
        pattern=compiled(r"^[> \t]*No devices were found\s*$", re.MULTILINE),
        finding_id="no-nvidia-gpu",
        severity=Severity.ERROR,
        title="nvidia-smi finds no GPU: the driver answers, but no NVIDIA GPU is visible to it",
        fix=(
            "Check that the machine has an NVIDIA GPU ('lspci | grep -i nvidia'); if it does, the"
            " driver does not support it or it has fallen off the bus ('dmesg | grep -i nvrm'):"
            " install a driver that supports this GPU and reboot. In a VM or container, the GPU"
            " must be passed through to it."
        ),
        source="https://docs.nvidia.com/deploy/nvidia-smi/index.html",
        variants=(
            Variant(
                # The GPU is there; the driver failed to initialise it, so nvidia-smi lists none.
                finding_id="no-nvidia-driver",
                title=(
                    "nvidia-smi lists no GPU because the driver could not initialise it"
                    " (RmInitAdapter failed)"
                ),
                fix=(
                    "Fix the driver's start-up first (the RmInitAdapter line says why: 'sudo"
                    " dmesg | grep -i -e nvrm -e gsp')."
                ),
                source="https://github.com/NVIDIA/open-gpu-kernel-modules/issues/116",
                with_signatures=frozenset({"nvrm-init-adapter-failed"}),
            ),
            Variant(
                # The module named the GPU on the bus it will not drive (review 119: an RTX
                # 4090 under R470): the GPU is there, the driver release is the cause.
                finding_id="no-nvidia-driver",
                title=(
                    "nvidia-smi lists no GPU because the installed driver release does not"
                    " support the GPU on the bus (NVRM says so)"
                ),
                fix=(
                    "Install a driver release whose README lists this GPU ('Appendix A -"
                    " Supported NVIDIA GPU Products'): a newer branch for a new GPU, the legacy"
                    " branch for an old one, and reboot."
                ),
                source="https://github.com/NVIDIA/open-gpu-kernel-modules/issues/393",
                with_signatures=frozenset({"nvrm-gpu-not-supported"}),
            ),
        ),
    ),
    Signature(
        # WSL2 with a Windows driver 555 or newer: its libnvdxgdmal.so.1 must be mapped into the
        # container, which older NVIDIA Container Toolkits (and Docker Desktop before 4.31) do
        # not do; cuInit then fails with error 500.
        name="cuinit-named-symbol-not-found",
        needles=("CUDA_ERROR_NOT_FOUND", "Error 500: named symbol not found"),
        # the CUDA runtime's wording of the same cuInit failure (PyTorch's device count)
        pattern=compiled(
            r"(?i:failed call to cuInit): (?:INTERNAL: )?CUDA_ERROR_NOT_FOUND"
            r"|cudaGetDeviceCount\(\)[^\n]{0,200}?Error 500: named symbol not found"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "CUDA could not start (cuInit: named symbol not found): the NVIDIA Container Toolkit"
            " is older than the Windows driver needs to pass the GPU into this WSL2 container"
        ),
        fix=(
            "Update the NVIDIA Container Toolkit to 1.14.4 / 1.15.0 or newer (Docker Desktop to"
            " 4.31 or newer) and restart the container; or, for now, use a Windows driver older"
            " than 555."
        ),
        source="https://github.com/NVIDIA/nvidia-container-toolkit/issues/520",
    ),
    Signature(
        # NVIDIA's NGC containers check for the driver at start and print this banner.
        name="ngc-driver-not-detected",
        needles=("NVIDIA Driver was not detected",),
        pattern=compiled(r"The NVIDIA Driver was not detected\.\s+GPU functionality will not be"),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title="NVIDIA's container found no driver: it was started without access to the GPU",
        fix=(
            "Start the container with the GPU: 'docker run --gpus all ...' with the NVIDIA"
            " Container Toolkit on the host (in Kubernetes, request nvidia.com/gpu)."
        ),
        source=CONTAINER_TOOLKIT_URL,
    ),
    Signature(
        # The NGC container's own check of the GPU against what the image was built for.
        name="ngc-gpu-not-supported",
        needles=("supported in this version of the container", "not supported by this container"),
        pattern=compiled(
            r"Detected (?P<gpu>NVIDIA [^\n]{1,80}?|[^\n]{1,80}?) GPU, which is (?:not yet"
            r" supported in this version of the container|not supported by this container)"
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title="This container image was not built for the {gpu}",
        fix=(
            "Use a newer image of the container (one whose CUDA supports this GPU generation),"
            " or, for an old GPU the images dropped, an older image that still supports it."
        ),
        source="https://github.com/NVIDIA/DeepLearningExamples/issues/803",
    ),
    Signature(
        name="ngc-no-supported-gpu",
        needles=("No supported GPU(s) detected",),
        pattern=compiled(r"No supported GPU\(s\) detected to run this container"),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "NVIDIA's container found no GPU it supports: none was passed in, or it is unsupported"
        ),
        fix=(
            "Start the container with the GPU ('docker run --gpus all ...', NVIDIA Container"
            " Toolkit on the host); if it was, the image does not support this GPU: use another"
            " image."
        ),
        source="https://github.com/triton-inference-server/server/issues/135",
        explained_by=frozenset({"compute-capability-unsupported", "driver-too-old"}),
    ),
    Signature(
        # The NGC container's check of the host driver against its CUDA.
        name="ngc-driver-too-old",
        needles=("This container was built for NVIDIA Driver Release",),
        pattern=compiled(
            # NGC images of 2018-2019 name the branch alone: 'Release 410 or later'
            r"This container was built for NVIDIA Driver Release (?P<need>\d{3}(?:\.\d{1,3}){0,2})"
            r" or later"
        ),
        finding_id="driver-too-old",
        severity=Severity.ERROR,
        title="The host's NVIDIA driver is older than this container needs ({need} or later)",
        fix=(
            "Update the host's NVIDIA driver to {need} or later, or use an older image of the"
            " container built for the driver you have."
        ),
        source="https://github.com/NVIDIA/TensorRT-LLM/issues/23",
    ),
    Signature(
        # The driver lost the GPU: Xid 79, or nvidia-smi's "GPU is lost" (power, heat, PCIe).
        name="gpu-fallen-off-the-bus",
        needles=("fallen off the bus", "GPU is lost"),
        pattern=compiled(
            r"GPU has fallen off the bus|(?P<lost>GPU is lost)\.\s+Reboot the system to recover"
            # the driver's own message, which the kernel log parts over three lines ('The
            # NVIDIA GPU 0000:b3:00.0' ... 'NVRM: fallen off the bus and is not responding')
            r"|NVRM: fallen off the bus and is not responding to commands"
        ),
        finding_id="no-nvidia-gpu",
        severity=Severity.ERROR,
        title="The driver lost the GPU (it fell off the bus): no GPU is usable until a reboot",
        fix=(
            "Reboot. If it happens again, check the GPU's power (PSU, cables), cooling and the"
            " system BIOS, and 'dmesg | grep -i xid' for the Xid errors; NVIDIA's Xid catalogue"
            " lists what each means."
        ),
        source="https://github.com/NVIDIA/open-gpu-kernel-modules/issues/507",
    ),
    Signature(
        # nvidia-smi naming a GPU the driver enumerated but cannot reach: off the bus (seating,
        # heat) or without its power cables:
        # https://github.com/NVIDIA/open-gpu-kernel-modules/issues/387 ('Fixed by reseating'),
        # https://github.com/pdbear/syno_nvidia_gpu_driver/issues/22 (overheating)
        name="nvidia-smi-gpu-unreachable",
        needles=("Unable to determine the device handle for GPU",),
        pattern=compiled(
            # (newer drivers put the index first: 'GPU0: 0000:C1:00.0: Unknown Error')
            r"Unable to determine the device handle for GPU ?(?:\d{1,3}: )?(?P<bus>[\w:.]{1,20}):"
            r" (?P<why>"
            r"Unknown Error|Unable to communicate with GPU because it is insufficiently powered)"
        ),
        finding_id="no-nvidia-gpu",
        severity=Severity.ERROR,
        title="The driver cannot reach the GPU at {bus} ({why}): it is not usable",
        fix=(
            "Check the GPU's power cables and PSU, reseat it, and check its cooling; 'dmesg | grep"
            " -i -e xid -e nvrm' shows what the driver saw. A reboot brings a GPU that fell off"
            " the bus back until it happens again. Under WSL 2, a GPU Windows runs in TCC mode is"
            " unreachable (WSL takes WDDM GPUs only; 'nvidia-smi.exe -q' on Windows shows the"
            " driver model), and it can take the other GPUs with it (WSL#13027)."
        ),
        source="https://github.com/NVIDIA/open-gpu-kernel-modules/issues/387",
        # (one finding of its own, not merged under 'No devices were found', which follows it
        # in nvidia-smi's output and says less: the GPU is there, unreachable)
        subject="unreachable",
    ),
    Signature(
        # nvidia-docker 1.x: the host's nvidia_uvm module is not loaded.
        name="uvm-module-not-loaded",
        needles=("Could not load UVM kernel module",),
        pattern=compiled(r"Could not load UVM kernel module"),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="The host's nvidia_uvm kernel module is not loaded, so CUDA cannot start",
        fix=(
            "Load it on the host: 'sudo nvidia-modprobe -u -c=0' (or 'sudo modprobe nvidia_uvm'),"
            " then start the container again."
        ),
        source="https://github.com/NVIDIA/nvidia-docker/issues/396",
    ),
    Signature(
        # A container's device cgroup not letting it open /dev/nvidia*: systemd reloading its
        # units drops them from a running container; the toolkit told not to manage cgroups
        # (no-cgroups = true) or Kubernetes' static CPU manager never grants them (6 of 6
        # settled in containers, survey 11x).
        name=NVML_UNKNOWN,
        needles=("Failed to initialize NVML: Unknown Error", "NVMLError_Unknown"),
        # nvidia-smi's words, and NVML's NVML_ERROR_UNKNOWN as pynvml names it
        pattern=compiled(r"Failed to initialize NVML: Unknown Error|NVMLError_Unknown\b"),
        finding_id="container-gpu-not-exposed",
        severity=Severity.WARNING,
        title=NVML_UNKNOWN_TITLE,
        fix=NVML_UNKNOWN_FIX,
        source=NVML_UNKNOWN_SOURCE,
    ),
)
