"""Signatures: compute capability against the build's kernels, and the PTX toolchain."""

from __future__ import annotations

import dataclasses
import re

from packaging.specifiers import SpecifierSet

from ...findings import Severity
from .model import (
    BENIGN,
    PTXAS_MISREAD,
    Signature,
    Variant,
    compiled,
)

UNSUPPORTED_PTX_FIX = (
    "Update the NVIDIA driver to one that supports the CUDA version this TensorFlow was"
    " built with (nvidia-smi shows the CUDA version the driver supports), or install a"
    " TensorFlow built with an older CUDA."
)
PTXAS_FIX = (
    "Install the nvidia-cuda-nvcc wheel in the same environment (part of"
    " 'tensorflow[and-cuda]' from 2.14; releases before 2.14 do not look there), or put a CUDA"
    " toolkit's bin directory (with ptxas) on PATH."
)

_LIBDEVICE_MISSING = (
    r"(?:libdevice not found at|libdevice is required by this HLO module but was not found at)"
    r" (?P<path>\S+)"
)
LIBDEVICE_TITLE = "XLA failed: libdevice not found (looked for {path})"
NO_KERNEL_IMAGE_TITLE = (
    "The GPU cannot run this TensorFlow's kernels ({what}): its compute capability is not one the"
    " build includes"
)
NO_KERNEL_IMAGE_FIX = (
    "Check the GPU's compute capability (nvidia-smi --query-gpu=name,compute_cap --format=csv)"
    " against the release ('tfgpu-setup matrix show'): an older GPU needs an older TensorFlow, a"
    " GPU newer than the build a newer one, built with a CUDA that supports it (an RTX 30 card:"
    " 2.4 and later; a Blackwell GPU: 2.21, else NVIDIA's NGC container). 'tfgpu-setup plan --gpu"
    " NAME' picks the release."
)

WINDOWS_PTX_FIX = "Nothing to do: there is no ptxas to install for it on native Windows."
WINDOWS_PTX_SOURCE = "https://github.com/tensorflow/models/issues/7640"

OLDER_THAN_REQUIRED = "ptxas-older-than-required"
NEWER_PTXAS_FIX = (
    "Install the nvidia-cuda-nvcc wheel this TensorFlow pins (part of 'tensorflow[and-cuda]')"
    " and put its bin folder first on PATH, or remove the old CUDA from PATH; the activate"
    " script of 'tfgpu-setup apply' does this."
)

OLD_PTXAS_TITLE = (
    "XLA found a ptxas it should not use{ptxas_note} (too old for this TensorFlow or GPU): it"
    " falls back to the driver"
)
OLD_PTXAS_BEFORE_WHEELS_FIX = (
    "An old CUDA toolkit's bin folder comes first on PATH. This release does not look in the"
    " nvidia-cuda-nvcc wheel (2.14 and later do): put the bin folder of a CUDA toolkit at least"
    " as new as the one this TensorFlow was built with first on PATH ('which ptxas' shows the"
    " one found), or take the old toolkit's off PATH."
)
"""Before 2.14 the ptxas XLA runs is the first on PATH: no wheel's (tensorflow#58681)."""


def old_ptxas_signature(name: str, needles: tuple[str, ...], pattern: re.Pattern[str]) -> Signature:
    """A line saying the ptxas XLA found is too old (for the GPU, or for the release)."""
    return Signature(
        name=name,
        needles=needles,
        pattern=pattern,
        finding_id="xla-toolchain-missing",
        severity=Severity.WARNING,
        title=OLD_PTXAS_TITLE.format(ptxas_note=""),
        fix="An old CUDA toolkit's bin folder comes first on PATH. " + NEWER_PTXAS_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/62064",
        variants=(old_ptxas_before_wheels(OLD_PTXAS_TITLE.format(ptxas_note="")),),
    )


def old_ptxas_before_wheels(title: str) -> Variant:
    """The reading of an old ptxas for a release that looks in no wheel for one."""
    return Variant(
        "xla-toolchain-missing",
        title,
        OLD_PTXAS_BEFORE_WHEELS_FIX,
        "https://github.com/tensorflow/tensorflow/issues/58681",
        tf_versions=SpecifierSet("<2.14"),
    )


LIBDEVICE_BEFORE_WHEELS_FIX = (
    "This release does not look in the nvidia-cuda-nvcc wheel (2.14 and later do): point XLA at"
    " a CUDA toolkit's folder, XLA_FLAGS=--xla_gpu_cuda_data_dir=/usr/local/cuda-X.Y (the CUDA"
    " this TensorFlow was built with). In a conda environment, TensorFlow's own 2.12 guide:"
    " 'conda install -c nvidia cuda-nvcc', XLA_FLAGS=--xla_gpu_cuda_data_dir=$CONDA_PREFIX/lib,"
    " and copy $CONDA_PREFIX/lib/libdevice.10.bc into $CONDA_PREFIX/lib/nvvm/libdevice/."
)
"""Before 2.14 TensorFlow searches no pip wheel for CUDA's tools (tensorflow#58681)."""
LIBDEVICE_BEFORE_WHEELS = Variant(
    "xla-toolchain-missing",
    LIBDEVICE_TITLE,
    LIBDEVICE_BEFORE_WHEELS_FIX,
    "https://github.com/tensorflow/tensorflow/issues/58681",
    tf_versions=SpecifierSet("<2.14"),
)
LIBDEVICE_FIX = (
    "Install the nvidia-cuda-nvcc wheel in the same environment (part of"
    " 'tensorflow[and-cuda]'), or point XLA at a CUDA toolkit:"
    " XLA_FLAGS=--xla_gpu_cuda_data_dir=<dir containing nvvm/libdevice>. On native"
    " Windows (TensorFlow up to 2.10) that is the CUDA toolkit's folder, e.g."
    ' XLA_FLAGS=--xla_gpu_cuda_data_dir="C:/Program Files/NVIDIA GPU Computing'
    ' Toolkit/CUDA/v11.2".'
)

CUBIN_LINK_REFUSED = (
    "The driver refused the GPU code XLA's ptxas compiled (cuLinkAddData): the ptxas is of a"
    " newer CUDA than the driver supports"
)
CUBIN_LINK_FIX = (
    "Update the NVIDIA driver to one supporting the CUDA of that ptxas ('nvcc --version', or the"
    " nvidia-cuda-nvcc wheel's version), or put the ptxas of the driver's CUDA first on PATH (pin"
    " the nvidia-cuda-nvcc wheel to the driver's CUDA)."
)
CUBIN_LINK_SOURCE = "https://github.com/jax-ml/jax/issues/5723"
OLDER_RELEASE_FOR_THE_CC = (
    "Install an older TensorFlow whose binaries still include compute capability {cc}"
    " ('tfgpu-setup plan --gpu {cc}' chooses one, or says there is none: no PyPI build runs"
    " below 3.5), or build TensorFlow from source for it (below 3.5: TensorFlow 2.3 or older,"
    " with CUDA 10, the last CUDA that builds for 3.0)."
)

KERNELS: tuple[Signature, ...] = (
    # --- The GPU's compute capability against the kernels in the TensorFlow build. ---
    Signature(
        name="min-compute-capability",
        needles=("The minimum required Cuda capability is",),
        pattern=compiled(
            r"Ignoring (?:visible )?gpu device \((?:device: \d+, )?name: (?P<gpu>[^,]{1,255}),"
            r"[^)]{0,1024}\)"
            r"\s{1,8}with Cuda compute capability (?P<cc>\d+\.\d+)\."
            # TensorFlow breaks the line here; a paste may keep its tab, or lose the break
            r"\s{1,8}The minimum required Cuda capability is (?P<min_cc>\d+\.\d+)"
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=(
            "TensorFlow ignores the {gpu} (compute capability {cc}): this build needs at least"
            " {min_cc}"
        ),
        fix=OLDER_RELEASE_FOR_THE_CC,
        source="https://github.com/tensorflow/tensorflow/issues/25329",
        subject="{cc}",
    ),
    Signature(
        # The same record with its reason cut off by the paste (a terminal's width, an issue's
        # line limit): TensorFlow dropped the GPU, and the capability it prints is the reason
        # unless the cut tail says 'core count' (the multiprocessor rule, read elsewhere)
        name="min-compute-capability-cut",
        needles=("Ignoring visible gpu device", "Ignoring gpu device"),
        pattern=compiled(
            r"Ignoring (?:visible )?gpu device \((?:device: \d+, )?name: (?P<gpu>[^,]{1,255}),"
            r"[^)\n]{0,1024}?compute capability: (?P<cc>\d+\.\d+)\)"
            r"(?: with(?: Cuda(?: compute(?: capa\w{0,10})?)?)?)?[ \t]*$",
            re.MULTILINE,
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=(
            "TensorFlow ignores the {gpu} (compute capability {cc}): the paste cuts the reason,"
            " which for this record is that the build needs a higher compute capability"
        ),
        fix=OLDER_RELEASE_FOR_THE_CC,
        source="https://github.com/tensorflow/tensorflow/issues/25329",
        subject="{cc}",
    ),
    Signature(
        # The same refusal retyped or quoted without the device's description (Liang-yc/ssq#25:
        # 'Ignoring gpu device with Cuda compute capability 3.0. The minimum required ...').
        name="min-compute-capability-unnamed",
        # (retyped: 'GPU', 'CUDA' in capitals, or the sentence's first letters in lower case)
        needles=(
            "The minimum required Cuda capability is",
            "The minimum required CUDA capability is",
            "the minimum required CUDA capability is",
            "the minimum required Cuda capability is",
        ),
        pattern=compiled(
            r"[Ii]gnoring (?:visible )?(?:gpu|GPU) device with (?:Cuda|CUDA) compute capability"
            r" (?P<cc>\d+\.\d+)\.\s{1,8}[Tt]he minimum required (?:Cuda|CUDA) capability is"
            r" (?P<min_cc>\d+\.\d+)"
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=(
            "TensorFlow ignores a GPU of compute capability {cc}: this build needs at least"
            " {min_cc}"
        ),
        fix=OLDER_RELEASE_FOR_THE_CC,
        source="https://github.com/Liang-yc/ssq/issues/25",
        subject="{cc}",
    ),
    Signature(
        # XLA's own check of each GPU (platform_util.cc, TensorFlow 1.x to 2.3): it prints the
        # device's compute capability only when it is below XLA's minimum, and TensorFlow 1.13
        # then stops with 'no supported devices found for platform CUDA' (tensorflow#29216).
        name="xla-device-below-minimum-capability",
        needles=("is of insufficient compute capability",),
        pattern=compiled(
            r"StreamExecutor cuda device \((?P<ordinal>\d{1,3})\) is of insufficient compute"
            r" capability: (?P<min_cc>\d+\.\d+) required, device is (?P<cc>\d+\.\d+)"
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=(
            "XLA refuses GPU {ordinal}: its compute capability {cc} is below the {min_cc} it"
            " needs, as TensorFlow's own builds do"
        ),
        fix=(
            "Use a GPU of compute capability {min_cc} or higher, or a TensorFlow whose binaries"
            " include {cc} (`tfgpu-setup plan --gpu NAME` chooses one where a release does; a"
            " build from source for it uses the GPU without XLA)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/29216",
        subject="{cc}",
    ),
    Signature(
        # The same check in a program's own words before it starts TensorFlow (DeepFaceLab's
        # device query): no GPU reaches the build's minimum
        name="no-device-of-minimum-capability",
        needles=("No CUDA device found with minimum required compute capability",),
        pattern=compiled(
            r"No CUDA device found with minimum required compute capability (?P<min_cc>\d+\.\d+)"
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=(
            "The program's device query found no NVIDIA GPU of compute capability {min_cc} or"
            " higher: an older GPU, or none it could see"
        ),
        fix=(
            "Run nvidia-smi: where it lists no GPU, the driver is the problem; where it does,"
            " 'nvidia-smi --query-gpu=name,compute_cap --format=csv' shows each GPU's compute"
            " capability, and one below {min_cc} needs a newer GPU or a build made for it."
        ),
        source="https://github.com/iperov/DeepFaceLab/issues/264",
        subject="{min_cc}",
        explained_by=frozenset({"no-nvidia-driver", "no-nvidia-gpu", "container-gpu-not-exposed"}),
    ),
    Signature(
        # The same check in a program's words for a GPU it found below its minimum, before it
        # starts TensorFlow on the CPU (DeepFaceLab#140: a Tesla K40m, 3.5, under 3.7)
        name="gpu-below-minimum-capability",
        needles=("does not meet minimum required compute capability",),
        pattern=compiled(
            r"(?P<gpu>\w[\w -]{0,60}?) does not meet minimum required compute capability:?"
            r" (?P<min_cc>\d+\.\d+)"
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=(
            "The program skips the {gpu}: its compute capability is below the {min_cc} this"
            " build needs, so it runs on the CPU"
        ),
        fix=(
            "Install an older TensorFlow (or build of the program) whose binaries still include"
            " this GPU's compute capability (`tfgpu-setup plan --gpu NAME` chooses one), or use a"
            " GPU of compute capability {min_cc} or higher."
        ),
        source="https://github.com/iperov/DeepFaceLab/issues/140",
        subject="{min_cc}",
        # (no explained_by: the program found this GPU and read its compute capability)
    ),
    Signature(
        # tensorflow-rocm's branch of the same loop in gpu_device.cc: the GPU's gfx ISA is not
        # among those the build was compiled for.
        name="rocm-gfx-unsupported",
        needles=("with AMDGPU version : ", "with AMDGPU ISA "),
        pattern=compiled(
            # (a retyped line may lose the device's description)
            r"Ignoring visible gpu device (?:\((?:device: \d+, )?name: (?P<gpu>[^,]{0,255}),"
            r"[^)]{0,1024}\) )?with AMDGPU (?:version :|ISA) (?P<gfx>gfx ?\w{1,12})\."
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title="tensorflow-rocm ignores an AMD GPU of ISA {gfx}: this build has no kernels for it",
        fix=(
            "Install a tensorflow-rocm release (or ROCm container) built for {gfx}; for an RDNA2"
            " card outside the list, HSA_OVERRIDE_GFX_VERSION=10.3.0 is the known workaround. If"
            " {gfx} is in the list but run together with another (gfx1030gfx1100), it is the list"
            " bug of tensorflow-rocm 2.14.0.600: upgrade it."
        ),
        source="https://github.com/ROCm/tensorflow-upstream/issues/2118",
        subject="{gfx}",
    ),
    Signature(
        # The HIP runtime finds no code object for the GPU's ISA in the loaded libraries.
        name="hip-no-binary-for-gpu",
        needles=("hipErrorNoBinaryForGpu",),
        pattern=compiled(
            r"hipErrorNoBinaryForGpu: (?:Unable to find code object|Cou?l?dn't find binary)"
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title="ROCm has no GPU code for this AMD GPU's architecture (hipErrorNoBinaryForGpu)",
        fix=(
            "Use a ROCm and tensorflow-rocm release that supports this GPU (AMD's support list);"
            " for an RDNA2 card outside it, HSA_OVERRIDE_GFX_VERSION=10.3.0 is the known"
            " workaround."
        ),
        source="https://github.com/ROCm/tensorflow-upstream/issues/1305",
    ),
    Signature(
        name="no-kernels-for-new-gpu",
        # XLA names arch-specific and family features with a suffix: '12.0a', '10.0f'.
        needles=("not built with CUDA kernel binaries",),
        pattern=compiled(
            r"not built with CUDA kernel binaries compatible with compute capability"
            r" (?P<cc>[1-9]\d+\.\d+)[af]?(?!\.?\d)"
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=(
            "No TensorFlow kernels for compute capability {cc}: the PTX JIT fallback fails on"
            " this GPU generation (CUDA_ERROR_INVALID_PTX / INVALID_HANDLE)"
        ),
        fix=(
            "PyPI TensorFlow ships kernels up to sm_90 only. From 2.21 its PTX runs on these GPUs"
            " with CUDA 12.8 libraries, outside XLA's own compiles ('tfgpu-setup plan' pins"
            " them); before 2.21 use NVIDIA's NGC TensorFlow container, or a TensorFlow built from"
            " source with CUDA >= 12.8 and this compute capability."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/97387",
        subject="{cc}",
        variants=(
            Variant(
                # From 2.21 the PTX TensorFlow ships JIT-compiles for Blackwell GPUs when the
                # CUDA libraries are 12.8 or newer (which [and-cuda]'s ranges let pip pick); XLA's
                # own compiles (jit_compile=True) still fail there (tensorflow#111958).
                "compute-capability-ptx-jit",
                "No native TensorFlow kernels for compute capability {cc}: TensorFlow 2.21"
                " JIT-compiles its PTX for it, slowly the first time",
                "Expected on Blackwell GPUs: keep the JIT cache between runs"
                " (CUDA_CACHE_MAXSIZE=4294967296), use NVIDIA's CUDA 12.8 or newer libraries"
                " (pip install 'tensorflow[and-cuda]' picks them), and avoid jit_compile=True,"
                " which fails on these GPUs in 2.21 (tensorflow#111958).",
                "https://github.com/tensorflow/tensorflow/issues/111958",
                tf_versions=SpecifierSet(">=2.21"),
                severity=Severity.WARNING,
                # unless the log shows the JIT's kernels failing to load or launch
                unless_signatures=frozenset(
                    {"invalid-ptx", "no-kernel-image", "cuda-invalid-handle"}
                ),
            ),
        ),
    ),
    Signature(
        # What a kernel JIT-compiled from PTX the driver could not load returns at launch on a
        # Blackwell GPU (tensorflow#97387): alone it says little, beside the JIT line it fails.
        name="cuda-invalid-handle",
        needles=("INVALID_HANDLE",),
        # only a kernel that would not load or launch: a handle destroyed twice at shutdown
        # says nothing of the JIT
        pattern=compiled(
            r"(?:cuModuleGetFunction|cuModuleLoad\w{0,20}|cuLaunchKernel)\([^)\n]{0,200}\)'?"
            r" failed with '?CUDA_ERROR_INVALID_HANDLE|^[ \t]*CUDA_ERROR_INVALID_HANDLE[ \t]*$"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="A CUDA call was given an invalid handle",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/97387",
    ),
    Signature(
        name="no-kernels-ptx-jit",
        needles=("not built with CUDA kernel binaries",),
        pattern=compiled(
            r"not built with CUDA kernel binaries compatible with compute capability"
            r" (?P<cc>\d\.\d+)[af]?(?!\.?\d)"
        ),
        finding_id="compute-capability-ptx-jit",
        severity=Severity.WARNING,
        title=(
            "No native TensorFlow kernels for compute capability {cc}: they are JIT-compiled from"
            " PTX, which can take 30 minutes or more the first time"
        ),
        fix=(
            "Expected for GPUs newer than the TensorFlow build. Keep the JIT cache between runs"
            " (CUDA_CACHE_MAXSIZE=4294967296, CUDA_CACHE_PATH on a persistent disk), or install a"
            " TensorFlow release with native kernels for {cc}."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/60739",
        subject="{cc}",
    ),
    Signature(
        name="invalid-ptx",
        needles=("_PTX",),
        pattern=compiled(r"CUDA_ERROR_INVALID_PTX"),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=(
            "The driver could not JIT-compile TensorFlow's PTX for this GPU"
            " (CUDA_ERROR_INVALID_PTX)"
        ),
        fix=(
            "The GPU is newer than this TensorFlow build (typically a Blackwell RTX 50xx or"
            " B-series GPU with a PyPI TensorFlow): TensorFlow 2.21 and newer run their PTX there"
            " with NVIDIA's CUDA 12.8 or newer libraries ('tfgpu-setup plan' pins them; under 2.21"
            " this error means older ones loaded); otherwise NVIDIA's NGC TensorFlow container or"
            " a TensorFlow built for this compute capability."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/101746",
        explained_by=frozenset({"compute-capability-unsupported", "ptxas-newer-than-driver"}),
        # the driver JIT-compiles a kernel only for a GPU a CUDA context runs on: the device
        # exists and the work failed on it
        proves_gpu=True,
        at_work=True,
    ),
    Signature(
        # TensorFlow's own kernel launched on its GPU device and refused for want of an image
        # (gsethi2409/tf-pose-estimation#3: 'Non-OK-status: GpuLaunchKernel(...) status:
        # Internal: no kernel image is available'): the device exists and the work failed there,
        # whether or not the paste shows the device line
        name="kernel-launch-no-image",
        needles=("LaunchKernel(",),
        pattern=compiled(
            r"(?:Gpu|Cuda)LaunchKernel\([^\n]{0,600}?status: Internal: (?P<what>no kernel image"
            r" is available for execution on the device)"
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=NO_KERNEL_IMAGE_TITLE,
        fix=NO_KERNEL_IMAGE_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/42467",
        proves_gpu=True,
        at_work=True,
    ),
    Signature(
        name="no-kernel-image",
        needles=(
            "kernel image",
            "NO_BINARY_FOR_GPU",
            "ARCH_MISMATCH",
            "NoKernelImageForDevice",
            "StatusArchMismatch",
        ),
        pattern=compiled(
            r"(?P<what>no kernel image is available for execution on the device"
            r"|device kernel image is invalid|CUDA_ERROR_NO_BINARY_FOR_GPU"
            r"|cudaErrorNoKernelImageForDevice|CUBLAS_STATUS_ARCH_MISMATCH"
            r"|CUDNN_STATUS_(?:NOT_SUPPORTED_)?ARCH_MISMATCH|cudnnStatusArchMismatch)"
            # not where only the redzone checker's own kernel lacked an image (gpu_utils.cc:
            # "...; skipping this check. This only means that we won't check cudnn ...")
            r"(?![^\n]{0,400}skipping this check)"
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=NO_KERNEL_IMAGE_TITLE,
        fix=NO_KERNEL_IMAGE_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/42467",
        variants=(
            # the driver refusing to link what XLA's ptxas compiled says 'no kernel image' too
            Variant(
                finding_id="ptxas-newer-than-driver",
                title=CUBIN_LINK_REFUSED,
                fix=CUBIN_LINK_FIX,
                source=CUBIN_LINK_SOURCE,
                with_signatures=frozenset({"cubin-link-refused"}),
            ),
            # XLA's own PTX that did not load after XLA found its ptxas too old for the GPU and
            # fell back to the driver's compiler: the ptxas on PATH is the cause, not the
            # build's kernels (jax-ml/jax#17976: an old CUDA's ptxas beside an RTX 4090)
            Variant(
                finding_id="xla-toolchain-missing",
                title=(
                    "XLA's code did not load on the GPU ({what}) after XLA found its ptxas too"
                    " old for this GPU and fell back to the driver"
                ),
                fix="An old CUDA toolkit's bin folder comes first on PATH. " + NEWER_PTXAS_FIX,
                source="https://github.com/jax-ml/jax/issues/17976",
                with_signatures=frozenset({"ptxas-behind-the-gpu", "xla-ptx-load-failed"}),
            ),
        ),
    ),
    Signature(
        # XLA's fallback for a GPU of compute capability 7.x to 9.x its ptxas does not know:
        # that ptxas is older than the GPU, an old toolkit first on PATH (jax-ml/jax#17976).
        # Not for 3.x and 5.x, which a new ptxas dropped, nor for Blackwell's 10.0 and up,
        # newer than the CUDA of every release before 2.21 (ptxas from its own wheel too).
        name="ptxas-behind-the-gpu",
        needles=("ptxas does not support CC",),
        pattern=compiled(r"ptxas does not support CC [789]\.\d"),
        finding_id=None,
        severity=Severity.INFO,
        title="XLA's ptxas predates this GPU",
        fix="",
        source="https://github.com/jax-ml/jax/issues/17976",
    ),
    Signature(
        # XLA loading the PTX it generated as a module (cuda_driver.cc): positive evidence that
        # the image that failed is XLA's, not one of the build's kernels.
        name="xla-ptx-load-failed",
        needles=("failed to load PTX text as a module", "Failed to load PTX text as a module"),
        pattern=compiled(r"[Ff]ailed to load PTX text as a module"),
        finding_id=None,
        severity=Severity.INFO,
        title="XLA could not load the PTX it generated",
        fix="",
        source="https://github.com/jax-ml/jax/issues/17976",
    ),
    Signature(
        # TensorFlow's own MLIR-generated kernels (kernel_gen) loaded as modules at run time:
        # their PTX is the build's, written by the CUDA TensorFlow was built with, not XLA's.
        name="tf-prebuilt-kernel-load",
        needles=("tf_gpu_runtime_wrappers.cc",),
        pattern=compiled(r"tf_gpu_runtime_wrappers\.cc:\d{1,5}\] 'cuModule"),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow loaded one of its own prebuilt GPU kernels",
        fix="",
        source="https://github.com/CY-CHENYUE/ComfyUI-Molmo/issues/26",
    ),
    Signature(
        # TF's launch configuration asks CUDA about each kernel and CHECKs the answer
        # (gpu_launch_config.h): cudaErrorNoKernelImageForDevice is 209 since CUDA 10.1, 48 before.
        name="launch-config-no-kernel-image",
        needles=("err == cudaSuccess",),
        pattern=compiled(r"Check failed: err == cudaSuccess \((?P<code>209|48) vs\. 0\)"),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=(
            "TensorFlow aborted: CUDA has no kernel image for this GPU (error {code},"
            " cudaErrorNoKernelImageForDevice): its compute capability is not one the build"
            " includes"
        ),
        fix=(
            "Check the GPU's compute capability (nvidia-smi --query-gpu=name,compute_cap"
            " --format=csv) against the release ('tfgpu-setup matrix show'); 'tfgpu-setup plan"
            " --gpu NAME' picks a release built for it."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/08df8c40b4376ed012fa3ba03ff3e3068d8d2a94/"
            "tensorflow/core/util/gpu_launch_config.h"
        ),
    ),
    Signature(
        # CUDA's older word for a kernel with no image for this GPU (cudaErrorInvalidDeviceFunction,
        # 98): 'no kernel image is available' took over its most common case in later CUDA. A
        # CUDA runtime other than the build's (a renamed libcudart) fails the same way.
        name="invalid-device-function",
        needles=("invalid device function", "InvalidDeviceFunction"),
        pattern=compiled(r"invalid device function|cudaErrorInvalidDeviceFunction"),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=(
            "The GPU could not run a kernel of this build (invalid device function): its compute"
            " capability is not one the build includes, or the CUDA runtime loaded is not the"
            " one TensorFlow was built with"
        ),
        fix=(
            "Check the GPU's compute capability against the release ('tfgpu-setup plan --gpu"
            " NAME' picks one that has it), and that the CUDA TensorFlow loads is the version it"
            " was built with, not another renamed or linked to its name. Where the failing kernel"
            " is a project's own CUDA op (a .so it compiled, 'cudaCheckError()'), rebuild that op"
            " with -arch=sm_XY for this GPU."
        ),
        source="https://docs.nvidia.com/cuda/cuda-runtime-api/group__CUDART__TYPES.html",
        explained_by=frozenset({"cuda-version-mismatch"}),
    ),
    Signature(
        # XLA's own LLVM emits PTX of the ISA its CUDA knew; a GPU newer than that is no target
        # it can write for (Blackwell's sm_120 needs PTX 8.7, TF 2.21's XLA writes 8.5).
        name="xla-ptx-too-old-for-gpu",
        needles=("does not support target",),
        pattern=compiled(
            r"PTX version (?P<ptx>\d+\.\d+) does not support target '(?P<target>sm_\d+[af]?)'"
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=("XLA cannot compile for this GPU ({target}): the PTX {ptx} it writes predates it"),
        fix=(
            "Turn XLA's compiles off (jit_compile=False in model.compile, no TF_XLA_FLAGS"
            " auto-jit): TensorFlow's own kernels still run on it through PTX JIT from 2.21."
            " Otherwise use NVIDIA's NGC TensorFlow container or a build for this GPU."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/111958",
        subject="{target}",
    ),
    # --- PTX, ptxas and libdevice: the toolchain XLA and the PTX JIT use at run time. ---
    Signature(
        name="unsupported-ptx-version",
        needles=("_PTX", "unsupported toolchain", "UnsupportedPtxVersion"),
        # the driver API's name, the runtime API's (cudaErrorUnsupportedPtxVersion, 222), or
        # the words both give it
        pattern=compiled(
            r"CUDA_ERROR_UNSUPPORTED_PTX_VERSION|cudaErrorUnsupportedPtxVersion"
            r"|the provided PTX was compiled with an unsupported toolchain"
        ),
        finding_id="ptxas-newer-than-driver",
        severity=Severity.ERROR,
        title="The driver cannot load PTX from a newer CUDA toolchain (unsupported PTX version)",
        fix=UNSUPPORTED_PTX_FIX,
        source="https://github.com/CY-CHENYUE/ComfyUI-Molmo/issues/26",
        variants=(
            Variant(
                # the PTX is the build's own (no local ptxas wrote it): the driver is older
                # than the CUDA TensorFlow was built with
                finding_id="driver-too-old",
                title=(
                    "The driver cannot load the PTX of TensorFlow's own kernels (unsupported PTX"
                    " version): it is older than the CUDA this TensorFlow was built with"
                ),
                fix=UNSUPPORTED_PTX_FIX,
                source="https://github.com/CY-CHENYUE/ComfyUI-Molmo/issues/26",
                with_signatures=frozenset({"tf-prebuilt-kernel-load"}),
            ),
        ),
    ),
    Signature(
        # XLA links the cubin its ptxas (the local CUDA's, or NVIDIA's nvcc wheel) compiled, and
        # the driver refuses it: ptxas is newer than the driver, which later releases say in so
        # many words ('cuLinkAddData fails. This is usually caused by stale driver version';
        # jax#5723, driver 450 for CUDA 11.0 beside nvcc 11.1).
        name="cubin-link-refused",
        needles=("cuda_asm_compiler.cc(", "stale driver version"),
        pattern=compiled(
            r"cuda_asm_compiler\.cc\(\d{1,5}\): 'cuLink(?:AddData|Complete)\("
            r"|cuLinkAddData fails\. This is usually caused by stale driver version"
        ),
        finding_id="ptxas-newer-than-driver",
        severity=Severity.ERROR,
        title=CUBIN_LINK_REFUSED,
        fix=CUBIN_LINK_FIX,
        source=CUBIN_LINK_SOURCE,
    ),
    Signature(
        name="driver-older-than-ptxas",
        needles=("which is older than the",),
        pattern=compiled(
            r"The NVIDIA driver's CUDA version is (?P<driver_cuda>\d+(?:\.\d+)*) which is older"
            r" than the (?:PTX compiler|ptxas CUDA) version \(?(?P<ptxas>\d+(?:\.\d+)*)"
        ),
        finding_id="ptxas-newer-than-driver",
        severity=Severity.WARNING,
        title=(
            "The driver supports CUDA {driver_cuda} but XLA's PTX compiler is {ptxas}: XLA"
            " compiles serially (slower)"
        ),
        fix=(
            "Update the NVIDIA driver to one supporting CUDA {ptxas} or later, or pin the"
            " nvidia-cuda-nvcc wheel (which provides ptxas) to the driver's CUDA version."
        ),
        source="https://github.com/conda-forge/tensorflow-feedstock/issues/417",
        subject="{driver_cuda}/{ptxas}",
    ),
    Signature(
        # XLA's compile stopping on a ptxas release its list of miscompiling ones holds: an
        # 'F' line, the process aborts (tensorflow#68966: ptxas 12.3.103 with TensorFlow 2.16)
        name="ptxas-known-bug-refused",
        needles=("has a bug that we think can affect XLA",),
        pattern=compiled(
            r"(?:ptxas returned an error during compilation of ptx to sass: '?)?(?:INTERNAL: )?"
            r"ptxas (?P<ptxas>\d+(?:\.\d+){1,3}) has a bug that we think can affect XLA"
        ),
        finding_id="xla-toolchain-missing",
        severity=Severity.ERROR,
        title=(
            "XLA refused ptxas {ptxas}, a release it knows to miscompile, and stopped the compile"
        ),
        fix=(
            "Put a ptxas of another release first on PATH: the nvidia-cuda-nvcc wheel this"
            " TensorFlow pins (part of 'tensorflow[and-cuda]'), or a CUDA toolkit of another"
            " release; 'which ptxas' and 'ptxas --version' show the one found."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/68966",
        # XLA compiles for the GPU device it runs on: that work failed there
        proves_gpu=True,
        at_work=True,
    ),
    Signature(
        # asm_compiler's check of the ptxas it is about to run, when it compiles PTX for the
        # GPU device it runs on (XLA, cuDNN autotuning's redzone checker): the GPU was there,
        # at work, and XLA falls back to the driver
        name="ptxas-older-than-known-good",
        needles=("You are using ptxas",),
        pattern=compiled(
            r"You are using ptxas (?!" + PTXAS_MISREAD + r")(?P<ptxas>\d+(?:\.\d+|\.x)*)"
            r"(?:, which (?:is )?older than|,? but TF requires ptxas)"
        ),
        finding_id="xla-toolchain-missing",
        severity=Severity.WARNING,
        title=OLD_PTXAS_TITLE,
        fix="An old CUDA toolkit's bin folder comes first on PATH. " + NEWER_PTXAS_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/62064",
        variants=(old_ptxas_before_wheels(OLD_PTXAS_TITLE),),
        proves_gpu=True,
    ),
    old_ptxas_signature(
        "ptxas-too-old",
        ("ptxas does not support CC", "ptxas too old"),
        compiled(r"ptxas does not support CC (?P<cc>\d+\.\d+)|ptxas\S* too old"),
    ),
    # asm_compiler's version check of the ptxas it found: older than the release needs,
    # whatever the GPU (review 97: CUDA 11.2's ptxas first on PATH under 2.16)
    old_ptxas_signature(
        OLDER_THAN_REQUIRED,
        ("XLA requires ptxas version",),
        compiled(r"XLA requires ptxas version (?P<needed>\d+(?:\.\d+)*) or higher"),
    ),
    Signature(
        # ptxas itself refusing XLA's PTX: its PTX ISA is newer than this ptxas knows, so a
        # CUDA toolkit older than the build's comes first on PATH (asm_compiler.cc passes
        # ptxas's own words on; XLA aborts on them).
        name="ptxas-rejects-ptx-version",
        needles=("Unsupported .version",),
        pattern=compiled(
            r"Unsupported \.version (?P<ptx>\d+\.\d+); current version is '?(?P<known>\d+\.\d+)"
        ),
        finding_id="xla-toolchain-missing",
        severity=Severity.ERROR,
        title=(
            "XLA's PTX (ISA {ptx}) is newer than the ptxas it ran knows ({known}): an older CUDA"
            " toolkit's ptxas comes first"
        ),
        fix="An old CUDA toolkit's bin folder comes first on PATH. " + NEWER_PTXAS_FIX,
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v2.4.0/tensorflow/stream_executor/gpu/"
            "asm_compiler.cc"
        ),
    ),
    Signature(
        # The op XLA compiled stopped on ptxas's failure: whatever the failure, the work did
        # not run (TF 2.11 on does not fall back to the driver's compiler).
        name="xla-op-failed-in-ptxas",
        needles=("OP_REQUIRES failed at xla_ops",),
        pattern=compiled(
            r"OP_REQUIRES failed at xla_ops\.cc:\d{1,5} : (?:INTERNAL|Internal): "
            r"(?P<detail>[^\n]{0,120}?\bptxas\b[^\n]{0,160})"
        ),
        finding_id="xla-toolchain-missing",
        severity=Severity.ERROR,
        title="An op XLA compiled failed on its PTX toolchain: {detail}",
        fix=(
            "Give XLA a ptxas that knows this GPU and whose PTX the driver loads (sm_100 and"
            " sm_120 need CUDA 12.8 or newer: 'pip install \"nvidia-cuda-nvcc-cu12>=12.8\"' and"
            " put its bin folder first on PATH), or turn XLA off for this work"
            " (jit_compile=False; TF_XLA_FLAGS=--tf_xla_auto_jit=0)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/46933",
        variants=tuple(
            dataclasses.replace(
                variant,
                title="An op XLA compiled failed on its PTX toolchain: {detail}",
                fix=variant.fix.replace(
                    "An old CUDA toolkit's bin folder comes first on PATH.",
                    "The ptxas XLA ran is older than this TensorFlow requires: an old CUDA"
                    " toolkit's bin folder comes first on PATH ('which ptxas' names it).",
                ),
                severity=Severity.ERROR,
                with_any_signature=frozenset({OLDER_THAN_REQUIRED}),
            )
            for variant in (
                old_ptxas_before_wheels(""),
                Variant(
                    "xla-toolchain-missing",
                    "",
                    "An old CUDA toolkit's bin folder comes first on PATH. " + NEWER_PTXAS_FIX,
                    "https://github.com/tensorflow/tensorflow/issues/62064",
                ),
            )
        ),
    ),
    Signature(
        # XLA's own fatal line when ptxas fails on its PTX for any reason other than a ptxas it
        # cannot run (that falls back to the driver): the process aborts, so whatever else the
        # log explains, the work did not run (XLA's nvptx_compiler.cc, LOG(FATAL)).
        name="xla-aborted-on-ptxas",
        needles=("ptxas returned an error during compilation of ptx to sass",),
        pattern=compiled(
            r"ptxas returned an error during compilation of ptx to sass: '?(?:INTERNAL: )?"
            r"(?:ptxas exited with non-zero error code -?\d{1,6}, output: )?"
            # the message ends where XLA's own advice on a full disk begins
            r"(?P<detail>(?:(?!'\s{1,4}If the error)[^\n]){1,160})"
        ),
        finding_id="xla-toolchain-missing",
        severity=Severity.ERROR,
        title="XLA aborted the program: ptxas failed to compile its PTX ({detail})",
        fix=(
            "Give XLA a ptxas that knows this GPU and this TensorFlow's PTX (sm_100 and sm_120"
            " need CUDA 12.8 or newer: 'pip install \"nvidia-cuda-nvcc-cu12>=12.8\"' and put its"
            " bin folder first on PATH; an older CUDA toolkit's bin folder first on PATH is the"
            " usual cause otherwise), or turn XLA off for this work (jit_compile=False;"
            " TF_XLA_FLAGS=--tf_xla_auto_jit=0)."
        ),
        source=("https://github.com/openxla/xla/blob/main/xla/service/gpu/nvptx_compiler.cc"),
        # XLA compiles for the GPU device it runs on: that work failed there
        proves_gpu=True,
        at_work=True,
    ),
    Signature(
        # The same ptxas failure where XLA (TF 2.11 on) does not fall back to the driver.
        name="ptxas-unknown-gpu",
        needles=("for option 'gpu-name'",),
        pattern=compiled(r"Value 'sm_(?P<sm>\d{2,3}a?)' is not defined for option 'gpu-name'"),
        finding_id="xla-toolchain-missing",
        severity=Severity.WARNING,
        title=("The ptxas XLA runs is older than this GPU (sm_{sm}): it cannot compile for it"),
        fix=(
            "Give XLA a ptxas of a CUDA that knows sm_{sm} (sm_100 and sm_120 need CUDA 12.8 or"
            " newer, where even the nvcc wheel a release pins may be older: 'pip install"
            ' "nvidia-cuda-nvcc-cu12>=12.8"\' and put its bin folder first on PATH), or turn XLA'
            " off for this work (jit_compile=False; TF_XLA_FLAGS=--tf_xla_auto_jit=0)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/46933",
        explained_by=frozenset({"compute-capability-ptx-jit"}),
    ),
    Signature(
        # nvcc building a custom op (StyleGAN's plugins, a source build) for this GPU does not
        # know its architecture: the CUDA toolkit is older than the GPU (sm_86 needs 11.1).
        name="nvcc-unknown-gpu",
        # Only for Turing (sm_75) and newer: an older architecture refused is one a newer nvcc
        # dropped (sm_20 in CUDA 9, sm_30 in 11), the reverse.
        needles=("for option 'gpu-architecture'", "Unsupported gpu architecture"),
        pattern=compiled(
            r"nvcc fatal\s*: (?:Value '|Unsupported gpu architecture ')(?:sm|compute)_"
            r"(?P<sm>(?:7[5-9]|[89]\d|1\d\d)a?)'(?: is not defined for option 'gpu-architecture')?"
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.WARNING,
        title=(
            "The CUDA toolkit's nvcc is older than this GPU (sm_{sm}): it cannot build a custom"
            " op for it"
        ),
        fix=(
            "Build with a CUDA toolkit that knows the GPU (11.1 or newer for sm_86, 11.8 for"
            " sm_89/sm_90, 12.8 for sm_100/sm_120), and a TensorFlow built for that CUDA; or"
            " build the op for an older architecture the toolkit knows and let the driver"
            " JIT-compile its PTX."
        ),
        source="https://github.com/NVlabs/stylegan2-ada/issues/10",
    ),
    Signature(
        # The CUDA TensorFlow came with predates the GPU: its ptxas cannot compile for it, and
        # TF 2.x before XLA's compiler took over says it lets the driver JIT-compile the PTX
        # instead (tensorflow#46933: CUDA 11.0 and an sm_86 GPU).
        name="ptxas-predates-gpu",
        needles=("CUDA software stack is old",),
        pattern=compiled(
            r"Your CUDA software stack is old(?:[^\n]{0,300}?Value 'sm_(?P<sm>\d{2,3}a?)')?"
        ),
        finding_id="compute-capability-ptx-jit",
        severity=Severity.WARNING,
        title=(
            "The CUDA this TensorFlow uses is older than the GPU{sm_note}: its ptxas cannot"
            " compile for it, so the driver JIT-compiles the kernels (a slow start, and slower"
            " kernels)"
        ),
        fix=(
            "Put a CUDA toolkit's ptxas that knows this GPU first on PATH (the log's 'Used ptxas"
            " at' names the one used; sm_80 needs CUDA 11.0, sm_86 11.1, sm_87 11.4, sm_89 and"
            " sm_90 11.8, sm_100 and sm_120 12.8), or use a TensorFlow built with such a CUDA"
            " ('tfgpu-setup plan' picks one). The JIT recurs in every new process until then,"
            " unless the driver's cache (CUDA_CACHE_MAXSIZE) holds it."
        ),
        source="https://github.com/tensorflow/serving/issues/1821",
        # printed while compiling for a GPU TensorFlow has opened (tensorflow#45590: a
        # maintainer, 'safe to ignore'): the work runs there, slower
        proves_gpu=True,
    ),
    Signature(
        name="libdevice-not-found",
        needles=("libdevice",),
        # (not jaxlib's words: that is JAX's own XLA, and says nothing of TensorFlow's device)
        pattern=compiled(r"^(?![^\n]*\bjax)[^\n]*?" + _LIBDEVICE_MISSING),
        finding_id="xla-toolchain-missing",
        severity=Severity.ERROR,
        title=LIBDEVICE_TITLE,
        fix=LIBDEVICE_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/50670",
        # only XLA's GPU backend links libdevice: a GPU device was compiling work and failed
        proves_gpu=True,
        at_work=True,
        variants=(LIBDEVICE_BEFORE_WHEELS,),
    ),
    Signature(
        name="libdevice-not-found-in-jax",
        needles=("libdevice",),
        # jaxlib's own XLA: the machine's toolchain is missing for TensorFlow's XLA too, but
        # no TensorFlow device is shown
        pattern=compiled(r"\bjax[^\n]*?" + _LIBDEVICE_MISSING),
        finding_id="xla-toolchain-missing",
        severity=Severity.ERROR,
        title=LIBDEVICE_TITLE,
        fix=LIBDEVICE_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/50670",
        variants=(LIBDEVICE_BEFORE_WHEELS,),
    ),
    Signature(
        # TensorFlow's generated kernels (kernel_gen, from 2.5) compile some ops for the GPU
        # at first use, with libdevice and ptxas as XLA does; the op fails when they are
        # missing (tensorflow#57162: fixed by XLA_FLAGS=--xla_gpu_cuda_data_dir; #57055 and
        # wd14-tagger#114 print libdevice's absence before it).
        name="kernel-jit-failed",
        needles=("JIT compilation failed",),
        pattern=compiled(
            # 2.11 on names the function first ('UnknownError: {{function_node __wrapped__...}}
            # JIT compilation failed.'); graph errors put the message on a line of its own
            r"(?:UNKNOWN|UnknownError|Unknown): (?:\{\{[^{}\n]{0,500}\}\} )?JIT compilation"
            r" failed|^[ \t]*JIT compilation failed\."
        ),
        finding_id="xla-toolchain-missing",
        severity=Severity.WARNING,
        title=(
            "A GPU kernel TensorFlow compiles at first use failed to compile: most often"
            " libdevice or ptxas (CUDA's compiler tools) is not where it looks"
        ),
        fix=LIBDEVICE_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/57162",
        # only a GPU device compiles these kernels: the op ran there and failed
        proves_gpu=True,
        at_work=True,
        variants=(
            Variant(
                # libdevice's absence logged before it: that is why the compile failed
                "xla-toolchain-missing",
                "A GPU kernel TensorFlow compiles at first use failed to compile: libdevice"
                " (CUDA's device library) is not where it looks",
                LIBDEVICE_FIX,
                "https://github.com/tensorflow/tensorflow/issues/57162",
                with_signatures=frozenset({"libdevice-dir-missing"}),
                severity=Severity.ERROR,
            ),
            Variant(
                # tensorflow-rocm compiles them with ROCm's device libraries, not CUDA's
                "xla-toolchain-missing",
                "A GPU kernel tensorflow-rocm compiles at first use failed to compile: ROCm's"
                " device libraries are not where it looks",
                "Check that ROCm is installed where ROCM_PATH (default /opt/rocm) points, in the"
                " environment the program runs with (an IDE's run configuration may lack the"
                " shell's), and that its version is the one this tensorflow-rocm was built for.",
                "https://github.com/tensorflow/tensorflow/issues/79798",
                with_signatures=frozenset({"rocm-runtime-seen"}),
            ),
        ),
    ),
    Signature(
        # tensorflow-rocm's own modules and AMD's HIP runtime: the log is a ROCm build's
        name="rocm-runtime-seen",
        needles=("rocm_", "libamdhip64", "tensorflow-rocm", "tensorflow_rocm", "HSACO"),
        pattern=compiled(
            r"\brocm_(?:executor|dnn|blas|fft|driver|gpu_executor|platform)\.cc:\d"
            r"|\blibamdhip64\.so|\btensorflow[-_]rocm\b"
            # XLA's AMD GPU backend: its code objects (HSACO)
            r"|Failure when generating HSACO"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="A ROCm build of TensorFlow (AMD GPUs)",
        fix="",
        source="https://github.com/ROCm/tensorflow-upstream",
    ),
    Signature(
        name="libdevice-dir-missing",
        needles=("libdevice",),
        pattern=compiled(r"Can't find libdevice directory (?P<path>\S+?)\.?(?:\s|$)"),
        finding_id="xla-toolchain-missing",
        severity=Severity.WARNING,
        title="XLA cannot find the libdevice directory ({path}): XLA-compiled code may fail",
        fix=(
            "Set XLA_FLAGS=--xla_gpu_cuda_data_dir=<dir containing nvvm/libdevice> (on native"
            " Windows, TensorFlow up to 2.10, the CUDA toolkit's folder), or from TensorFlow"
            " 2.14 on Linux install the nvidia-cuda-nvcc wheel in the same environment (part of"
            " 'tensorflow[and-cuda]')."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/58681",
        variants=(
            Variant(
                "xla-toolchain-missing",
                "XLA cannot find the libdevice directory ({path}): XLA-compiled code may fail",
                LIBDEVICE_BEFORE_WHEELS_FIX,
                "https://github.com/tensorflow/tensorflow/issues/58681",
                tf_versions=SpecifierSet("<2.14"),
            ),
        ),
    ),
    Signature(
        name="ptxas-not-found",
        needles=("ptxas", "PTX compilation provider"),
        # (?<!\S): \S* starts only where a word does (the same leftmost match), so a long word
        # is scanned once instead of once per character.
        pattern=compiled(
            r"(?:(?<!\S)(?P<path>\S*ptxas) not found|No PTX compilation provider is available"
            # XLA's older wording that goes on to the driver is a warning (below)
            r"|Can't find ptxas binary(?![^\n]{0,80}Will back to the GPU driver)"
            r"|Couldn't find a suitable version of ptxas)"
        ),
        finding_id="xla-toolchain-missing",
        severity=Severity.ERROR,
        title="XLA failed: no ptxas to compile PTX",
        fix=PTXAS_FIX,
        source="https://github.com/tensorflow/models/issues/9847",
        variants=(
            Variant(
                # The cuDNN bounds checker's words (redzone_allocator.cc, TF 2.1-2.4): it says
                # it lets the driver compile instead, and work goes on.
                "xla-toolchain-missing",
                "No ptxas found: the driver compiles the PTX instead (slower start)",
                PTXAS_FIX,
                "https://github.com/tensorflow/tensorflow/issues/60737",
                with_signatures=frozenset({"ptxas-launch-failed"}),
                severity=Severity.WARNING,
            ),
        ),
    ),
    Signature(
        # The shell's own words when the user looks for ptxas (Ubuntu's command-not-found, bash,
        # cmd.exe): none on PATH. XLA needs one for its GPU code, or falls back to the driver
        # (tensorflow#58681: the toolkit with ptxas installed, training ran on the GPU).
        name="shell-finds-no-ptxas",
        needles=(
            "ptxas' not found",
            "ptxas: command not found",
            "ptxas: not found",
            "command not found: ptxas",
            "'ptxas' is not recognized",
        ),
        # (bash, with or without a path; dash; zsh; cmd.exe and PowerShell)
        pattern=compiled(
            r"Command 'ptxas' not found|(?<![\w.-])(?:/[\w.-]{1,60}){0,8}/?ptxas: command not found"
            r"|^sh: \d{1,6}: ptxas: not found|command not found: ptxas\b"
            r"|'ptxas' is not recognized as"
            r" (?:an internal or external command|the name of a cmdlet)"
        ),
        finding_id="xla-toolchain-missing",
        severity=Severity.WARNING,
        title=(
            "No ptxas on PATH: XLA (jit_compile, and Keras 3 by default) compiles its GPU code"
            " with it"
        ),
        fix=PTXAS_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/58681",
    ),
    Signature(
        # XLA links the cubins ptxas wrote with nvlink: an nvlink from an older CUDA than that
        # ptxas refuses them ('newer than toolkit (118 vs 117)'): the tools come from two CUDAs.
        name="nvlink-older-than-ptxas",
        needles=("CUDA linking API did not work",),
        # XLA's own record of it (other builds print nvlink's words too); XLA then falls back
        # to compiling without the linker, so the GPU still runs
        pattern=compiled(
            r"CUDA linking API did not work[^\n]{0,600}?nvlink fatal\s*: Input file '[^'\n]{0,300}'"
            r" newer than toolkit \((?P<ptxas>\d{2,3}) vs (?P<nvlink>\d{2,3})\)"
        ),
        finding_id="xla-toolchain-missing",
        severity=Severity.WARNING,
        title=(
            "XLA's CUDA tools come from two CUDA releases: nvlink ({nvlink}) is older than the"
            " ptxas ({ptxas}) whose output it links"
        ),
        fix=(
            "Make ptxas and nvlink come from one CUDA release: install the nvidia-cuda-nvcc and"
            " nvidia-nvjitlink wheels of one version (or one CUDA toolkit) and drop older"
            " toolkits from PATH; or set XLA_FLAGS=--xla_gpu_force_compilation_parallelism=1"
            " to skip the linking step."
        ),
        source="https://github.com/openxla/xla/blob/main/xla/service/gpu/gpu_compiler.cc",
    ),
    Signature(
        # the same missing ptxas returned as XLA's compile status (openxla's asm_compiler): no
        # fallback there, the jit-compiled function fails
        name="ptxas-version-failed-compile",
        needles=("ptxas/nvlink version string", "ptxas version string"),
        # (not asm_compiler's or the redzone allocator's own warnings, after which the driver
        # compiles the PTX and the work goes on: review 96)
        pattern=compiled(
            r"^(?![^\n]{0,300}?(?:redzone_allocator|asm_compiler)\.cc:\d)[^\n]{0,300}?"
            r"(?<!ptxas version : )(?<!ptxas version: )"
            r"FAILED_PRECONDITION: Couldn't get ptxas(?:/nvlink)? version string"
        ),
        finding_id="xla-toolchain-missing",
        severity=Severity.ERROR,
        title="XLA could not compile without ptxas, so the jit-compiled function failed",
        fix=PTXAS_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/58681",
    ),
    Signature(
        name="ptxas-not-invoked",
        needles=("ptxas",),
        pattern=compiled(r"Couldn't invoke ptxas(?: --version)?"),
        finding_id="xla-toolchain-missing",
        severity=Severity.WARNING,
        title="XLA could not run ptxas and falls back to the driver's PTX compiler",
        fix=PTXAS_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/33375",
        variants=(
            Variant(
                "xla-toolchain-missing",
                "XLA could not run ptxas and falls back to the driver's PTX compiler",
                "This release does not look in the nvidia-cuda-nvcc wheel (2.14 and later do):"
                " put a CUDA toolkit's bin directory (with ptxas) on PATH, /usr/local/cuda-X.Y/bin"
                " of the CUDA this TensorFlow was built with; in a conda environment, 'conda"
                " install -c nvidia cuda-nvcc' puts ptxas in $CONDA_PREFIX/bin.",
                "https://github.com/tensorflow/tensorflow/issues/58681",
                tf_versions=SpecifierSet("<2.14"),
            ),
        ),
    ),
    Signature(
        # The redzone allocator's wording (TF 2.x): a CUDA *runtime* container image has no
        # ptxas, only the devel image does.
        name="ptxas-launch-failed",
        needles=("ptxas", "ptx compilation", "PTX with ptxas", "Call to CreateProcess failed"),
        # Native Windows builds (<= 2.10) say so through CreateProcess: error 2 is a file not found
        pattern=compiled(
            r"Failed to launch ptxas|Relying on driver to perform ptx compilation"
            # MLIR-generated kernels (TF 2.16+ gpu_kernel_to_blob_pass.cc)
            r"|Failed to compile generated PTX with ptxas\. Falling back to compilation by driver"
            r"|Call to CreateProcess failed\. Error code: 2, command: '\"?[^'\n]{0,200}ptxas"
            # (2.5 and 2.6 leave the command out: subprocess.cc starts nothing else there,
            # tensorflow#52112, #50562)
            r"|windows[/\\]subprocess\.cc:\d{1,5}\] Call to CreateProcess failed\. Error code: 2"
            r"[ \t]*\r?$"
        ),
        finding_id="xla-toolchain-missing",
        severity=Severity.WARNING,
        title="ptxas could not be started, so the driver compiles the PTX instead",
        fix=(
            "Install ptxas where TensorFlow finds it: the nvidia-cuda-nvcc wheel in the same"
            " environment (part of 'tensorflow[and-cuda]'), the cuda-nvcc package (in a CUDA"
            " container, or use the -devel image), or a CUDA toolkit's bin directory on PATH."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/60737",
        variants=(
            Variant(
                BENIGN,
                "Harmless: native Windows builds leave PTX compilation to the driver",
                WINDOWS_PTX_FIX,
                WINDOWS_PTX_SOURCE,
                with_signatures=frozenset({"windows-ptx-left-to-driver"}),
                severity=Severity.INFO,
            ),
            Variant(
                "xla-toolchain-missing",
                "ptxas could not be started, so the driver compiles the PTX instead",
                "This release does not look in the nvidia-cuda-nvcc wheel (2.14 and later do):"
                " put the bin folder of a CUDA toolkit of the version this TensorFlow was built"
                " with (it holds ptxas, ptxas.exe on Windows) on PATH, and start a new terminal;"
                " XLA (jit_compile=True) needs it, other work runs on the driver's compiler.",
                "https://github.com/tensorflow/tensorflow/issues/50562",
                tf_versions=SpecifierSet("<2.14"),
            ),
        ),
    ),
    Signature(
        # redzone_allocator.cc on native Windows (TF 1.15-2.10): the asm compiler is not
        # implemented there, so the driver compiles the PTX and work goes on. The allocator
        # checks cuDNN's convolutions as they are autotuned: on the GPU.
        name="windows-ptx-left-to-driver",
        # (a retyped line drops the plural as often as not)
        needles=("non-Windows platform", "not supported on Windows"),
        pattern=compiled(
            r"Invoking GPU asm compilation is supported on Cuda non-Windows platforms? only"
            r"|Invoking ptxas not supported on Windows"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: native Windows builds leave PTX compilation to the driver",
        fix=WINDOWS_PTX_FIX,
        source=WINDOWS_PTX_SOURCE,
        proves_gpu=True,
    ),
    Signature(
        name="ptxas-not-found-driver-fallback",
        needles=("Will back to the GPU driver",),
        pattern=compiled(r"Can't find ptxas binary[^\n]{0,80}Will back to the GPU driver"),
        finding_id="xla-toolchain-missing",
        severity=Severity.WARNING,
        title="No ptxas found: XLA lets the driver compile its PTX instead (slower start)",
        fix=PTXAS_FIX,
        source="https://github.com/jax-ml/jax/issues/6583",
    ),
    Signature(
        # XLA checks the ptxas it runs against nvbug 4826023 (CUDA 12.x before 12.6.3).
        name="ptxas-miscompiles-clamping",
        needles=("Invoking ptxas with version",),
        pattern=compiled(
            r"Invoking ptxas with version (?P<version>\d+\.\d+\.\d+), which corresponds to a"
            r" CUDA version <=12\.6\.2"
        ),
        finding_id="xla-toolchain-missing",
        severity=Severity.WARNING,
        title=(
            "XLA runs ptxas {version}, older than CUDA 12.6.3: it miscompiles some clamping on"
            " Hopper and newer GPUs"
        ),
        fix=(
            "Put a ptxas of CUDA 12.6.3 or newer first on PATH: the nvidia-cuda-nvcc-cu12 wheel"
            " 12.6.85 or newer in the environment, or a newer CUDA toolkit."
        ),
        source="https://github.com/openxla/xla/pull/19927",
    ),
)
