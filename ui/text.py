"""Text in the chosen language: ``t(key, **values)`` and locale-formatted numbers."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from model import i18n
from model.problems import Problem
from ui import state


def t(key: str, **values: Any) -> str:
    """The message ``key`` in the session's language."""
    return i18n.translate(state.lang(), key, **values)


def bound() -> Callable[..., str]:
    """``t`` fixed to the current language, for ``format_func``s called after the run."""
    return partial(i18n.translate, state.lang())


def money(value: float | None, *, compact: bool = False) -> str:
    return i18n.format_money(value, state.lang(), state.dataset().currency, compact=compact)


def short_and_exact(value: float | None, *, of_hours: bool = False) -> tuple[str, str | None]:
    """For a metric card: millions shortened to fit, and the exact figure for its tooltip
    (``None`` when nothing was shortened)."""
    show = hours if of_hours else money
    short, exact = show(value, compact=True), show(value)
    return short, (exact if exact != short else None)


def number(value: float | None, decimals: int = 0) -> str:
    return i18n.format_number(value, state.lang(), decimals)


def percent(share: float | None, decimals: int = 0) -> str:
    return i18n.format_percent(share, state.lang(), decimals)


def hours(value: float | None, *, compact: bool = False) -> str:
    return i18n.format_hours(value, state.lang(), compact=compact)


def day(value: date | None, *, weekday: bool = False) -> str:
    return i18n.format_date(value, state.lang(), weekday=weekday)


def problem(p: Problem) -> str:
    return i18n.problem_message(state.lang(), p)


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$:~&=])")


def plain(text: object) -> str:
    """User text (a client or file name) made inert inside Streamlit markdown.

    ``:red[x]``, ``**x**`` or ``$\\href{...}{x}$`` then show literally instead of styling.
    """
    return _MARKDOWN.sub(r"\\\1", str(text)).replace("\n", " ")
