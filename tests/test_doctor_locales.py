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


# Windows' text of ERROR_COMMITMENT_LIMIT (1455) in the languages reports come in, after the
# module name Python 3.8 and later put in the ImportError (written: the translations as two
# independent readings of Windows' messages agreed on them, not copied from recorded pastes).
PAGE_FILE = (
    "Die Auslagerungsdatei ist zu klein, um diesen Vorgang durchzuführen.",
    "El archivo de paginación es demasiado pequeño para completar la operación.",
    "Le fichier de pagination est insuffisant pour terminer cette opération.",
    "Il file di paging è troppo piccolo per completare l'operazione.",
    "O arquivo de paginação é muito pequeno para que esta operação seja concluída.",
    "ページング ファイルが小さすぎるため、この操作を完了できません。",
    "페이징 파일이 너무 작아서 이 작업을 완료할 수 없습니다.",
    "分頁檔太小，無法完成操作。",
    "Disk belleği dosyası bu işlemi tamamlamak için çok küçük.",
)


@pytest.mark.parametrize("message", PAGE_FILE)
def test_a_page_file_too_small_in_windows_language_is_not_a_missing_dll(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], message: str
) -> None:
    log = f"ImportError: DLL load failed while importing _pywrap_tensorflow_internal: {message}\n"
    first = doctor(tmp_path, capsys, log, "--os", "windows")["findings"][0]
    assert first["id"] == "windows-page-file-too-small"


# The shells' answer where nvidia-smi is not installed: bash's and cmd.exe's translations,
# PowerShell's in German, Spanish and Chinese, and command-not-found's in German and Chinese
# (written, as for the page file above).
NVIDIA_SMI_MISSING = (
    "bash: nvidia-smi: Befehl nicht gefunden.",
    "bash: nvidia-smi: orden no encontrada",
    "bash: nvidia-smi: コマンドが見つかりません",
    "bash: nvidia-smi: команда не найдена",
    "bash: nvidia-smi : commande introuvable",
    "bash: nvidia-smi: comando non trovato",
    "bash: nvidia-smi: komut bulunamadı",
    "'nvidia-smi' non è riconosciuto come comando interno o esterno,",
    "El término 'nvidia-smi' no se reconoce como nombre de un cmdlet, función, archivo de script",
    "Der Befehl 'nvidia-smi' wurde nicht gefunden, kann aber installiert werden mit:",
    "'nvidia-smi' n'est pas reconnu en tant que commande interne",
    '"nvidia-smi" no se reconoce como un comando interno o externo,',
    "'nvidia-smi' は、内部コマンドまたは外部コマンド、",
    "'nvidia-smi'은(는) 내부 또는 외부 명령, 실행할 수 있는 프로그램, 또는",
    '"nvidia-smi" не является внутренней или внешней',
    'Der Befehl "nvidia-smi" ist entweder falsch geschrieben oder',
    'nvidia-smi : Die Benennung "nvidia-smi" wurde nicht als Name eines Cmdlet erkannt.',
    "nvidia-smi : 无法将“nvidia-smi”项识别为 cmdlet、函数、脚本文件或可运行程序的名称。",
    "找不到命令 “nvidia-smi”，但可以通过以下软件包安装它：",
)


@pytest.mark.parametrize("answer", NVIDIA_SMI_MISSING)
def test_nvidia_smi_missing_is_read_in_the_shells_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], answer: str
) -> None:
    first = doctor(tmp_path, capsys, f"$ nvidia-smi\n{answer}\n")["findings"][0]
    assert first["id"] == "no-nvidia-driver"


@pytest.mark.parametrize(
    "message",
    [
        "Impossibile trovare la procedura specificata.",
        "Não foi possível encontrar o procedimento especificado.",
        "Belirtilen yordam bulunamadı.",
        "No se encontró el procedimiento especificado.",
    ],
)
def test_protobufs_missing_function_is_read_in_windows_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], message: str
) -> None:
    """ERROR_PROC_NOT_FOUND (127) in protobuf's import on a Python 3.6.0: no CUDA DLL (the
    translations written, as for the page file above)."""
    log = (
        f"    from google.protobuf.pyext import _message\nImportError: DLL load failed: {message}\n"
    )
    first = doctor(tmp_path, capsys, log, "--os", "windows")["findings"][0]
    assert first["id"] == "python-unsupported"
