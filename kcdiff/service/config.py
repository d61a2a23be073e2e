"""Settings of the watch service, from flags or a TOML file (read with tomllib).

The file uses the flags' names as keys, so a setting reads the same in both places::

    smtp-host = "smtp.example.com"
    smtp-port = 587
    smtp-starttls = true
    mail-from = "kcdiff@example.com"
    mail-to = ["compliance@example.com"]
    settle = 1.0   # seconds a file must stay unchanged before it is read
    smtp-timeout = 30   # seconds to wait for an SMTP answer

Flags override the file. SMTP credentials are never in the file: they come from the
environment (``KCDIFF_SMTP_USER``, ``KCDIFF_SMTP_PASSWORD``).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from ..errors import ConfigError
from .mail import DEFAULT_SENDER, MailSettings
from .watch import WatchSettings

__all__ = ["load_config", "merge", "mail_settings", "watch_settings", "CONFIG_KEYS"]

CONFIG_KEYS = {
    "smtp-host", "smtp-port", "mail-from", "mail-to", "smtp-starttls", "smtp-ssl", "settle",
    "smtp-timeout",
}


def load_config(path: str | Path) -> dict[str, object]:
    """The watch settings from a TOML file, keys spelt like the flags (``smtp-host``,
    ``mail-to = ["a@example.com"]``, ``smtp-starttls = true``; ``_`` works for ``-``)."""
    path = Path(path)
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(str(path), f"cannot be read ({exc.strerror or exc})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"not valid TOML ({exc})") from exc
    config = {key.replace("_", "-"): value for key, value in document.items()}
    unknown = sorted(set(config) - CONFIG_KEYS)
    if unknown:
        raise ConfigError(
            str(path), f"unknown setting {unknown[0]!r}; known: {', '.join(sorted(CONFIG_KEYS))}"
        )
    return config


def mail_settings(options: dict[str, object], source: str = "command line") -> MailSettings:
    """Validated mail settings from flag-named options (``None`` values are unset)."""
    host = str(options.get("smtp-host") or "")
    recipients = options.get("mail-to") or ()
    if isinstance(recipients, str):
        recipients = (recipients,)
    if options.get("smtp-starttls") and options.get("smtp-ssl"):
        raise ConfigError(source, "choose one of --smtp-starttls and --smtp-ssl")
    if host and not recipients:
        raise ConfigError(source, f"SMTP host {host} given but no --mail-to recipient")
    try:
        port = int(options.get("smtp-port") or 0)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            source, f"SMTP port {options.get('smtp-port')!r} is not a number"
        ) from exc
    try:
        timeout = float(options.get("smtp-timeout") or MailSettings.timeout)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            source, f"SMTP timeout {options.get('smtp-timeout')!r} is not a number") from exc
    security = "ssl" if options.get("smtp-ssl") else (
        "starttls" if options.get("smtp-starttls") else "plain")
    return MailSettings(
        host=host,
        port=port,
        security=security,
        sender=str(options.get("mail-from") or DEFAULT_SENDER),
        recipients=tuple(str(address) for address in recipients),
        timeout=timeout,
    )


def merge(config: dict[str, object], flags: dict[str, object]) -> dict[str, object]:
    """The file's settings overridden by every flag actually given (not None, not False,
    not an empty list)."""
    given = {key: value for key, value in flags.items() if value not in (None, False, [], ())}
    if given.get("smtp-ssl"):
        config = {key: value for key, value in config.items() if key != "smtp-starttls"}
    if given.get("smtp-starttls"):
        config = {key: value for key, value in config.items() if key != "smtp-ssl"}
    return {**config, **given}


def watch_settings(
    folder: str | Path, options: dict[str, object], source: str = "command line"
) -> WatchSettings:
    """Settings for watching ``folder``; raises ``ConfigError`` naming ``source``."""
    # Absolute, so the paths recorded in the history read the same from anywhere.
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise ConfigError(str(folder), "no such folder to watch")
    try:
        settle = float(options.get("settle") or WatchSettings.settle)
    except (TypeError, ValueError) as exc:
        raise ConfigError(source, f"settle {options.get('settle')!r} is not a number") from exc
    return WatchSettings(folder=folder, mail=mail_settings(options, source), settle=settle)
