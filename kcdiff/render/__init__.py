"""Report -> HTML report, e-mail digest, plain-text summary, JSON.

What is shown, in which order, is computed once in ``view.py``; templates only display.

Templates are Jinja2 with autoescape on for HTML: filing text is data, never markup. A
user template folder, when given, is searched before the built-in one, so a firm can
restyle the report without forking kcdiff.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..model import Report

if TYPE_CHECKING:  # jinja2 and the view are imported only for the formats that use them
    import jinja2

__all__ = ["load_renderer", "make_env", "render_html", "render_digest", "render_text",
           "render_json", "template_dir"]


def template_dir() -> Path:
    """The built-in templates: inside the installed package (a wheel), else the
    top-level ``templates/`` folder of a source checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "templates"
    if packaged.is_dir():
        return packaged
    return package.parent / "templates"


def load_renderer(fmt: str) -> None:
    """Import now what rendering a report in ``fmt`` ("html", "text", "json") imports on
    first use: ``kcdiff diff`` does it while it waits for its worker."""
    if fmt == "html":
        import jinja2  # noqa: F401
    if fmt in ("html", "text"):
        from . import view  # noqa: F401


def make_env(user_templates: str | Path | None = None) -> jinja2.Environment:
    import jinja2

    from .view import short, tail

    search = [str(user_templates)] if user_templates else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, str(template_dir())]),
        bytecode_cache=_bytecode_cache(),
        autoescape=jinja2.select_autoescape(["html", "htm", "xml"], default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        amount=format_amount,
        change=format_change,
        percent=format_percent,
        plural=plural,
        short=short,
        tail=tail,
        basename=lambda path: Path(path).name or path,
    )
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs: compiling them costs more than rendering a
    report. Jinja checks each template's source is unchanged before using its entry."""
    import jinja2

    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    folder = Path(base) / "kcdiff" / f"jinja-{__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def render_html(report: Report, min_change: float = 0.0, env: jinja2.Environment | None = None,
                ) -> str:
    """The self-contained HTML report (no scripts, no external assets)."""
    from .view import view_of

    env = env or make_env()
    view = view_of(report, min_change)
    return env.get_template("report.html").render(report=report, view=view,
                                                  min_change=min_change)


def render_digest(report: Report, env: jinja2.Environment | None = None) -> str:
    """The HTML body of the e-mail: headline counts, restatements, board, the largest
    figure moves and the change map, one line per section. Every style is inline (mail
    clients strip ``<style>``) and it stays far below the ~100 KB at which clients clip
    a message; the full report travels as the attachment."""
    from .view import view_of

    env = env or make_env()
    return env.get_template("digest.html").render(report=report, view=view_of(report))


def render_text(report: Report) -> str:
    """The plain-text summary (``text.py``); its view is loaded only when it is asked for."""
    from .text import render_text as summary

    return summary(report)


def render_json(report: Report) -> str:
    import json  # here: the HTML and text reports never need it

    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"


def format_amount(value: float | None) -> str:
    """As a filing prints it: thousands separators, negatives in parentheses."""
    if value is None:
        return "–"
    digits = f"{abs(value):,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{abs(value):,.0f}"
    return f"({digits})" if value < 0 else digits


def format_change(value: float | None) -> str:
    if value is None:
        return ""
    return ("+" if value > 0 else "") + format_amount(value).replace("(", "-").replace(")", "")


def format_percent(value: float | None, digits: int = 1) -> str:
    if value is None:
        return ""
    return f"{value:+.{digits}f}%"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"

