"""Messages in the user's language: English by default, Turkish with ``--lang tr`` or a Turkish locale.

Standard gettext: messages are marked with ``_()`` in the code, Babel extracts them into
``locale/booklet.pot`` and compiles ``locale/tr/LC_MESSAGES/booklet.mo``. Click's own words
("Usage:", "Options:", …) are translated through the same catalogue.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "booklet"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "tr")
_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def language_from_environment() -> str:
    """The first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set, reduced to en or tr."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "tr" if value.split(":")[0].lower().startswith("tr") else "en"
    return "en"


def setup(language: str | None = None) -> str:
    """Choose the language for everything printed from now on; returns the one chosen."""
    global _translation, _language
    _language = language if language in LANGUAGES else language_from_environment()
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)
    # click looks its words up with the stdlib's module-level gettext(): point it at our catalogue
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN if _language != "en" else "messages")
    if _language != "en":
        os.environ["LANGUAGE"] = _language  # the stdlib's gettext() chooses by environment
    elif os.environ.get("LANGUAGE", "").lower().startswith("tr"):
        del os.environ["LANGUAGE"]
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Marks a message for extraction where it is defined (a table); ``_()`` translates it at use."""
    return message


def current() -> str:
    return _language


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def decimal(value: float, digits: int | None = None) -> str:
    """A number for a message, in its language: ``2,5`` and ``12`` in Turkish, ``2.5`` in English.

    With ``digits``, exactly that many decimals (``3,0 mm``, ``0,80 saniye``); without, only
    the decimals the value has (up to six)."""
    from babel.numbers import format_decimal

    if digits is None:
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        digits = len(text.split(".")[1]) if "." in text else 0
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale="tr_TR" if _language == "tr" else "en_US")


def _click_words() -> None:  # pragma: no cover - never called
    """Click's own words, listed so that Babel extracts them into our catalogue."""
    N_("Usage:")
    N_("Options")
    N_("Commands")
    N_("Show this message and exit.")
    N_("Show the version and exit.")
    N_("%(prog)s, version %(version)s")
    N_("Error: {message}")
    N_("Try '{command} {option}' for help.")
    N_("No such command {name!r}.")
    N_("No such option {name!r}.")
    N_("Missing argument")
    N_("Missing option")
    N_("Missing parameter: {param_name}")
    N_("Missing command.")
    N_("Invalid value for {param_hint}: {message}")
    N_("Invalid value: {message}")
    N_("Option {name!r} does not take a value.")
    N_("default: {default}")
    N_("required")
    N_("{value} is not in the range {range}.")
    N_("{value!r} is not a valid {number_type}.")
    N_("{name} {filename!r} does not exist.")
    N_("{name} {filename!r} is a directory.")
    N_("{name} {filename!r} is a file.")
    N_("directory")
    N_("file")
    N_("path")
    N_("Aborted!")
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1)
    ngettext("No such option: {name}", "No such option: {name}", 1)
    ngettext("Did you mean {possibility}?", "(Possible options: {possibilities})", 1)
    ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1)
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1)
