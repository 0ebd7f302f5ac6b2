"""How the tests start Debian's Chromium: the binary and the launch flags, in one place."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def search_for(page, text: str, *, keys: bool = True):
    """Open the map's search box and type ``text`` into it, key by key (``keys``) or as one
    input event (text pasted, completed or set by a script); the result list's entries
    (a Playwright locator of ``.search-tip``)."""
    page.locator(".leaflet-control-search .search-button").click()
    box = page.locator(".leaflet-control-search input.search-input")
    if keys:
        box.press_sequentially(text)
    else:
        box.fill(text)
    return page.locator(".search-tip")
