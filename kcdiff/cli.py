"""The command line: parses options, calls the library, writes output.

The only place that turns errors into exit codes. Exit status is like diff(1): 0 when
the filings do not differ, 1 when they do, 2 on trouble (one line on stderr, no traceback,
no half-written output file).
"""

from __future__ import annotations

# argparse, pathlib and the stages are imported where they are used: `kcdiff --version`
# needs none of them, and a bare interpreter starts in ~25 ms of the 60 ms it may take.
import os
import sys

from . import __version__
from .errors import KcdiffError, OutputError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (and re) for it
if TYPE_CHECKING:  # for annotations only: the commands import these when they run
    import argparse
    from collections.abc import Sequence
    from pathlib import Path

    from .service.store import Store
    from .service.watch import RunResult

# kcdiff.ingest.MAX_BYTES in megabytes, written out rather than imported: importing the
# readers costs ~0.1 s that `--version`, `--help`, `history` and `watch` never use
# (tests/test_cli.py keeps the two equal).
DEFAULT_MAX_MB = 50

__all__ = ["main", "build_parser", "write_atomically"]

EXIT_SAME, EXIT_DIFFERENT, EXIT_TROUBLE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="kcdiff",
        description="What changed between two consecutive results announcements of a listed "
        "company: sections, wording, figures and the board.",
    )
    parser.add_argument("--version", action="version", version=f"kcdiff {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    diff = commands.add_parser(
        "diff", help="compare two filings and report what changed",
        description="Compare OLD with NEW. Exit status: 0 no differences, 1 differences, "
        "2 trouble.",
    )
    diff.add_argument("old", metavar="OLD", help="the earlier filing (text, HTML or PDF)")
    diff.add_argument("new", metavar="NEW", help="the later filing")
    diff.add_argument("--format", choices=("html", "json", "text"), default=None,
                      help="report format (default: from the -o extension, else text: "
                      "counts, board, largest figure moves, one line per changed section)")
    diff.add_argument("-o", "--output", metavar="FILE",
                      help="write the report to FILE (.html, .htm, .json, .txt) instead of "
                      "standard output; other extensions are refused")
    diff.add_argument("--min-change", metavar="PCT", type=float, default=0.0,
                      help="hide figure movements smaller than PCT percent from the HTML "
                      "(the JSON keeps everything)")
    diff.add_argument("--max-size", metavar="MB", type=float, default=DEFAULT_MAX_MB,
                      help=f"refuse filings larger than MB megabytes (default "
                      f"{DEFAULT_MAX_MB})")
    diff.add_argument("--templates", metavar="DIR",
                      help="a folder of Jinja templates searched before the built-in ones "
                      "(HTML report)")
    diff.set_defaults(handler=run_diff)

    sections = commands.add_parser(
        "sections", help="print the outline of a filing with section categories",
        description="Print FILE's sections as kcdiff sees them, one a line: level, number "
        "('-' when the heading has none), title (indented by level) and [category], so a "
        "person can check the segmentation.",
    )
    sections.add_argument("file", metavar="FILE", help="a filing (text, HTML or PDF)")
    sections.set_defaults(handler=run_sections)
    _add_watch(commands)
    _add_history(commands)
    _add_batch(commands)
    return parser


def _add_watch(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    watch = commands.add_parser(
        "watch", help="watch a folder of filings and e-mail each new filing's change report",
        description="Watch DIR: each new filing is compared with the same issuer's previous "
        "one and the report is e-mailed (or, with no SMTP host, written as an .eml file to "
        "DIR/.kcdiff/outbox/). History in DIR/.kcdiff/kcdiff.db. SMTP login comes from "
        "KCDIFF_SMTP_USER and KCDIFF_SMTP_PASSWORD. With --once, exit status is 0 when "
        "everything was recorded and delivered, 1 when e-mails are still queued for a "
        "retry, 2 when a filing could not be recorded or an e-mail was refused or has an "
        "unknown outcome (each named on a line; see kcdiff history).",
    )
    watch.add_argument("folder", metavar="DIR", help="the folder filings are dropped into")
    watch.add_argument("--once", action="store_true",
                       help="process what is pending, send what is queued, then exit")
    watch.add_argument("--config", metavar="FILE",
                       help="settings from a TOML file, keys named like these flags "
                       "(smtp-host = ...); flags override it")
    watch.add_argument("--smtp-host", metavar="HOST",
                       help="SMTP server (default: none, write .eml files to the outbox)")
    watch.add_argument("--smtp-port", metavar="PORT", type=int,
                       help="SMTP port (default: 25, 587 with STARTTLS, 465 with SSL)")
    watch.add_argument("--smtp-timeout", metavar="SECONDS", type=float,
                       help="give up on an SMTP answer after SECONDS (default 30); no answer "
                       "after the message was sent counts as an unknown outcome")
    watch.add_argument("--mail-from", metavar="ADDRESS", help="sender address")
    watch.add_argument("--mail-to", metavar="ADDRESS", action="append",
                       help="recipient address (repeatable)")
    security = watch.add_mutually_exclusive_group()
    security.add_argument("--smtp-starttls", action="store_true",
                          help="upgrade the SMTP connection with STARTTLS")
    security.add_argument("--smtp-ssl", action="store_true",
                          help="connect to the SMTP server over SSL/TLS")
    watch.set_defaults(handler=run_watch)


def _add_history(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    history = commands.add_parser(
        "history", help="list an issuer's filings and reports from the watch history",
        description="List the filings and change reports kcdiff watch recorded, for ISSUER "
        "(a stock code, a name or part of it) or for every issuer.",
    )
    history.add_argument("issuer", metavar="ISSUER", nargs="?",
                         help="stock code or name (default: every issuer)")
    history.add_argument("--dir", metavar="DIR", default=".",
                         help="the watched folder (default: the current folder)")
    history.set_defaults(handler=run_history)


def _add_batch(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    batch = commands.add_parser(
        "batch", help="compare every consecutive pair of filings in an archive (on Dask)",
        description="Walk ARCHIVE, pair each issuer's consecutive filings of a comparable type "
        "(the watch service's rules) and compare every pair as Dask tasks. Writes "
        "OUT/pairs.parquet (one row per pair), OUT/sections.parquet (one row per aligned "
        "section) and OUT/reports/ISSUER/*.json|html. A second run skips pairs already done. "
        "Exit status: 0 every pair compared, 1 some rows are errors, 2 trouble. Needs "
        "pip install 'kcdiff[batch]'.",
    )
    batch.add_argument("archive", metavar="ARCHIVE", help="a folder tree of filings")
    batch.add_argument("-o", "--output", metavar="OUT", required=True,
                       help="the output folder (created if missing)")
    batch.add_argument("--scheduler", metavar="ADDRESS",
                       help="an existing Dask scheduler, e.g. tcp://host:8786 (default: start "
                       "a local cluster)")
    batch.add_argument("--workers", metavar="N", type=int,
                       help="local worker processes (default: one per core; ignored with "
                       "--scheduler)")
    batch.add_argument("--force", action="store_true",
                       help="compare again the pairs an earlier run finished")
    batch.add_argument("--connect-timeout", metavar="SECONDS", type=float, default=10.0,
                       help="how long to try reaching --scheduler (default 10)")
    batch.set_defaults(handler=run_batch)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments == ["--version"]:  # what argparse would print, without building it
        print(f"kcdiff {__version__}")
        sys.exit(EXIT_SAME)
    parser = build_parser()
    args = parser.parse_args(arguments)
    import logging  # here, not at the top: --version and --help exit before needing it

    logging.basicConfig(level=logging.WARNING, format="kcdiff: %(levelname)s: %(message)s")
    try:
        return args.handler(args)
    except KcdiffError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last line of defence: one line, never a traceback
        logging.getLogger(__name__).debug("internal error", exc_info=True)
        return _fail(f"internal error: {type(exc).__name__}: {exc}")


def _fail(message: str) -> int:
    print(f"kcdiff: error: {message}", file=sys.stderr)
    return EXIT_TROUBLE


def run_diff(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .compare import compare_analysed
    from .pair import analyse_pair, pair_mapper
    from .render import render_json, render_text

    fmt = report_format(args.output, args.format)  # before the work: refuse early
    _refuse_output_over_input(args.output, (args.old, args.new))
    # The two filings at once (a worker process reads the old one), and the pairs of
    # sections scored in two processes, when that can pay.
    analysed = analyse_pair(args.old, args.new, max_bytes=int(args.max_size * 2**20),
                            meanwhile=lambda: _load_later_stages(fmt))
    report = compare_analysed(*analysed, mapper=pair_mapper(args.old, args.new))
    if fmt == "json":
        output = render_json(report)
    elif fmt == "html":
        from .render import make_env, render_html

        output = render_html(report, args.min_change, make_env(args.templates))
    else:
        output = render_text(report)
    if args.output:
        write_atomically(Path(args.output), output)
        print(f"kcdiff: {fmt} report written to {Path(args.output).resolve()}", file=sys.stderr)
    else:
        emit(output)
    return EXIT_DIFFERENT if report.has_differences else EXIT_SAME


def _load_later_stages(fmt: str) -> None:
    """Import what the pair stages and the report import on first use (~0.3 s for an
    HTML report), while this process would otherwise wait for its worker."""
    from .align import load_solver
    from .render import load_renderer

    load_solver()
    load_renderer(fmt)


def emit(text: str) -> None:
    """Write ``text`` to standard output. A reader that stops early (``| head``) is not
    trouble: the rest is dropped quietly, as other Unix tools do."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would report the failed flush again at exit; point stdout at /dev/null.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


# What each output extension holds; any other extension is refused rather than filled
# with a report of another kind (a "report.pdf" that is really text).
FORMAT_OF_SUFFIX = {".html": "html", ".htm": "html", ".json": "json", ".txt": "text",
                    ".text": "text"}


def report_format(output: str | None, requested: str | None) -> str:
    """The format to write: ``--format``, else the extension of ``-o``, else text.
    Raises ``OutputError`` for an extension kcdiff does not write or one that
    contradicts ``--format``."""
    from pathlib import Path

    suffix = Path(output).suffix.lower() if output else ""
    if not suffix:
        return requested or "text"
    implied = FORMAT_OF_SUFFIX.get(suffix)
    known = ", ".join(sorted(FORMAT_OF_SUFFIX))
    if implied is None:
        raise OutputError(output, f"kcdiff does not write {suffix} files; name the report "
                          f"{known}")
    if requested and requested != implied:
        raise OutputError(output, f"--format {requested} does not match the {suffix} "
                          f"extension; use a matching name ({known})")
    return implied


def run_sections(args: argparse.Namespace) -> int:
    from .ingest import read_filing
    from .segment import segment

    lines = ["level  number  title  [category]"]
    for section in segment(read_filing(args.file)):
        indent = "  " * max(0, section.level - 1)
        lines.append(f"{section.level:>5}  {section.number or '-':<6}  {indent}"
                     f"{section.title}  [{section.category}]")
    emit("\n".join(lines) + "\n")
    return EXIT_SAME


def run_watch(args: argparse.Namespace) -> int:
    import logging
    import signal
    import threading

    from .service.config import load_config, merge, watch_settings
    from .service.watch import Service

    flags = {
        "smtp-host": args.smtp_host, "smtp-port": args.smtp_port, "mail-from": args.mail_from,
        "mail-to": args.mail_to, "smtp-starttls": args.smtp_starttls, "smtp-ssl": args.smtp_ssl,
        "smtp-timeout": args.smtp_timeout,
    }
    options = merge(load_config(args.config) if args.config else {}, flags)
    settings = watch_settings(args.folder, options, args.config or "command line")
    logging.getLogger("kcdiff").setLevel(logging.INFO)  # one line per filing processed
    service = Service(settings)
    if args.once:
        return _report_once(service.run_once(), settings.mail.embedded)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    print(f"kcdiff: watching {settings.folder.resolve()}; e-mail to "
          f"{settings.mail.describe()}", file=sys.stderr)
    service.run(stop)
    return EXIT_SAME


def _report_once(result: RunResult, embedded: bool) -> int:
    """The summary line of ``watch --once``, and its exit status: 2 when a filing could
    not be recorded or an e-mail was refused or has an unknown outcome (a person must
    look), 1 when e-mails wait for a retry, else 0. ``embedded``: no SMTP host, so the
    messages went to the outbox folder, not to anyone."""
    from .service.files import safe_text

    rejected = f", {result.rejected} file(s) rejected" if result.rejected else ""
    delivered = "written to the outbox" if embedded else "sent"
    print(f"kcdiff: {result.filings} new filing(s), {result.reports} report(s), "
          f"{result.sent} e-mail(s) {delivered}, {result.queued} still queued{rejected}",
          file=sys.stderr)
    problems = [f"{safe_text(path)}: not recorded (see the log above); it is read again "
                "on the next run" for path in result.unrecorded]
    if result.failed or result.unknown:
        problems.append(f"{result.failed} e-mail(s) refused by the server, {result.unknown} "
                        "with an unknown outcome (not re-sent); see kcdiff history")
    for problem in problems:
        print(f"kcdiff: error: {problem}", file=sys.stderr)
    if problems:
        return EXIT_TROUBLE
    return EXIT_DIFFERENT if result.queued else EXIT_SAME


def run_history(args: argparse.Namespace) -> int:
    from .service.store import Store, default_db_path

    database = default_db_path(args.dir)
    if not database.is_file():
        raise KcdiffError(str(args.dir), "no watch history here; run kcdiff watch on it first")
    with Store(database) as store:
        keys = store.issuers()
        if args.issuer:
            key = store.find_issuer(args.issuer)
            if not key:
                raise KcdiffError(str(database), f"no issuer matches {args.issuer!r}; known: "
                                  f"{', '.join(keys) or 'none'}")
            keys = [key]
        for key in keys:
            _print_issuer(store, key)
        if not args.issuer:
            _print_rejected(store)
    return EXIT_SAME


def _print_issuer(store: Store, key: str) -> None:
    from pathlib import Path

    from .service.files import safe_text

    filings = store.issuer_filings(key)
    names = {filing.id: filing.name for filing in filings}
    issuer = next((filing.issuer for filing in filings if filing.issuer), "")
    print(f"{key}  {issuer}".rstrip())
    for filing in filings:
        print(f"  {filing.period_end or '?':10}  {filing.doc_type or '-':16}  "
              f"{safe_text(filing.name)}"
              f"  (published {filing.published or '?'}, first seen {filing.first_seen})")
    for report in store.reports_of(key):
        deliveries = store.deliveries_of_report(report.id)
        email = f"e-mail {report.email}" if report.email else "no e-mail"
        if report.email == "sent" and deliveries and all(
                Path(d.detail).parent.parts[-2:] == (".kcdiff", "outbox") for d in deliveries):
            email = "e-mail written to the outbox"  # no SMTP host: nobody was sent it
        print(f"  report {safe_text(names.get(report.old_filing, '?'))} -> "
              f"{safe_text(names.get(report.new_filing, '?'))}: "
              f"{report.summary.get('headline', '')}  [{email}]\n    {safe_text(report.path)}")
        for delivery in deliveries:
            print(f"    {delivery.status} by {safe_text(delivery.recipient)} {delivery.at}"
                  f"{': ' + safe_text(delivery.detail) if delivery.status != 'accepted' else ''}")


def _print_rejected(store: Store) -> None:
    from .service.files import safe_text

    for rejected in store.rejected():
        print(f"rejected  {safe_text(rejected.path)}: {safe_text(rejected.error)}"
              f"  (first seen {rejected.first_seen})")


def run_batch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .batch import missing_extra

    missing = missing_extra()
    if missing:
        raise KcdiffError("kcdiff batch", f"needs {', '.join(missing)}: pip install "
                          "'kcdiff[batch]'")
    if args.workers is not None and args.workers < 1:
        raise KcdiffError("--workers", "must be 1 or more")
    import logging

    import distributed  # noqa: F401  (configures its loggers on import; quieten them after)

    from .batch import BatchSettings
    from .batch import run_batch as batch

    # Dask's own log lines (workers starting and stopping) are not the user's business.
    logging.getLogger("distributed").setLevel(logging.ERROR)
    result = batch(BatchSettings(Path(args.archive), Path(args.output), args.scheduler,
                                 args.workers, args.force, args.connect_timeout))
    print(f"kcdiff: batch: {result.files} files ({result.unreadable} unreadable), "
          f"{result.pairs} pairs: {result.compared} compared, {result.skipped} already done, "
          f"{result.errors} error rows; written to {Path(args.output).resolve()}",
          file=sys.stderr)
    return EXIT_DIFFERENT if result.errors else EXIT_SAME


def write_atomically(path: Path, text: str) -> None:
    """Write the report through the one atomic writer; a failure leaves nothing behind."""
    from pathlib import Path

    from .service.files import write_atomic

    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(str(path), f"folder {directory} does not exist")
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise OutputError(str(path), f"cannot write the report ({exc.strerror or exc})") from exc


def _refuse_output_over_input(output: str | None, inputs: Sequence[str]) -> None:
    """``-o`` naming one of the inputs (by any path, a link included) would destroy it."""
    from pathlib import Path

    if not output:
        return
    for given in inputs:
        try:
            same = os.path.samefile(output, given)
        except OSError:  # one of them does not exist: the names may still match
            same = Path(output).resolve() == Path(given).resolve()
        if same:
            raise OutputError(output, f"is the input {given}; write the report elsewhere")
