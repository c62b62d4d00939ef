"""Command line: parse, run one command, print its outcome as text or JSON, return its exit code."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any, NoReturn

from .errors import ExitCode, UserError
from .outcome import Outcome, error_document


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UserError(f"{self.prog}: {message} (see '{self.prog} --help')", ExitCode.USAGE)


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print a versioned JSON document")
    p.add_argument("--traceback", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("-v", "--verbose", action="store_true", help="log what is run")


def _add_whatif(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("what-if (override detection: flag > environment > --facts > probe)")
    g.add_argument("--no-probe", action="store_true", help="use only what the flags say")
    g.add_argument(
        "--facts",
        metavar="FILE",
        help="facts from 'tfgpu-setup probe --json' (for plan: a folder of them plans each)",
    )
    g.add_argument("--os", choices=["linux", "wsl2", "windows", "macos"])
    g.add_argument("--arch", help="x86_64, aarch64 or arm64")
    g.add_argument(
        "--python",
        action="append",
        metavar="X.Y",
        dest="pythons",
        help="an available interpreter (repeatable)",
    )
    g.add_argument("--glibc", metavar="X.Y")
    g.add_argument("--driver", metavar="VERSION", help="NVIDIA driver version, e.g. 535.104.05")
    g.add_argument(
        "--cuda-driver",
        metavar="X.Y",
        help="highest CUDA the driver supports (default: from NVIDIA's table)",
    )
    g.add_argument(
        "--gpu",
        action="append",
        metavar="NAME_OR_CC",
        dest="gpus",
        help="a GPU by full name or compute capability (repeatable)",
    )
    g.add_argument("--cuda-toolkit", metavar="X.Y")
    g.add_argument("--cudnn", metavar="X.Y.Z")
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
        help="a variable as the user's process sees it (repeatable)",
    )


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="tfgpu-setup", description="Why isn't TensorFlow using my GPU? Find out, then fix it."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)
    sub.required = True

    p = sub.add_parser(
        "probe", help="show every fact that decides whether TensorFlow can use the GPU"
    )
    p.add_argument(
        "--env",
        dest="target_env",
        metavar="PATH",
        help="the Python environment to inspect (default: the active virtualenv)",
    )
    _add_common(p)

    p = sub.add_parser("plan", help="propose the TensorFlow, pins and environment for this machine")
    _add_plan_args(p)
    _add_common(p)

    p = sub.add_parser("apply", help="build the environment the plan describes")
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
    _add_common(p)

    p = sub.add_parser("rollback", help="restore the environment as it was before the last apply")
    p.add_argument("--venv", metavar="PATH")
    _add_common(p)

    p = sub.add_parser("run", help="run a command with the environment's variables, no shell")
    p.add_argument("--venv", metavar="PATH")
    p.add_argument("argv", nargs=argparse.REMAINDER, metavar="-- CMD ...")
    _add_common(p)

    k = sub.add_parser("kernel", help="Jupyter kernel with the environment's variables")
    ksub = k.add_subparsers(
        dest="kernel_command", metavar="SUBCOMMAND", parser_class=ArgumentParser
    )
    ksub.required = True
    for verb, help_text in (
        ("install", "write a kernelspec for the environment (under $JUPYTER_DATA_DIR/kernels)"),
        ("uninstall", "remove the kernelspec 'kernel install' wrote"),
    ):
        p = ksub.add_parser(verb, help=help_text)
        p.add_argument("--venv", metavar="PATH")
        p.add_argument("--name", metavar="NAME", help="kernel name (default from the folder)")
        _add_common(p)

    p = sub.add_parser("verify", help="prove whether TensorFlow in the environment uses the GPU")
    p.add_argument(
        "--venv",
        metavar="PATH",
        help="the environment (default ./.venv-tf, else the active virtualenv)",
    )
    _add_common(p)

    p = sub.add_parser("doctor", help="why TensorFlow is not using the GPU, and the fix")
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
        help="the TensorFlow release that produced the log or is installed (default: read from "
        "the environment or the log)",
    )
    _add_whatif(p)
    _add_common(p)

    m = sub.add_parser("matrix", help="the compatibility matrix: show, check, refresh")
    msub = m.add_subparsers(
        dest="matrix_command", metavar="SUBCOMMAND", parser_class=ArgumentParser
    )
    msub.required = True
    p = msub.add_parser("show", help="the table as users read it")
    p.add_argument("--tf", metavar="VERSION")
    _add_common(p)
    p = msub.add_parser("check", help="validate the matrix in use and report its age")
    _add_common(p)
    p = msub.add_parser("refresh", help="fetch the official sources and update the matrix")
    p.add_argument("--dest", metavar="DIR", help="where to write (default: user data folder)")
    _add_common(p)
    _add_fleet(sub)
    return parser


def _add_fleet(sub: Any) -> None:
    f = sub.add_parser("fleet", help="many machines: one report of their facts, plans, results")
    fsub = f.add_subparsers(dest="fleet_command", metavar="SUBCOMMAND", parser_class=ArgumentParser)
    fsub.required = True
    p = fsub.add_parser("report", help="tables per machine type from a fleet folder")
    p.add_argument("folder", metavar="DIR", help="facts/, plan-fleet.json, apply/, verify/")
    p.add_argument("--html", metavar="FILE", help="also write the report as one HTML page")
    _add_common(p)


def _add_plan_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tf", metavar="SPEC", help="a release (2.17 = newest 2.17.x) or specifier")
    p.add_argument("--venv", metavar="PATH", help="target virtualenv (default ./.venv-tf)")
    p.add_argument(
        "--gpus",
        dest="select_gpus",
        metavar="LIST",
        help="GPUs to expose: indices or UUIDs, comma-separated (sets CUDA_VISIBLE_DEVICES)",
    )
    p.add_argument("--target-env", metavar="PATH", help=argparse.SUPPRESS)
    _add_whatif(p)


def _dispatch(args: argparse.Namespace) -> Outcome | int:
    # Each command imports only its own modules: probe and plan must start fast.
    if args.command == "probe":
        from .commands import probe_cmd

        return probe_cmd.run(target_env=args.target_env)
    if args.command == "plan":
        from .commands import plan_cmd

        return plan_cmd.run(plan_cmd.options_from_args(args), environ=os.environ)
    if args.command == "apply":
        from .commands import apply_cmd, plan_cmd

        return apply_cmd.run(
            apply_cmd.ApplyOptions(
                plan_file=args.plan_file,
                plan_options=plan_cmd.options_from_args(args),
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
    if args.command in ("rollback", "run", "kernel"):
        from .commands import apply_cmd

    if args.command == "rollback":
        return apply_cmd.run_rollback(args.venv, os.environ)
    if args.command == "run":
        argv = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
        return apply_cmd.run_command(args.venv, argv, os.environ)
    if args.command == "kernel":
        if args.kernel_command == "uninstall":
            return apply_cmd.uninstall_kernel(args.venv, args.name, os.environ)
        return apply_cmd.install_kernel(args.venv, args.name, os.environ)
    if args.command == "verify":
        from .commands import verify_cmd

        return verify_cmd.run(args.venv, os.environ)
    if args.command == "doctor":
        from .commands import doctor_cmd, plan_cmd

        plan_opts = plan_cmd.options_from_args(args)
        return doctor_cmd.run(
            doctor_cmd.DoctorOptions(
                facts=plan_opts.facts,
                venv=args.venv,
                log=args.log,
                report=args.report,
                redact=not args.no_redact,
                verify=not args.no_verify,
                tf=args.tf,
            ),
            os.environ,
        )
    if args.command == "matrix":
        from .commands import matrix_cmd

        if args.matrix_command == "show":
            return matrix_cmd.show(args.tf)
        if args.matrix_command == "check":
            return matrix_cmd.check()
        return matrix_cmd.refresh(args.dest)
    if args.command == "fleet":
        from .fleet.command import report

        return report(args.folder, args.html, os.environ)
    raise UserError(f"unknown command {args.command}", ExitCode.USAGE)


def _wants_json(argv: Sequence[str]) -> bool:
    own = argv[: argv.index("--")] if "--" in argv else argv
    return "--json" in own


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    as_json = _wants_json(argv)
    show_traceback = "--traceback" in argv
    try:
        args = build_parser().parse_args(argv)
        if getattr(args, "verbose", False):
            logging.basicConfig(level=logging.DEBUG, format="%(name)s: %(message)s")
        outcome = _dispatch(args)
    except UserError as exc:
        return _fail(exc.message, exc.code, as_json)
    except KeyboardInterrupt:
        return _fail("interrupted", ExitCode.INTERRUPTED, as_json)
    except SystemExit as exc:  # argparse --help
        return int(exc.code or 0)
    except Exception as exc:  # a bug: say so in one line, keep the traceback on request
        if show_traceback:
            traceback.print_exc()
        return _fail(
            f"internal error: {type(exc).__name__}: {exc} (rerun with --traceback and report it)",
            ExitCode.FAILURE,
            as_json,
        )
    if isinstance(outcome, int):
        return outcome
    if as_json:
        _print_json(outcome.document)
    else:
        from rich.console import Console  # rich loads only for human output

        outcome.show(Console(highlight=False))
    return int(outcome.code)


def _print_json(document: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(document, indent=2) + "\n")


def _fail(message: str, code: ExitCode, as_json: bool) -> int:
    if as_json:
        _print_json(error_document(message, code))
    else:
        from rich.console import Console
        from rich.markup import escape

        errors = Console(stderr=True, highlight=False)
        errors.print(f"[bold red]error:[/bold red] {escape(message)}", soft_wrap=True)
    return int(code)
