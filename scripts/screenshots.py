"""Regenerate screenshots/*.svg from the real app (the same screens the
snapshot tests cover). Run: python scripts/screenshots.py"""

from __future__ import annotations

import asyncio
from pathlib import Path

from tui.app import QuothApp
from tui.core.library import bundled_content, load_library
from tui.widgets.quotes import QuoteList

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile.toml"
LIBRARY = ROOT / "tests" / "fixtures" / "library"
SEED = bundled_content() / "hegseth-nato-troops.toml"


async def choose_quote(pilot) -> None:
    await pilot.press("v")
    qlist = pilot.app.screen.query_one(QuoteList)
    qlist.highlighted = qlist.get_option_index("perfect-dealmaker")
    await pilot.press("enter")




async def library_loaded(pilot) -> None:
    from tui.screens.library import LibraryScreen

    for _ in range(200):
        await pilot.pause(0.05)
        if isinstance(pilot.app.screen, LibraryScreen) and pilot.app.library is not None:
            break


async def person_view(pilot) -> None:
    await library_loaded(pilot)
    pilot.app.screen.select("hegseth-nato-troops")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("tab", "p")


async def shoot(name: str, path: Path, size: tuple[int, int], steps) -> None:
    if path.is_dir():
        app = QuothApp(paths=[str(path)], use_cache=False)
    else:
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
    SHOTS = [
        ("main-120x40", SEED, (120, 40), []),
        ("main-80x24", SEED, (80, 24), []),
        ("help", SEED, (120, 40), ["question_mark"]),
        ("quote-selected", SEED, (120, 40), choose_quote),
        ("entity-view", SEED, (120, 40), ["tab", "e"]),
        ("hostile-text", HOSTILE, (120, 40), []),
        ("search", SEED, (120, 40), ["slash", *"concessions"]),
        ("library", LIBRARY, (120, 40), library_loaded),
        ("person-across-library", LIBRARY, (120, 40), person_view),
    ]
    OUT.mkdir(exist_ok=True)
    for shot in SHOTS:
        await shoot(*shot)


if __name__ == "__main__":
    asyncio.run(main())
