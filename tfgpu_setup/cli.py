"""Command line: parse, run one command, print its outcome as text or JSON, return its exit code."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import flags, output, textout
from .errors import ExitCode, UserError
from .outcome import error_document
from .results import Result

_log = logging.getLogger("tfgpu_setup")


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UserError(f"{self.prog}: {message} (see '{self.prog} --help')", ExitCode.USAGE)


GLOBAL_HELP = {
    "json": "print one versioned JSON document instead of text (errors too)",
    "traceback": "on an internal error, print the Python traceback (for bug reports)",
    "verbose": "log what is run and read",
}


class _VersionAction(argparse.Action):
    """--version, looked up only when asked: reading package metadata costs every run time."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        textout.write(f"tfgpu-setup {tool_version()}\n", sys.stdout)
        parser.exit()


def _add_global(p: argparse.ArgumentParser, *, top: bool) -> None:
    """Global options, accepted before or after the subcommand: 'tfgpu-setup --json probe'
    and 'tfgpu-setup probe --json' are the same. Subcommands leave them unset unless given,
    so the value given before the subcommand survives."""
    default: object = False if top else argparse.SUPPRESS
    p.add_argument("--json", action="store_true", default=default, help=GLOBAL_HELP["json"])
    p.add_argument(
        "--traceback", action="store_true", default=default, help=GLOBAL_HELP["traceback"]
    )
    p.add_argument(
        "-v", "--verbose", action="store_true", default=default, help=GLOBAL_HELP["verbose"]
    )


def _command(
    sub: argparse._SubParsersAction[ArgumentParser], name: str, summary: str
) -> ArgumentParser:
    parser: ArgumentParser = sub.add_parser(name, help=summary, description=summary + ".")
    return parser


def _add_whatif(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("what-if (override detection: flag > environment > --facts > probe)")
    g.add_argument(
        "--no-probe",
        action="store_true",
        help="do not probe this machine: use only the flags (and --facts FILE, when given)",
    )
    g.add_argument(
        "--facts",
        metavar="FILE",
        help="facts from 'tfgpu-setup probe --json' (for plan: a folder of them plans each)",
    )
    g.add_argument(
        "--os",
        action=flags.OsAction,
        metavar="{" + ",".join(flags.OS_CHOICES) + "}",
        help="the operating system the workload runs on (a distribution's name is taken too)",
    )
    g.add_argument("--arch", help="the machine 'uname -m' prints: x86_64, aarch64, armv7l...")
    g.add_argument(
        "--python",
        action="append",
        metavar="X.Y",
        dest="pythons",
        type=flags.python_version,
        help="an available interpreter (repeatable)",
    )
    g.add_argument(
        "--glibc",
        metavar="X.Y",
        type=flags.glibc_version,
        help="glibc's version ('ldd --version'), or 'musl' (Alpine: no glibc)",
    )
    g.add_argument(
        "--driver",
        metavar="VERSION",
        type=flags.driver_version,
        help="NVIDIA driver version, e.g. 535.104.05, or 'none' (no driver installed)",
    )
    g.add_argument(
        "--cuda-driver",
        metavar="X.Y",
        type=flags.cuda_version,
        help="highest CUDA the driver supports (default: from NVIDIA's table)",
    )
    g.add_argument(
        "--gpu",
        action="append",
        metavar="NAME_OR_CC",
        dest="gpus",
        help="a GPU by full name or compute capability (repeatable), or 'none'",
    )
    g.add_argument(
        "--cuda-toolkit",
        metavar="X.Y",
        type=flags.cuda_toolkit_version,
        help="a system CUDA toolkit's version (in /usr/local/cuda-X.Y), or 'none'",
    )
    g.add_argument(
        "--cudnn",
        metavar="X.Y.Z",
        type=flags.cudnn_version,
        help="a system cuDNN's version, or 'none'",
    )
    g.add_argument(
        "--container",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="the workload runs (or does not run) inside a container",
    )
    g.add_argument(
        "--env",
        action="append",
        metavar="NAME=VALUE",
        dest="env_pairs",
        type=flags.env_pair,
        help="a variable as the user's process sees it (repeatable)",
    )


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="tfgpu-setup", description="Why isn't TensorFlow using my GPU? Find out, then fix it."
    )
    parser.add_argument(
        "--version", action=_VersionAction, nargs=0, help="print the version and exit"
    )
    _add_global(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)
    sub.required = True

    p = _command(sub, "probe", "show every fact that decides whether TensorFlow can use the GPU")
    p.add_argument(
        "--target-env",
        dest="target_env",
        metavar="PATH",
        help="the Python environment to inspect (default: the active virtualenv)",
    )
    # The old spelling: 'plan --env' means a variable, so probe's path has a name of its own.
    p.add_argument("--env", dest="deprecated_env", metavar="PATH", help=argparse.SUPPRESS)
    _add_global(p, top=False)

    p = _command(sub, "plan", "propose the TensorFlow, pins and environment for this machine")
    _add_plan_args(p)
    _add_global(p, top=False)

    p = _command(sub, "apply", "build the environment the plan describes")
    p.add_argument(
        "--plan",
        dest="plan_file",
        metavar="FILE",
        help="a saved plan ('tfgpu-setup plan --json > plan.json'); else plan now",
    )
    p.add_argument("--yes", "-y", action="store_true", help="apply without asking")
    p.add_argument(
        "--recreate",
        action="store_true",
        help="rebuild the environment when its Python differs from the plan's",
    )
    p.add_argument(
        "--installer",
        choices=["auto", "pip", "uv"],
        default="auto",
        help="auto: uv when available, else pip",
    )
    p.add_argument("--no-verify", action="store_true", help="skip the smoke test afterwards")
    p.add_argument(
        "--verify",
        action="store_true",
        help="run the smoke test even when nothing changed (default: reuse its recorded result)",
    )
    p.add_argument(
        "--no-backup",
        action="store_true",
        help="change an existing env without copying it first (a failure cannot be undone)",
    )
    _add_plan_args(p)
    _add_global(p, top=False)

    p = _command(sub, "rollback", "restore the environment as it was before the last apply")
    p.add_argument("--venv", metavar="PATH", help=VENV_HELP)
    _add_global(p, top=False)

    p = _command(sub, "run", "run a command with the environment's variables, no shell")
    p.add_argument("--venv", metavar="PATH", help=VENV_HELP)
    p.add_argument(
        "argv", nargs=argparse.REMAINDER, metavar="-- CMD ...", help="the command and its arguments"
    )
    _add_global(p, top=False)

    k = _command(sub, "kernel", "Jupyter kernel with the environment's variables")
    ksub = k.add_subparsers(
        dest="kernel_command", metavar="SUBCOMMAND", parser_class=ArgumentParser
    )
    ksub.required = True
    for verb, help_text in (
        ("install", "write a kernelspec for the environment (under $JUPYTER_DATA_DIR/kernels)"),
        ("uninstall", "remove the kernelspec 'kernel install' wrote"),
    ):
        p = _command(ksub, verb, help_text)
        p.add_argument("--venv", metavar="PATH", help=VENV_HELP)
        p.add_argument("--name", metavar="NAME", help="kernel name (default from the folder)")
        _add_global(p, top=False)

    p = _command(sub, "verify", "prove whether TensorFlow in the environment uses the GPU")
    p.add_argument("--venv", metavar="PATH", help=VENV_HELP)
    _add_global(p, top=False)

    p = _command(sub, "doctor", "why TensorFlow is not using the GPU, and the fix")
    p.add_argument("--venv", metavar="PATH", help="the environment to verify")
    p.add_argument(
        "--log",
        metavar="FILE",
        help="diagnose a TensorFlow log ('-' for stdin); "
        "facts then come only from --facts and the what-if flags",
    )
    p.add_argument("--report", metavar="FILE", help="write a Markdown report for a bug report")
    p.add_argument(
        "--no-redact",
        action="store_true",
        help="keep home folders, host and user names and GPU UUIDs in the report",
    )
    p.add_argument("--no-verify", action="store_true", help="skip the smoke test")
    p.add_argument(
        "--tf",
        metavar="VERSION",
        type=flags.tf_spec,
        help="the TensorFlow release that produced the log or is installed (default: read from "
        "the environment or the log)",
    )
    _add_whatif(p)
    _add_global(p, top=False)

    m = _command(sub, "matrix", "the compatibility matrix: show, check, refresh")
    msub = m.add_subparsers(
        dest="matrix_command", metavar="SUBCOMMAND", parser_class=ArgumentParser
    )
    msub.required = True
    p = _command(msub, "show", "the table as users read it")
    p.add_argument(
        "--tf",
        metavar="SPEC",
        type=flags.tf_spec,
        help="only the releases matching a version (2.17) or specifier (>=2.15)",
    )
    _add_global(p, top=False)
    p = _command(msub, "check", "validate the matrix in use and report its age")
    _add_global(p, top=False)
    p = _command(msub, "refresh", "fetch the official sources and update the matrix")
    p.add_argument("--dest", metavar="DIR", help="where to write (default: user data folder)")
    _add_global(p, top=False)
    _add_fleet(sub)
    return parser


VENV_HELP = "the environment (default ./.venv-tf, else the active virtualenv)"


def _add_fleet(sub: Any) -> None:
    f = _command(sub, "fleet", "many machines: one report of their facts, plans, results")
    fsub = f.add_subparsers(dest="fleet_command", metavar="SUBCOMMAND", parser_class=ArgumentParser)
    fsub.required = True
    p = _command(fsub, "report", "tables per machine type from a fleet folder")
    p.add_argument("folder", metavar="DIR", help="facts/, plan-fleet.json, apply/, verify/")
    p.add_argument("--html", metavar="FILE", help="also write the report as one HTML page")
    _add_global(p, top=False)


def _add_plan_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--tf",
        metavar="SPEC",
        type=flags.tf_spec,
        help="a release (2.17 = the newest 2.17.x that installs here) or specifier",
    )
    p.add_argument("--venv", metavar="PATH", help="target virtualenv (default ./.venv-tf)")
    p.add_argument(
        "--gpus",
        dest="select_gpus",
        metavar="LIST",
        type=flags.gpu_selection,
        help="GPUs to expose: indices or UUIDs, comma-separated (sets CUDA_VISIBLE_DEVICES)",
    )
    p.add_argument(
        "--target-env",
        metavar="PATH",
        help="the environment to inspect for TensorFlow already installed (default: --venv)",
    )
    _add_whatif(p)


def _probe(args: argparse.Namespace) -> Result:
    from .commands import probe_cmd

    target_env = args.target_env
    if args.deprecated_env is not None:
        _log.warning("'probe --env PATH' is now 'probe --target-env PATH'")
        target_env = target_env or args.deprecated_env
    return probe_cmd.run(target_env=target_env)


def _plan(args: argparse.Namespace) -> Result:
    from .commands import plan_cmd
    from .planning import options_from_args

    return plan_cmd.run(options_from_args(args), environ=os.environ)


def _apply(args: argparse.Namespace) -> Result:
    from .commands import apply_cmd
    from .planning import options_from_args

    return apply_cmd.run(
        apply_cmd.ApplyOptions(
            plan_file=args.plan_file,
            plan_options=options_from_args(args),
            yes=args.yes,
            recreate=args.recreate,
            installer=args.installer,
            verify=not args.no_verify,
            reverify=args.verify,
            backup=not args.no_backup,
            as_json=args.json,
        ),
        os.environ,
    )


def _rollback(args: argparse.Namespace) -> Result:
    from .commands import apply_cmd

    return apply_cmd.run_rollback(args.venv, os.environ)


def _run(args: argparse.Namespace) -> int:
    from .commands import apply_cmd

    if args.json:
        raise UserError(
            "run --json: run prints the command's own output, not a document; leave out --json",
            ExitCode.USAGE,
        )
    argv = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
    return apply_cmd.run_command(args.venv, argv, os.environ)


def _kernel(args: argparse.Namespace) -> Result:
    from .commands import apply_cmd

    if args.kernel_command == "uninstall":
        return apply_cmd.uninstall_kernel(args.venv, args.name, os.environ)
    return apply_cmd.install_kernel(args.venv, args.name, os.environ)


def _verify(args: argparse.Namespace) -> Result:
    from .commands import verify_cmd

    return verify_cmd.run(args.venv, os.environ)


def _doctor(args: argparse.Namespace) -> Result:
    from .commands import doctor_cmd
    from .planning import options_from_args

    if args.report:
        check_writable("--report", args.report)
    return doctor_cmd.run(
        doctor_cmd.DoctorOptions(
            facts=options_from_args(args).facts,
            venv=args.venv,
            log=args.log,
            report=args.report,
            redact=not args.no_redact,
            verify=not args.no_verify,
            tf=args.tf,
        ),
        os.environ,
    )


def _matrix(args: argparse.Namespace) -> Result:
    from .commands import matrix_cmd

    if args.matrix_command == "show":
        return matrix_cmd.show(args.tf)
    if args.matrix_command == "check":
        return matrix_cmd.check()
    return matrix_cmd.refresh(args.dest)


def _fleet(args: argparse.Namespace) -> Result:
    from .fleet.command import report

    return report(args.folder, args.html, os.environ)


COMMANDS: dict[str, Callable[[argparse.Namespace], Result | int]] = {
    "probe": _probe,
    "plan": _plan,
    "apply": _apply,
    "rollback": _rollback,
    "run": _run,
    "kernel": _kernel,
    "verify": _verify,
    "doctor": _doctor,
    "matrix": _matrix,
    "fleet": _fleet,
}
"""Each command's handler. Each imports only its own modules: probe and plan must start fast."""


def _dispatch(args: argparse.Namespace) -> Result | int:
    handler = COMMANDS.get(args.command)
    if handler is None:
        raise UserError(f"unknown command {args.command}", ExitCode.USAGE)
    return handler(args)


def check_writable(flag: str, path: str) -> None:
    """Refuse a file that cannot be written before any work is done (a verify takes seconds)."""
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        problem = "is a folder"
    elif not folder.is_dir():
        problem = f"its folder {folder} does not exist"
    elif not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        problem = "permission denied"
    else:
        return
    raise UserError(f"{flag} {path}: cannot write it ({problem}); give a writable path")


def _wants(flag: str, argv: Sequence[str]) -> bool:
    own = argv[: argv.index("--")] if "--" in argv else argv
    return flag in own


def tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tfgpu-setup")
    except PackageNotFoundError:
        return "unknown (not installed)"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    as_json = _wants("--json", argv)
    show_traceback = _wants("--traceback", argv)
    try:
        return _main(argv, as_json, show_traceback)
    except BrokenPipeError:
        # The reader went away ('tfgpu-setup probe | head -1'): what it read is all it wanted.
        _silence_stdout()
        return int(ExitCode.OK)


def _main(argv: list[str], as_json: bool, show_traceback: bool) -> int:
    try:
        args = build_parser().parse_args(argv)
        _configure_logging(verbose=bool(getattr(args, "verbose", False)))
        outcome = _dispatch(args)
    except UserError as exc:
        return _fail(exc.message, exc.code, as_json)
    except KeyboardInterrupt:
        return _fail("interrupted", ExitCode.INTERRUPTED, as_json)
    except SystemExit as exc:  # argparse --help, --version
        return int(exc.code or 0)
    except BrokenPipeError:
        raise
    except OSError as exc:
        if exc.filename is None:
            return _internal_error(exc, as_json, show_traceback)
        # The machine said no (a full disk, a read-only folder): not a bug, and the path says where.
        where = exc.filename if exc.filename2 is None else f"{exc.filename} -> {exc.filename2}"
        return _fail(f"{where}: {exc.strerror or exc}", ExitCode.INPUT, as_json)
    except Exception as exc:  # a bug: say so in one line, keep the traceback on request
        return _internal_error(exc, as_json, show_traceback)
    if isinstance(outcome, int):
        return outcome
    if as_json:
        _print_json(output.document(outcome))
    else:
        textout.write(
            textout.render(lambda console: output.show(console, outcome), sys.stdout), sys.stdout
        )
    return int(outcome.exit_code)


def _internal_error(exc: Exception, as_json: bool, show_traceback: bool) -> int:
    if show_traceback:
        traceback.print_exc()
    return _fail(
        f"internal error: {type(exc).__name__}: {exc} (rerun with --traceback and report it)",
        ExitCode.FAILURE,
        as_json,
    )


class _StderrHandler(logging.Handler):
    """Warnings as 'warning: ...' lines on whatever sys.stderr is at the time."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            line = f"{record.levelname.lower()}: {record.getMessage()}"
        else:
            line = f"{record.name}: {record.getMessage()}"
        textout.write(line + "\n", sys.stderr)


def _configure_logging(verbose: bool) -> None:
    root = logging.getLogger()
    if not any(isinstance(h, _StderrHandler) for h in root.handlers):
        root.addHandler(_StderrHandler())
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture)
        pass


def _error_markup(line: str) -> str:
    from rich.markup import escape

    return f"[bold red]error:[/bold red] {escape(line)}"


def _print_json(document: dict[str, Any]) -> None:
    textout.write(json.dumps(document, indent=2) + "\n", sys.stdout)


def _fail(message: str, code: ExitCode, as_json: bool) -> int:
    if as_json:
        _print_json(error_document(message, code))
    else:
        # One line however long: the message names a path or URL that must survive a copy.
        line = message.replace("\r", " ").replace("\n", " ")
        textout.write(
            textout.render(lambda c: c.print(_error_markup(line)), sys.stderr), sys.stderr
        )
    return int(code)
