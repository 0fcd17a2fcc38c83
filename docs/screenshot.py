#!/usr/bin/env python3
"""Take the README's screenshot of the published page of the bundled vault.

    python docs/screenshot.py [--vault vault] [--note "Boltzmann distribution"] [--out docs/images/publish.png]

Publishes the vault (claims checked) to a temporary directory, opens its index.html in
headless Chromium (the system's `chromium`, through Playwright), waits for
`window.vaultkitReady`, clicks the note so its panel opens with the note's mathematics
rendered as MathML, fits the whole map beside the panel, and saves a PNG of the
1400×900 window (about 320 KB; the script says so if it grows past 400 KB).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]  # fmt: skip
VIEWPORT = {"width": 1400, "height": 900}
LARGEST = 400_000  # bytes: a README image should stay small


def screenshot(vault: Path, note: str, out: Path) -> int:
    import vaultkit
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="vaultkit-screenshot-") as tmp:
        published = vaultkit.publish(vault, Path(tmp) / "site", verify=True, show_progress=False)
        page_path = Path(published.page)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)  # fmt: skip
            context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(page_path.resolve().as_uri())
            page.wait_for_function("window.vaultkitReady === true", timeout=30_000)
            index = page.evaluate("t => window.vaultkit.items.findIndex((item) => item.label === t)", note)
            if index < 0:
                sys.exit(f"error: no node titled {note!r} in the published page")
            # a real click on the node where it is drawn
            x, y = page.evaluate(
                "i => { const p = window.vaultkit.network.canvasToDOM(window.vaultkit.network.getPosition(i));"
                " const r = document.getElementById('graph').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }",
                index,
            )
            page.mouse.click(x, y)
            page.wait_for_selector(f"#panel[data-loaded='{index}']", timeout=10_000)
            page.mouse.move(5, VIEWPORT["height"] - 5)  # no hover tooltip in the picture
            # the panel narrowed the graph: show the whole map beside it, the clicked note still selected
            page.evaluate("() => window.vaultkit.network.fit({ animation: false })")
            page.wait_for_timeout(300)
            if page.locator("#panel-body math").count() == 0:
                sys.exit("error: the panel shows no MathML")
            if errors:
                sys.exit("error: the page reported errors: " + "; ".join(errors))
            png = page.screenshot(full_page=False)
            browser.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(png)
    print(f"wrote {out} ({len(png):,} bytes)")
    if len(png) > LARGEST:
        print(f"warning: larger than {LARGEST:,} bytes", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vault", type=Path, default=REPO / "vault")
    parser.add_argument("--note", default="Boltzmann distribution", help="the title of the note to click")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images" / "publish.png")
    args = parser.parse_args(argv)
    return screenshot(args.vault, args.note, args.out)


if __name__ == "__main__":
    sys.exit(main())
