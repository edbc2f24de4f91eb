"""Small browser helpers shared by the end-to-end tests."""

from __future__ import annotations

from pathlib import Path


def upload_files(page, *paths: Path) -> None:  # type: ignore[no-untyped-def]
    """Put files in the Data page's uploader (not the sidebar's workspace one)."""
    main = page.locator("[data-testid='stMainBlockContainer']")
    main.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        [str(p) for p in paths]
    )
