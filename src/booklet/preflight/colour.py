"""Rules on colour: CMYK or spot only, wherever a colour space is used, and spaces that agree with themselves."""

from __future__ import annotations

from ..i18n import _
from .colourspace import describe
from .document import Document
from .report import FAIL, OK, PreflightReport


def colour_spaces(doc: Document, report: PreflightReport) -> None:
    """No RGB or Lab anywhere: content, images, alternates, patterns, groups, masks, appearances, glyphs."""
    failing = 0
    seen: set[tuple[int, str, str]] = set()
    families: set[str] = set()
    for use in doc.scan.spaces.values():
        space = use.space
        families.add(space.family)
        if space.not_cmyk:
            key = (use.page, use.what, space.not_cmyk)
            if key in seen:
                continue
            seen.add(key)
            failing += 1
            report.add(
                FAIL,
                "colour",
                _("{what} in {space}: the press needs CMYK or spot colour").format(
                    what=use.what, space=describe(space)
                ),
                use.page,
            )
        elif space.problem:
            failing += 1
            report.add(FAIL, "colour", _("{what}: {problem}").format(what=use.what, problem=space.problem), use.page)
    families.discard("unknown")
    report.facts["colour_spaces"] = sorted(families)
    report.facts["spot_colours"] = sorted(
        {
            name
            for use in doc.scan.spaces.values()
            for name in use.space.colorants
            if use.space.family in ("Separation", "DeviceN")
            and name not in ("All", "None", "Cyan", "Magenta", "Yellow", "Black")
        }
    )
    if not failing:
        spaces = ", ".join(sorted(families)) or _("none")
        report.add(OK, "colour", _("no RGB anywhere (colour spaces used: {spaces})").format(spaces=spaces))
