"""100 % K text overprints: black type prints over the colour beneath instead of knocking it out.

A knocked-out black letter on a coloured box leaves a hairline of white paper when the
plates are a little out of register; an overprinting one cannot. The setting lives in the
graphics state (``/OP true /op true /OPM 1``) and is switched on just before black text is
shown and off again at the end of the text object, so 100 % K rules, boxes and white
knockouts keep printing as they always did.
"""

from __future__ import annotations

import pikepdf

ON, OFF = pikepdf.Name("/GSbkop"), pikepdf.Name("/GSbkko")
SHOW = {"Tj", "TJ", "'", '"'}
BLACK = (0.0, 0.0, 0.0, 1.0)


def _states(pdf: pikepdf.Pdf) -> tuple[pikepdf.Object, pikepdf.Object]:
    def state(flag: bool) -> pikepdf.Object:
        return pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, OP=flag, op=flag, OPM=1))

    return state(True), state(False)


def _rewrite(instructions: list) -> tuple[list, bool]:
    """The instructions with overprint switched on around 100 % K text; whether anything changed."""
    out: list = []
    black = False
    overprinting = False
    stack: list[bool] = []
    changed = False
    for instruction in instructions:
        op = str(instruction.operator)
        if op == "q":
            stack.append(black)
        elif op == "Q" and stack:
            black = stack.pop()
        elif op == "k":
            black = tuple(round(float(v), 4) for v in instruction.operands) == BLACK
        elif op in ("g", "rg", "cs", "sc", "scn"):
            black = False
        elif op in SHOW and black != overprinting:
            out.append(pikepdf.ContentStreamInstruction([ON if black else OFF], pikepdf.Operator("gs")))
            overprinting, changed = black, True
        out.append(instruction)
        if op == "ET" and overprinting:
            out.append(pikepdf.ContentStreamInstruction([OFF], pikepdf.Operator("gs")))
            overprinting = False
    return out, changed


def black_text_overprints(pdf: pikepdf.Pdf) -> int:
    """Rewrite every page so its 100 % K text overprints; returns the number of pages changed."""
    on, off = _states(pdf)
    changed_pages = 0
    for page in pdf.pages:
        instructions, changed = _rewrite(pikepdf.parse_content_stream(page))
        if not changed:
            continue
        changed_pages += 1
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
        resources = page.obj.get("/Resources")
        if resources is None:
            page.obj.Resources = resources = pikepdf.Dictionary()
        if "/ExtGState" not in resources:
            resources.ExtGState = pikepdf.Dictionary()
        resources.ExtGState[ON] = on
        resources.ExtGState[OFF] = off
    return changed_pages
