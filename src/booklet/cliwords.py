"""Click's own words in the user's language: usage lines, metavars and number options.

Click translates its messages through gettext (our catalogue, see ``i18n``), but some of
its words are not messages: ``[OPTIONS]`` and ``COMMAND [ARGS]...`` in the usage line,
the metavar of a text option (``TEXT``), the name of a number type (``FLOAT RANGE``,
``integer``) and the value it quotes back (``12.0 is not in the range …``). The command
and group classes here put those in the catalogue too, and :class:`Number` reads a
decimal comma (``--bleed 2,5``) as a Turkish editor types it.
"""

from __future__ import annotations

import sys

import click

from .i18n import _, decimal


def _localise_params(command: click.Command) -> None:
    for param in command.params:
        if param.metavar is None and isinstance(param, click.Option) and param.type is click.STRING:
            param.metavar = _("TEXT")


class Command(click.Command):
    """A command whose usage line and text metavars are translated."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", _("[OPTIONS]"))
        super().__init__(*args, **kwargs)
        _localise_params(self)


class Group(click.Group):
    """A group whose usage line is translated; its commands and subgroups are too."""

    command_class = Command
    group_class = type  # subgroups are of this class as well

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", _("[OPTIONS]"))
        kwargs.setdefault("subcommand_metavar", _("COMMAND [ARGS]..."))
        super().__init__(*args, **kwargs)
        _localise_params(self)

    def invoke(self, ctx: click.Context):
        """Ctrl-C outside a command's own handling (while it loads, or prints its result)
        is status 130 and one line, not click's "Aborted!" and status 1."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            if ctx.parent is not None:  # a subgroup: the top group says it once
                raise
            click.echo(_("interrupted"), err=True)
            sys.exit(130)


class Number(click.FloatRange):
    """A number option within limits: ``3``, ``2.5`` or ``2,5``; whole numbers only with ``whole``.

    The messages name the number in the user's language and quote the value as it was
    meant (``12``, not ``12.0``; ``2,5`` in Turkish)."""

    def __init__(self, low: float | None = None, high: float | None = None, whole: bool = False) -> None:
        super().__init__(low, high)
        self.whole = whole
        self.name = _("whole number") if whole else _("number")

    def convert(self, value, param, ctx):
        if isinstance(value, int | float) and not isinstance(value, bool):
            found = float(value)
        else:
            text = str(value).strip()
            if "," in text and "." not in text and text.count(",") == 1:
                text = text.replace(",", ".")  # the Turkish decimal comma
            try:
                found = float(text)
            except ValueError:
                self.fail(
                    _("{value!r} is not a valid {number_type}.").format(value=str(value), number_type=self.name),
                    param,
                    ctx,
                )
        if found != found or found in (float("inf"), float("-inf")):
            self.fail(
                _("{value!r} is not a valid {number_type}.").format(value=str(value), number_type=self.name), param, ctx
            )
        if self.whole and found != int(found):
            self.fail(
                _("{value!r} is not a valid {number_type}.").format(value=str(value), number_type=self.name), param, ctx
            )
        if (self.min is not None and found < self.min) or (self.max is not None and found > self.max):
            self.fail(
                _("{value} is not in the range {range}.").format(value=decimal(found), range=self._describe_range()),
                param,
                ctx,
            )
        return int(found) if self.whole else found
