"""Regenerate screenshots/*.svg from the real app (the same screens the
snapshot tests cover). Run: python scripts/screenshots.py"""

from __future__ import annotations

import asyncio
from pathlib import Path

from tui.app import QuothApp
from tui.load import bundled_content, load_library
from tui.widgets.quotes import QuoteList

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile.toml"


async def choose_quote(pilot) -> None:
    await pilot.press("v")
    qlist = pilot.app.screen.query_one(QuoteList)
    qlist.highlighted = qlist.get_option_index("perfect-dealmaker")
    await pilot.press("enter")


SHOTS = [
    ("main-120x40", bundled_content(), (120, 40), []),
    ("main-80x24", bundled_content(), (80, 24), []),
    ("help", bundled_content(), (120, 40), ["question_mark"]),
    ("quote-selected", bundled_content(), (120, 40), choose_quote),
    ("entity-view", bundled_content(), (120, 40), ["tab", "e"]),
    ("hostile-text", HOSTILE, (120, 40), []),
    ("search", bundled_content(), (120, 40), ["slash", *"concessions"]),
]


async def shoot(name: str, path: Path, size: tuple[int, int], steps) -> None:
    app = QuothApp(load_library([path]))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if callable(steps):
            await steps(pilot)
        else:
            await pilot.press(*steps)
        await pilot.pause()
        app.save_screenshot(f"{name}.svg", str(OUT))
    print(OUT / f"{name}.svg")


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    for shot in SHOTS:
        await shoot(*shot)


if __name__ == "__main__":
    asyncio.run(main())
