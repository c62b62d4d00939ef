"""A log from a machine whose language is not English: glibc's loader errors and the shell's
signal names come translated (glibc's po/*.po); the doctor reads them as the C locale's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor

from tfgpu_setup.diagnose.locales import TAIL_CHARS, in_c_locale


@pytest.mark.parametrize(
    ("line", "finding"),
    [
        # zh_CN as Ubuntu's language packs print it (glibc's own po now says 共享目标文件)
        (
            "ImportError: libcublas.so.9.0: 无法打开共享对象文件: 没有那个文件或目录",
            "cuda-version-mismatch",
        ),
        (
            "ImportError: libcudnn.so.7: Kann die Shared-Object-Datei nicht öffnen:"
            " Datei oder Verzeichnis nicht gefunden",
            "cudnn-not-found",
        ),
        (
            "ImportError: libcudart.so.10.0: 共有オブジェクトファイルを開けません:"
            " そのようなファイルやディレクトリはありません",
            "cuda-version-mismatch",
        ),
        (
            "ImportError: libcuda.so.1: невозможно открыть разделяемый объектный файл:"
            " Нет такого файла или каталога",
            # as in English: no libcuda, and nothing shows a GPU, is most likely no GPU
            "no-nvidia-gpu",
        ),
        (
            "python3: Fehler beim Laden der Shared Libraries: libcuda.so.1:"
            " Kann die Shared-Object-Datei nicht öffnen: Datei oder Verzeichnis nicht gefunden",
            "no-nvidia-gpu",
        ),
        ("Недопустимая инструкция (стек памяти сброшен на диск)", "cpu-lacks-avx"),
        ("非法指令 (核心已转储)", "cpu-lacks-avx"),
        ("Istruzione non consentita (core dump creato)", "cpu-lacks-avx"),
    ],
    ids=[
        "zh-import-cublas",
        "de-import-cudnn",
        "ja-import-cudart",
        "ru-import-libcuda",
        "de-ld-so-libcuda",
        "ru-sigill",
        "zh-sigill",
        "it-sigill",
    ],
)
def test_a_translated_loader_error_or_signal_is_read_as_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, finding: str
) -> None:
    found = doctor(tmp_path, capsys, ">>> import tensorflow as tf\n" + line + "\n")
    assert found["findings"][0]["id"] == finding


def test_in_a_long_log_a_translated_loader_error_far_from_the_end_is_read() -> None:
    error = "ImportError: libcudnn.so.8: 無法開啟共用物件: 沒有此一檔案或目錄"
    filler = "I tensorflow/core/platform/cpu_feature_guard.cc:142] AVX2 FMA\n" * (TAIL_CHARS // 40)
    text = in_c_locale(error + "\n" + filler + "非法指令\n")
    assert text.startswith(
        "ImportError: libcudnn.so.8: cannot open shared object file: No such file or directory\n"
    )
    assert text.endswith("\nIllegal instruction\n")


def test_english_and_untranslated_text_stays_as_it_is() -> None:
    text = "Instruction set: AVX2. 文件: libcudart.so.11.0 loaded\nIllegal instruction\n"
    assert in_c_locale(text) == text
